"""What ``ls`` found: a table for people, one JSON object a line for scripts. Pure."""

from __future__ import annotations

from collections.abc import Iterator

from infoview.core.filters import Listing
from infoview.views.formats import Output, Screen
from infoview.views.style import Styled
from infoview.views.table import render_table
from infoview.views.text import json_list_chunks, json_safe, note_json, plural, reading_order

HEADERS = ["name", "type", "date", "status", "detail"]


def listing_table(listing: Listing, screen: Screen) -> Output:
    """Folder by folder, names as people read them; a pipe gets whole rows (for grep), a terminal
    rows that fit, the name whole."""
    if not listing.notes:
        return Output("", "no notes match")
    rows = [
        [
            note.name,
            note.type or "-",
            (note.text("date") or "")[:16].replace("T", " "),
            note.text("status") or "",
            listing.detail(note),
        ]
        for note in sorted(listing.notes, key=lambda note: reading_order(note.path))
    ]
    return Output(render_table(HEADERS, rows, screen.row_width, screen.colours), plural(len(rows), "note"))


def listing_json(listing: Listing, _screen: Screen | None = None) -> Output:
    """One note a line, in pieces: a vault of 100,000 notes never sits in memory as text."""
    return Output(_pieces(listing))


def _pieces(listing: Listing) -> Iterator[Styled]:
    for piece in json_list_chunks([note_json(note) for note in listing.notes]):
        yield Styled(json_safe(piece))
