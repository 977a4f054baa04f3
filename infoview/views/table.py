"""Tables that fit the terminal: aligned columns, the name column kept whole, headers in bold. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from infoview.views.style import PLAIN, Palette, Styled, safe
from infoview.views.text import all_printable, clip, display_width

GAP = 2
SHORT = 16


def _pad(text: str, width: int, right: bool = False) -> str:
    room = " " * (width - display_width(text))
    return room + text if right else text + room


def fit_columns(natural: list[int], floors: list[int], width: int, keep: int = 0) -> list[int]:
    """Column widths that fit ``width``: every column but ``keep`` (the name) gives way first, the
    widest first, down to its floor; then columns are dropped from the right (width 0); the
    ``keep`` column shrinks only when it alone is too wide."""
    widths = list(natural)

    def total() -> int:
        shown = [w for w in widths if w]
        return sum(shown) + GAP * (len(shown) - 1)

    while total() > width:
        shrinkable = [i for i, w in enumerate(widths) if i != keep and w > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    for column in range(len(widths) - 1, -1, -1):
        if total() <= width:
            break
        if column != keep:
            widths[column] = 0
    if total() > width:
        widths[keep] = max(width - (total() - widths[keep]), 1)
    return widths


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int = 80,
    palette: Palette = PLAIN,
    keep: int = 0,
) -> Styled:
    """Rows under headers in aligned columns no wider than ``width``. Column ``keep`` (the name)
    keeps its room; the others are clipped with an ellipsis, then left out from the right when
    even that does not fit. Numbers are right-aligned; cells are escaped for the terminal."""
    if not rows:
        return Styled("")
    cells = [[" ".join(str(cell).split()) for cell in row] for row in rows]
    if not all_printable([cell for row in cells for cell in row]):  # rare: escape cell by cell
        cells = [[safe(cell) for cell in row] for row in cells]
    natural = [max([display_width(h)] + [display_width(row[i]) for row in cells]) for i, h in enumerate(headers)]
    # A short column (a type, a date with its time) is shown whole or not at all: clipped it says nothing.
    floors = [w if w <= SHORT else max(display_width(h), 10) for w, h in zip(natural, headers, strict=True)]
    widths = fit_columns(natural, floors, width, keep)
    numeric = [all(row[i].replace(".", "", 1).isdigit() or not row[i] for row in cells) for i in range(len(headers))]
    shown = [i for i, w in enumerate(widths) if w]

    def line(texts: Sequence[str]) -> str:
        return (" " * GAP).join(_pad(clip(texts[i], widths[i]), widths[i], numeric[i]) for i in shown).rstrip()

    # Every cell is printable now, so the lines are joined as they are.
    return Styled("\n".join([palette(line([h.upper() for h in headers]), "header"), *(line(row) for row in cells)]))
