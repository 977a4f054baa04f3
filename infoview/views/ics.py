"""Planned calls and follow-up dates as an iCalendar file that calendar apps import.

UIDs come from the note's path, so importing a new export updates events instead of adding
them twice; nothing depends on the clock, so the same notes give the same bytes.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

import icalendar

from infoview import __version__
from infoview.core.analysis.practice import Practice
from infoview.core.config import Config
from infoview.core.model import MAX_CALL_MINUTES


def _uid(kind: str, path: str) -> str:
    return f"{hashlib.sha256(f'{kind}:{path}'.encode()).hexdigest()[:32]}@infoview"


def _stamp(day: date) -> datetime:
    """DTSTAMP must be present; a fixed one derived from the event keeps exports reproducible."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def build_calendar(practice: Practice, config: Config) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//infoview {__version__}//informational interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Informational interviews")
    for interview in practice.interviews:
        if interview.status != "planned":
            continue
        person = practice.people.get(interview.person)
        company = person.text("company") if person else None
        event = icalendar.Event()
        event.add("uid", _uid("interview", interview.note.path))
        event.add("dtstamp", _stamp(interview.day))
        event.add("summary", f"Informational interview: {interview.person}" + (f" ({company})" if company else ""))
        if isinstance(interview.moment, datetime):
            minutes = interview.note.get("duration")
            # A time with an offset goes out in UTC (no VTIMEZONE needed); one without stays local time.
            start = interview.moment.astimezone(UTC) if interview.moment.tzinfo else interview.moment
            event.add("dtstart", start)
            usable = type(minutes) is int and 0 < minutes <= MAX_CALL_MINUTES  # check warns about the rest
            event.add("dtend", start + timedelta(minutes=minutes if usable else 30))
        else:
            event.add("dtstart", interview.day)
            event.add("dtend", interview.day + timedelta(days=1))
        channel = interview.note.text("channel")
        if channel:
            event.add("location", channel)
        event.add("description", f"Prep sheet: {interview.note.path}")
        calendar.add_component(event)
    latest = {interview.person: interview for interview in practice.done}
    for person, interview in sorted(latest.items()):
        if interview.note.get("followup_sent") not in (None, ""):
            continue
        due = interview.note.when("followup") or interview.day + timedelta(days=config.followup_days)
        event = icalendar.Event()
        event.add("uid", _uid("followup", interview.note.path))
        event.add("dtstamp", _stamp(due))
        event.add("summary", f"Out-of-the-blue note to {person}")
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add(
            "description",
            f"A short note on what you did with their advice since {interview.day.isoformat()} "
            f"({interview.note.path}); then set followup_sent.",
        )
        calendar.add_component(event)
    return calendar.to_ical()
