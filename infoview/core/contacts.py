"""People from exports: LinkedIn's Connections.csv and contact cards, read into contacts, filtered,
and matched against the people already in the vault, so an import shows what it would create and
never makes a second note for someone. Pure: the caller reads the files."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from infoview.core.errors import InfoviewError, UsageError
from infoview.core.making import note_name
from infoview.core.model import Note, Problem

LINKEDIN_COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
REQUIRED_COLUMNS = ("First Name", "Last Name")
# LinkedIn puts a few lines of notes above the header; a header further down is not LinkedIn's.
HEADER_SEARCH_LINES = 30
_MONTHS = {name: number for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
# The properties an import fills, in the order a note lists them.
FILLED = ("company", "title", "email", "linkedin", "source", "connection")


class ExportError(InfoviewError):
    """An export infoview cannot read at all: names the file and line, and how to fix it."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Contact:
    """One person as an export gives them, with the line they start on."""

    name: str
    line: int
    company: str | None = None
    title: str | None = None
    email: str | None = None
    linkedin: str | None = None
    connected: date | None = None
    source: str = "LinkedIn"
    connection: str | None = None

    def properties(self) -> dict[str, str]:
        """What a person note made from this contact says, empty values left out."""
        values = {key: getattr(self, key) for key in FILLED}
        return {key: value for key, value in values.items() if value}


def decode_export(path: str, data: bytes) -> str:
    """An export's text: UTF-8 (with or without a byte-order mark) or UTF-16 with one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ExportError(
            path,
            line,
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8 "
            "(in Excel: CSV UTF-8; LinkedIn's own export already is) and try again",
        ) from None


def plain(text: str) -> str:
    """A name as two spellings of one person share it: no accents, no case, single spaces."""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).casefold().split())


def profile_key(url: str) -> str:
    """A profile URL as two spellings of it share it: no scheme, ``www.`` or country prefix,
    query or trailing slash; case ignored."""
    text = url.strip().casefold()
    text = re.sub(r"^[a-z]+://", "", text).split("?")[0].split("#")[0].rstrip("/")
    host, _slash, rest = text.partition("/")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
    return f"{host.removeprefix('www.')}/{rest}"


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    position = columns.get(name)
    return " ".join(row[position].split()) if position is not None and position < len(row) else ""


def _connected_on(text: str) -> date | None:
    """LinkedIn's "02 Mar 2019" (or an ISO date); None when it is neither."""
    day, _space, rest = text.partition(" ")
    month, _space, year = rest.partition(" ")
    if day.isdigit() and year.isdigit() and month.casefold() in _MONTHS:
        try:
            return date(int(year), _MONTHS[month.casefold()], int(day))  # strptime is slow on 30,000 rows
        except ValueError:
            return None
    for shape in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text, shape).date()  # noqa: DTZ007 - a calendar day, no time
        except ValueError:
            continue
    return None


