"""How often you interview: counts per week and month, the goal, streaks, gaps and the practice mix. Pure."""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from infoview.core.analysis.practice import Interview, Practice
from infoview.core.config import Config, Goal

BREADTHS = ("deep", "wide", "random")
RULE_OF_THUMB = 1 / 3


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def months_between(first: date, last: date) -> list[date]:
    """First days of every month from ``first``'s to ``last``'s, both included."""
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = next_month(current)
    return months


def weeks_between(first: date, last: date) -> list[date]:
    """Mondays of every ISO week from ``first``'s to ``last``'s, both included."""
    weeks, current = [], week_start(first)
    while current <= last:
        weeks.append(current)
        current += timedelta(days=7)
    return weeks


def period_end(start: date, per: str) -> date:
    return start + timedelta(days=6) if per == "week" else next_month(start) - timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """The days a report covers: from ``start`` to ``end`` (``end`` is today unless --until says otherwise)."""

    start: date
    end: date


def _count_by(days: list[date], keys: list[str], key_of: Any) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    for day in days:
        key = key_of(day)
        if key in counts:
            counts[key] += 1
    return counts


class Cadence:
    """Done interviews against the cadence goal, judged period by period with the goal in force then."""

    def __init__(self, days: list[date], config: Config, today: date) -> None:
        self.days = sorted(days)
        self.config = config
        self.today = today
        self._verdicts: dict[tuple[date, str], bool] = {}

    def count(self, start: date, end: date) -> int:
        """Done interviews from ``start`` to ``end``, both included."""
        return bisect_right(self.days, end) - bisect_left(self.days, start)

    def met(self, start: date, per: str) -> bool:
        memo = (start, per)
        if memo not in self._verdicts:
            self._verdicts[memo] = self._met(start, per)
        return self._verdicts[memo]

    def _met(self, start: date, per: str) -> bool:
        """Whether the ``per`` period starting on ``start`` met the goal in force at its start.

        A week under a monthly goal takes the verdict of the month its Thursday falls in (judged
        by that same goal); a month under a weekly goal is met when every week starting in it met it.
        """
        goal = self.config.goal_on(start)
        if goal.per == per:
            return self.count(start, period_end(start, per)) >= goal.count
        if per == "week":
            month = month_start(start + timedelta(days=3))
            return self.count(month, period_end(month, "month")) >= goal.count
        mondays = [day for day in weeks_between(start, period_end(start, "month")) if day >= start]
        return all(self.count(monday, monday + timedelta(days=6)) >= goal.count for monday in mondays)

    def streaks(self, first: date) -> dict[str, Any]:
        unit = self.config.goal_on(self.today).per
        starts = weeks_between(first, self.today) if unit == "week" else months_between(first, self.today)
        verdicts = [self.met(start, unit) for start in starts]
        longest = run = 0
        for verdict in verdicts:
            run = run + 1 if verdict else 0
            longest = max(longest, run)
        current = 0
        ongoing = verdicts[:]
        if ongoing and not ongoing[-1]:
            ongoing.pop()  # the unfinished period does not break a streak before it ends
        for verdict in reversed(ongoing):
            if not verdict:
                break
            current += 1
        return {"current": current, "longest": longest, "unit": unit}

    def month_target(self, month: date) -> int:
        """Interviews the goal asks for in a month: a monthly goal as is, a weekly one per ISO week of that month."""
        goal = self.config.goal_on(month)
        if goal.per == "month":
            return goal.count
        thursdays = [monday + timedelta(days=3) for monday in weeks_between(month, period_end(month, "month"))]
        return goal.count * sum(1 for thursday in thursdays if thursday.month == month.month)

    def standing(self) -> dict[str, Any]:
        """On track or behind this month, pro rata by day, and how many more calls would catch up."""
        month = month_start(self.today)
        target = self.month_target(month)
        done = self.count(month, self.today)
        days_in_month = calendar.monthrange(month.year, month.month)[1]
        expected = target * self.today.day // days_in_month
        return {
            "month_target": target,
            "expected_by_today": expected,
            "done_this_month": done,
            "on_track": done >= expected,
            "needed_this_month": max(0, target - done),
        }


