"""The values infoview's core passes around: notes, links and problems."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]
NOTE_TYPES = ("person", "interview", "outreach")

# Front-matter fields that hold links to people, per note type.
LINK_FIELDS: dict[str, tuple[str, ...]] = {
    "person": ("referred_by",),
    "interview": ("person", "referrals"),
    "outreach": ("person",),
}


_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME_SHAPE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?\Z"
)


def parse_date(value: str) -> date | datetime | None | Literal[False]:
    """Date-shaped text as a date or date-time (Obsidian's four forms, plus an offset);
    False for an impossible date like 2024-02-30; None for text that is not date-shaped."""
    if len(value) < 10 or value[4] != "-" or not value[:4].isdigit():
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value) if _DATE_SHAPE.match(value) else None
        if _DATETIME_SHAPE.match(value):
            return datetime.fromisoformat(value)
    except ValueError:
        return False
    return None


def name_key(name: str) -> str:
    """The key two note names collide on: Unicode NFC form, then case-folded (as Obsidian, macOS and Windows see them)."""
    return unicodedata.normalize("NFC", name).casefold()


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one file, at one line, with a hint on how to fix it."""

    path: str
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "severity": self.severity, "message": self.message}


class Link(NamedTuple):
    """A link to a note as written in a property: its target, the key and line it came from, and how it was written."""

    target: str
    key: str
    line: int
    form: str = "quoted"  # "quoted", "unquoted" (YAML read a list) or "bare" (a name without brackets)


@dataclass(slots=True)
class Note:
    """One markdown note as read from the vault.

    ``properties`` is the front matter as written, nothing derived; dates are ISO text
    (a date-time written with a space gets Obsidian's ``T``), typed on demand by ``when``;
    ``type`` is the note's kind, from ``type:`` or, failing that, from its folder.
    """

    path: str
    type: str | None
    properties: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    body_lines: int = 0

    @property
    def name(self) -> str:
        """The note name, as a link targets it: the file name without ``.md``."""
        return self.path.rsplit("/", 1)[-1][:-3]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def text(self, key: str) -> str | None:
        """A property as one line of text, or None when it is absent or not a scalar."""
        value = self.properties.get(key)
        if value is None or isinstance(value, (list, dict)):
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def moment(self, key: str) -> date | datetime | None:
        """A date property as written: a date, or a date-time when it has a time of day; None when absent or invalid."""
        value = self.properties.get(key)
        if type(value) is not str:
            return None
        return parse_date(value) or None

    def when(self, key: str) -> date | None:
        """A date property as a calendar day (a date-time gives its own day, in its own time zone)."""
        value = self.moment(key)
        return value.date() if isinstance(value, datetime) else value

    def strings(self, key: str) -> list[str]:
        """A property that may be one string or a list of them (``tags``, ``aliases``), as a list of strings."""
        value = self.properties.get(key)
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        return [item if isinstance(item, str) else str(item) for item in items if item is not None]

    def links_for(self, key: str) -> list[Link]:
        return [link for link in self.links if link.key == key]
