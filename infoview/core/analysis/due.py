"""What the practice says to do next, soonest first. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import ReferralGraph
from infoview.core.config import Config
from infoview.core.model import shell_word

NUDGE_AFTER_DAYS = 7
RECONNECT_AFTER_DAYS = 365
# A prep sheet with fewer words than this beyond what its template wrote is still to be written.
PREP_WORDS = 1
PREP_LOOKAHEAD_DAYS = 14


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: str
    name: str
    path: str | None
    due: date
    message: str

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "name": self.name,
            "path": self.path,
            "due": self.due.isoformat(),
            "message": self.message,
        }


KIND_ORDER = {"record": 0, "prep": 1, "followup": 2, "thank": 3, "contact": 4, "nudge": 5, "reconnect": 6}


def due_items(
    practice: Practice, referrals: ReferralGraph, config: Config, today: date, within_days: int
) -> list[DueItem]:
    """Everything due on or before ``today + within_days`` (overdue included), soonest first."""
    items: list[DueItem] = []
    items += _unrecorded(practice, today)
    items += _preps(practice, today)
    items += _followups(practice, config)
    items += _thanks(practice, referrals, today)
    items += _contacts(practice, referrals, today)
    items += _nudges(practice)
    items += _reconnects(practice, today)
    horizon = today + timedelta(days=within_days)
    kept = [item for item in items if item.due <= horizon]
    kept.sort(key=lambda item: (item.due, KIND_ORDER[item.kind], item.name.casefold(), item.path or ""))
    return kept


def _unrecorded(practice: Practice, today: date) -> list[DueItem]:
    """Planned calls whose day has passed: say how it went."""
    items = []
    for interview in practice.interviews:
        if interview.status == "planned" and interview.day < today:
            items.append(
                DueItem(
                    "record",
                    interview.person,
                    interview.note.path,
                    interview.day,
                    f"the call with {interview.person} was planned for {interview.day.isoformat()}: record it with "
                    f"infoview done {shell_word(interview.note.name)} (or --status cancelled, no-show, rescheduled)",
                )
            )
    return items


def _preps(practice: Practice, today: date) -> list[DueItem]:
    items = []
    for interview in practice.interviews:
        days_left = (interview.day - today).days
        if (
            interview.status == "planned"
            and 0 <= days_left <= PREP_LOOKAHEAD_DAYS
            and interview.note.body_words < PREP_WORDS
        ):
            when = interview.moment.isoformat().replace("T", " ")[:16]
            items.append(
                DueItem(
                    "prep",
                    interview.person,
                    interview.note.path,
                    interview.day - timedelta(days=1),
                    f"prepare for the call with {interview.person} on {when}: "
                    "tailored questions, your one-minute bio, the plan for the half hour",
                )
            )
    return items


def _followups(practice: Practice, config: Config) -> list[DueItem]:
    """The out-of-the-blue note a few months after a call, for the latest done call with each person."""
    latest = {interview.person: interview for interview in practice.done}
    items = []
    for person, interview in latest.items():
        note = interview.note
        if note.get("followup_sent") not in (None, ""):
            continue
        due = note.when("followup") or interview.day + timedelta(days=config.followup_days)
        items.append(
            DueItem(
                "followup",
                person,
                note.path,
                due,
                f"send {person} a short out-of-the-blue note: what you did with their advice "
                f"since {interview.day.isoformat()} (then set followup_sent)",
            )
        )
    return items


def _thanks(practice: Practice, referrals: ReferralGraph, today: date) -> list[DueItem]:
    first_call = {}
    for interview in practice.done:
        first_call.setdefault(interview.person, interview.day)
    items = []
    for row in referrals.acknowledge:
        referrer, referred = row["referrer"], row["referred"]
        person = practice.people.get(referred)
        items.append(
            DueItem(
                "thank",
                referrer,
                practice.people[referrer].path if referrer in practice.people else None,
                first_call.get(referred, today),
                f"tell {referrer} you spoke with {referred}, whom they suggested "
                f"(then set referrer_thanked in {person.path if person else referred})",
            )
        )
    return items


def _contacts(practice: Practice, referrals: ReferralGraph, today: date) -> list[DueItem]:
    drafts = {message.person: message.note.path for message in practice.messages if message.sent is None}
    items = []
    for row in referrals.pending:
        name = str(row["name"])
        sources = ", ".join(row["referred_by"])  # type: ignore[arg-type]
        since = date.fromisoformat(str(row["since"])) if row["since"] else today
        person = practice.people.get(name)
        draft = drafts.get(name)
        todo = f"send the draft waiting in {draft}" if draft else f"infoview reach {shell_word(name)}"
        items.append(
            DueItem(
                "contact",
                name,
                person.path if person else None,
                since,
                f"reach out to {name}, suggested by {sources}: {todo}",
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
        items.append(
            DueItem(
                "nudge",
                message.person,
                message.note.path,
                message.sent + timedelta(days=NUDGE_AFTER_DAYS),
                f"no reply from {message.person} since {message.sent.isoformat()}: nudge once, "
                "then mark it no-reply and move on",
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
        if person in planned or (today - day).days >= 2 * RECONNECT_AFTER_DAYS:
            continue
        note = practice.people.get(person)
        items.append(
            DueItem(
                "reconnect",
                person,
                note.path if note else None,
                day + timedelta(days=RECONNECT_AFTER_DAYS),
                f"a year since you last talked with {person} ({day.isoformat()}): worth a catch-up call?",
            )
        )
    return items
