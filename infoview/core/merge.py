"""Three-way merge of one note, property by property. Pure: bytes in, bytes out.

Git merges text line by line, so two devices that touched nearby lines of the same front matter
(one set ``status``, the other added a tag) conflict, and the conflict markers make the note
unreadable. Here each property is merged on its own: a property changed on one side takes that
side's lines, list properties (``tags``, ``aliases``, ``referrals``, ``referred_by``) take both
sides' additions and removals, and only a property changed differently on both sides conflicts,
with the conflict markers around that property's lines alone. The body is merged as text by the
``merge_text`` function the caller passes in (git's own ``merge-file``).

The result starts from our side's bytes: what neither side changed stays byte for byte, in our
key order, quoting and comments; lines taken from their side keep their text and take our line
ending. Anything this cannot merge property by property (unreadable front matter, duplicate
keys, existing conflict markers) is merged as a whole text instead, as git would. A merge is
parsed again before it is returned; if a property does not read back as decided, the whole-text
merge is used, so a mistake here can only cost a conflict, never a wrong note.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from infoview.core.frontmatter.edit import split_value
from infoview.core.frontmatter.write import scalar
from infoview.core.links import link_target
from infoview.core.model import name_key
from infoview.core.parse import parse_note

BOM = b"\xef\xbb\xbf"
# Properties that are sets of items: both sides' additions and removals are kept.
LIST_PROPERTIES = frozenset({"referrals", "referred_by", "tags", "aliases"})
OURS_LABEL, THEIRS_LABEL = "ours", "theirs"

# Merges three texts (base, ours, theirs); returns the merged bytes and whether it was clean.
MergeText = Callable[[bytes, bytes, bytes], tuple[bytes, bool]]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
_DELIMITER = re.compile(r"---[ \t]*(?:\r\n|\r|\n|\Z)")
# A piece of front matter as the order is merged: ("key", name) for a property (whatever its
# value), ("line", text) for a comment or blank line between properties.
Token = tuple[str, str]


@dataclass
class MergeResult:
    """The merged bytes and what conflicted: property names, ``body``, or ``note`` for a whole-text merge."""

    data: bytes
    conflicts: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


@dataclass
class _Side:
    """One version of a note, cut into the pieces the merge works on."""

    bom: bytes
    opening: str | None  # the opening --- line; None when the note has no front matter
    closing: str
    entries: dict[str, list[str]]  # each property's lines: its key line and continuation lines
    tokens: list[Token]  # the front matter in order: each property, and each comment or blank line
    loose: dict[str, str]  # each comment or blank line's text, with its line ending
    body: bytes
    properties: dict[str, Any]
    newline: str

    def raw(self, key: str) -> tuple[str, ...] | None:
        lines = self.entries.get(key)
        return None if lines is None else tuple(line.rstrip("\r\n") for line in lines)


def canonical_key(key: str) -> str:
    """A property name as infoview matches it: ignoring case, with space, ``-`` and ``_`` alike."""
    return re.sub(r"[ _-]", "_", key.casefold())


def merge_note(path: str, base: bytes, ours: bytes, theirs: bytes, merge_text: MergeText) -> MergeResult:
    """Merge two changed versions of a note against their common ancestor."""
    if ours == theirs or theirs == base:
        return MergeResult(ours)
    if ours == base:
        return MergeResult(theirs)
    sides = [_read_side(path, data) for data in (base, ours, theirs)]
    if sides[0] is None or sides[1] is None or sides[2] is None:
        return _whole_text(base, ours, theirs, merge_text)
    merged = _PropertyMerge(sides[0], sides[1], sides[2])
    front = merged.front_matter()
    body, body_clean = _merge_bytes(sides[0].body, sides[1].body, sides[2].body, merge_text)
    data = sides[1].bom + front.encode("utf-8") + body
    conflicts = merged.conflicts + ([] if body_clean else ["body"])
    if not _reads_back(path, data, merged.expected, merged.conflicts):
        return _whole_text(base, ours, theirs, merge_text)
    return MergeResult(data, conflicts)


def _merge_bytes(base: bytes, ours: bytes, theirs: bytes, merge_text: MergeText) -> tuple[bytes, bool]:
    if ours == theirs or theirs == base:
        return ours, True
    if ours == base:
        return theirs, True
    return merge_text(base, ours, theirs)


def _whole_text(base: bytes, ours: bytes, theirs: bytes, merge_text: MergeText) -> MergeResult:
    data, clean = merge_text(base, ours, theirs)
    return MergeResult(data, [] if clean else ["note"])


def _split_lines(text: str) -> list[str]:
    lines = [match.group() for match in _LINE.finditer(text)]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _read_side(path: str, data: bytes) -> _Side | None:
    """A version cut into properties, or None when it must be merged as whole text."""
    if b"<<<<<<<" in data:
        return None
    note, _problems = parse_note(path, data, {})
    if note is None:
        return None
    bom = BOM if data.startswith(BOM) else b""
    text = data[len(bom) :].decode("utf-8")
    lines = _split_lines(text)
    newline = next((line[len(line.rstrip("\r\n")) :] for line in lines if line.endswith(("\n", "\r"))), "\n")
    if not lines or not _DELIMITER.fullmatch(lines[0]):
        return _Side(bom, None, "", {}, [], {}, data[len(bom) :], {}, newline)
    close = next((number for number in range(1, len(lines)) if _DELIMITER.fullmatch(lines[number])), None)
    if close is None:
        return None
    entries, tokens, loose = _cut(lines[1:close])
    if set(entries) != set(note.properties):
        return None  # keys this cutter does not see as YAML does (nested or quoted oddly): whole text
    body = "".join(lines[close + 1 :]).encode("utf-8")
    return _Side(bom, lines[0], lines[close], entries, tokens, loose, body, dict(note.properties), newline)


def _cut(lines: list[str]) -> tuple[dict[str, list[str]], list[Token], dict[str, str]]:
    """Each property's lines, the front matter as tokens, and the comment and blank lines between properties."""
    entries: dict[str, list[str]] = {}
    tokens: list[Token] = []
    loose: dict[str, str] = {}
    current: str | None = None
    pending: list[str] = []
    for line in lines:
        content = line.rstrip("\r\n")
        if content and content[0] not in " \t#-" and ":" in content:
            tokens += _loose_tokens(pending, loose)
            pending = []
            current = content.split(":", 1)[0].strip().strip("\"'")
            entries[current] = [line]
            tokens.append(("key", current))
        elif current is not None and content[:1] in (" ", "\t", "-"):
            entries[current].extend([*pending, line])  # a blank or comment line inside a list or block value
            pending = []
        else:
            pending.append(line)
    tokens += _loose_tokens(pending, loose)
    return entries, tokens, loose