def _header(path: str, rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    """The header row's line and its columns; the lines above it are LinkedIn's notes."""
    for line, row in rows[:HEADER_SEARCH_LINES]:
        cells = [cell.strip() for cell in row]
        if "First Name" in cells or "Last Name" in cells:
            columns = {cell: position for position, cell in enumerate(cells)}
            missing = [name for name in REQUIRED_COLUMNS if name not in columns]
            if missing:
                raise ExportError(path, line, f"no {' or '.join(repr(name) for name in missing)} column; {_expected()}")
            return line, columns
    raise ExportError(path, 1, f"no header line found; {_expected()}")


def _expected() -> str:
    return f"LinkedIn's Connections.csv has the columns {', '.join(LINKEDIN_COLUMNS)}"


def _rows(path: str, text: str) -> list[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on (a quoted cell may span lines). A file saved again
    by a spreadsheet set to a European locale separates cells with ``;`` or tabs: the header says."""
    header = next((line for line in text.splitlines()[:HEADER_SEARCH_LINES] if "First Name" in line), "")
    delimiter = max(",;\t", key=header.count)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ExportError(path, reader.line_num or 1, f"not readable as CSV ({error})") from None
    return rows


def read_linkedin(path: str, text: str) -> tuple[list[Contact], list[Problem]]:
    """The connections in LinkedIn's export, and a warning for each row left out or read in part."""
    rows = _rows(path, text)
    header_line, columns = _header(path, rows)
    contacts: list[Contact] = []
    problems: list[Problem] = []
    for line, row in rows:
        if line <= header_line or not any(cell.strip() for cell in row):
            continue
        name = f"{_cell(row, columns, 'First Name')} {_cell(row, columns, 'Last Name')}".strip()
        if not name:
            problems.append(Problem(path, line, "warning", "no first or last name; left out"))
            continue
        written = _cell(row, columns, "Connected On")
        connected = _connected_on(written) if written else None
        if written and connected is None:
            problems.append(
                Problem(path, line, "warning", f"Connected On {written!r} is not a date like 02 Mar 2019; left empty")
            )
        since = f" since {connected.isoformat()}" if connected else ""
        contacts.append(
            Contact(
                name=name,
                line=line,
                company=_cell(row, columns, "Company") or None,
                title=_cell(row, columns, "Position") or None,
                email=_cell(row, columns, "Email Address") or None,
                linkedin=_cell(row, columns, "URL") or None,
                connected=connected,
                source="LinkedIn",
                connection=f"LinkedIn connection{since}",
            )
        )
    return contacts, problems


def contact_filter(
    *, company: str | None, title: str | None, name: str | None, connected_since: date | None
) -> Callable[[Contact], bool]:
    """``--company``, ``--title`` and ``--name`` match part of the value, ignoring case and accents;
    ``--connected-since`` keeps contacts connected on or after that day (and so only dated ones)."""
    tests = [(plain(wanted), key) for wanted, key in ((company, "company"), (title, "title"), (name, "name")) if wanted]

    def keep(contact: Contact) -> bool:
        for wanted, key in tests:
            if wanted not in plain(getattr(contact, key) or ""):
                return False
        return connected_since is None or (contact.connected is not None and contact.connected >= connected_since)

    return keep


@dataclass
class Step:
    """What an import does with one contact: ``create`` a note, ``update`` one (fill empty
    properties), or nothing: ``exists`` (already a person), ``repeat`` (earlier in the same
    export) or ``skip`` (cannot be a note name)."""

    action: str
    contact: Contact
    name: str  # the note name made or matched
    fills: dict[str, str] = field(default_factory=dict)
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "name": self.name,
            "line": self.contact.line,
            "properties": self.contact.properties(),
            "fills": self.fills,
            "reason": self.reason,
        }


def note_key(note: Note, key: str) -> str:
    """The note's own spelling of a known property (``Company``, ``Linked In``), else ``key``."""
    return note.written_key(key) or key


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


class People:
    """The vault's people by every key that says two records are one person: the name (and each
    alias) ignoring case and accents, the profile URL, the email address."""

    def __init__(self, people: Iterable[Note]) -> None:
        self.by_key: dict[str, Note | Contact] = {}
        for note in people:
            for text in [note.name, *note.strings("aliases"), *note.strings("alias")]:
                self.by_key.setdefault("name:" + plain(text), note)
            for key in ("linkedin", "email"):
                for value in note.strings(note_key(note, key)):
                    self.by_key.setdefault(self._key(key, value), note)

    @staticmethod
    def _key(kind: str, value: str) -> str:
        return f"url:{profile_key(value)}" if kind == "linkedin" else f"email:{value.strip().casefold()}"

    def keys_of(self, contact: Contact) -> list[str]:
        keys = ["name:" + plain(contact.name)]
        keys += [self._key("linkedin", contact.linkedin)] if contact.linkedin else []
        keys += [self._key("email", contact.email)] if contact.email else []
        return keys

    def match(self, keys: list[str]) -> Note | Contact | None:
        return next((self.by_key[key] for key in keys if key in self.by_key), None)

    def add(self, keys: list[str], record: Note | Contact) -> None:
        """Later records with any of these keys are the same person as ``record``."""
        for key in keys:
            self.by_key.setdefault(key, record)


@dataclass(frozen=True)
class ImportRun:
    """What an import did (``written``) or would do with the ``read`` contacts of an export."""

    steps: list[Step]
    problems: list[Problem]
    read: int
    written: bool
    update: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "steps": [step.as_json() for step in self.steps],
            "problems": [problem.as_json() for problem in self.problems],
        }


def plan_import(contacts: Iterable[Contact], people: Iterable[Note], update: bool) -> list[Step]:
    """What importing these contacts does, in the export's order; never two notes for one person."""
    known = People(people)
    steps: list[Step] = []
    matched: dict[str, int] = {}  # a note already matched, and the line that matched it
    for contact in contacts:
        keys = known.keys_of(contact)
        found = known.match(keys)
        if isinstance(found, Note) and found.path in matched:
            reason = f"the same person as line {matched[found.path]}"
            steps.append(Step("repeat", contact, found.name, reason=reason))
            continue
        if isinstance(found, Note):
            matched[found.path] = contact.line
            known.add(keys, found)  # a later row with this row's name or URL is the same person
            fills = _fills(found, contact) if update else {}
            steps.append(Step("update" if fills else "exists", contact, found.name, fills))
            continue
        if found is not None:
            steps.append(Step("repeat", contact, found.name, reason=f"the same person as line {found.line}"))
            continue
        try:
            name = note_name(unicodedata.normalize("NFC", contact.name), what="the name")
        except UsageError as error:
            steps.append(Step("skip", contact, contact.name, reason=f"{error}; add them by hand"))
            continue
        known.add(keys, contact)
        steps.append(Step("create", contact, name))
    return steps


def _fills(note: Note, contact: Contact) -> dict[str, str]:
    """The contact's values for the properties the note leaves empty, keyed as the note spells them."""
    return {
        note_key(note, key): value
        for key, value in contact.properties().items()
        if _empty(note.get(note_key(note, key)))
    }
