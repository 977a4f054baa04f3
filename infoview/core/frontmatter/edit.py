"""Changing a note's properties with the smallest possible edit. Pure: bytes in, bytes out.

Only the lines of the properties being changed are touched: the body, other properties, comments,
key order, quoting, the BOM and each line's own line ending stay byte for byte. A note that cannot
be edited safely (merge conflict, duplicate key, a value over several lines, unreadable front
matter) is refused with its file and line. The result is parsed again and compared before it is
returned, so a mistake here can only refuse a write, never damage a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infoview.core.errors import InfoviewError
from infoview.core.frontmatter.read_flat import read_flat
from infoview.core.frontmatter.write import quote
from infoview.core.links import link_target
from infoview.core.model import Note, name_key
from infoview.core.parse import parse_note
from infoview.core.schema import DEFAULT_NAMES, LIST_FIELDS, PropertyNames

BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
_DELIMITER = re.compile(r"---[ \t]*(?:\r\n|\r|\n|\Z)")
_CONFLICT = re.compile(r"<<<<<<<(?: |\r|\n|\Z)")
_UNQUOTED_LINK = re.compile(r"(\[\[[^\[\]\"']+\]\])")


class WriteRefused(InfoviewError):
    """Raised when a note cannot be changed safely; the note is left byte for byte as it was."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}; nothing was changed")
        self.path = path
        self.line = line


@dataclass
class Changes:
    """Properties to set (YAML text of each value), list items to append (YAML text), keys to remove."""

    set: dict[str, str] = field(default_factory=dict)
    append: list[tuple[str, str]] = field(default_factory=list)
    unset: list[str] = field(default_factory=list)


def _split_lines(text: str) -> list[str]:
    lines = [match.group() for match in _LINE.finditer(text)]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def split_value(after_colon: str) -> tuple[str, str]:
    """Split what follows ``key:`` into the value and what to keep after it (spaces and a comment)."""
    stripped = after_colon.lstrip(" \t")
    if stripped.startswith('"'):
        match = re.match(r'"(?:[^"\\]|\\.)*"', stripped)
        end = match.end() if match else len(stripped)
    elif stripped.startswith("'"):
        match = re.match(r"'(?:[^']|'')*'", stripped)
        end = match.end() if match else len(stripped)
    else:
        comment = re.search(r"(?:^|[ \t])#", stripped)
        end = comment.start() if comment else len(stripped)
        while end and stripped[end - 1] in " \t":
            end -= 1
    return stripped[:end], stripped[end:]


@dataclass
class _Entry:
    key: str
    first: int  # index of the key line in the document's lines
    last: int  # index of its last line (list items and continuations included)


class _Document:
    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.bom = BOM if data.startswith(BOM) else b""
        try:
            text = data[len(self.bom) :].decode("utf-8")
        except UnicodeDecodeError as error:
            raise WriteRefused(path, data.count(b"\n", 0, error.start) + 1, "the note is not UTF-8 text") from None
        self.lines = _split_lines(text)
        conflict = next((number for number, line in enumerate(self.lines) if _CONFLICT.match(line)), None)
        if conflict is not None:
            raise WriteRefused(path, conflict + 1, "the note has an unresolved merge conflict; resolve it first")
        self.newline = next((_ending(line) for line in self.lines if _ending(line)), "\n")
        self.close: int | None = None
        if self.lines and _DELIMITER.fullmatch(self.lines[0]):
            self.close = next(
                (number for number in range(1, len(self.lines)) if _DELIMITER.fullmatch(self.lines[number])), None
            )
            if self.close is None:
                raise WriteRefused(path, 1, "the front matter is never closed with a --- line")

    def entries(self) -> dict[str, _Entry]:
        found: dict[str, _Entry] = {}
        if self.close is None:
            return found
        current: _Entry | None = None
        for number in range(1, self.close):
            line = self.lines[number].rstrip("\r\n")
            if line and line[0] not in " \t#-" and ":" in line:
                key = line.split(":", 1)[0].strip().strip("\"'")
                current = found[key] = _Entry(key, number, number)
            elif current is not None and line.strip() and (line[0] in " \t-"):
                current.last = number
            elif line.strip() and line[0] == "#":
                current = None
        return found

    def text(self) -> bytes:
        return self.bom + "".join(self.lines).encode("utf-8")

    def insert_before_close(self, new_lines: list[str]) -> None:
        if self.close is None:
            self.lines[0:0] = ["---" + self.newline, *new_lines, "---" + self.newline]
            self.close = len(new_lines) + 1
            return
        self.lines[self.close : self.close] = new_lines
        self.close += len(new_lines)


