"""What the practice says to do next, soonest first, each with the command that does it. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from infoview.core.analysis.practice import Interview, Practice
from infoview.core.analysis.referrals import ReferralGraph
from infoview.core.config import Config
from infoview.core.dates import add_days
from infoview.core.model import shell_word

NUDGE_AFTER_DAYS = 7
RECONNECT_AFTER_DAYS = 365
PREP_LOOKAHEAD_DAYS = 14
CALL_MISSED = ("cancelled", "no-show", "rescheduled")


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: str
    name: str
    path: str | None
    due: date
    message: str

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "path": self.path,
            "due": self.due.isoformat(),
            "message": self.message,
        }


@dataclass(frozen=True)
class Agenda:
    """What is due as of ``today``, soonest first."""

    today: date
    items: list[DueItem]

    def as_json(self) -> list[dict[str, Any]]:
        return [item.as_json() for item in self.items]


KIND_ORDER = {
    "record": 0,
    "reschedule": 1,
    "prep": 2,
    "followup": 3,
    "thank": 4,
    "contact": 5,
    "nudge": 6,
    "reconnect": 7,
}


def calls_to_prepare(practice: Practice, today: date) -> list[Interview]:
    """Planned calls from today to two weeks ahead: their prep sheets are judged (by whoever can read them)."""
    return [
        interview
        for interview in practice.interviews
        if interview.status == "planned" and 0 <= (interview.day - today).days <= PREP_LOOKAHEAD_DAYS
    ]


def due_items(
    practice: Practice,
    referrals: ReferralGraph,
    config: Config,
    today: date,
    within_days: int,
    prepared: Mapping[str, bool],
) -> list[DueItem]:
    """Everything due on or before ``today + within_days`` (overdue included), soonest first.

    ``prepared`` says, by note path, whether each call of ``calls_to_prepare`` has a prep sheet
    the user has written in; a call it does not mention counts as prepared.
    """
    items: list[DueItem] = []
    items += _unrecorded(practice, today)
    items += _reschedules(practice, config, today)
    items += _preps(practice, today, prepared)
    items += _followups(practice, config)
    items += _thanks(practice, referrals)
    items += _contacts(practice, referrals, today)
    items += _nudges(practice)
    items += _reconnects(practice, today)
    horizon = today + timedelta(days=within_days)
    kept = [item for item in items if item.due <= horizon]
    kept.sort(key=lambda item: (item.due, KIND_ORDER[item.kind], item.name.casefold(), item.path or ""))
    return kept


def _reach(practice: Practice, name: str, flag: str) -> str:
    """The reach command for a message to ``name``, preceded by adding them when they have no note
    (reach needs a person note)."""
    command = f"infoview reach {flag}{shell_word(name)}"
    if name in practice.people:
        return command
    return f"infoview person add {shell_word(name)}, then {command}"


def _unrecorded(practice: Practice, today: date) -> list[DueItem]:
    """Planned calls whose day has passed: say how it went."""
    return [
        DueItem(
            "record",
            interview.person,
            interview.note.path,
            interview.day,
            f"the call with {interview.person} was planned for {interview.day.isoformat()}: record it with "
            f"infoview done {shell_word(interview.note.name)} (or --status cancelled, no-show, rescheduled)",
        )
        for interview in practice.interviews
        if interview.status == "planned" and interview.day < today
    ]


def _reschedules(practice: Practice, config: Config, today: date) -> list[DueItem]:
    """A cancelled, missed or moved call with nothing after it: find a new time, or let it go, for a while."""
    items = []
    for interview in practice.interviews:
        if interview.status not in CALL_MISSED or not 0 <= (today - interview.day).days <= config.reschedule_days:
            continue
        if _followed_up(practice, interview):
            continue
        how = {"cancelled": "was cancelled", "no-show": "did not happen", "rescheduled": "was moved"}[interview.status]
        command = (
            f"infoview new {shell_word(interview.person)} --date YYYY-MM-DD"
            if interview.person in practice.people
            else f"infoview person add {shell_word(interview.person)}"
        )
        items.append(
            DueItem(
                "reschedule",
                interview.person,
                interview.note.path,
                interview.day,
                f"the call with {interview.person} on {interview.day.isoformat()} {how}: reschedule or let it go; "
                f"for a new date: {command}",
            )
        )
    return items


def _followed_up(practice: Practice, interview: Interview) -> bool:
    """Whether a later call or a later message to the person already answers a missed call."""
    later_call = any(
        other.day >= interview.day and other is not interview and other.note.path != interview.note.path
        for other in practice.interviews_by_person.get(interview.person, [])
        if other.status in ("planned", "done")
    )
    later_message = any(
        message.sent is not None and message.sent > interview.day
        for message in practice.messages
        if message.person == interview.person
    )
    return later_call or later_message


def _preps(practice: Practice, today: date, prepared: Mapping[str, bool]) -> list[DueItem]:
    items = []
    for interview in calls_to_prepare(practice, today):
        if prepared.get(interview.note.path, True):
            continue
        when = interview.moment.isoformat().replace("T", " ")[:16]
        items.append(
            DueItem(
                "prep",
                interview.person,
                interview.note.path,
                interview.day - timedelta(days=1),
                f"prepare for the call with {interview.person} on {when} in {interview.note.path}: "
                "tailored questions, your one-minute bio, the plan for the half hour",
            )
        )
    return items


def followup_day(interview: Interview, config: Config) -> date | None:
    """When the out-of-the-blue note after a done call is due: its ``followup``, else the config's days later."""
    return interview.note.when("followup") or add_days(interview.day, config.followup_days)


