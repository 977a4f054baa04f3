"""Where a note's front matter ends and its body begins: the one splitter every reader and writer uses. Pure."""

from __future__ import annotations

import re

DELIMITER = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
BOM = "\ufeff"


def front_matter_end(text: str) -> int | None:
    """The offset just after the closing ``---`` line of front matter that opens on the first line;
    None when the text has no (closed) front matter. A byte-order mark before it is allowed."""
    skipped = len(BOM) if text.startswith(BOM) else 0
    if skipped:
        end = front_matter_end(text[skipped:])
        return None if end is None else end + skipped
    if not text.startswith("---") or DELIMITER.match(text) is None:
        return None
    first_newline = text.find("\n")
    if first_newline < 0:
        return None
    closing = DELIMITER.search(text, first_newline + 1)
    if closing is None:
        return None
    newline = text.find("\n", closing.end())
    return len(text) if newline < 0 else newline + 1


def body_of(text: str) -> str:
    """A note's text after its front matter (all of it when there is none)."""
    end = front_matter_end(text)
    return text if end is None else text[end:]