def _gaps(days: list[date], today: date) -> dict[str, Any] | None:
    distinct = sorted(set(days))
    if not distinct:
        return None
    best = (0, distinct[0], distinct[0])
    for earlier, later in zip(distinct, [*distinct[1:], today], strict=True):
        if (later - earlier).days > best[0]:
            best = ((later - earlier).days, earlier, later)
    return {"days": best[0], "from": best[1].isoformat(), "to": best[2].isoformat()}


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


def _outreach(practice: Practice, window: Window) -> dict[str, Any]:
    """The funnel from draft to call; ``scheduled`` counts sent messages followed by a call that was not cancelled."""
    in_window = [m for m in practice.messages if m.sent is None or window.start <= m.sent <= window.end]
    sent = [message for message in in_window if message.sent is not None]
    scheduled = 0
    for message in sent:
        calls = practice.interviews_by_person.get(message.person, [])
        if any(call.status != "cancelled" and call.day >= message.sent for call in calls):  # type: ignore[operator]
            scheduled += 1
    statuses = Counter(message.status or "sent" for message in sent)
    return {
        "drafted": sum(1 for message in in_window if message.sent is None),
        "sent": len(sent),
        "replied": statuses["replied"],
        "scheduled": scheduled,
        "declined": statuses["declined"],
        "no_reply": statuses["no-reply"],
        "conversion": round(scheduled / len(sent), 6) if sent else None,
        "rule_of_thumb": round(RULE_OF_THUMB, 6),
    }


def _pitches(done: list[Interview], config: Config) -> dict[str, Any]:
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
) -> dict[str, Any]:
    """Everything ``infoview report`` shows, as plain data (the JSON output)."""
    end = min(until, today) if until else today
    all_done = [interview for interview in practice.done if interview.day <= today]
    first = all_done[0].day if all_done else None
    start = since or first or end
    window = Window(start, end)
    done = [interview for interview in all_done if window.start <= interview.day <= window.end]
    days = [interview.day for interview in done]
    cadence = Cadence([interview.day for interview in all_done], config, today)
    goal: Goal = config.goal_on(today)
    months = months_between(window.start, window.end) if done or since else []
    weeks = weeks_between(window.start, window.end) if done or since else []
    last = all_done[-1].day if all_done else None
    return {
        "today": today.isoformat(),
        "since": window.start.isoformat(),
        "until": window.end.isoformat(),
        "goal": {"count": goal.count, "per": goal.per},
        "goals": [{"since": g.since.isoformat(), "count": g.count, "per": g.per} for g in config.goals],
        "done": {
            "total": len(done),
            "this_week": cadence.count(week_start(today), today),
            "this_month": cadence.count(month_start(today), today),
            "this_year": cadence.count(today.replace(month=1, day=1), today),
        },
        "standing": cadence.standing(),
        "streak": cadence.streaks(first) if first else {"current": 0, "longest": 0, "unit": goal.per},
        "days_since_last": (today - last).days if last else None,
        "last_interview": last.isoformat() if last else None,
        "longest_gap": _gaps(days, window.end),
        "by_month": _count_by(days, [month_key(month) for month in months], month_key),
        "by_week": _count_by(days, [week_key(week) for week in weeks], week_key),
        "by_day": {day.isoformat(): count for day, count in sorted(Counter(days).items())},
        "breadth": _mix(practice, done, config.breadth),
        "coverage": _coverage(practice, done),
        "outreach": _outreach(practice, Window(since or date.min, window.end)),
        "pitches": _pitches(done, config),
        "upcoming": [
            {"name": interview.person, "date": interview.moment.isoformat(), "path": interview.note.path}
            for interview in practice.interviews
            if interview.status == "planned" and interview.day >= today
        ],
    }
