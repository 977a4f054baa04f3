"""One file's bytes in, a Note and its problems out. Pure: no disk, no clock."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from infoview.core.frontmatter.read_flat import DuplicateKeyError, FrontMatterError, read_flat
from infoview.core.links import link_target, links_in
from infoview.core.model import (
    CALENDAR_YEARS,
    MAX_CALL_MINUTES,
    Link,
    Note,
    Problem,
    Severity,
    parse_date,
    written_keys,
)
from infoview.core.schema import (
    ALLOWED_VALUES,
    DATE_FIELDS,
    DEFAULT_NAMES,
    LINK_FIELDS,
    NOTE_TYPES,
    PARTICIPANT,
    REQUIRED_FIELDS,
    SINGLE_LINK_FIELDS,
    PropertyNames,
)

MAX_NOTE_BYTES = 5 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 64 * 1024

_DELIMITER = re.compile(r"^---[ \t]*$", re.MULTILINE)
# Characters YAML refuses (tabs and line breaks aside): the fast reader must refuse them too.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
_CONFLICT_START = re.compile(r"^<<<<<<<(?: |$)", re.MULTILINE)
_CONFLICT_END = re.compile(r"^>>>>>>>(?: |$)", re.MULTILINE)


def note_kind(
    path: str, properties: Mapping[str, Any] | None, folder_kinds: Mapping[str, str], type_key: str = "type"
) -> str | None:
    """A note's kind: its ``type`` property (written ``type_key``), else the kind of the nearest
    configured folder it sits in."""
    declared = properties.get(type_key) if properties else None
    if isinstance(declared, str) and declared.strip():
        return declared.strip().casefold()
    for folder in reversed(path.split("/")[:-1]):
        kind = folder_kinds.get(folder.casefold())
        if kind is not None:
            return kind
    return None


def _line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _Reader:
    """Collects problems for one file while it is read."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, severity: Severity, message: str) -> None:
        self.problems.append(Problem(self.path, line, severity, message))

    def skip(self, line: int, message: str) -> tuple[None, list[Problem]]:
        self.add(line, "error", f"{message}; the note is left out until this is fixed")
        return None, self.problems


