"""Small builders for inline SVG charts: every chart has a title and a description that screen
readers announce, and colours come from CSS classes so the page can switch them (dark mode, print).
Pure: values in, markup out."""

from __future__ import annotations

from html import escape


def attr(value: object) -> str:
    """A value made safe inside a double-quoted attribute."""
    return escape(str(value), quote=True)


def number(value: float) -> str:
    """Coordinates with at most one decimal, so the same data gives the same bytes everywhere."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def chart(chart_id: str, width: float, height: float, title: str, description: str, body: list[str]) -> str:
    """An accessible SVG: ``role="img"`` labelled by its own <title> and <desc>; its id is
    ``chart-`` and ``chart_id``."""
    chart_id = f"chart-{chart_id}"
    return "\n".join(
        [
            f'<svg id="{attr(chart_id)}" class="chart" viewBox="0 0 {number(width)} {number(height)}" '
            f'width="{number(width)}" height="{number(height)}" role="img" '
            f'aria-labelledby="{attr(chart_id)}-title {attr(chart_id)}-desc" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{attr(chart_id)}-title">{escape(title)}</title>',
            f'<desc id="{attr(chart_id)}-desc">{escape(description)}</desc>',
            *body,
            "</svg>",
        ]
    )


def rect(x: float, y: float, width: float, height: float, css: str, tip: str = "", rounded: float = 0) -> str:
    """A rectangle; ``tip`` becomes its <title> (a tooltip, and what a screen reader reads)."""
    corner = f' rx="{number(rounded)}"' if rounded else ""
    shape = (
        f'<rect x="{number(x)}" y="{number(y)}" width="{number(max(width, 0))}" '
        f'height="{number(max(height, 0))}"{corner} class="{attr(css)}"'
    )
    return f"{shape}><title>{escape(tip)}</title></rect>" if tip else f"{shape}/>"


def text(x: float, y: float, words: str, css: str = "label", anchor: str = "start") -> str:
    return f'<text x="{number(x)}" y="{number(y)}" class="{attr(css)}" text-anchor="{anchor}">{escape(words)}</text>'


def line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    return f'<line x1="{number(x1)}" y1="{number(y1)}" x2="{number(x2)}" y2="{number(y2)}" class="{attr(css)}"/>'


def path(points: list[tuple[float, float]], css: str, tip: str = "") -> str:
    """A polyline through ``points`` (M then L commands)."""
    commands = " ".join(
        f"{'M' if position == 0 else 'L'}{number(x)},{number(y)}" for position, (x, y) in enumerate(points)
    )
    shape = f'<path d="{commands}" class="{attr(css)}"'
    return f"{shape}><title>{escape(tip)}</title></path>" if tip else f"{shape}/>"


def shorten(words: str, limit: int) -> str:
    """Text cut to ``limit`` characters with an ellipsis, for labels in a fixed-width box."""
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
