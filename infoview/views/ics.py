"""Planned calls and follow-up dates as an iCalendar file that calendar apps import.

Each call keeps one UID for life, from the first note of its chain of reschedules, so importing a
newer export moves the event instead of adding a second one; a cancelled call (or one moved with
no new note) goes out as ``STATUS:CANCELLED`` under that UID, so the import takes it off the
agenda. ``DTSTAMP``, ``LAST-MODIFIED`` and ``SEQUENCE`` come from when the notes behind an event
last changed (given by the caller, never read here): a changed note makes a newer, higher-numbered
version of its event, and unchanged notes give the same bytes. Times go out in UTC.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo

import icalendar

from infoview import __version__
from infoview.core.analysis.due import followup_day, open_followups
from infoview.core.analysis.practice import Interview, Practice
from infoview.core.analysis.schedule import CallChain, call_chains
from infoview.core.config import Config
from infoview.core.model import MAX_CALL_MINUTES

# SEQUENCE counts seconds from here: it only grows as notes change, and fits a 32-bit number until 2088.
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
# A cancelled or moved call stays in the export this long after its day, so that the next
# import still sees it cancelled; older ones are history.
CANCELLED_KEPT_DAYS = 30
DEFAULT_MINUTES = 30


def _uid(kind: str, path: str) -> str:
    return f"{hashlib.sha256(f'{kind}:{path}'.encode()).hexdigest()[:32]}@infoview"


def _revision(event: icalendar.Event, paths: list[str], modified: Mapping[str, datetime]) -> None:
    """DTSTAMP and LAST-MODIFIED: the latest change to the notes behind the event; SEQUENCE grows with it."""
    latest = max((modified[path] for path in paths if path in modified), default=SEQUENCE_EPOCH)
    latest = latest.astimezone(UTC).replace(microsecond=0)
    event.add("dtstamp", latest)
    event.add("last-modified", latest)
    event.add("sequence", max(0, int((latest - SEQUENCE_EPOCH).total_seconds())))


def _when(event: icalendar.Event, interview: Interview, zone: tzinfo) -> None:
    """A timed call in UTC (a time written without a zone is in ``zone``); a day alone, all day."""
    moment = interview.moment
    if isinstance(moment, datetime):
        start = (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)
        minutes = interview.note.get("duration")
        usable = type(minutes) is int and 0 < minutes <= MAX_CALL_MINUTES  # check warns about the rest
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes if usable else DEFAULT_MINUTES))
    else:
        event.add("dtstart", moment)
        event.add("dtend", moment + timedelta(days=1))


def _status(chain: CallChain) -> str | None:
    """CONFIRMED for a call to come, CANCELLED for one called off (or moved with no new note);
    None for calls that took place or were missed: their event stays as the calendar has it."""
    status = chain.latest.status
    if status == "planned":
        return "CONFIRMED"
    if status in ("cancelled", "rescheduled"):
        return "CANCELLED"
    return None


def _call_event(
    practice: Practice, chain: CallChain, status: str, zone: tzinfo, modified: Mapping[str, datetime]
) -> icalendar.Event:
    call = chain.latest
    person_note = practice.people.get(call.person)
    company = person_note.text("company") if person_note else None
    event = icalendar.Event()
    event.add("uid", _uid("interview", chain.first.note.path))
    paths = [interview.note.path for interview in chain.notes] + ([person_note.path] if person_note else [])
    _revision(event, paths, modified)
    cancelled = "Cancelled: " if status == "CANCELLED" else ""
    event.add("summary", f"{cancelled}Informational interview: {call.person}" + (f" ({company})" if company else ""))
    _when(event, call, zone)
    event.add("status", status)
    channel = call.note.text("channel")
    if channel:
        event.add("location", channel)
    event.add("description", f"Prep sheet: {call.note.path}")
    return event


def _followup_event(
    practice: Practice, person: str, interview: Interview, due: date, modified: Mapping[str, datetime]
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid("followup", interview.note.path))
    person_note = practice.people.get(person)
    _revision(event, [interview.note.path] + ([person_note.path] if person_note else []), modified)
    event.add("summary", f"Out-of-the-blue note to {person}")
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add(
        "description",
        f"A short note on what you did with their advice since {interview.day.isoformat()} "
        f"({interview.note.path}); then set followup_sent.",
    )
    return event


def build_calendar(
    practice: Practice, config: Config, today: date, zone: tzinfo, modified: Mapping[str, datetime]
) -> bytes:
    """The calendar as of ``today``; ``modified`` maps note paths to when they last changed."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//infoview {__version__}//informational interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Informational interviews")
    for chain in call_chains(practice):
        status = _status(chain)
        if status is None:
            continue
        if status == "CANCELLED" and (today - chain.latest.day).days > CANCELLED_KEPT_DAYS:
            continue
        calendar.add_component(_call_event(practice, chain, status, zone, modified))
    oldest_followup = today - timedelta(days=config.calendar.followups_within_days)
    for person, interview in sorted(open_followups(practice).items()):
        due = followup_day(interview, config)
        if due is None or due < oldest_followup:
            continue
        calendar.add_component(_followup_event(practice, person, interview, due, modified))
    data: bytes = calendar.to_ical()
    return data