def _loose_tokens(lines: list[str], loose: dict[str, str]) -> list[Token]:
    for line in lines:
        loose.setdefault(line.rstrip("\r\n"), line)
    return [("line", line.rstrip("\r\n")) for line in lines]


def merge_sequences(base: list[Token], ours: list[Token], theirs: list[Token]) -> list[Token]:
    """A three-way merge of two edited sequences of tokens (diff3, settling every overlap).

    Between the tokens both sides kept from the base, a stretch changed on one side takes that
    side; a stretch changed on both takes ours without what their side removed, followed by
    what their side added, as if their edit were made after ours.
    """
    in_ours = _matches(base, ours)
    in_theirs = _matches(base, theirs)
    merged: list[Token] = []
    b = o = t = 0
    for anchor in range(len(base)):
        if anchor in in_ours and anchor in in_theirs:
            merged += _merge_stretch(base[b:anchor], ours[o : in_ours[anchor]], theirs[t : in_theirs[anchor]])
            merged.append(base[anchor])
            b, o, t = anchor + 1, in_ours[anchor] + 1, in_theirs[anchor] + 1
    return merged + _merge_stretch(base[b:], ours[o:], theirs[t:])


def _matches(base: list[Token], other: list[Token]) -> dict[int, int]:
    """For each base position kept in ``other``, its position there."""
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return {
        block.a + offset: block.b + offset for block in matcher.get_matching_blocks() for offset in range(block.size)
    }


def _merge_stretch(base: list[Token], ours: list[Token], theirs: list[Token]) -> list[Token]:
    if theirs == base or ours == theirs:
        return ours
    if ours == base:
        return theirs
    removed = set(base) - set(theirs)
    return [token for token in ours if token not in removed] + [
        token for token in theirs if token not in base and token not in ours
    ]


