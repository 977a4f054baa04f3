"""The report as text for a terminal and as Markdown for a note. Pure: data in, text out."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from typing import Any

from infoview.views.text import render_table

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LEVELS = "·░▒▓█"  # readable without colour: more ink, more calls
GREENS = (240, 151, 114, 34, 22)  # 256-colour codes, as GitHub's contribution greens
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "")


def _paint(text: str, code: int, colour: bool) -> str:
    return f"\x1b[38;5;{code}m{text}\x1b[0m" if colour else text


def _bold(text: str, colour: bool) -> str:
    return f"\x1b[1m{text}\x1b[0m" if colour else text


def _level(count: int) -> int:
    return min(count, len(LEVELS) - 1)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def conversion_advice(conversion: float | None, sent: int = 100) -> str:
    """What the rule of thumb (about 1 in 3 messages leads to a call) says about a conversion rate."""
    if conversion is None:
        return "no messages sent yet"
    if sent < 10:
        return f"too few messages ({sent}) to judge yet; about 1 in 3 is the rule of thumb"
    if conversion >= 0.8:
        return "near 100%: you may be aiming too low; reach higher and wider"
    if conversion >= 0.45:
        return "above the rule of thumb of about 1 in 3"
    if conversion >= 0.2:
        return "about 1 in 3, the rule of thumb: you are doing well"
    return "below 1 in 3: shorten the message, lead with the point of connection, lean on referrals"


def headline(report: dict[str, Any]) -> list[str]:
    done, standing, streak = report["done"], report["standing"], report["streak"]
    lines = [
        f"This week {done['this_week']} · this month {done['this_month']} · this year {done['this_year']} · "
        f"in this report {done['total']}",
    ]
    if standing["on_track"]:
        verdict = f"On track: {done['this_month']} this month, {standing['expected_by_today']} expected by today"
    else:
        verdict = f"Behind: {done['this_month']} this month, {standing['expected_by_today']} expected by today"
    more = standing["needed_this_month"]
    verdict += (
        f"; {more} more this month to meet the month's {standing['month_target']}"
        if more
        else "; this month's goal is met"
    )
    lines.append(verdict)
    unit = streak["unit"]
    parts = [f"Streak: {_plural(streak['current'], unit)} (longest {_plural(streak['longest'], unit)})"]
    if report["days_since_last"] is not None:
        parts.append(f"last call {_plural(report['days_since_last'], 'day')} ago")
    gap = report["longest_gap"]
    if gap:
        parts.append(f"longest gap {gap['days']} days ({gap['from']} to {gap['to']})")
    lines.append(" · ".join(parts))
    return lines


def heatmap(by_day: dict[str, int], today: date, colour: bool, weeks: int = 53) -> list[str]:
    """A calendar of the last year by week, Monday on top, as GitHub draws contributions."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    columns = [start + timedelta(weeks=column) for column in range(weeks)]
    header = [" "] * weeks
    for position, monday in enumerate(columns):
        sunday = monday + timedelta(days=6)
        if sunday.day <= 7 and position + 3 <= weeks:
            header[position : position + 3] = list(MONTHS[sunday.month - 1])
    lines = ["     " + "".join(header).rstrip()]
    for weekday in range(7):
        cells = []
        for monday in columns:
            day = monday + timedelta(days=weekday)
            if day > today:
                cells.append(" ")
                continue
            level = _level(by_day.get(day.isoformat(), 0))
            cells.append(_paint(LEVELS[level], GREENS[level], colour))
        lines.append(f"{WEEKDAYS[weekday]:<5}" + "".join(cells).rstrip())
    legend = " ".join(_paint(char, GREENS[i], colour) for i, char in enumerate(LEVELS))
    lines.append(f"     less {legend} more (calls a day)")
    return lines


def month_grid(by_month: dict[str, int]) -> list[list[str]]:
    """Years by months, with totals: the whole history at a glance."""
    years: dict[str, list[int | None]] = {}
    for key, count in by_month.items():
        year, month = key.split("-")
        years.setdefault(year, [None] * 12)[int(month) - 1] = count
    rows = []
    for year, counts in sorted(years.items()):
        rows.append(
            [year]
            + ["" if count is None else str(count) for count in counts]
            + [str(sum(count or 0 for count in counts))]
        )
    return rows


