"""What is due, for the terminal: one item after another, each command on a line of its own so
that it is never broken and can be copied whole. Pure."""

from __future__ import annotations

import re

from infoview.core.analysis.due import Agenda
from infoview.views.formats import Output, Screen
from infoview.views.style import join, lines
from infoview.views.text import hanging

# A command infoview suggests: its words, quoted or bare, up to a comma or a parenthesis.
COMMAND = re.compile(r"infoview(?: (?:'[^']*'|\"[^\"]*\"|[^\s'\"(),]+))+")
# A note's path: folders, then a file name that may hold spaces, up to ".md".
PATH = re.compile(r"[^\s/'\"]+/[^:\n'\"]*?\.md\b")
# Stands for a space inside a path while prose is wrapped (never a space, so never a break).
JOINER = "\ue000"
PROSE_INDENT = "  "
COMMAND_INDENT = "    "


def _prose(text: str, width: int) -> list[str]:
    """Prose wrapped under the hanging indent, a path in it never broken across lines."""
    held = PATH.sub(lambda match: match.group().replace(" ", JOINER), text.strip().removeprefix(",").strip())
    return [line.replace(JOINER, " ") for line in hanging(held, width, PROSE_INDENT, PROSE_INDENT)]


def message_lines(message: str, width: int) -> list[str]:
    """A message as prose wrapped under a hanging indent, each command alone on its line (a command
    wider than the terminal stays whole: the terminal folds it, copying it gives it back in one piece)."""
    out: list[str] = []
    position = 0
    for match in COMMAND.finditer(message):
        out += _prose(message[position : match.start()], width)
        out.append(COMMAND_INDENT + match.group())
        position = match.end()
    out += _prose(message[position:], width)
    return out


NOTHING_DUE = "nothing due: a good day to find someone new to talk to"


def due_text(agenda: Agenda, screen: Screen) -> Output:
    """Each item: when (overdue in red, today in yellow) and what, then what to do."""
    if not agenda.items:
        return Output("", NOTHING_DUE)
    today, width, palette = agenda.today, screen.width, screen.colours
    out: list[str] = []
    for item in agenda.items:
        if item.due < today:
            when = palette(f"overdue {item.due.isoformat()}", "overdue")
        elif item.due == today:
            when = palette(f"today {item.due.isoformat()}", "today")
        else:
            when = palette(item.due.isoformat(), "heading")
        out.append(join([when, "  ", palette(item.kind, "heading")]))
        out += message_lines(item.message, width)
    return Output(lines(out))
