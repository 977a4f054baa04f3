"""The values infoview's core passes around: notes, links and problems."""

from __future__ import annotations

import re
import shlex
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, NamedTuple

from infoview.core.schema import DEFAULT_NAMES, PropertyNames

Severity = Literal["error", "warning"]


_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?\Z")


# The practice adds up to ten years to a date (follow-ups, due --within) and counts whole weeks
# and months around it: a date outside these years would run off the end of the calendar, so it
# counts as no date (check warns about it).
CALENDAR_YEARS = range(1000, 9000)
# A call longer than a day is a typo; it would also run an end time off the calendar.
MAX_CALL_MINUTES = 24 * 60


# Names Windows keeps for devices, whatever the extension: a file or folder named so cannot be
# made there (superscript digits count too).
RESERVED_NAMES = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        "CONIN$",
        "CONOUT$",
        *(f"{port}{number}" for port in ("COM", "LPT") for number in (*"123456789", "¹", "²", "³")),
    }
)


def windows_name_problem(name: str) -> str | None:
    """Why Windows cannot have a file or folder with this name, or None when it can."""
    if name != name.rstrip(" .") or name != name.lstrip(" "):
        return "a name cannot start with a space or end with a space or a dot"
    device = name.split(".")[0].strip().upper()
    if device in RESERVED_NAMES:
        return f"{name.split('.')[0]} is a reserved device name on Windows"
    return None


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


def shell_word(text: str) -> str:
    """Text as one word for a POSIX shell, for the commands infoview suggests: bare when safe,
    in double quotes when it holds an apostrophe (``"Patrick O'Neil"``), else in single quotes."""
    if "'" in text and not any(char in text for char in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


def name_key(name: str) -> str:
    """The key two note names collide on: NFC form, case-folded (as Obsidian, macOS and Windows see them)."""
    if name.isascii():  # ASCII is already in NFC form
        return name.lower()
    return unicodedata.normalize("NFC", name).casefold()


# Letters that carry no combining accent in Unicode, written as readers of Latin script would type them.
_UNACCENTED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "þ": "th", "ı": "i", "æ": "ae", "œ": "oe"})


def loose_key(name: str) -> str:
    """The key two names read as one person on: accents, case and Unicode form aside
    ("Zoë Ångström" and "zoe angstrom")."""
    if name.isascii():
        return name.lower()
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_UNACCENTED)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, by file, line and severity: the order every command prints them in."""
    return sorted(set(problems), key=lambda problem: (problem.path, problem.line, problem.severity, problem.message))


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


class _Shape(dict):  # type: ignore[type-arg]
    """Key to position, shared by every note with the same keys in the same order. It also holds
    infoview's name of each property the note writes another way (``company`` for ``Company``),
    so that a reader asking for ``company`` finds it at no extra cost."""

    keys_tuple: tuple[str, ...]
    written: dict[str, str]  # infoview's name -> the key as the note writes it


def _shape(keys: tuple[str, ...], names: PropertyNames) -> _Shape:
    """One shared key table per distinct key order: most notes of a vault share a handful."""
    shapes = names.shapes
    shape: _Shape | None = shapes.get(keys)
    if shape is None:
        interned = tuple(sys.intern(key) for key in keys)
        shape = shapes[keys] = _Shape((key, position) for position, key in enumerate(interned))
        shape.keys_tuple = interned
        shape.written = names.written_as(interned)
        for field, key in shape.written.items():
            shape.setdefault(field, shape[key])
    return shape


def _shared(value: Any) -> Any:
    """Short text (dates, statuses, tags) stored once however many notes repeat it."""
    if type(value) is str:
        return sys.intern(value) if len(value) <= 32 else value
    if type(value) is list:
        return [sys.intern(item) if type(item) is str and len(item) <= 32 else item for item in value]
    return value


def written_keys(keys: tuple[str, ...], names: PropertyNames) -> dict[str, str]:
    """For a note with these keys: each of infoview's properties it has, to the key it writes it as."""
    return _shape(keys, names).written


