"""Open a page from disk in Debian's headless Chromium, as a reader would, and report what went wrong.

Run as a script to refresh the README's picture of the HTML report:

    python tests/browser.py docs/report.png
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parent.parent
SCREENSHOT_TODAY = "2026-12-05"


@dataclass
class PageVisit:
    """What happened while the page loaded."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    title: str = ""
    width: int = 0
    charts: int = 0


def chromium_missing() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    return None


def visit(
    page_file: Path, screenshot: Path | None = None, width: int = 1280, dark: bool = False, down_to: str = ""
) -> PageVisit:
    """Load ``page_file`` with every request routed: anything that is not the file itself is
    refused and recorded. Takes a screenshot ``width`` pixels wide when asked: the whole page, or
    from the top down to the end of the element ``down_to`` (a CSS selector)."""
    from playwright.sync_api import Request, Route, sync_playwright

    seen = PageVisit()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme="dark" if dark else "light"
            )
            page = context.new_page()

            address = page_file.resolve().as_uri()

            def route(found: Route, request: Request) -> None:
                if request.url == address:
                    found.continue_()
                else:
                    seen.outside_requests.append(request.url)
                    found.abort()

            page.route("**/*", route)
            page.on(
                "console", lambda message: seen.console_errors.append(message.text) if message.type == "error" else None
            )
            page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
            page.goto(address, wait_until="load")
            seen.title = page.title()
            seen.width = int(page.evaluate("document.documentElement.scrollWidth"))
            seen.charts = int(page.evaluate("document.querySelectorAll('svg[role=img] > title').length"))
            if screenshot is not None and down_to:
                box = page.locator(down_to).bounding_box()
                assert box is not None, f"{down_to} is not on the page"
                clip = {"x": 0, "y": 0, "width": width, "height": box["y"] + box["height"] + 24}
                page.screenshot(path=str(screenshot), clip=clip, full_page=True)
            elif screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return seen


def main(target: Path) -> None:
    """The README's screenshot: the example vault's report on a fixed day, 1280 pixels wide, from
    the top down to the referral chains."""
    with tempfile.TemporaryDirectory() as folder:
        vault = Path(folder) / "vault"
        shutil.copytree(REPO / "vault-example", vault)
        page = Path(folder) / "report.html"
        command = [sys.executable, "-m", "infoview", "--vault", str(vault), "report", "--format", "html"]
        subprocess.run([*command, "--today", SCREENSHOT_TODAY, "-o", str(page)], check=True)
        seen = visit(page, target, down_to="section#referrals")
    print(f"{target}: {seen.charts} charts, console errors {len(seen.console_errors)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "report.png")