def open_followups(practice: Practice) -> dict[str, Interview]:
    """The latest done call with each person, when its follow-up note has not been sent."""
    latest = {interview.person: interview for interview in practice.done}
    return {
        person: interview for person, interview in latest.items() if interview.note.get("followup_sent") in (None, "")
    }


def _followups(practice: Practice, config: Config) -> list[DueItem]:
    """The out-of-the-blue note a few months after a call, for the latest done call with each person."""
    items = []
    for person, interview in open_followups(practice).items():
        due = followup_day(interview, config)
        if due is None:
            continue
        items.append(
            DueItem(
                "followup",
                person,
                interview.note.path,
                due,
                f"send {person} a short out-of-the-blue note on what you did with their advice since "
                f"{interview.day.isoformat()}: {_reach(practice, person, '--followup ')}",
            )
        )
    return items


def _thanks(practice: Practice, referrals: ReferralGraph) -> list[DueItem]:
    items = []
    for row in referrals.acknowledge:
        referrer = practice.people.get(row.referrer)
        items.append(
            DueItem(
                "thank",
                row.referrer,
                referrer.path if referrer is not None else None,
                row.spoke,
                f"tell {row.referrer} how it went with {row.referred}, whom they suggested: "
                f"{_reach(practice, row.referred, '--thanks ')}",
            )
        )
    return items


def _contacts(practice: Practice, referrals: ReferralGraph, today: date) -> list[DueItem]:
    drafts = {message.person: message.note.path for message in practice.messages if message.sent is None}
    items = []
    for row in referrals.pending:
        person = practice.people.get(row.name)
        draft = drafts.get(row.name)
        if draft is not None:
            todo = f"send the draft waiting in {draft}, then: infoview reach {shell_word(row.name)} --sent"
        elif person is not None:
            todo = _reach(practice, row.name, "")
        else:
            todo = (
                f"infoview person add {shell_word(row.name)} --referred-by {shell_word(row.referred_by[0])}, "
                f"then infoview reach {shell_word(row.name)}"
            )
        items.append(
            DueItem(
                "contact",
                row.name,
                person.path if person else None,
                row.since or today,
                f"reach out to {row.name}, suggested by {', '.join(row.referred_by)}: {todo}",
            )
        )
    return items


def _nudges(practice: Practice) -> list[DueItem]:
    """Messages sent a week ago or more with no answer: nudge once, then move on."""
    answered = {"replied", "scheduled", "declined", "no-reply"}
    called = {interview.person for interview in practice.interviews if interview.status != "cancelled"}
    items = []
    for message in practice.messages:
        if message.sent is None or message.status in answered or message.person in called:
            continue
        due = add_days(message.sent, NUDGE_AFTER_DAYS)
        if due is None:
            continue
        items.append(
            DueItem(
                "nudge",
                message.person,
                message.note.path,
                due,
                f"no reply from {message.person} since {message.sent.isoformat()}: nudge once, then "
                f"infoview set {shell_word(message.note.path)} status=no-reply",
            )
        )
    return items


def _reconnects(practice: Practice, today: date) -> list[DueItem]:
    """People you last talked to one to two years ago, with nothing planned: older silences drop off
    the list instead of burying what is current."""
    last_call: dict[str, date] = {}
    planned = set()
    for interview in practice.interviews:
        if interview.done and interview.day <= today:
            last_call[interview.person] = interview.day
        elif interview.status == "planned" and interview.day >= today:
            planned.add(interview.person)
    items = []
    for person, day in last_call.items():
        due = add_days(day, RECONNECT_AFTER_DAYS)
        if person in planned or due is None or (today - day).days >= 2 * RECONNECT_AFTER_DAYS:
            continue
        note = practice.people.get(person)
        items.append(
            DueItem(
                "reconnect",
                person,
                note.path if note else None,
                due,
                f"a year since you last talked with {person} ({day.isoformat()}): worth a catch-up? "
                f"{_reach(practice, person, '--followup ')}",
            )
        )
    return items