def _refuse_multiline(document: _Document, entry: _Entry, key: str) -> None:
    raise WriteRefused(
        document.path,
        entry.first + 1,
        f"{key} spans several lines; change it in your editor (or use --append for a list)",
    )


def apply_changes(
    path: str, data: bytes, changes: Changes, folder_kinds: dict[str, str], names: PropertyNames = DEFAULT_NAMES
) -> bytes:
    """The note's new bytes with the changes made, or the same bytes when nothing changes.
    ``changes`` name infoview's properties; each is written under the key the note already uses
    for it (``Status:`` stays ``Status:``), so no property ever gets a second spelling."""
    before, problems = parse_note(path, data, folder_kinds, names)
    if before is None:
        first = min(problems, key=lambda problem: problem.line)
        raise WriteRefused(path, first.line, f"the note cannot be read ({first.message.split(';')[0]})")
    lists = {_spelled(before, names, key) for key in LIST_FIELDS}
    changes = Changes(
        {_spelled(before, names, key): value for key, value in changes.set.items()},
        [
            (_spelled(before, names, key), item)
            for key, item in changes.append
            if not _already_in(before, names.field_of(key) or key, item)
        ],
        [_spelled(before, names, key) for key in changes.unset],
    )
    document = _Document(path, data)
    for key, value in changes.set.items():
        _set(document, key, value)
    for key in changes.unset:
        _unset(document, key)
    for key, item in changes.append:
        _append(document, key, item, key in lists)
    result = document.text()
    if result != data:
        _verify(path, data, result, before, changes, folder_kinds, names)
    return result


def _spelled(note: Note, names: PropertyNames, key: str) -> str:
    """The key to write a property under: as the note spells it, else as the vault names it."""
    field = names.field_of(key)
    if field is None:
        return key
    return note.written_key(field) or (names.spelling(field) if key == field else key)


def _already_in(note: Note, key: str, item: str) -> bool:
    """Whether a list already holds this item (a link: the same note name, ignoring case)."""
    flat = read_flat([f"x: {item}"])
    value = flat[0].get("x") if flat else item
    existing = note.get(key)
    items = existing if isinstance(existing, list) else [existing]
    if isinstance(value, str) and value.startswith("[["):
        wanted = name_key(link_target(value[2:-2]))
        return any(
            isinstance(have, str) and have.startswith("[[") and name_key(link_target(have[2:-2])) == wanted
            for have in items
        )
    return value in items


def _set(document: _Document, key: str, value: str) -> None:
    entry = document.entries().get(key)
    if entry is None:
        document.insert_before_close([f"{key}: {value}".rstrip() + document.newline])
        return
    if entry.last != entry.first:
        _refuse_multiline(document, entry, key)
    line = document.lines[entry.first]
    content, ending = line.rstrip("\r\n"), _ending(line)
    head, _colon, after = content.partition(":")
    old, rest = split_value(after)
    if old[:1] in ("|", ">") or (old[:1] in ("[", "{") and not old.rstrip().endswith(("]", "}"))):
        _refuse_multiline(document, entry, key)
    if old == value:
        return
    if rest and rest[0] not in " \t":
        rest = " " + rest  # what followed the old value must not run into the new one
    document.lines[entry.first] = (f"{head}: {value}" if value else f"{head}:") + rest + ending


def _unset(document: _Document, key: str) -> None:
    entry = document.entries().get(key)
    if entry is None:
        return
    del document.lines[entry.first : entry.last + 1]
    assert document.close is not None
    document.close -= entry.last - entry.first + 1


