"""infoview report --format html: one self-contained page, written safely, that a browser shows cleanly."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from browser import chromium_missing, visit
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]
TODAY = "2026-12-05"


def html_report(run: Run, vault: Path, *extra: str) -> Result:
    return run("--vault", str(vault), "report", "--format", "html", "--today", TODAY, *extra)


def test_the_page_holds_every_chart_with_a_text_alternative(run: Run, example_vault: Path) -> None:
    result = html_report(run, example_vault)
    assert result.exit_code == 0, result.output
    page = result.stdout
    for section in ("headline", "calendar", "months", "outreach", "breadth", "pitches", "referrals", "due"):
        assert f'<section id="{section}">' in page
    charts = re.findall(r'<svg id="(chart-[a-z0-9-]+)"[^>]*role="img" aria-labelledby="\1-title \1-desc"', page)
    assert charts[:4] == ["chart-calendar", "chart-months", "chart-funnel", "chart-breadth"]
    assert charts[4:] == [f"chart-referrals-{number}" for number in range(1, 6)]  # a drawing per chain
    assert '<title id="chart-referrals-1-title">Referral chain from Tobias Reinholt</title>' in page
    # The calendar covers every year of calls, not only the last twelve months.
    calendar = page.split('<svg id="chart-calendar"')[1].split("</svg>")[0]
    assert all(f">{year}</text>" in calendar for year in ("2023", "2024", "2025", "2026"))
    assert "<title>2023-01-17: 1 call</title>" in calendar
    # The goal follows its history: one call a month, then one a week (four or five a month).
    months = page.split('<svg id="chart-months"')[1].split("</svg>")[0]
    assert "2024-06: 0 done calls (goal 1)" in months and "2025-04: 3 done calls (goal 4)" in months
    assert 'class="goal"' in months


def test_the_funnel_counts_each_message_once(run: Run, example_vault: Path) -> None:
    json_report = run("--vault", str(example_vault), "report", "--format", "json", "--today", TODAY).stdout
    sent = int(re.search(r'"sent": (\d+)', json_report).group(1))  # type: ignore[union-attr]
    page = html_report(run, example_vault).stdout
    funnel = page.split('<svg id="chart-funnel"')[1].split("</svg>")[0]
    parts = [int(count) for count in re.findall(rf": (\d+) of {sent}</title>", funnel)]
    assert sum(parts) == sent and len(parts) >= 4


def test_the_page_needs_nothing_from_outside(run: Run, example_vault: Path) -> None:
    page = html_report(run, example_vault).stdout
    assert "<script" not in page and "url(" not in page and "@import" not in page
    assert not re.search(r'\s(src|href)="', page)
    # The SVG namespace is a name, never fetched; it is the only address on the page.
    assert set(re.findall(r"https?://[^\s\"']+", page)) == {"http://www.w3.org/2000/svg"}
    assert "@media (prefers-color-scheme: dark)" in page and "@media print" in page


def test_names_are_escaped(run: Run, vault: Path) -> None:
    write_note(vault, "People/Amp & <b>Co.md", "---\ntype: person\nsource: event\n---\n")
    write_note(vault, "People/Ed.md", '---\ntype: person\nreferred_by: "[[Amp & <b>Co]]"\n---\n')
    write_note(
        vault,
        "Interviews/2026-11-02 Ed.md",
        '---\ntype: interview\nperson: "[[Ed]]"\ndate: 2026-11-02\nstatus: done\n---\n',
    )
    page = html_report(run, vault).stdout
    assert "<b>Co" not in page and "Amp &amp; &lt;b&gt;Co" in page


def test_same_notes_same_bytes(run: Run, example_vault: Path) -> None:
    assert html_report(run, example_vault).stdout == html_report(run, example_vault).stdout


def test_written_safely(run: Run, example_vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    first = html_report(run, example_vault, "-o", str(target))
    assert first.exit_code == 0 and f"wrote {target}" in first.stderr and first.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = html_report(run, example_vault, "-o", str(target))  # its own earlier report: replaced
    assert again.exit_code == 0

    theirs = tmp_path / "notes.html"
    theirs.write_text("<p>my own page</p>", encoding="utf-8")
    refused = html_report(run, example_vault, "-o", str(theirs))
    assert refused.exit_code != 0 and "is not a report infoview wrote" in refused.stderr and "--force" in refused.stderr
    assert theirs.read_text(encoding="utf-8") == "<p>my own page</p>"
    assert html_report(run, example_vault, "-o", str(theirs), "--force").exit_code == 0
    assert theirs.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    note = example_vault / "Home.md"
    before = note.read_bytes()
    as_note = html_report(run, example_vault, "-o", str(note))
    assert as_note.exit_code != 0 and "is a note in the vault" in as_note.stderr and note.read_bytes() == before
    assert "Traceback" not in as_note.output

    missing = html_report(run, example_vault, "-o", str(tmp_path / "no" / "such" / "r.html"))
    assert missing.exit_code != 0 and "does not exist" in missing.stderr
    wrong = run("--vault", str(example_vault), "report", "-o", str(target))
    assert wrong.exit_code == 2 and "go with --format html" in wrong.stderr


def test_an_empty_vault_still_makes_a_page(run: Run, vault: Path) -> None:
    result = html_report(run, vault)
    assert result.exit_code == 0
    assert "No calls recorded yet." in result.stdout and "No referrals yet." in result.stdout


@pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
def test_chromium_shows_the_page_without_errors_or_requests(run: Run, example_vault: Path, tmp_path: Path) -> None:
    page_file = tmp_path / "report.html"
    assert html_report(run, example_vault, "-o", str(page_file)).exit_code == 0
    screenshot = tmp_path / "report.png"
    for dark in (False, True):
        seen = visit(page_file, screenshot, width=1280, dark=dark)
        assert seen.console_errors == [] and seen.page_errors == [] and seen.outside_requests == []
        assert seen.title.startswith("Informational interviews") and seen.charts == 9  # 4, and one per chain
        assert seen.width <= 1280  # nothing sticks out of the window: wide charts scroll in their own box
    width, height = int.from_bytes(screenshot.read_bytes()[16:20]), int.from_bytes(screenshot.read_bytes()[20:24])
    assert width == 1280 and height > 2000


@pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
def test_the_browser_check_notices_a_request_that_leaves_the_file(tmp_path: Path) -> None:
    page_file = tmp_path / "leaky.html"
    page_file.write_text(
        '<!DOCTYPE html><title>x</title><img src="https://cdn.invalid/logo.png" alt="">', encoding="utf-8"
    )
    seen = visit(page_file)
    assert seen.outside_requests == ["https://cdn.invalid/logo.png"]


def test_a_loop_of_introductions_is_drawn_and_marked(run: Run, vault: Path) -> None:
    for name, introduced_by in (("Ana", "Cid"), ("Ben", "Ana"), ("Cid", "Ben"), ("Dan", "Cid")):
        write_note(vault, f"People/{name}.md", f'---\ntype: person\nreferred_by: "[[{introduced_by}]]"\n---\n')
    tree = html_report(run, vault).stdout.split('<svg id="chart-referrals-1"')[1].split("</svg>")[0]
    assert all(f"<title>{name}: not contacted yet</title>" in tree for name in ("Ana", "Ben", "Cid", "Dan"))
    assert "↺ loop back to Ana" in tree and "1 loop marked" in tree


def test_a_large_network_keeps_the_page_readable(run: Run, vault: Path) -> None:
    for number in range(80):
        write_note(vault, f"People/Root {number:02d}.md", "---\ntype: person\nsource: event\n---\n")
        for child in ("a", "b"):
            link = f'referred_by: "[[Root {number:02d}]]"\n'
            write_note(vault, f"People/Child {number:02d}{child}.md", f"---\ntype: person\n{link}---\n")
    page = html_report(run, vault).stdout
    drawn = re.findall(r"<rect [^>]*class=\"node [a-z]+\"><title>([^:<]+):", page)
    assert len(drawn) == 150 and len(set(drawn)) == 150
    assert "Not drawn: 90 more people in 30 smaller chains." in page
    due = page.split('<section id="due">')[1].split("</section>")[0]
    assert due.count("<tr>") == 1 + 60 and "And 100 more: <code>infoview due</code> lists them all." in due