def decode(data: bytes) -> tuple[str | None, int, str]:
    """Decode a note's bytes as UTF-8 (a BOM allowed); on failure, the line and a message."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        return data.decode("utf-8"), 0, ""
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return (
            None,
            line,
            (f"not UTF-8 text (byte 0x{data[error.start]:02x}); re-save the file as UTF-8 in your editor"),
        )


# Byte order marks of the encodings whose text is full of NUL bytes; UTF-32 first, as its
# little-endian mark starts with UTF-16's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """The encoding a UTF-16 or UTF-32 byte order mark names, or None."""
    return next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)


def parse_note(
    path: str, data: bytes, folder_kinds: Mapping[str, str], names: PropertyNames = DEFAULT_NAMES
) -> tuple[Note | None, list[Problem]]:
    """Read one note. Returns the Note (None when it must be left out) and every problem found.
    ``names`` says which of the note's keys stand for infoview's properties (``Company``: company)."""
    reader = _Reader(path)
    if len(data) > MAX_NOTE_BYTES:
        return reader.skip(1, f"file is larger than {MAX_NOTE_BYTES // 2**20} MiB")
    wide = _wide_encoding(data)
    if wide is not None:
        return reader.skip(1, f"saved as {wide}; save it as UTF-8 in your editor")
    if b"\0" in data:
        return reader.skip(data.count(b"\n", 0, data.index(b"\0")) + 1, "file contains NUL bytes, it is not text")
    text, bad_line, message = decode(data)
    if text is None:
        return reader.skip(bad_line, message)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")

    front, body_start = _split(text, reader)
    if front is _CONFLICT:
        return None, reader.problems
    properties: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    if front is not None:
        if len(front) > MAX_FRONT_MATTER_CHARS:
            return reader.skip(1, f"front matter is larger than {MAX_FRONT_MATTER_CHARS // 1024} KiB")
        loaded = _load_front_matter(front, reader)
        if loaded is None:
            return None, reader.problems
        properties, key_lines, item_lines = loaded
    else:
        item_lines = {}
    dated = _type_dates(properties, key_lines, reader)
    written = written_keys(tuple(properties), names)
    kind = note_kind(path, properties, folder_kinds, written.get("type", "type"))
    links: list[Link] = []
    if kind in NOTE_TYPES:
        fields = _Fields(properties, written, key_lines, item_lines, dated)
        # A meeting note kept before infoview (no `type`, no `person`) is about the one person its
        # body links to; a note that declares itself an interview must name its person.
        if kind == "interview" and "type" not in written and fields.get("person") in (None, "", []):
            links = [*_property_links(properties, key_lines), *_body_links(text, body_start)]
        links.extend(_check_fields(kind, fields, reader, has_participants=bool(links)))
        _warn_near_misses(properties, key_lines, names, reader)
    note = Note(
        path=path,
        type=kind if kind in NOTE_TYPES else None,
        properties=properties,
        links=tuple(links),
        names=names,
        body_tags=body_tags(text[body_start:]) if "#" in text[body_start:] else (),
    )
    return note, reader.problems


def _warn_near_misses(
    properties: Mapping[str, Any], key_lines: dict[str, int], names: PropertyNames, reader: _Reader
) -> None:
    """A key one slip away from a property infoview knows (``compnay``) is probably that property."""
    for key in properties:
        meant = names.near_miss(key)
        if meant is not None:
            reader.add(
                key_lines.get(key, 1),
                "warning",
                f"{key}: not a property infoview knows; did you mean {meant}? (rename it, or map it in "
                f".infoview/config.toml under [properties], like {meant} = [{json.dumps(key)}])",
            )


_CONFLICT = "<conflict>"
_CONFLICT_HINT = "resolve it and delete the <<<<<<<, ======= and >>>>>>> lines"


def _split(text: str, reader: _Reader) -> tuple[str | None, int]:
    """The front-matter text (None when there is none) and the offset where the body starts."""
    close_end = 0
    front: str | None = None
    if text.startswith("---") and _DELIMITER.match(text):
        first_newline = text.find("\n")
        closing = _DELIMITER.search(text, first_newline + 1) if first_newline >= 0 else None
        if closing is None:
            start = _CONFLICT_START.search(text)
            if start is not None:
                reader.skip(_line_of_offset(text, start.start()), f"unresolved merge conflict; {_CONFLICT_HINT}")
            else:
                reader.skip(1, "front matter is never closed; add a line with --- after the last property")
            return _CONFLICT, 0
        front = text[first_newline + 1 : closing.start()]
        close_end = closing.end()
    elif text.startswith("----"):
        reader.add(1, "warning", "front matter opens with exactly three dashes (---); this block is read as body")
    elif text.lstrip(" \t\n").startswith("---"):
        reader.add(
            _line_of_offset(text, text.index("---")),
            "warning",
            "front matter must start on the first line; this --- block is read as body "
            "(remove the blank lines above it)",
        )
    elif text.startswith("+++"):
        reader.add(1, "warning", "TOML front matter (+++) is not read; Obsidian reads YAML between --- lines")
    if "<<<<<<<" in text:
        return _conflict(text, close_end, reader, front)
    return front, close_end


def _conflict(text: str, close_end: int, reader: _Reader, front: str | None = None) -> tuple[Any, int]:
    start = _CONFLICT_START.search(text)
    if start is None or _CONFLICT_END.search(text, start.end()) is None:
        return front, close_end
    line = _line_of_offset(text, start.start())
    if start.start() < close_end or text[: start.start()].strip() == "":
        reader.skip(line, f"unresolved merge conflict; {_CONFLICT_HINT}")
        return _CONFLICT, 0
    reader.add(line, "warning", f"unresolved merge conflict in the body; {_CONFLICT_HINT}")
    return front, close_end


def _load_front_matter(
    front: str, reader: _Reader
) -> tuple[dict[str, Any], dict[str, int], dict[str, list[int]]] | None:
    """Properties, each key's file line and each list item's file line; None when the note is left out."""
    control = _CONTROL.search(front)
    if control is not None:
        reader.skip(
            front.count("\n", 0, control.start()) + 2,
            f"control character U+{ord(control.group()):04X} in the front matter; delete it",
        )
        return None
    lines = front.split("\n")
    try:
        flat = read_flat(lines, base=2)  # the front matter's first line is the file's second
    except DuplicateKeyError as error:
        reader.skip(
            error.line, f"property {error.key!r} is written twice (first on line {error.first_line}); keep one of them"
        )
        return None
    if flat is not None:
        return flat
    from infoview.core.frontmatter.read_yaml import FrontMatterHandler  # only for front matter beyond flat properties

    try:
        loaded, items = FrontMatterHandler().load_with_lines(front)
    except DuplicateKeyError as error:
        reader.skip(
            error.line + 2,
            f"property {error.key!r} is written twice (first on line {error.first_line + 2}); keep one of them",
        )
        return None
    except FrontMatterError as error:
        reader.skip(error.line + 2, error.message)
        return None
    if loaded is None:
        return {}, {}, {}
    if not isinstance(loaded, dict):
        shape = "a list" if isinstance(loaded, list) else "a single value"
        reader.skip(2, f"front matter is {shape}; it must be key: value lines")
        return None
    key_lines = _key_lines(lines)
    for key in loaded:
        if not key.isascii() and any(char.isspace() for char in key):
            reader.add(key_lines.get(key, 1), "warning", f"property name {key!r} holds an invisible space; retype it")
    return loaded, key_lines, {key: [line + 2 for line in item_lines] for key, item_lines in items.items()}


def _key_lines(lines: list[str]) -> dict[str, int]:
    """The file line of each top-level key, for front matter the YAML loader read."""
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 2):
        if line and line[0] not in " \t#-" and ":" in line:
            found.setdefault(line.split(":", 1)[0].strip(" \t").strip("\"'"), number)
    return found


def _type_dates(properties: dict[str, Any], key_lines: dict[str, int], reader: _Reader) -> set[str]:
    """Check date-shaped text, whatever the key, as Obsidian types it: warn about impossible dates
    and write date-times in ISO form (``2024-03-05 14:00`` becomes ``2024-03-05T14:00:00``).
    Returns the keys whose value is date-shaped (real date or not)."""
    dated = set()
    for key, value in properties.items():
        kind = type(value)
        if kind is str:
            if len(value) >= 10 and value[4] == "-":
                typed = parse_date(value)
                if typed is not None:
                    properties[key] = _checked_date(key, value, typed, key_lines, reader)
                    dated.add(key)
        elif kind is list:
            for position, item in enumerate(value):
                if type(item) is str and len(item) >= 10 and item[4] == "-":
                    typed = parse_date(item)
                    if typed is not None:
                        value[position] = _checked_date(key, item, typed, key_lines, reader)
    return dated


def _checked_date(
    key: str, value: str, typed: date | datetime | Literal[False], key_lines: dict[str, int], reader: _Reader
) -> str:
    if typed is False:
        reader.add(key_lines.get(key, 1), "warning", f"{key}: {value} is not a real date; it is ignored until fixed")
    elif typed.year not in CALENDAR_YEARS:
        reader.add(
            key_lines.get(key, 1),
            "warning",
            f"{key}: {value} is too far from today to count (write a year from {CALENDAR_YEARS[0]} "
            f"to {CALENDAR_YEARS[-1]}); it is ignored until fixed",
        )
    elif isinstance(typed, datetime):
        return typed.isoformat()
    return value


class _Fields:
    """One note's properties, looked up by infoview's names whatever the note calls them."""

    def __init__(
        self,
        properties: dict[str, Any],
        written: dict[str, str],
        key_lines: dict[str, int],
        item_lines: dict[str, list[int]],
        dated: set[str],
    ) -> None:
        self.properties, self.written, self.key_lines = properties, written, key_lines
        self.item_lines, self.dated = item_lines, dated

    def key(self, field: str) -> str:
        """The key as the note writes it (infoview's own name when the note lacks the property)."""
        return self.written.get(field, field)

    def get(self, field: str) -> Any:
        return self.properties.get(self.key(field))

    def line(self, field: str) -> int:
        return self.key_lines.get(self.key(field), 1)


# A tag as Obsidian reads one in the body: # after a space or at a line's start, then letters,
# digits, _, - and / (not only digits: #1 is no tag). A # inside a word, link or URL is none.
# The pattern starts with the literal # (the look-behind follows it) so that re skips to each #
# instead of trying every position: 40 times faster on prose.
_BODY_TAG = re.compile(r"#(?<!\S#)([^\W\d_][\w/-]*|[\w/-]*[^\W\d][\w/-]*)")
_CODE = re.compile(r"^(```|~~~).*?(?:^\1[^\n]*$|\Z)|`[^`\n]*`", re.MULTILINE | re.DOTALL)


def body_tags(body: str) -> tuple[str, ...]:
    """The #tags of a note's body, each once, outside code blocks and inline code."""
    if "`" in body:
        body = _CODE.sub(" ", body)
    return tuple(dict.fromkeys(_BODY_TAG.findall(body)))


_BODY_LINK = re.compile(r"(?<!!)\[\[([^\[\]\n]+?)\]\]")
_FENCE = re.compile(r"^(?:```|~~~)", re.MULTILINE)


def _property_links(properties: dict[str, Any], key_lines: dict[str, int]) -> list[Link]:
    """The wikilinks in any property (``Attendees: ["[[Tom Baker]]"]``), as participants."""
    links: list[Link] = []
    for key, value in properties.items():
        for item in value if type(value) is list else [value]:
            if type(item) is str and item.startswith("[[") and item.endswith("]]"):
                target = link_target(item[2:-2])
                if target:
                    links.append(Link(target, PARTICIPANT, key_lines.get(key, 1)))
    return links


def _body_links(text: str, body_start: int) -> list[Link]:
    """The wikilinks of a note's body outside code blocks, as participants (a meeting note's
    ``## Participants``): the practice takes the one person note among them."""
    links: list[Link] = []
    body = text[body_start:]
    fences = [match.start() for match in _FENCE.finditer(body)]
    first_line = text.count("\n", 0, body_start) + 1
    for match in _BODY_LINK.finditer(body):
        if sum(1 for fence in fences if fence < match.start()) % 2:
            continue  # inside a fenced code block
        target = link_target(match.group(1))
        if target:
            links.append(Link(target, PARTICIPANT, first_line + body.count("\n", 0, match.start())))
    return links


def _check_fields(kind: str, fields: _Fields, reader: _Reader, has_participants: bool = False) -> list[Link]:
    """Warn about known properties of the wrong shape and collect the links to people."""
    for field in REQUIRED_FIELDS[kind]:
        if field == "person" and has_participants:
            continue  # the practice takes the one person the body links to, and says so when there is not one
        if fields.get(field) in (None, "", []):
            example = '"[[Name]]"' if field == "person" else "YYYY-MM-DD"
            reader.add(1, "error", f"{kind} note has no {field}; add a line {fields.key(field)}: {example}")
    for field in DATE_FIELDS[kind]:
        value = fields.get(field)
        if value is not None and fields.key(field) not in fields.dated:
            reader.add(
                fields.line(field),
                "warning",
                f"{fields.key(field)}: {value!s:.40} is not a date; write it as YYYY-MM-DD",
            )
    for field, allowed in ALLOWED_VALUES[kind]:
        value = fields.get(field)
        if value is not None and (type(value) is not str or value.casefold() not in allowed):
            reader.add(
                fields.line(field), "warning", f"{fields.key(field)}: {value!s:.40} is not one of {', '.join(allowed)}"
            )
    if kind == "interview":
        _check_duration(fields.get("duration"), fields.line("duration"), reader)
    links: list[Link] = []
    for field in LINK_FIELDS[kind]:
        value = fields.get(field)
        if value is not None:
            links.extend(_links_of(kind, field, value, fields, reader))
    return links


def _links_of(kind: str, field: str, value: Any, fields: _Fields, reader: _Reader) -> list[Link]:
    """The links a link property holds, each with its line; warnings for the ones written loosely.
    Links carry infoview's name of the property, messages the note's own."""
    key, at = fields.key(field), fields.line(field)
    if (
        type(value) is str
        and value.startswith("[[")
        and value.endswith("]]")
        and "|" not in value
        and "#" not in value
        and "[" not in value[2:-2]
    ):
        target = value[2:-2].strip()
        if target and not target.lower().endswith(".md"):  # the common case, without the general parser
            return [Link(target, field, at)]
    links: list[Link] = []
    found, rejects = links_in(value)
    lines_of_items = fields.item_lines.get(key, [])
    for target, form, position in found:
        item_at = lines_of_items[position] if position is not None and position < len(lines_of_items) else at
        links.append(Link(target, field, item_at, form))
        if form == "unquoted":
            reader.add(
                item_at, "warning", f'{key}: write the link in quotes, "[[{target}]]", or YAML reads it as a list'
            )
        elif form == "bare":
            reader.add(item_at, "warning", f'{key}: {target} is a name, not a link; write it as "[[{target}]]"')
    for reject in rejects:
        reader.add(at, "warning", f'{key}: {str(reject):.60} is not a link to a note; write it as "[[Name]]"')
    if field in SINGLE_LINK_FIELDS and len(found) > 1:
        reader.add(at, "warning", f"{key}: names {len(found)} people; one {kind} note is about one person")
    return links


def _check_duration(duration: Any, at: int, reader: _Reader) -> None:
    """A call's length in minutes: a positive whole number, at most a day (anything else is ignored)."""
    if duration is None:
        return
    if type(duration) is not int or duration <= 0:
        reader.add(at, "warning", f"duration: {duration!s:.40} is not a whole number of minutes; write it like 30")
    elif duration > MAX_CALL_MINUTES:
        reader.add(
            at,
            "warning",
            f"duration: {duration} minutes is longer than a day; it is ignored until fixed (write it like 30)",
        )
