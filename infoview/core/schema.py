"""The kinds of notes and their fields, in one table, and the vault's own names for those fields.

Parsing, ``check``, the templates' variables, ``person add``'s options and the writers all read
``FIELDS``: adding a field is one row. ``PropertyNames`` says which property a note's key stands
for, so that a vault that writes ``Company:`` or ``Referred By:`` (or maps ``Position`` to
``title`` in its config) reads as if it used infoview's names. Pure: stdlib only.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

NOTE_TYPES = ("person", "interview", "outreach")
CALL_OUTCOMES = ("done", "cancelled", "rescheduled", "no-show")  # what `done` can record
BREADTHS = ("deep", "wide", "random")
INTERVIEW_STATUSES = ("planned", *CALL_OUTCOMES)
OUTREACH_STATUSES = ("draft", "sent", "replied", "scheduled", "declined", "no-reply")

# text: one value; date: YYYY-MM-DD (or a date-time); number: a whole number; link: one "[[Name]]";
# links: one link or a list of them; list: one text or a list of them.
Shape = Literal["text", "date", "number", "link", "links", "list"]


class Field(NamedTuple):
    """One property of one kind of note (a named tuple: quick to make when infoview starts)."""

    kind: str
    name: str
    shape: Shape = "text"
    required: bool = False
    allowed: tuple[str, ...] = ()  # the values it may take (ignoring case); empty: any
    option: bool = False  # an option of the command that makes the note (`person add --company`)
    help: str = ""


FIELDS: tuple[Field, ...] = (
    Field("person", "company", option=True, help="Where they work."),
    Field("person", "title", option=True, help="Their job title."),
    Field("person", "industry", option=True, help="Their industry, e.g. pharmaceuticals."),
    Field("person", "function", option=True, help="Their function, e.g. process development."),
    Field("person", "location", option=True, help="Where they are."),
    Field("person", "source", option=True, help="How you found them: alumni page, LinkedIn, a conference..."),
    Field("person", "referred_by", "links", option=True, help="Who suggested them."),
    Field("person", "connection", option=True, help="What you share: the point of connection to open with."),
    Field(
        "person",
        "breadth",
        allowed=BREADTHS,
        option=True,
        help="deep (your target field), wide (a neighbouring one) or random.",
    ),
    Field("person", "status", help="Your own word for where things stand."),
    Field("person", "referrer_thanked", "date", help="When the person who suggested them was told."),
    Field("person", "email", option=True, help="Their email address."),
    Field("person", "linkedin", option=True, help="Their LinkedIn profile."),
    Field("person", "tags", "list", option=True, help="A tag (repeatable)."),
    Field("person", "aliases", "list", help="Other names for them."),
    Field("interview", "person", "link", required=True, help="Who the call is with."),
    Field("interview", "date", "date", required=True, help="When the call is."),
    Field("interview", "status", allowed=INTERVIEW_STATUSES, help="planned until the call is recorded."),
    Field("interview", "duration", "number", help="Minutes, 30 unless said."),
    Field("interview", "channel", help="Phone, video, coffee..."),
    Field("interview", "breadth", allowed=BREADTHS, help="deep, wide or random."),
    Field("interview", "pitch", help="Which self-presentation was used."),
    Field("interview", "referrals", "links", help="The people they suggested."),
    Field("interview", "followup", "date", help="When the out-of-the-blue note is due."),
    Field("interview", "followup_sent", "date", help="When it was sent."),
    Field("interview", "tags", "list", help="Tags."),
    Field("outreach", "person", "link", required=True, help="Who the message is to."),
    Field("outreach", "date", "date", help="When it was sent; none while it is a draft."),
    Field("outreach", "channel", help="Email, LinkedIn..."),
    Field("outreach", "status", allowed=OUTREACH_STATUSES, help="draft, sent, replied..."),
)
# The key of the links in an interview note's body, for a note without ``person`` (a meeting note
# listing its participants): the one person note among them is who the call was with.
PARTICIPANT = "participant"
# Properties every note may have, whatever its kind.
COMMON_PROPERTIES = ("type", "tags", "aliases")


def fields_of(kind: str) -> tuple[Field, ...]:
    return tuple(row for row in FIELDS if row.kind == kind)


def _names(kind: str, *shapes: Shape) -> tuple[str, ...]:
    return tuple(row.name for row in FIELDS if row.kind == kind and row.shape in shapes)


LINK_FIELDS = {kind: _names(kind, "link", "links") for kind in NOTE_TYPES}
DATE_FIELDS = {kind: _names(kind, "date") for kind in NOTE_TYPES}
REQUIRED_FIELDS = {kind: tuple(row.name for row in fields_of(kind) if row.required) for kind in NOTE_TYPES}
ALLOWED_VALUES = {kind: tuple((row.name, row.allowed) for row in fields_of(kind) if row.allowed) for kind in NOTE_TYPES}
SINGLE_LINK_FIELDS = frozenset(row.name for row in FIELDS if row.shape == "link")
ANY_LINK_FIELDS = frozenset(row.name for row in FIELDS if row.shape in ("link", "links"))
LIST_FIELDS = frozenset(row.name for row in FIELDS if row.shape in ("links", "list"))
# The properties a new person note's template sees (dates are set later, by what happens).
PERSON_FIELDS = tuple(row.name for row in fields_of("person") if row.shape != "date")
KNOWN_PROPERTIES = tuple(dict.fromkeys([*COMMON_PROPERTIES, *(row.name for row in FIELDS)]))


_SEPARATORS = str.maketrans("", "", " -_\t")


def loose_name(key: str) -> str:
    """A property name as it is compared: case, spaces, ``-`` and ``_`` aside (``Referred By``,
    ``referred-by`` and ``referredBy`` are ``referred_by``; ``E-mail`` is ``email``)."""
    return key.casefold().translate(_SEPARATORS)


class PropertyNames:
    """Which of infoview's properties a note's key stands for.

    A known name matches ignoring case and separators; ``extra`` holds the vault's own names from
    the config's ``[properties]`` table (``{"title": ("Position", "Role")}``). Instances are
    compared by their mapping, so notes read with the same config share their key tables.
    """

    __slots__ = ("extra", "_lookup", "_key", "shapes", "_near_misses")

    def __init__(self, extra: dict[str, tuple[str, ...]] | None = None) -> None:
        self.extra = {field: tuple(names) for field, names in sorted((extra or {}).items())}
        lookup = {loose_name(name): name for name in KNOWN_PROPERTIES}
        for field, names in self.extra.items():
            for name in names:
                lookup[loose_name(name)] = field
        self._lookup = lookup
        self._key = tuple(self.extra.items())
        # The key tables of the notes read with these names (``infoview.core.model``): kept here, so
        # that finding a note's table costs one dict lookup, as it did before names could be mapped.
        self.shapes: dict[tuple[str, ...], Any] = {}
        self._near_misses: dict[str, str | None] = {}  # keys repeat across notes: judge each once

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PropertyNames) and other._key == self._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __repr__(self) -> str:
        return f"PropertyNames({self.extra!r})"

    def field_of(self, key: str) -> str | None:
        """The property a written key stands for, or None when it is none of infoview's."""
        return self._lookup.get(loose_name(key))

    def written_as(self, keys: tuple[str, ...]) -> dict[str, str]:
        """For one note's keys: each of infoview's properties it has, to the key it is written as.
        A key spelled exactly as infoview spells it wins over a look-alike."""
        found: dict[str, str] = {}
        for key in keys:
            field = self._lookup.get(loose_name(key))
            if field is not None and (field not in found or key == field):
                found[field] = key
        return found

    def spelling(self, field: str) -> str:
        """How to write a property a note does not have yet: the vault's first own name for it, else infoview's."""
        names = self.extra.get(field)
        return names[0] if names else field

    def near_miss(self, key: str) -> str | None:
        """The known property a key was probably meant to be (``compnay``: company), or None."""
        if key not in self._near_misses:
            self._near_misses[key] = self._closest(key)
        return self._near_misses[key]

    def _closest(self, key: str) -> str | None:
        loose = loose_name(key)
        if len(loose) < 4 or loose in self._lookup:
            return None
        import difflib  # only for keys infoview does not know, on the first read of a note

        close = difflib.get_close_matches(loose, list(self._lookup), n=1, cutoff=0.8)
        return self._lookup[close[0]] if close else None


DEFAULT_NAMES = PropertyNames()
