"""Making new notes: names that are safe everywhere, where each note goes, what its template sees. Pure."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import build_referrals
from infoview.core.config import Config
from infoview.core.errors import UsageError
from infoview.core.frontmatter.read_flat import FLOAT_RE, INT_RE
from infoview.core.model import Note, loose_key, name_key, windows_name_problem
from infoview.core.schema import PERSON_FIELDS

FORBIDDEN = '*"\\/<>:|?#^[]'
# A note is written through a temporary file beside it, ".{name}.{8 hex digits}.infoview-tmp",
# and file names hold at most 255 bytes: the note's own name must leave room for that.
TEMP_NAME_EXTRA = len(".") + len(".01234567.infoview-tmp")
MAX_NAME_BYTES = 255 - TEMP_NAME_EXTRA
# Invisible formatting characters (bidirectional overrides, zero-width spaces, soft hyphens) make
# one name look like another; the zero-width (non-)joiners that Persian and Indic names need stay.
_JOINERS = {"\u200c", "\u200d"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def single_line(option: str, value: str) -> str:
    """A value from the command line: one line, no control characters."""
    if any("\ud800" <= char <= "\udfff" for char in value):  # undecodable bytes in the command line
        raise UsageError(f"{option}: the value is not valid UTF-8 text; check the terminal's encoding")
    found = _CONTROL.search(value)
    if found is not None:
        what = "a line break" if found.group() in "\r\n" else f"the control character U+{ord(found.group()):04X}"
        raise UsageError(f"{option}: the value holds {what}; values are one line of text")
    return value


def note_name(name: str, *, what: str = "name", file_name: str | None = None) -> str:
    """A name that works as an Obsidian link and a file name on Windows, macOS and Linux (NFC)."""
    single_line(what, name)
    name = unicodedata.normalize("NFC", name)
    if not name.strip():
        raise UsageError(f"{what}: empty; give the person's name")
    invisible = next((char for char in name if unicodedata.category(char) == "Cf" and char not in _JOINERS), None)
    if invisible is not None:
        raise UsageError(
            f"{what} {name!r}: holds the invisible character U+{ord(invisible):04X}; type the name without it"
        )
    if name[-3:].casefold() == ".md":
        raise UsageError(f"{what} {name!r}: give the name without .md (infoview adds it)")
    bad = sorted({char for char in name if char in FORBIDDEN})
    if bad:
        raise UsageError(
            f"{what} {name!r}: {' '.join(bad)} cannot be in a note name "
            "(Obsidian links and Windows file names cannot hold them)"
        )
    if "%%" in name:
        raise UsageError(f"{what} {name!r}: %% starts an Obsidian comment; leave it out")
    if name.startswith("."):
        raise UsageError(f"{what} {name!r}: a name starting with a dot would be a hidden file")
    problem = windows_name_problem(name)
    if problem is not None:
        raise UsageError(f"{what} {name!r}: {problem}")
    full = f"{file_name or name}.md"
    if len(full.encode("utf-8")) > MAX_NAME_BYTES:
        raise UsageError(
            f"{what} {name!r}: too long for a file name ({len(full.encode('utf-8'))} bytes, at most {MAX_NAME_BYTES})"
        )
    return name


def property_key(key: str) -> str:
    if not _KEY.match(key):
        raise UsageError(f"{key!r}: a property name is letters, digits, _ and -, starting with a letter")
    return key


def typed(text: str) -> Any:
    """A value from the command line as a template should see it: numbers and booleans typed."""
    if INT_RE.match(text):
        return int(text)
    if FLOAT_RE.match(text):
        return float(text)
    if text in ("true", "false"):
        return text == "true"
    return text


# Names a template already uses or writes: a --var of the same name would clash with them.
RESERVED_VARS = frozenset(
    {
        "name",
        "extra",
        "me",
        "today",
        "pitches",
        "followup_days",
        "referrer",
        "past_interviews",
        "learnings",
        "pitch_text",
        "type",
        "person",
        "date",
        "pitch",
        "status",
        "referrals",
        "followup",
        "followup_sent",
        "company",
        "title",
    }
)
PERSON_OPTIONS = frozenset(PERSON_FIELDS) | {"tags", "aliases"}


def extra_properties(pairs: tuple[str, ...], options: frozenset[str] = frozenset()) -> dict[str, str]:
    """--var KEY=VALUE pairs, refusing keys that a template or an option already provides."""
    values = parse_assignments(pairs, "--var")
    for key in values:
        if key in RESERVED_VARS or key in options:
            hint = f"use --{key.replace('_', '-')}" if key in options else "it is set by infoview"
            raise UsageError(f"--var {key}=...: {key} cannot be given this way ({hint})")
    return values


def parse_assignments(pairs: tuple[str, ...], option: str) -> dict[str, str]:
    """KEY=VALUE pairs from the command line, each checked."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"{option} {pair!r}: write KEY=VALUE")
        values[property_key(key.strip())] = single_line(f"{option} {key.strip()}", value)
    return values


