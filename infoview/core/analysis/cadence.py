"""How often you interview against your goal: period counts, verdicts, streaks, this month's standing. Pure.

Each goal applies from its ``since`` on: a period is judged by the goal in force when it starts
(or by a goal that begins within it); periods before the first goal are not judged at all.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from infoview.core.config import Config, Goal
from infoview.core.dates import month_start, months_between, period_end, weeks_between, weeks_of_month


@dataclass(frozen=True, slots=True)
class Streak:
    """Consecutive periods meeting the goal: the one running now, and the longest."""

    current: int
    longest: int
    unit: str

    def as_json(self) -> dict[str, Any]:
        return {"current": self.current, "longest": self.longest, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class Standing:
    """This month against its target, pro rata by day."""

    month_target: int
    expected_by_today: int
    done_this_month: int

    @property
    def on_track(self) -> bool:
        return self.done_this_month >= self.expected_by_today

    @property
    def needed_this_month(self) -> int:
        return max(0, self.month_target - self.done_this_month)

    def as_json(self) -> dict[str, Any]:
        return {
            "month_target": self.month_target,
            "expected_by_today": self.expected_by_today,
            "done_this_month": self.done_this_month,
            "on_track": self.on_track,
            "needed_this_month": self.needed_this_month,
        }


class Cadence:
    """Done interviews against the cadence goal, judged period by period with the goal in force then."""

    def __init__(self, days: list[date], config: Config, today: date) -> None:
        self.days = sorted(days)
        self.config = config
        self.today = today
        self._verdicts: dict[tuple[date, str], bool | None] = {}

    def count(self, start: date, end: date) -> int:
        """Done interviews from ``start`` to ``end``, both included."""
        return bisect_right(self.days, end) - bisect_left(self.days, start)

    def met(self, start: date, per: str) -> bool | None:
        """Whether the ``per`` period starting on ``start`` met its goal; None when no goal applies to it."""
        memo = (start, per)
        if memo not in self._verdicts:
            self._verdicts[memo] = self._met(start, per)
        return self._verdicts[memo]

    def _met(self, start: date, per: str) -> bool | None:
        """A week under a monthly goal takes the verdict of the month its Thursday falls in (judged
        by that same goal); a month under a weekly goal is met when every week starting in it met it."""
        goal = self.config.goal_for(start, period_end(start, per))
        if goal is None:
            return None
        if goal.per == per:
            return self.count(start, period_end(start, per)) >= goal.count
        if per == "week":
            month = month_start(start + timedelta(days=3))
            return self.count(month, period_end(month, "month")) >= goal.count
        mondays = [day for day in weeks_between(start, period_end(start, "month")) if day >= start]
        return all(self.count(monday, monday + timedelta(days=6)) >= goal.count for monday in mondays)

    def unit(self) -> str:
        """The period the current goal counts in (the first goal's, before any is in force)."""
        goal = self.config.goal_on(self.today) or self.config.goals[0]
        return goal.per

    def streaks(self, first: date) -> Streak:
        unit = self.unit()
        starts = weeks_between(first, self.today) if unit == "week" else months_between(first, self.today)
        verdicts = [verdict for verdict in (self.met(start, unit) for start in starts) if verdict is not None]
        longest = run = 0
        for verdict in verdicts:
            run = run + 1 if verdict else 0
            longest = max(longest, run)
        ongoing = verdicts[:]
        if ongoing and not ongoing[-1]:
            ongoing.pop()  # the unfinished period does not break a streak before it ends
        current = 0
        for verdict in reversed(ongoing):
            if not verdict:
                break
            current += 1
        return Streak(current, longest, unit)

    def month_target(self, month: date) -> int:
        """Interviews the goal asks for in a month: a monthly goal as is, a weekly one per ISO week of
        that month; only the weeks from the goal's start count."""
        goal = self.config.goal_for(month, period_end(month, "month"))
        if goal is None:
            return 0
        if goal.per == "month":
            return goal.count
        return goal.count * sum(1 for monday in weeks_of_month(month) if self._judged_week(monday))

    def _judged_week(self, monday: date) -> bool:
        return self.config.goal_for(monday, monday + timedelta(days=6)) is not None

    def standing(self) -> Standing:
        """On track or behind this month, pro rata by day from the month's start (or the goal's)."""
        month = month_start(self.today)
        target = self.month_target(month)
        goal = self.config.goal_for(month, period_end(month, "month"))
        counted_from = max(month, goal.since) if goal is not None else month
        days_in_month = calendar.monthrange(month.year, month.month)[1]
        window = (period_end(month, "month") - counted_from).days + 1
        elapsed = max(0, (self.today - counted_from).days + 1)
        expected = target * min(elapsed, window) // window if window > 0 and days_in_month else 0
        return Standing(target, expected, self.count(month, self.today))


def goal_in_force(config: Config, today: date) -> Goal:
    """The goal a report states: the one in force today, else the first one to come."""
    return config.goal_on(today) or config.goals[0]