class Note:
    """One markdown note as read from the vault.

    Its properties are the front matter as written, nothing derived; dates are ISO text (a
    date-time written with a space gets Obsidian's ``T``), typed on demand by ``when``. They are
    kept as a shared key table and a tuple of values, because a vault of decades holds a lot of notes.
    ``type`` is the note's kind, from ``type:`` or, failing that, from its folder.
    """

    __slots__ = ("path", "type", "_shape", "_values", "_links", "body_tags")

    def __init__(
        self,
        path: str,
        type: str | None,
        properties: dict[str, Any],
        links: tuple[Link, ...] = (),
        names: PropertyNames = DEFAULT_NAMES,
        body_tags: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.type = type
        self.body_tags = body_tags  # #tags written in the body (Obsidian counts them as the note's)
        self._shape = _shape(tuple(properties), names)
        intern = sys.intern
        self._values = tuple(
            [
                intern(value)
                if value.__class__ is str and len(value) <= 32
                else _shared(value)
                if value.__class__ is list
                else value
                for value in properties.values()
            ]
        )
        self._links = tuple([(link.target, link.key, link.line, link.form) for link in links])

    @classmethod
    def from_parts(
        cls,
        path: str,
        type: str | None,
        keys: tuple[str, ...],
        values: tuple[Any, ...],
        links: tuple[tuple[str, str, int, str], ...],
        names: PropertyNames = DEFAULT_NAMES,
        body_tags: tuple[str, ...] = (),
    ) -> Note:
        """A note from its stored parts (the cache), without checking them again."""
        note = cls.__new__(cls)
        note.path, note.type, note._shape, note._values = path, type, _shape(keys, names), values
        note._links, note.body_tags = links, body_tags
        return note

    @property
    def links(self) -> tuple[Link, ...]:
        """Links to people in this note's properties (kept as plain tuples, made Links on demand)."""
        return tuple(Link._make(link) for link in self._links)

    @property
    def raw_links(self) -> tuple[tuple[str, str, int, str], ...]:
        return self._links

    @property
    def keys(self) -> tuple[str, ...]:
        """The property names in order (one shared tuple for all notes of this shape)."""
        return self._shape.keys_tuple

    @property
    def values(self) -> tuple[Any, ...]:
        return self._values

    @property
    def properties(self) -> dict[str, Any]:
        """The front matter as a new dict, in the note's own key order."""
        return dict(zip(self._shape.keys_tuple, self._values, strict=True))

    def written_key(self, key: str) -> str | None:
        """The key as this note writes the property ``key`` (``Company`` for company), or None when it has none."""
        if key in self._shape.written:
            return self._shape.written[key]
        return key if key in self._shape else None

    def get(self, key: str, default: Any = None) -> Any:
        position = self._shape.get(key)
        return default if position is None else self._values[position]

    def __repr__(self) -> str:
        return f"Note({self.path!r}, type={self.type!r})"

    @property
    def name(self) -> str:
        """The note name, as a link targets it: the file name without ``.md``."""
        return self.path.rsplit("/", 1)[-1][:-3]

    def text(self, key: str) -> str | None:
        """A property as one line of text, or None when it is absent or not a scalar."""
        value = self.get(key)
        if value is None or isinstance(value, (list, dict)):
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def moment(self, key: str) -> date | datetime | None:
        """A date property as written: a date, or a date-time when it has a time of day; None when
        absent, invalid or outside ``CALENDAR_YEARS``."""
        value = self.get(key)
        if type(value) is not str:
            return None
        moment = parse_date(value)
        return moment if moment and moment.year in CALENDAR_YEARS else None

    def when(self, key: str) -> date | None:
        """A date property as a calendar day (a date-time gives its own day, in its own time zone)."""
        value = self.moment(key)
        return value.date() if isinstance(value, datetime) else value

    def strings(self, key: str) -> list[str]:
        """A property that may be one string or a list of them (``tags``, ``aliases``), as a list of strings."""
        value = self.get(key)
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        return [item if isinstance(item, str) else str(item) for item in items if item is not None]

    def tags(self) -> list[str]:
        """Every tag of the note as written: the ``tags`` property (``tag`` too) and the body's #tags."""
        return [*self.strings("tags"), *self.strings("tag"), *self.body_tags]

    def links_for(self, key: str) -> list[Link]:
        return [Link._make(link) for link in self._links if link[1] == key]