def similar_names(name: str, names: list[str], limit: int = 3) -> list[str]:
    """People the user may have meant: the same first letters (accents and case aside), else a close spelling."""
    wanted = loose_key(name)
    plain = {loose_key(known): known for known in names}
    starts = [known for key, known in sorted(plain.items()) if key.startswith(wanted) or f" {wanted}" in key]
    if starts:
        return starts[:limit]
    return [plain[key] for key in difflib.get_close_matches(wanted, list(plain), n=limit, cutoff=0.8)]


def existing_note(practice: Practice, name: str) -> Note | None:
    """A note whose name is the same ignoring case and Unicode form (one file on macOS and Windows)."""
    for note in practice.index.by_name.get(name_key(name), []):
        return note
    return None


HONORIFICS = frozenset({"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."})


def first_name(name: str, written: Any = None) -> str:
    """How to greet someone: the first word of their ``name`` property when the note has one, else of
    the note name, passing over a title (Dr., Prof.) and anything in brackets."""
    words = (written if isinstance(written, str) and written.strip() else name).split()
    usable = [word for word in words if word.casefold() not in HONORIFICS and not word.startswith(("(", "["))]
    return (usable or words or [name])[0]


_AN_SOUNDS = ("a", "e", "i", "o", "u")
_A_DESPITE_VOWEL = ("uni", "use", "usu", "eu", "one", "once")
_AN_DESPITE_CONSONANT = ("hour", "honest", "honor", "honour", "heir")
_LETTERS_SAID_WITH_A_VOWEL = "AEFHILMNORSX"  # "an SVP", "an HR lead", "an MD"
_UNIQUE_ROLES = ("head ", "chief ", "ceo", "cto", "cfo", "coo", "cmo", "president", "vice president", "the ")


def with_article(title: str) -> str:
    """A job title as it reads after "how you came to be": "a PAT specialist", "an engineer",
    "an HR manager", but "Head of Quality" and "Managing Director" as they are (one per company)."""
    text = title.strip()
    lowered = text.casefold()
    if not text or lowered.startswith(("a ", "an ")) or lowered.startswith(_UNIQUE_ROLES):
        return text
    first = text.split()[0].strip(",")
    if len(first) > 1 and first.isupper() and first.isalpha():
        # An acronym: a consonant then a vowel is read as a word ("a PAT", "a NASA"); otherwise its
        # first letter is spoken by name ("an SVP", "an MSAT", "a UX", "an FDA").
        read_as_word = first[0] not in "AEIOU" and first[1] in "AEIOU"
        spoken_vowel = not read_as_word and first[0] in _LETTERS_SAID_WITH_A_VOWEL
        return f"{'an' if spoken_vowel else 'a'} {text}"
    if lowered.startswith(_AN_DESPITE_CONSONANT):
        return f"an {text}"
    if lowered.startswith(_A_DESPITE_VOWEL):
        return f"a {text}"
    return f"{'an' if lowered.startswith(_AN_SOUNDS) else 'a'} {text}"


