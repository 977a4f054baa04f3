"""Everything ``infoview report`` shows, as one value: counts, goal, streaks, gaps, the practice mix. Pure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from infoview.core.analysis.cadence import Cadence, Standing, Streak, goal_in_force
from infoview.core.analysis.practice import Interview, Message, Practice
from infoview.core.config import Config, Goal
from infoview.core.dates import month_key, month_start, months_between, week_key, week_start, weeks_between
from infoview.core.schema import BREADTHS

RULE_OF_THUMB = 1 / 3


@dataclass(frozen=True, slots=True)
class Gap:
    """The longest stretch without a done call."""

    days: int
    start: date
    end: date

    def as_json(self) -> dict[str, Any]:
        return {"days": self.days, "from": self.start.isoformat(), "to": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class Funnel:
    """Sent messages, each counted once in its final state: a call followed (``scheduled``), else
    a reply, a refusal or no answer yet; the four parts add up to ``sent``."""

    drafted: int
    sent: int
    scheduled: int
    replied: int
    declined: int
    no_reply: int
    scheduled_held: int  # of the scheduled: a call that took place
    scheduled_upcoming: int  # of the scheduled: a call still to come

    @property
    def conversion(self) -> float | None:
        return round(self.scheduled / self.sent, 6) if self.sent else None

    def as_json(self) -> dict[str, Any]:
        return {
            "drafted": self.drafted,
            "sent": self.sent,
            "scheduled": self.scheduled,
            "replied": self.replied,
            "declined": self.declined,
            "no_reply": self.no_reply,
            "scheduled_held": self.scheduled_held,
            "scheduled_upcoming": self.scheduled_upcoming,
            "conversion": self.conversion,
            "rule_of_thumb": round(RULE_OF_THUMB, 6),
        }


@dataclass(frozen=True, slots=True)
class Upcoming:
    name: str
    moment: str
    path: str

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "date": self.moment, "path": self.path}


@dataclass(frozen=True)
class Report:
    """The practice over a window of days, as of ``today``."""

    today: date
    since: date
    until: date
    goal: Goal
    goals: tuple[Goal, ...]
    done_total: int
    done_this_week: int
    done_this_month: int
    done_this_year: int
    standing: Standing
    streak: Streak
    last_interview: date | None
    longest_gap: Gap | None
    by_month: dict[str, int]
    by_week: dict[str, int]
    by_day: dict[str, int]
    month_targets: dict[str, int]  # the calls the goal in force asked for, month by month
    breadth: dict[str, Any]
    coverage: dict[str, Any]
    outreach: Funnel
    pitches: dict[str, dict[str, Any]]
    upcoming: list[Upcoming]

    @property
    def days_since_last(self) -> int | None:
        return (self.today - self.last_interview).days if self.last_interview else None

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "goal": {"count": self.goal.count, "per": self.goal.per},
            "goals": [{"since": g.since.isoformat(), "count": g.count, "per": g.per} for g in self.goals],
            "done": {
                "total": self.done_total,
                "this_week": self.done_this_week,
                "this_month": self.done_this_month,
                "this_year": self.done_this_year,
            },
            "standing": self.standing.as_json(),
            "streak": self.streak.as_json(),
            "days_since_last": self.days_since_last,
            "last_interview": self.last_interview.isoformat() if self.last_interview else None,
            "longest_gap": self.longest_gap.as_json() if self.longest_gap else None,
            "by_month": self.by_month,
            "by_week": self.by_week,
            "by_day": self.by_day,
            "month_targets": self.month_targets,
            "breadth": self.breadth,
            "coverage": self.coverage,
            "outreach": self.outreach.as_json(),
            "pitches": self.pitches,
            "upcoming": [row.as_json() for row in self.upcoming],
        }


def _count_by(days: list[date], keys: list[str], key_of: Any) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    for day in days:
        key = key_of(day)
        if key in counts:
            counts[key] += 1
    return counts


def _longest_gap(days: list[date], today: date) -> Gap | None:
    distinct = sorted(set(days))
    if not distinct:
        return None
    best = Gap(0, distinct[0], distinct[0])
    for earlier, later in zip(distinct, [*distinct[1:], today], strict=True):
        if (later - earlier).days > best.days:
            best = Gap((later - earlier).days, earlier, later)
    return best


def _share(counter: Counter[str], total: int) -> dict[str, float]:
    return {key: round(count / total, 3) if total else 0.0 for key, count in counter.items()}


def _mix(practice: Practice, done: list[Interview], target: dict[str, float]) -> dict[str, Any]:
    breadth: Counter[str] = Counter({name: 0 for name in BREADTHS})
    for interview in done:
        person = practice.people.get(interview.person)
        value = interview.note.text("breadth") or (person.text("breadth") if person else None)
        breadth[(value or "unknown").casefold() if (value or "").casefold() in BREADTHS else "unknown"] += 1
    if not breadth["unknown"]:
        del breadth["unknown"]
    total = sum(breadth.values())
    return {"counts": dict(breadth), "share": _share(breadth, total), "target": target}


def _coverage(practice: Practice, done: list[Interview]) -> dict[str, Any]:
    """Industries and functions talked to, overall and by year."""
    result: dict[str, Any] = {}
    for key in ("industry", "function"):
        overall: Counter[str] = Counter()
        by_year: dict[str, set[str]] = {}
        for interview in done:
            person = practice.people.get(interview.person)
            value = person.text(key) if person else None
            if value:
                overall[value] += 1
                by_year.setdefault(str(interview.day.year), set()).add(value)
        result[key] = {
            "counts": dict(sorted(overall.items(), key=lambda item: (-item[1], item[0].casefold()))),
            "distinct_by_year": {year: len(values) for year, values in sorted(by_year.items())},
        }
    return result


def message_outcome(practice: Practice, message: Message, today: date) -> str:
    """A sent message's final state: ``held``, ``upcoming`` or ``missed`` (the three ways of
    ``scheduled``: a non-cancelled call on or after the send date), else ``replied``, ``declined``
    or ``no_reply``."""
    assert message.sent is not None
    calls = [
        call
        for call in practice.interviews_by_person.get(message.person, [])
        if call.status != "cancelled" and call.day >= message.sent
    ]
    if any(call.done for call in calls):
        return "held"
    if any(call.status == "planned" and call.day >= today for call in calls):
        return "upcoming"
    if calls:
        return "missed"
    if message.status in ("replied", "scheduled"):  # said yes, but no call is written down yet
        return "replied"
    return "declined" if message.status == "declined" else "no_reply"


def funnel(practice: Practice, start: date, end: date, today: date) -> Funnel:
    """The outreach funnel for messages sent from ``start`` to ``end``."""
    in_window = [m for m in practice.messages if m.sent is None or start <= m.sent <= end]
    outcomes = Counter(message_outcome(practice, m, today) for m in in_window if m.sent is not None)
    scheduled = outcomes["held"] + outcomes["upcoming"] + outcomes["missed"]
    return Funnel(
        drafted=sum(1 for message in in_window if message.sent is None),
        sent=scheduled + outcomes["replied"] + outcomes["declined"] + outcomes["no_reply"],
        scheduled=scheduled,
        replied=outcomes["replied"],
        declined=outcomes["declined"],
        no_reply=outcomes["no_reply"],
        scheduled_held=outcomes["held"],
        scheduled_upcoming=outcomes["upcoming"],
    )


def _pitches(done: list[Interview], config: Config) -> dict[str, dict[str, Any]]:
    """Each pitch variant: how often it was used and how those calls went (referrals given)."""
    rows: dict[str, dict[str, Any]] = {
        name: {"used": 0, "with_referrals": 0, "referrals": 0} for name in config.pitches
    }
    for interview in done:
        pitch = interview.note.text("pitch")
        if not pitch:
            continue
        row = rows.setdefault(pitch, {"used": 0, "with_referrals": 0, "referrals": 0})
        given = len(interview.note.links_for("referrals"))
        row["used"] += 1
        row["referrals"] += given
        row["with_referrals"] += 1 if given else 0
    for row in rows.values():
        row["referrals_per_call"] = round(row["referrals"] / row["used"], 2) if row["used"] else None
    return dict(sorted(rows.items()))


def build_report(
    practice: Practice, config: Config, today: date, since: date | None = None, until: date | None = None
) -> Report:
    """The report for the window from ``since`` (default: the first call) to ``until`` (default: today)."""
    end = min(until, today) if until else today
    all_done = [interview for interview in practice.done if interview.day <= today]
    first = all_done[0].day if all_done else None
    start = since or first or end
    done = [interview for interview in all_done if start <= interview.day <= end]
    days = [interview.day for interview in done]
    cadence = Cadence([interview.day for interview in all_done], config, today)
    months = months_between(start, end) if done or since else []
    weeks = weeks_between(start, end) if done or since else []
    return Report(
        today=today,
        since=start,
        until=end,
        goal=goal_in_force(config, today),
        goals=config.goals,
        done_total=len(done),
        done_this_week=cadence.count(week_start(today), today),
        done_this_month=cadence.count(month_start(today), today),
        done_this_year=cadence.count(today.replace(month=1, day=1), today),
        standing=cadence.standing(),
        streak=cadence.streaks(first) if first else Streak(0, 0, cadence.unit()),
        last_interview=all_done[-1].day if all_done else None,
        longest_gap=_longest_gap(days, end),
        by_month=_count_by(days, [month_key(month) for month in months], month_key),
        by_week=_count_by(days, [week_key(week) for week in weeks], week_key),
        by_day={day.isoformat(): count for day, count in sorted(Counter(days).items())},
        month_targets={month_key(month): cadence.month_target(month) for month in months},
        breadth=_mix(practice, done, config.breadth),
        coverage=_coverage(practice, done),
        outreach=funnel(practice, since or date.min, end, today),
        pitches=_pitches(done, config),
        upcoming=[
            Upcoming(interview.person, interview.moment.isoformat(), interview.note.path)
            for interview in practice.interviews
            if interview.status == "planned" and interview.day >= today
        ],
    )
