"""The report as text for a terminal and as Markdown for a note. Pure: data in, text out."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

from infoview.core.analysis.report import Funnel, Report
from infoview.views.text import plural, render_table

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


def headline(report: Report) -> list[str]:
    lines = [
        f"This week {report.done_this_week} · this month {report.done_this_month} · "
        f"this year {report.done_this_year} · {report.done_total} from {report.since.isoformat()} "
        f"to {report.until.isoformat()}",
        _standing_line(report),
    ]
    streak = report.streak
    parts = [f"Streak: {plural(streak.current, streak.unit)} (longest {plural(streak.longest, streak.unit)})"]
    if report.days_since_last is not None:
        parts.append(f"last call {plural(report.days_since_last, 'day')} ago")
    gap = report.longest_gap
    if gap:
        parts.append(f"longest gap {plural(gap.days, 'day')} ({gap.start.isoformat()} to {gap.end.isoformat()})")
    lines.append(" · ".join(parts))
    return lines


def _standing_line(report: Report) -> str:
    standing = report.standing
    if standing.month_target == 0:
        return (
            f"No goal in force this month: the goal of {plural(report.goal.count, 'call')} a {report.goal.per} "
            f"starts {report.goal.since.isoformat()}"
        )
    verdict = "On track" if standing.on_track else "Behind"
    line = f"{verdict}: {standing.done_this_month} this month, {standing.expected_by_today} expected by today"
    more = standing.needed_this_month
    return line + (
        f"; {more} more this month to meet the month's {standing.month_target}"
        if more
        else "; this month's goal is met"
    )


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


def _funnel_line(outreach: Funnel) -> str:
    """Each sent message once, in its final state; calls still to come apart from those held."""
    led = f"led to a call {outreach.scheduled}"
    if outreach.scheduled:
        other = outreach.scheduled - outreach.scheduled_held - outreach.scheduled_upcoming
        parts = [f"{outreach.scheduled_held} held"]
        if outreach.scheduled_upcoming:
            parts.append(f"{outreach.scheduled_upcoming} to come")
        if other:
            parts.append(f"{other} missed or moved")
        led += f" ({', '.join(parts)})"
    return (
        f"Outreach    sent {outreach.sent}: {led} · replied, no call yet {outreach.replied}"
        f" · declined {outreach.declined} · no reply yet {outreach.no_reply} · drafts {outreach.drafted}"
    )


def _practice_lines(report: Report) -> list[str]:
    lines = []
    breadth = report.breadth
    if breadth["counts"]:
        mix = " · ".join(
            f"{name} {_percent(breadth['share'].get(name, 0.0))} (aim {_percent(breadth['target'].get(name))})"
            for name in ("deep", "wide", "random")
        )
        unknown = breadth["counts"].get("unknown")
        lines.append(f"Breadth     {mix}" + (f" · {unknown} not set" if unknown else ""))
    outreach = report.outreach
    lines.append(_funnel_line(outreach))
    advice = conversion_advice(outreach.conversion, outreach.sent)
    lines.append(f"            conversion {_percent(outreach.conversion)}: {advice}")
    pitches = list(report.pitches.items())
    if pitches:
        described = " · ".join(
            f"{name} {plural(row['used'], 'call')}"
            + (f", {row['referrals_per_call']} names a call" if row["used"] else "")
            for name, row in pitches
        )
        lines.append(f"Pitches     {described}")
    for key, label in (("industry", "Industries"), ("function", "Functions")):
        counts = report.coverage[key]["counts"]
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


def _goal_words(report: Report) -> str:
    return f"{plural(report.goal.count, 'call')} a {report.goal.per}"


def report_text(report: Report, colour: bool, width: int = 80) -> str:
    title = (
        f"infoview report · {report.today.isoformat()} · goal: {_goal_words(report)}"
        f" · {report.since.isoformat()} to {report.until.isoformat()}"
    )
    out = [_bold(title, colour), ""]
    for line in headline(report):
        out += textwrap.wrap(line, width=max(width, 40), initial_indent="  ", subsequent_indent="    ")
    out += ["", _bold("Last 12 months", colour)]
    out += heatmap(report.by_day, min(report.today, report.until), colour)
    grid = month_grid(report.by_month)
    if grid:
        out += ["", _bold("Done calls by month", colour)]
        out.append(render_table(["year", *MONTHS, "total"], grid, width))
    out += ["", _bold("The practice", colour)]
    out += _wrap(_practice_lines(report), width)
    if report.upcoming:
        out += ["", _bold("Coming up", colour)]
        out += [f"  {row.moment.replace('T', ' ')[:16]}  {row.name}" for row in report.upcoming[:5]]
    return "\n".join(out)


def report_markdown(report: Report) -> str:
    """The report as Markdown that renders in Obsidian and on GitHub."""
    out = [
        f"## Interviewing report, {report.today.isoformat()}",
        "",
        f"Goal: {_goal_words(report)}. Period: {report.since.isoformat()} to {report.until.isoformat()}.",
        "",
    ]
    out += [f"- {line}" for line in headline(report)]
    grid = month_grid(report.by_month)
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
    if report.upcoming:
        out += ["", "### Coming up", ""]
        out += [f"- {row.moment.replace('T', ' ')[:16]} [[{row.name}]]" for row in report.upcoming]
    return "\n".join(out) + "\n"
