"""Calendar arithmetic the practice counts in: ISO weeks, months, periods, safe day offsets. Pure."""

from __future__ import annotations

from datetime import date, timedelta


def add_days(day: date, days: int) -> date | None:
    """``day`` moved by ``days``; None when that falls off the calendar (year 1 to 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


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
    """The last day of the week or month that starts on ``start``."""
    return start + timedelta(days=6) if per == "week" else next_month(start) - timedelta(days=1)


def weeks_of_month(month: date) -> list[date]:
    """The Mondays of the ISO weeks that belong to a month: those whose Thursday falls in it."""
    return [
        monday
        for monday in weeks_between(month, period_end(month, "month"))
        if (monday + timedelta(days=3)).month == month.month
    ]
