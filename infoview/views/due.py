"""What is due, for the terminal: one item after another, each command on a line of its own so
that it is never broken and can be copied whole. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from infoview.core.analysis.due import DueItem
from infoview.views.style import PLAIN, Palette, Styled, join, lines
from infoview.views.text import hanging

# A command infoview suggests: its words, quoted or bare, up to a comma or a parenthesis.
COMMAND = re.compile(r"infoview(?: (?:'[^']*'|\"[^\"]*\"|[^\s'\"(),]+))+")
PROSE_INDENT = "  "
COMMAND_INDENT = "    "


def message_lines(message: str, width: int) -> list[str]:
    """A message as prose wrapped under a hanging indent, each command alone on its line (a command
    wider than the terminal stays whole: the terminal folds it, copying it gives it back in one piece)."""
    out: list[str] = []
    position = 0
    for match in COMMAND.finditer(message):
        prose = message[position : match.start()].strip().removeprefix(",").strip()
        out += hanging(prose, width, PROSE_INDENT, PROSE_INDENT)
        out.append(COMMAND_INDENT + match.group())
        position = match.end()
    out += hanging(message[position:].strip().removeprefix(",").strip(), width, PROSE_INDENT, PROSE_INDENT)
    return out


def due_text(items: Sequence[DueItem], today: date, width: int, palette: Palette = PLAIN) -> Styled:
    """Each item: when (overdue in red, today in yellow) and what, then what to do."""
    out: list[str] = []
    for item in items:
        if item.due < today:
            when = palette(f"overdue {item.due.isoformat()}", "overdue")
        elif item.due == today:
            when = palette(f"today {item.due.isoformat()}", "today")
        else:
            when = palette(item.due.isoformat(), "heading")
        out.append(join([when, "  ", palette(item.kind, "heading")]))
        out += message_lines(item.message, width)
    return lines(out)
