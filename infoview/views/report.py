"""The report as text for a terminal and as Markdown for a note. Pure: data in, text out."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from infoview.core.analysis.report import Funnel, Report
from infoview.views.style import PLAIN, Palette, Styled, join, lines
from infoview.views.text import hanging, pack, plural

if TYPE_CHECKING:
    from infoview.views.formats import Screen

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LEVELS = "·░▒▓█"  # readable without colour: more ink, more calls
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "")
LABEL_WIDTH = 5  # the weekday names left of the calendar


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
        f"this year {report.done_this_year} · {plural(report.done_total, 'call')} from {report.since.isoformat()} "
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


def heatmap(by_day: dict[str, int], today: date, palette: Palette = PLAIN, weeks: int = 53) -> list[Styled]:
    """A calendar of the last ``weeks`` weeks, Monday on top, as GitHub draws contributions. Each
    month is named above its first week; the current month's name may reach past the last week."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    columns = [start + timedelta(weeks=column) for column in range(weeks)]
    header = [" "] * (weeks + 2)
    for position, monday in enumerate(columns):
        sunday = monday + timedelta(days=6)
        if sunday.day <= 7:
            header[position : position + 3] = list(MONTHS[sunday.month - 1])
    out = [Styled(" " * LABEL_WIDTH + "".join(header).rstrip())]
    for weekday in range(7):
        cells: list[str] = []
        for monday in columns:
            day = monday + timedelta(days=weekday)
            if day > today:
                cells.append(" ")
                continue
            level = _level(by_day.get(day.isoformat(), 0))
            cells.append(palette(LEVELS[level], f"heat{level}"))
        while cells and cells[-1] == " ":
            cells.pop()
        out.append(join([f"{WEEKDAYS[weekday]:<{LABEL_WIDTH}}", *cells]))
    legend = join((palette(char, f"heat{i}") for i, char in enumerate(LEVELS)), " ")
    out.append(join([" " * LABEL_WIDTH, "less ", legend, " more (calls a day)"]))
    return out


def month_table(grid: list[list[str]], width: int) -> list[str]:
    """The months table in ``width`` columns: all twelve months in a row when they fit (two
    spaces apart, else one), else the year in two halves, January to June and July to December."""
    headers = ["YEAR", *(month.upper() for month in MONTHS), "TOTAL"]
    widths = [max(len(row[i]) for row in [headers, *grid]) for i in range(len(headers))]
    for gap in (2, 1):
        if sum(widths) + gap * (len(widths) - 1) <= width:
            return [_numbers_row(row, widths, gap) for row in [headers, *grid]]
    halves = []
    for months in (range(1, 7), range(7, 13)):
        keep = [0, *months, 13]
        halves += [_numbers_row([row[i] for i in keep], [widths[i] for i in keep], 1) for row in [headers, *grid]]
        halves.append("")
    return halves[:-1]


def _numbers_row(cells: list[str], widths: list[int], gap: int) -> str:
    return (" " * gap).join(cell.rjust(size) for cell, size in zip(cells, widths, strict=True)).rstrip()


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
    """Lines of the practice section wrapped at spaces under their 12-column label."""
    wrapped = []
    for line in lines:
        wrapped += hanging(line, width, "", " " * 12) or [""]
    return wrapped


def _goal_words(report: Report) -> str:
    return f"{plural(report.goal.count, 'call')} a {report.goal.per}"


def report_text(report: Report, screen: Screen) -> Styled:
    """The report for a terminal ``screen.width`` columns wide; headings in bold and the calendar in
    greens when the screen has colour."""
    palette, width = screen.colours, screen.width
    title = [
        "infoview report",
        report.today.isoformat(),
        f"goal: {_goal_words(report)}",
        f"{report.since.isoformat()} to {report.until.isoformat()}",
    ]
    out: list[str] = [palette(line, "heading") for line in pack(title, width)]
    out.append("")
    for line in headline(report):
        out += pack(line.split(" · "), width, first="  ", rest="    ")
    out += ["", palette("Last 12 months", "heading")]
    weeks = min(53, width - LABEL_WIDTH - 2)
    out += heatmap(report.by_day, min(report.today, report.until), palette, weeks)
    grid = month_grid(report.by_month)
    if grid:
        out += ["", palette("Done calls by month", "heading")]
        table = month_table(grid, width)
        out += [palette(table[0], "header"), *table[1:]]
    out += ["", palette("The practice", "heading")]
    out += _wrap(_practice_lines(report), width)
    if report.upcoming:
        out += ["", palette("Coming up", "heading")]
        out += [f"  {row.moment.replace('T', ' ')[:16]}  {row.name}" for row in report.upcoming[:5]]
    return lines(out)


def report_markdown(report: Report, _screen: Screen | None = None) -> str:
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