def _first_of_each_key(tokens: list[Token]) -> list[Token]:
    """A key both sides added at different places stays where our side put it."""
    seen: set[Token] = set()
    kept = []
    for token in tokens:
        if token[0] == "key" and token in seen:
            continue
        seen.add(token)
        kept.append(token)
    return kept


def _item_identity(key: str, item: Any) -> str:
    """What makes two list items the same: a link's note name, a tag ignoring case and ``#``."""
    if isinstance(item, str):
        if item.startswith("[[") and item.endswith("]]"):
            return "link:" + name_key(link_target(item[2:-2]))
        if canonical_key(key) == "tags":
            return "tag:" + item.lstrip("#").casefold()
        return "text:" + item
    return "value:" + json.dumps(item, sort_keys=True, default=str)


def _as_items(value: Any) -> list[Any] | None:
    """A list property's items (one value is a list of one); None for a value that is not list-like."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return None
    return [value]


def merge_items(key: str, base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Our items without those their side removed, then the items their side added, each once."""
    base_ids = {_item_identity(key, item) for item in base}
    their_ids = {_item_identity(key, item) for item in theirs}
    merged = [item for item in ours if _item_identity(key, item) not in base_ids - their_ids]
    seen = {_item_identity(key, item) for item in merged}
    for item in theirs:
        identity = _item_identity(key, item)
        if identity not in base_ids and identity not in seen:
            merged.append(item)
            seen.add(identity)
    return merged


class _PropertyMerge:
    """The front matter merged property by property, starting from our side's lines."""

    def __init__(self, base: _Side, ours: _Side, theirs: _Side) -> None:
        self.base, self.ours, self.theirs = base, ours, theirs
        self.newline = ours.newline
        self.conflicts: list[str] = []
        # What each property must read back as (absent keys: missing); conflicted keys are not checked.
        self.expected: dict[str, Any] = {}

    def front_matter(self) -> str:
        """The merged front matter, opening and closing lines included ("" when there is none)."""
        tokens = _first_of_each_key(merge_sequences(self.base.tokens, self.ours.tokens, self.theirs.tokens))
        for key in self._dropped_but_changed(tokens):
            tokens.insert(self._position_after_predecessor(key, tokens), ("key", key))
        lines: list[str] = []
        for kind, text in tokens:
            if kind == "key":
                lines += self._merged_property(text)
            else:
                lines.append(self.ours.loose.get(text) or self._our_ending(self.theirs.loose[text]))
        if self.ours.opening is not None:
            return self.ours.opening + "".join(lines) + self.ours.closing
        if not lines:
            return ""
        return "---" + self.newline + "".join(lines) + "---" + self.newline

    def _dropped_but_changed(self, tokens: list[Token]) -> list[str]:
        """Keys one side removed and the other changed: the order merge drops them, the conflict needs them."""
        return [
            key
            for side, other in ((self.theirs, self.ours), (self.ours, self.theirs))
            for key in side.entries
            if ("key", key) not in tokens and key not in other.entries and side.raw(key) != self.base.raw(key)
        ]

    def _position_after_predecessor(self, key: str, tokens: list[Token]) -> int:
        side = self.theirs if key in self.theirs.entries else self.ours
        position = side.tokens.index(("key", key))
        for earlier in reversed(side.tokens[:position]):
            if earlier[0] == "key" and earlier in tokens:
                return tokens.index(earlier) + 1
        return 0

    def _our_ending(self, line: str) -> str:
        content = line.rstrip("\r\n")
        return content + self.newline if content != line else line

    def _merged_property(self, key: str) -> list[str]:
        base, ours, theirs = self.base.raw(key), self.ours.raw(key), self.theirs.raw(key)
        if ours == theirs or theirs == base:
            return self._take(key, self.ours)
        if ours == base:
            return self._take(key, self.theirs)
        if ours is not None and theirs is not None and self.ours.properties[key] == self.theirs.properties[key]:
            return self._take(key, self.ours)  # the same value written two ways: ours
        if canonical_key(key) in LIST_PROPERTIES:
            merged = self._merged_list(key)
            if merged is not None:
                return merged
        return self._conflict(key)

    def _take(self, key: str, side: _Side) -> list[str]:
        if key not in side.entries:
            return []
        self.expected[key] = side.properties[key]
        if side is self.ours:
            return side.entries[key]
        return [self._our_ending(line) for line in side.entries[key]]

    def _conflict(self, key: str) -> list[str]:
        self.conflicts.append(key)
        ours = self.ours.entries.get(key, [])
        theirs = [self._our_ending(line) for line in self.theirs.entries.get(key, [])]
        newline = self.newline
        return [
            f"<<<<<<< {OURS_LABEL}{newline}",
            *ours,
            f"======={newline}",
            *theirs,
            f">>>>>>> {THEIRS_LABEL}{newline}",
        ]

    def _merged_list(self, key: str) -> list[str] | None:
        sides = (self.base, self.ours, self.theirs)
        values = [_as_items(side.properties.get(key)) for side in sides]
        if values[0] is None or values[1] is None or values[2] is None:
            return None
        items = merge_items(key, values[0], values[1], values[2])
        if not items and key not in self.ours.entries:
            return []
        self.expected[key] = items
        return _ListWriter(key, self.ours, self.theirs, self.newline).lines(items)