def _append(document: _Document, key: str, item: str, is_list: bool) -> None:
    entry = document.entries().get(key)
    newline = document.newline
    if entry is None:
        document.insert_before_close([f"{key}:{newline}", f"  - {item}{newline}"])
        return
    line = document.lines[entry.first]
    content, ending = line.rstrip("\r\n"), _ending(line)
    head, _colon, after = content.partition(":")
    value, rest = split_value(after)
    if entry.last == entry.first:
        if value in ("", "[]", "~", "null", "Null", "NULL"):
            if value != "":
                document.lines[entry.first] = f"{head}:{rest}{ending}"
            document.lines[entry.first + 1 : entry.first + 1] = [f"  - {item}{ending or newline}"]
            if document.close is not None:
                document.close += 1
            return
        unquoted_link = _UNQUOTED_LINK.fullmatch(value)
        if unquoted_link is not None:  # YAML reads [[Name]] as a list in a list: write the link quoted
            value = f"[{quote(unquoted_link.group(1))}]"
        if value.startswith("[") and value.endswith("]"):
            inner = value[1:-1].rstrip()
            document.lines[entry.first] = f"{head}: [{inner}, {item}]{rest}{ending}"
            return
        if value[:1] in ("|", ">", "{"):
            _refuse_multiline(document, entry, key)
        if not is_list:  # a list by nature: appending to a single value makes a list
            raise WriteRefused(document.path, entry.first + 1, f"{key} holds one value, not a list; set it instead")
        document.lines[entry.first] = f"{head}: [{value}, {item}]{rest}{ending}"
        return
    items = [
        number
        for number in range(entry.first + 1, entry.last + 1)
        if document.lines[number].lstrip(" ").startswith("-")
    ]
    if (
        not items
        or items[-1] != entry.last
        or any(
            not document.lines[number].lstrip(" ").startswith("-") and document.lines[number].strip()
            for number in range(entry.first + 1, entry.last + 1)
        )
    ):
        _refuse_multiline(document, entry, key)
    last = document.lines[entry.last]
    indent = last[: len(last) - len(last.lstrip(" "))]
    if not _ending(last):
        document.lines[entry.last] = last + newline
    document.lines[entry.last + 1 : entry.last + 1] = [f"{indent}- {item}{_ending(last) or newline}"]
    if document.close is not None:
        document.close += 1


def _verify(
    path: str,
    old: bytes,
    new: bytes,
    before: Note,
    changes: Changes,
    folder_kinds: dict[str, str],
    names: PropertyNames,
) -> None:
    """Re-read the result: every other property unchanged, the body byte for byte, the note readable."""
    after, problems = parse_note(path, new, folder_kinds, names)
    if after is None:
        raise WriteRefused(path, 1, f"the edit would make the note unreadable ({problems[0].message.split(';')[0]})")
    for key, value in changes.set.items():
        if after.get(key) != _reading(value):
            raise WriteRefused(path, 1, f"{key} would not read back as {value}")
    for key, item in changes.append:
        have = after.get(key)
        if _reading(item) not in (have if isinstance(have, list) else [have]):
            raise WriteRefused(path, 1, f"{key} would not hold {item}")
        field = names.field_of(key) or key
        kept = {name_key(link.target) for link in after.links_for(field)}
        lost = [link for link in before.links_for(field) if name_key(link.target) not in kept]
        if lost:
            raise WriteRefused(
                path,
                lost[0].line,
                f"{key}: adding to it would lose the link to {lost[0].target}; write each link in quotes, "
                f'"[[{lost[0].target}]]", then add again',
            )
    touched = set(changes.set) | set(changes.unset) | {key for key, _ in changes.append}
    old_props = {key: value for key, value in before.properties.items() if key not in touched}
    new_props = {key: value for key, value in after.properties.items() if key not in touched}
    if old_props != new_props:
        raise WriteRefused(path, 1, "the edit would change other properties")
    for key in changes.unset:
        if after.get(key) is not None:
            raise WriteRefused(path, 1, f"{key} could not be removed")
    if _body(old) != _body(new):
        raise WriteRefused(path, 1, "the edit would change the body")


def _reading(value: str) -> object:
    """How infoview reads a value written as this YAML text."""
    note, _problems = parse_note("x.md", f"---\nx: {value}\n---\n".encode(), {})
    return note.get("x") if note is not None else value


def _body(data: bytes) -> bytes:
    """The bytes after the front matter's closing line (all of it when there is none)."""
    text = data[len(BOM) :] if data.startswith(BOM) else data
    lines = _split_lines(text.decode("utf-8"))
    if lines and _DELIMITER.fullmatch(lines[0]):
        for number in range(1, len(lines)):
            if _DELIMITER.fullmatch(lines[number]):
                return "".join(lines[number + 1 :]).encode("utf-8")
    return text