def person_view(practice: Practice, name: str) -> dict[str, Any]:
    """A person as a template sees them: their properties, plus ``name`` (the note name) and
    ``first_name`` (how to greet them)."""
    note = practice.people.get(name)
    view: dict[str, Any] = {field: None for field in PERSON_FIELDS}
    if note is not None:
        view.update(note.properties)
        # Under infoview's names too, whatever the note calls them (``Company:`` is ``company``).
        view.update({field: note.get(field) for field in PERSON_FIELDS if note.written_key(field) not in (None, field)})
    view["first_name"] = first_name(name, view.get("name"))
    view["name"] = name
    return view


def introducer_of(practice: Practice, name: str) -> str | None:
    """Who introduced this person: their parent in the tree of first introductions."""
    return build_referrals(practice).parent.get(name)


def referrer_of(practice: Practice, name: str) -> dict[str, Any] | None:
    """The person who introduced ``name``, as a template sees them."""
    introducer = introducer_of(practice, name)
    return person_view(practice, introducer) if introducer is not None else None


def past_interviews(practice: Practice, name: str, takeaways: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """Earlier calls with this person or with people at the same company, oldest first."""
    person = practice.people.get(name)
    company = (person.text("company") or "").casefold() if person else ""
    people = {name, *practice.people_by_company.get(company, ())} if company else {name}
    calls = sorted(
        (call for who in people for call in practice.interviews_by_person.get(who, ())),
        key=lambda call: (call.day, call.note.path),
    )
    return [
        {
            "note": call.note.name,
            "path": call.note.path,
            "date": call.moment.isoformat(),
            "status": call.status,
            "person": call.person,
            "takeaways": takeaways.get(call.note.path, []),
        }
        for call in calls
        if call.status in ("done", "planned")
    ]


def takeaways_of(body: str, limit: int = 5) -> list[str]:
    """The first lines under a note's "Takeaways" heading."""
    lines, inside = [], False
    for line in body.splitlines():
        if line.startswith("#"):
            if inside:
                break
            inside = "takeaway" in line.casefold()
            continue
        if inside and line.strip():
            lines.append(line.strip().lstrip("-*+ ").strip())
    return lines[:limit]


def common_context(config: Config, today: date) -> dict[str, Any]:
    me = config.me
    return {
        "me": {"name": me.name, "intro": me.intro, "bio": me.bio, "availability": me.availability},
        "today": today.isoformat(),
        "pitches": dict(config.pitches),
        "followup_days": config.followup_days,
    }


def iso_moment(moment: date | datetime) -> str:
    """A date, or a date-time to the minute as Obsidian writes it (seconds only when there are some)."""
    if isinstance(moment, datetime) and not moment.second and not moment.microsecond:
        return moment.isoformat(timespec="minutes")
    return moment.isoformat()


def interview_context(
    practice: Practice,
    config: Config,
    person: Note,
    moment: str,
    pitch: str | None,
    extra: dict[str, Any],
    today: date,
    takeaways: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    """What the interview template sees for a call with ``person`` at ``moment`` (ISO text)."""
    context = common_context(config, today)
    context.update(
        {
            "person": person_view(practice, person.name),
            "name": person.name,
            "date": moment,
            "pitch": pitch,
            "pitch_text": config.pitches.get(pitch or "", None),
            "referrer": referrer_of(practice, person.name),
            "past_interviews": past_interviews(practice, person.name, takeaways),
            "breadth": extra.get("breadth") or person.text("breadth"),
            "duration": None,
            "channel": None,
            "company": person.text("company"),
            "title": person.text("title"),
            "extra": {key: typed(value) if isinstance(value, str) else value for key, value in extra.items()},
        }
    )
    context.update(context["extra"])
    return context


def interview_file_name(moment: date | datetime, name: str) -> str:
    day = moment.date() if isinstance(moment, datetime) else moment
    return f"{day.isoformat()} {name}"
