"""Turning results into text: JSON for scripts, prose that fits the terminal, and any text from a
note made safe to print (``printable``). Pure."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from infoview.core.model import Note

if TYPE_CHECKING:
    from infoview.views.formats import Screen

# Properties the contract gives as lists, even when a note writes one value (tags: person).
LIST_PROPERTIES = ("tags", "aliases")

# What a terminal acts on instead of showing: C0 and C1 control characters and DEL (escape
# sequences that set the title or colours), and the bidirectional marks, overrides and isolates
# that reorder what is shown. Text from notes and file names shows them escaped.
_UNSAFE_CHARS = [
    chr(code)
    for code in (
        *range(0x20),
        *range(0x7F, 0xA0),
        0x61C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
]


@functools.cache
def _unsafe_except(keep: str) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(char) for char in _UNSAFE_CHARS if char not in keep) + "]")


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` safe to print to a terminal: each control character shown as its escape
    (ESC as ``\\x1b``, a line break as ``\\n``, U+202E as ``\\u202e``). Characters in ``keep`` (the
    line breaks of text laid out over several lines) stay as they are."""
    unsafe = _unsafe_except(keep)
    return unsafe.sub(_escaped, text) if unsafe.search(text) else text


def all_printable(texts: Sequence[str]) -> bool:
    """Whether every one of ``texts`` prints as it is (one search over them all: the common case)."""
    return not _unsafe_except("").search("".join(texts))


def _json_escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(text: str) -> str:
    """JSON text (as ``json_chunks`` gives it) with the control characters JSON lets through raw
    (DEL, C1, bidirectional controls) written as ``\\uXXXX``, which reads back as the same value.
    JSON escapes the others itself, and its own line breaks only lay it out."""
    unsafe = _unsafe_except("\n")
    return unsafe.sub(_json_escaped, text) if unsafe.search(text) else text


def note_json(note: Note) -> dict[str, Any]:
    """A note as ``ls --format json`` shows it: its properties as written, tags and aliases as lists."""
    properties = note.properties  # a new dict each time: changing it changes no note
    for key in LIST_PROPERTIES:
        value = properties.get(key)
        if value is not None and type(value) is not list:
            properties[key] = [value]
    return {"path": note.path, "type": note.type, "name": note.name, "properties": properties}


def reading_order(name: str) -> tuple[str, str]:
    """A sort key that puts names as people read them: case and accents folded (``Émile`` beside
    ``emma``, ``Zoë`` after ``zeta``), then the exact text, so that the order is total."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in folded if not unicodedata.combining(char)), name


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 call``, ``2 calls``; ``many`` for words whose plural is not just an s."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def json_view(result: Any, _screen: Screen | None = None) -> str:
    """A result as JSON for scripts: what its ``as_json`` gives (for a list, each item's)."""
    data = [item.as_json() for item in result] if isinstance(result, list) else result.as_json()
    return to_json(data)


def to_json(data: Any, depth: int = 2) -> str:
    """Stable JSON: UTF-8 text as is, dates as ISO strings. The outer ``depth`` levels are indented
    (one list item or key per line); deeper values stay on their line, which keeps large outputs
    fast (the C encoder) and readable in a diff."""
    return json_safe("".join(json_chunks(data, depth)))


_ENCODE = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode


def json_list_chunks(items: list[Any], batch: int = 4096) -> Iterator[str]:
    """``json_chunks(items, depth=1)`` in batches of lines: one encoder for all the items, which
    makes a list of many notes several times faster to write (pass what is written through ``json_safe``)."""
    if not items:
        yield "[]"
        return
    for start in range(0, len(items), batch):
        lines = ",\n  ".join(_ENCODE(item) for item in items[start : start + batch])
        yield ("[\n  " if start == 0 else ",\n  ") + lines
    yield "\n]"


def json_chunks(data: Any, depth: int = 2, indent: str = "") -> Iterator[str]:
    """``to_json`` in pieces, so a large list can be written as it is produced (pass what is
    written through ``json_safe``)."""
    inner = indent + "  "
    if depth > 0 and isinstance(data, list) and data:
        yield "[\n"
        for position, item in enumerate(data):
            yield inner
            yield from json_chunks(item, depth - 1, inner)
            yield ",\n" if position < len(data) - 1 else "\n"
        yield indent + "]"
    elif depth > 0 and isinstance(data, dict) and data:
        yield "{\n"
        for position, (key, value) in enumerate(data.items()):
            yield f"{inner}{json.dumps(str(key), ensure_ascii=False)}: "
            yield from json_chunks(value, depth - 1, inner)
            yield ",\n" if position < len(data) - 1 else "\n"
        yield indent + "}"
    else:
        yield json.dumps(data, ensure_ascii=False, default=_json_default)


@functools.cache
def char_width(char: str) -> int:
    """Columns one character takes: two for wide East Asian ones, none for combining marks and joiners."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """Columns a string takes in a terminal."""
    if text.isascii():
        return len(text)
    return len(text) + sum(char_width(char) - 1 for char in text if not char.isascii())


def hanging(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Prose wrapped at spaces only (never inside a date, a path's words or a hyphenated word),
    the first line after ``first``, the others after ``rest``: a hanging indent. A word longer
    than a line keeps a line of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else f"{rest if lines else first}{word}"
        if current and display_width(candidate) > width:
            lines.append(current)
            current = f"{rest}{word}"
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def pack(parts: Sequence[str], width: int, first: str = "", rest: str = "  ", separator: str = " · ") -> list[str]:
    """Parts (a date, "goal: 1 call a week") kept whole, as many to a line as fit, joined by
    ``separator`` (a line that breaks ends with it); a part too long for a line of its own is
    wrapped at its spaces."""
    ending = separator.rstrip()
    lines: list[str] = []
    for position, part in enumerate(parts):
        room = width - (display_width(ending) if position < len(parts) - 1 else 0)
        if lines and display_width(lines[-1] + separator + part) <= room:
            lines[-1] += separator + part
            continue
        if lines:
            lines[-1] += ending
        lines += hanging(part, room, rest if lines else first, rest + "  ")
    return lines


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, an ellipsis showing the cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        size = char_width(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"