def _stripped(lines: list[str]) -> list[str]:
    return [line.rstrip("\r\n") for line in lines]


class _ListWriter:
    """Writes a merged list the way our side wrote it: item lines kept, removed or added one by one."""

    def __init__(self, key: str, ours: _Side, theirs: _Side, newline: str) -> None:
        self.key, self.ours, self.theirs, self.newline = key, ours, theirs, newline

    def lines(self, items: list[Any]) -> list[str]:
        ours = self.ours.entries.get(self.key)
        if ours is None:
            block = [f"  - {self._item_text(item)}{self.newline}" for item in items]
            return [f"{self.key}:{self.newline}", *block]
        kept = _block_items(ours)
        if items and kept is not None and len(kept) == len(_as_items(self.ours.properties[self.key]) or []):
            return self._edited_block(ours, items)
        head, _colon, after = ours[0].rstrip("\r\n").partition(":")
        _old, rest = split_value(after)
        if rest and rest[0] not in " \t":
            rest = " " + rest
        ending = ours[0][len(ours[0].rstrip("\r\n")) :] or self.newline
        return [f"{head}: {scalar(items)}{rest}{ending}"]

    def _edited_block(self, ours: list[str], items: list[Any]) -> list[str]:
        our_items = _as_items(self.ours.properties[self.key]) or []
        by_identity = {_item_identity(self.key, item): line for item, line in zip(our_items, ours[1:], strict=True)}
        first_item = ours[1]
        indent = first_item[: len(first_item) - len(first_item.lstrip(" \t"))]
        lines = [ours[0]]
        for item in items:
            line = by_identity.get(_item_identity(self.key, item))
            lines.append(line if line is not None else f"{indent}- {self._item_text(item)}{self.newline}")
        return lines

    def _item_text(self, item: Any) -> str:
        """An item as their side wrote it in a block list, else in infoview's own style."""
        theirs = self.theirs.entries.get(self.key)
        their_items = _as_items(self.theirs.properties.get(self.key))
        if theirs is not None and their_items is not None and _block_items(theirs) is not None:
            wanted = _item_identity(self.key, item)
            for their_item, line in zip(their_items, theirs[1:], strict=False):
                if _item_identity(self.key, their_item) == wanted:
                    return line.rstrip("\r\n").lstrip(" \t")[1:].strip(" \t")
        return scalar(item)


def _block_items(lines: list[str]) -> list[str] | None:
    """The item lines of a block list whose key line holds no value, one item per line; else None."""
    _key, _colon, after = lines[0].rstrip("\r\n").partition(":")
    value, _rest = split_value(after)
    if value or len(lines) < 2:
        return None
    items = lines[1:]
    if not all(re.match(r"[ \t]*- \S", line) for line in items):
        return None
    return items


def _reads_back(path: str, data: bytes, expected: dict[str, Any], conflicted: list[str]) -> bool:
    """Whether the merged note reads back with every merged property as decided."""
    if conflicted:
        return True  # the markers make the note unreadable on purpose, until someone chooses
    note, _problems = parse_note(path, data, {})
    if note is None:
        return False
    return dict(note.properties) == expected
