"""The report's charts as inline SVG: the calls calendar over every year, calls per month against
the goal, the outreach funnel, the breadth mix against its aim. Pure: values in, markup out."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from infoview.core.analysis.report import Funnel
from infoview.views.report import MONTHS
from infoview.views.svg import chart, line, path, rect, text
from infoview.views.text import plural

CELL = 11
STEP = 13  # a cell and the gap after it
YEAR_HEIGHT = 16 + 7 * STEP + 10
WEEKDAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}


def _level(count: int) -> int:
    return min(count, 4)


def calls_calendar(by_day: dict[str, int], first: date | None, today: date) -> str:
    """Every year from the first call to today, a column a week and a row a weekday, as GitHub
    draws contributions; each day with calls says how many in its tooltip."""
    years = list(range((first or today).year, today.year + 1))
    left = 40
    body: list[str] = []
    for position, year in enumerate(years):
        top = position * YEAR_HEIGHT
        body.append(text(0, top + 12, str(year), "label strong"))
        january = date(year, 1, 1)
        origin = january - timedelta(days=january.weekday())
        for month in range(1, 13):
            column = (date(year, month, 1) - origin).days // 7
            body.append(text(left + column * STEP, top + 12, MONTHS[month - 1], "label small"))
        for weekday, name in WEEKDAY_LABELS.items():
            body.append(text(left - 6, top + 16 + weekday * STEP + 9, name, "label small", "end"))
        day = january
        while day.year == year and day <= today:
            count = by_day.get(day.isoformat(), 0)
            column = (day - origin).days // 7
            tip = f"{day.isoformat()}: {plural(count, 'call')}" if count else ""
            x, y = left + column * STEP, top + 16 + day.weekday() * STEP
            body.append(rect(x, y, CELL, CELL, f"cell level{_level(count)}", tip, rounded=2))
            day += timedelta(days=1)
    total = sum(by_day.values())
    busiest = max(by_day.items(), key=lambda item: (item[1], item[0]), default=None)
    description = f"{plural(total, 'done call')} from {years[0]} to {years[-1]}" + (
        f"; the busiest day was {busiest[0]} with {plural(busiest[1], 'call')}." if busiest else "."
    )
    width = left + 54 * STEP
    return chart("calendar", width, len(years) * YEAR_HEIGHT, "Done calls, day by day", description, body)


def _scale(highest: int) -> tuple[int, list[int]]:
    """The top of the axis (a whole number of steps above ``highest``) and its labelled ticks."""
    step = max(1, -(-highest // 4))
    top = step * -(-highest // step)
    return top, list(range(0, top + 1, step))


def month_chart(by_month: dict[str, int], targets: dict[str, int]) -> str:
    """Bars of done calls per month, and the goal as a stepped line that follows its history."""
    keys = list(by_month)
    width, height, left, bottom, top_margin = 960, 230, 34, 26, 10
    plot = height - bottom - top_margin
    bar = (width - left - 8) / max(len(keys), 1)
    highest = max([*by_month.values(), *targets.values(), 1])
    axis_top, ticks = _scale(highest)

    def y_of(value: float) -> float:
        return top_margin + plot - plot * value / axis_top

    body = []
    for tick in ticks:
        body.append(line(left, y_of(tick), width - 8, y_of(tick), "grid"))
        body.append(text(left - 6, y_of(tick) + 4, str(tick), "label small", "end"))
    goal_points: list[tuple[float, float]] = []
    for position, key in enumerate(keys):
        x = left + position * bar
        count, target = by_month[key], targets.get(key, 0)
        verdict = "goal met" if count >= target else f"goal {target}"
        tip = f"{key}: {plural(count, 'done call')}" + (f" ({verdict})" if target else " (no goal yet)")
        css = "bar met" if target and count >= target else "bar"
        body.append(rect(x + 1, y_of(count), max(bar - 2, 1), plot + top_margin - y_of(count), css, tip))
        goal_points += [(x, y_of(target)), (x + bar, y_of(target))]
        if key.endswith("-01") or position == 0:
            body.append(text(x + 1, height - 8, key[:4] if key.endswith("-01") else key, "label small"))
    if goal_points:
        body.append(path(goal_points, "goal", "The goal in force, month by month"))
    met = sum(1 for key in keys if targets.get(key) and by_month[key] >= targets[key])
    judged = sum(1 for key in keys if targets.get(key))
    description = (
        f"{len(keys)} months from {keys[0] if keys else '-'} to {keys[-1] if keys else '-'}; "
        f"the goal was met in {met} of the {judged} months it applied to; at most {highest} calls in a month."
    )
    return chart("months", width, height, "Done calls per month against the goal", description, body)


FUNNEL_PARTS = (
    ("held", "call held"),
    ("upcoming", "call to come"),
    ("missed", "call missed or moved"),
    ("replied", "replied, no call yet"),
    ("declined", "declined"),
    ("no_reply", "no reply yet"),
)


def funnel_parts(outreach: Funnel) -> list[tuple[str, str, int]]:
    """Each sent message once, in its final state: (css class, words, count); they add up to sent."""
    missed = outreach.scheduled - outreach.scheduled_held - outreach.scheduled_upcoming
    counts = {
        "held": outreach.scheduled_held,
        "upcoming": outreach.scheduled_upcoming,
        "missed": missed,
        "replied": outreach.replied,
        "declined": outreach.declined,
        "no_reply": outreach.no_reply,
    }
    return [(css, words, counts[css]) for css, words in FUNNEL_PARTS]


def funnel_chart(outreach: Funnel) -> str:
    """One bar as long as the messages sent, split by what became of each."""
    width, height, bar_top = 960, 40, 4
    body = []
    x = 0.0
    for css, words, count in funnel_parts(outreach):
        if not count:
            continue
        share = count / outreach.sent
        body.append(rect(x, bar_top, width * share, 28, f"part {css}", f"{words}: {count} of {outreach.sent}"))
        x += width * share
    if not outreach.sent:
        body.append(text(0, 24, "No messages sent yet.", "label"))
    description = f"{plural(outreach.sent, 'message')} sent: " + ", ".join(
        f"{count} {words}" for _css, words, count in funnel_parts(outreach)
    )
    return chart("funnel", width, height, "What became of each message sent", description, body)


def breadth_chart(breadth: dict[str, Any]) -> str:
    """Each breadth's share of done calls as a bar, its aim as a tick across it."""
    counts: dict[str, int] = breadth.get("counts", {})
    shares: dict[str, float] = breadth.get("share", {})
    targets: dict[str, float] = breadth.get("target", {})
    rows = [name for name in ("deep", "wide", "random", "unknown") if name in counts or name in targets]
    width, left, row_height = 960, 80, 30
    plot = width - left - 150
    body = []
    for position, name in enumerate(rows):
        y = position * row_height + 4
        share = float(shares.get(name, 0.0))
        aim = targets.get(name)
        label = "not set" if name == "unknown" else name
        body.append(text(0, y + 15, label, "label"))
        body.append(rect(left, y, plot, 20, "track"))
        tip = f"{label}: {round(share * 100)}% of done calls ({counts.get(name, 0)})"
        body.append(rect(left, y, plot * share, 20, f"part {name}", tip))
        words = f"{round(share * 100)}%"
        if aim is not None:
            x = left + plot * float(aim)
            body.append(line(x, y - 3, x, y + 23, "aim"))
            words += f" (aim {round(float(aim) * 100)}%)"
        body.append(text(left + plot + 10, y + 15, words, "label"))
    description = "; ".join(
        f"{name} {round(float(shares.get(name, 0.0)) * 100)}%"
        + (f" against an aim of {round(float(targets[name]) * 100)}%" if name in targets else "")
        for name in rows
    )
    return chart(
        "breadth", width, len(rows) * row_height + 8, "Breadth of the calls against the aim", description, body
    )
