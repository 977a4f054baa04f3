"""Reading the flat front matter that Obsidian writes, by hand and fast.

``read_flat`` handles ``key: value`` lines, simple lists and comments; anything else is left to
the strict YAML loader (``infoview.core.frontmatter.read_yaml``), which gives the same result for what both
read. Both follow YAML 1.2 as Obsidian does: only ``true`` and ``false`` are booleans, numbers
count only when written canonically (``01234`` and ``+49 176`` stay text), and dates stay text so
the caller can type them with a line number.
"""

from __future__ import annotations

import re
from typing import Any


class FrontMatterError(ValueError):
    """Raised when front matter cannot be read; ``line`` is 0-based within the front matter."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class DuplicateKeyError(FrontMatterError):
    """Raised for a property written twice; ``first_line`` (0-based) is where it first stands."""

    def __init__(self, line: int, key: str, first_line: int) -> None:
        super().__init__(line, f"duplicate property {key!r}")
        self.key = key
        self.first_line = first_line


NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
BOOL_WORDS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
# No trailing zero in the fraction, so the number reads back exactly as written (``1.10`` stays text).
FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]*[1-9]\Z")


# --- the fast path -------------------------------------------------------------------------

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*):(?:[ \t]+(.*))?\Z")
_ITEM_LINE = re.compile(r"( *)-(?: +(.*))?\Z")
_PLAIN_START_BAD = frozenset("-?:,[]{}#&*!|>'\"%@`\t ")
_NUMBER_START = frozenset("-0123456789")
_DOUBLE_SIMPLE = re.compile(r'"([^"\\]*)"[ \t]*(?:#.*)?\Z')
_SINGLE_SIMPLE = re.compile(r"'([^']*)'[ \t]*(?:#.*)?\Z")
_FLOW_ITEM = re.compile(r'[ \t]*(?:"([^"\\]*)"|([^,\[\]{}#:]*))[ \t]*(,|\Z)')


class _NotFlat(Exception):
    """The fast reader met YAML it does not handle; the strict loader decides."""


def _plain(text: str) -> Any:
    """An unquoted scalar on one line, with any trailing comment removed."""
    if " #" in text:
        text = text.split(" #", 1)[0].rstrip(" \t")
    if ": " in text or text[-1:] == ":" or "\t" in text:
        raise _NotFlat
    if text in NULL_WORDS:
        return None
    if text in BOOL_WORDS:
        return BOOL_WORDS[text]
    if text[0] in _NUMBER_START:
        if INT_RE.match(text):
            return int(text)
        if FLOAT_RE.match(text):
            return float(text)
    return text


def _flow_list(text: str) -> list[Any]:
    """A one-line flow list of simple items: ``[]``, ``[a, b]``, ``["x", y]``."""
    if text[-1] != "]":
        raise _NotFlat
    inner = text[1:-1]
    if not inner.strip(" \t"):
        return []
    items: list[Any] = []
    position, end = 0, len(inner)
    while position < end:
        match = _FLOW_ITEM.match(inner, position)
        if match is None or match.end() == position:
            raise _NotFlat
        quoted, plain = match.group(1), match.group(2)
        if quoted is not None:
            items.append(quoted)
        else:
            plain = plain.strip(" \t")
            if not plain or plain[0] in _PLAIN_START_BAD:
                raise _NotFlat
            items.append(_plain(plain))
        position = match.end()
        if match.group(3) == "," and position == end:
            raise _NotFlat
    return items


def _flat_scalar(text: str) -> Any:
    first = text[0]
    if first not in _PLAIN_START_BAD:
        return _plain(text)
    if first == '"':
        match = _DOUBLE_SIMPLE.match(text)
        if match is None:
            raise _NotFlat
        return match.group(1)
    if first == "'":
        match = _SINGLE_SIMPLE.match(text)
        if match is None:
            raise _NotFlat
        return match.group(1)
    if first == "[" and not text.startswith("[["):
        return _flow_list(text)
    if first == "#":  # the whole value is a comment
        return None
    raise _NotFlat


FlatResult = tuple[dict[str, Any], dict[str, int], dict[str, list[int]]]


def read_flat(lines: list[str], base: int = 0) -> FlatResult | None:
    """Read flat front matter by hand; None when it needs the YAML loader.

    Returns the properties, the line of each key and of each item of a block list (counting the
    first line as ``base``). Raises DuplicateKeyError for a key written twice, which is an error
    whichever reader meets it.
    """
    # long by design: the hot reader loop runs once per line of every note on a first read; one
    # function with local names is measurably faster than helpers called per line.
    properties: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    duplicate: DuplicateKeyError | None = None  # raised once the whole block is known to be flat
    count = len(lines)
    index = 0
    try:
        while index < count:
            line = lines[index]
            if not line or line[0] == "#" or line.isspace():
                index += 1
                continue
            key, colon, rest = line.partition(":")
            if not colon or not key.isidentifier() or not key.isascii():
                match = _KEY_LINE.match(line)
                if match is None:
                    return None
                key, rest = match.group(1), " " + (match.group(2) or "")
            if key in key_lines:
                duplicate = duplicate or DuplicateKeyError(index + base, key, key_lines[key])
            else:
                key_lines[key] = index + base
            index += 1
            value = rest.strip(" \t")
            if value:
                if rest[0] not in " \t":
                    return None
                if value[0] != "#":
                    scalar = properties[key] = _flat_scalar(value)
                    if type(scalar) is list and scalar:
                        item_lines[key] = [index - 1 + base] * len(scalar)
                    continue
            items: list[Any] = []
            lines_of_items: list[int] = []
            indent: str | None = None
            while index < count:
                line = lines[index]
                if not line or line[0] == "#" or line.isspace():
                    index += 1
                    continue
                if line[0] not in " -":
                    break
                item = _ITEM_LINE.match(line)
                if item is None or (indent is not None and item.group(1) != indent):
                    return None
                indent = item.group(1)
                text = (item.group(2) or "").strip(" \t")
                items.append(_flat_scalar(text) if text else None)
                lines_of_items.append(index + base)
                index += 1
            properties[key] = items if indent is not None else None
            if lines_of_items:
                item_lines[key] = lines_of_items
    except _NotFlat:
        return None
    if duplicate is not None:
        raise duplicate
    return properties, key_lines, item_lines