def _practice_lines(report: dict[str, Any]) -> list[str]:
    lines = []
    breadth = report["breadth"]
    if breadth["counts"]:
        mix = " · ".join(
            f"{name} {_percent(breadth['share'].get(name, 0.0))} (aim {_percent(breadth['target'].get(name))})"
            for name in ("deep", "wide", "random")
        )
        unknown = breadth["counts"].get("unknown")
        lines.append(f"Breadth     {mix}" + (f" · {unknown} not set" if unknown else ""))
    outreach = report["outreach"]
    lines.append(
        f"Outreach    sent {outreach['sent']} · replied {outreach['replied']} · led to a call {outreach['scheduled']}"
        f" · declined {outreach['declined']} · no reply {outreach['no_reply']} · drafts {outreach['drafted']}"
    )
    advice = conversion_advice(outreach["conversion"], outreach["sent"])
    lines.append(f"            conversion {_percent(outreach['conversion'])}: {advice}")
    pitches = [(name, row) for name, row in report["pitches"].items()]
    if pitches:
        described = " · ".join(
            f"{name} {_plural(row['used'], 'call')}"
            + (f", {row['referrals_per_call']} names a call" if row["used"] else "")
            for name, row in pitches
        )
        lines.append(f"Pitches     {described}")
    for key, label in (("industry", "Industries"), ("function", "Functions")):
        counts = report["coverage"][key]["counts"]
        if counts:
            top = list(counts.items())
            shown = ", ".join(f"{name} {count}" for name, count in top[:6])
            more = f" and {len(top) - 6} more" if len(top) > 6 else ""
            lines.append(f"{label:<11} {shown}{more}")
    return lines


def _wrap(lines: list[str], width: int) -> list[str]:
    """Wrap long lines of the practice section under their 12-column label."""
    wrapped = []
    for line in lines:
        wrapped += textwrap.wrap(line, width=max(width, 40), subsequent_indent=" " * 12) or [""]
    return wrapped


def report_text(report: dict[str, Any], colour: bool, width: int = 80) -> str:
    goal = report["goal"]
    title = (
        f"infoview report · {report['today']} · goal: {_plural(goal['count'], 'call')} a {goal['per']}"
        f" · {report['since']} to {report['until']}"
    )
    out = [_bold(title, colour), ""]
    for line in headline(report):
        out += textwrap.wrap(line, width=max(width, 40), initial_indent="  ", subsequent_indent="    ")
    today = date.fromisoformat(report["today"])
    out += ["", _bold("Last 12 months", colour)]
    out += heatmap(report["by_day"], min(today, date.fromisoformat(report["until"])), colour)
    grid = month_grid(report["by_month"])
    if grid:
        out += ["", _bold("Done calls by month", colour)]
        out.append(render_table(["year", *MONTHS, "total"], grid, width))
    out += ["", _bold("The practice", colour)]
    out += _wrap(_practice_lines(report), width)
    if report["upcoming"]:
        out += ["", _bold("Coming up", colour)]
        out += [f"  {row['date'].replace('T', ' ')[:16]}  {row['name']}" for row in report["upcoming"][:5]]
    return "\n".join(out)


def report_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown that renders in Obsidian and on GitHub."""
    goal = report["goal"]
    out = [
        f"## Interviewing report, {report['today']}",
        "",
        f"Goal: {_plural(goal['count'], 'call')} a {goal['per']}. Period: {report['since']} to {report['until']}.",
        "",
    ]
    out += [f"- {line}" for line in headline(report)]
    grid = month_grid(report["by_month"])
    if grid:
        out += [
            "",
            "### Done calls by month",
            "",
            "| Year | " + " | ".join(MONTHS) + " | Total |",
            "|---:|" + "---:|" * 13,
        ]
        out += ["| " + " | ".join(row) + " |" for row in grid]
    out += ["", "### The practice", ""]
    for line in _practice_lines(report):
        label, text = line[:12].strip(), line[12:].strip()
        if label:
            out.append(f"- **{label}**: {text}")
        else:
            out[-1] += f"; {text}"  # a continuation of the line above
    if report["upcoming"]:
        out += ["", "### Coming up", ""]
        out += [f"- {row['date'].replace('T', ' ')[:16]} [[{row['name']}]]" for row in report["upcoming"]]
    return "\n".join(out) + "\n"
