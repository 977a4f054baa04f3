"""The report as one self-contained HTML page: inline SVG charts and CSS, no script, nothing fetched,
readable in light and dark mode and on paper. Pure: the same notes and date give the same bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from infoview import __version__
from infoview.core.analysis.due import DueItem
from infoview.core.analysis.referrals import ReferralGraph
from infoview.core.analysis.report import Report
from infoview.views.charts import breadth_chart, calls_calendar, funnel_chart, funnel_parts, month_chart
from infoview.views.referral_chart import MARKS, WORDS, referral_trees
from infoview.views.report import MONTHS, conversion_advice, month_grid
from infoview.views.text import plural

if TYPE_CHECKING:
    from infoview.views.formats import Screen

# The page says it was made by infoview, so writing over an older report needs no --force.
GENERATOR = '<meta name="generator" content="infoview'
# A to-do list longer than this stops being read; the rest is one command away.
MAX_DUE_ROWS = 60


@dataclass(frozen=True)
class ReportPage:
    """What the page shows beside the report: the referral graph, each person's state and doors
    opened (calls reached through their introductions), and what is due."""

    report: Report
    graph: ReferralGraph
    kinds: dict[str, str]
    doors: dict[str, int]
    due: list[DueItem]


def report_html(page: ReportPage, _screen: Screen | None = None) -> str:
    """The report as one page that opens from disk: no network, no script."""
    report = page.report
    title = f"Informational interviews: report as of {report.today.isoformat()}"
    sections = [
        _headline(report),
        _calendar(report),
        _months(report),
        _outreach(report),
        _breadth(report),
        _pitches(report),
        _referrals(page),
        _due(page.due, report.today),
        _upcoming(report),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            f'{GENERATOR} {__version__}">',
            f"<title>{escape(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>Informational interviews</h1>",
            f'<p class="muted">As of {report.today.isoformat()} · goal: {escape(_goal_words(report))} · '
            f"{report.since.isoformat()} to {report.until.isoformat()}</p>",
            "</header>",
            "<main>",
            *sections,
            "</main>",
            f'<footer class="muted">Made by infoview {escape(__version__)} from the notes in the vault. '
            "Change the notes, not this page: run <code>infoview report --format html</code> again.</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _goal_words(report: Report) -> str:
    return f"{plural(report.goal.count, 'call')} a {report.goal.per}"


def _section(section_id: str, heading: str, *parts: str) -> str:
    return "\n".join([f'<section id="{section_id}">', f"<h2>{escape(heading)}</h2>", *parts, "</section>"])


def _figure(svg: str, *legend: str) -> str:
    keys = "".join(legend)
    return f"<figure>{svg}{f'<figcaption>{keys}</figcaption>' if keys else ''}</figure>"


def _key(css: str, words: str) -> str:
    return f'<span class="key"><span class="swatch {css}" aria-hidden="true"></span>{escape(words)}</span>'


def _headline(report: Report) -> str:
    streak = report.streak
    cards = [
        ("This week", str(report.done_this_week)),
        ("This month", str(report.done_this_month)),
        ("This year", str(report.done_this_year)),
        ("In this report", str(report.done_total)),
        ("Streak", f"{plural(streak.current, streak.unit)}"),
        ("Longest streak", f"{plural(streak.longest, streak.unit)}"),
        ("Last call", "none yet" if report.days_since_last is None else f"{plural(report.days_since_last, 'day')} ago"),
    ]
    items = "".join(f"<div><dt>{escape(name)}</dt><dd>{escape(value)}</dd></div>" for name, value in cards)
    standing = report.standing
    if standing.month_target == 0:
        verdict = "No goal is in force this month."
    else:
        state = "On track" if standing.on_track else "Behind"
        verdict = (
            f"{state}: {standing.done_this_month} this month, {standing.expected_by_today} expected by today, "
            f"{standing.month_target} asked for the whole month."
        )
    gap = report.longest_gap
    gap_line = (
        f" The longest gap was {plural(gap.days, 'day')} ({gap.start.isoformat()} to {gap.end.isoformat()})."
        if gap
        else ""
    )
    return _section(
        "headline",
        "Where you stand",
        f'<dl class="cards">{items}</dl>',
        f"<p>{escape(verdict + gap_line)} A streak counts the {escape(streak.unit)}s in a row that met the goal.</p>",
    )


def _calendar(report: Report) -> str:
    first = date.fromisoformat(min(report.by_day)) if report.by_day else None
    legend = [_key(f"cell level{level}", words) for level, words in enumerate(("none", "1", "2", "3", "4 or more"))]
    figure = _figure(calls_calendar(report.by_day, first, report.until), "Calls a day: ", *legend)
    return _section("calendar", "Every day you talked to someone", f'<div class="scroll">{figure}</div>')


def _months(report: Report) -> str:
    if not report.by_month:
        return _section("months", "Calls per month against the goal", "<p>No calls recorded yet.</p>")
    legend = [_key("bar", "done calls"), _key("bar met", "month that met the goal"), _key("goal", "the goal")]
    grid = month_grid(report.by_month)
    head = "".join(f'<th scope="col">{name}</th>' for name in ("Year", *MONTHS, "Total"))
    rows = "".join(
        f'<tr><th scope="row">{cells[0]}</th>' + "".join(f"<td>{cell}</td>" for cell in cells[1:]) + "</tr>"
        for cells in grid
    )
    table = f'<table class="numbers"><caption>Done calls by month</caption><tr>{head}</tr>{rows}</table>'
    return _section(
        "months",
        "Calls per month against the goal",
        _figure(month_chart(report.by_month, report.month_targets), *legend),
        table,
    )


def _outreach(report: Report) -> str:
    outreach = report.outreach
    legend = [_key(f"part {css}", f"{words}: {count}") for css, words, count in funnel_parts(outreach)]
    conversion = "-" if outreach.conversion is None else f"{round(outreach.conversion * 100)}%"
    return _section(
        "outreach",
        "Outreach",
        f"<p>{plural(outreach.sent, 'message')} sent, each counted once in its final state; "
        f"{plural(outreach.drafted, 'draft')} not sent yet.</p>",
        _figure(funnel_chart(outreach), *legend),
        f"<p>Led to a call: <strong>{conversion}</strong>, "
        f"{escape(conversion_advice(outreach.conversion, outreach.sent))}.</p>",
    )


def _breadth(report: Report) -> str:
    if not report.breadth.get("counts"):
        return _section("breadth", "Breadth", "<p>No done calls in this report yet.</p>")
    legend = [_key("part deep", "deep"), _key("part wide", "wide"), _key("part random", "random"), _key("aim", "aim")]
    return _section(
        "breadth",
        "Breadth: deep in your field, wide around it, a little random",
        _figure(breadth_chart(report.breadth), *legend),
    )


def _pitches(report: Report) -> str:
    if not report.pitches:
        return _section("pitches", "Pitch variants", "<p>No pitch variants in the config or the calls.</p>")
    most = max((row["used"] for row in report.pitches.values()), default=0) or 1
    rows = []
    for name, row in report.pitches.items():
        length = round(120 * row["used"] / most)
        per_call = "-" if row["referrals_per_call"] is None else str(row["referrals_per_call"])
        rows.append(
            f'<tr><th scope="row">{escape(name)}</th>'
            f'<td><span class="meter" style="width:{length}px"></span> {row["used"]}</td>'
            f"<td>{row['with_referrals']}</td><td>{per_call}</td></tr>"
        )
    head = '<tr><th scope="col">Pitch</th><th scope="col">Calls</th>'
    head += '<th scope="col">Calls that gave names</th><th scope="col">Names a call</th></tr>'
    return _section("pitches", "Pitch variants", f'<table class="pitches">{head}{"".join(rows)}</table>')


def _referrals(page: ReportPage) -> str:
    if not page.graph.edges:
        return _section(
            "referrals", "Referral chains", "<p>No referrals yet. End each call by asking who else to talk to.</p>"
        )
    drawings, left_out = referral_trees(page.graph, page.kinds, page.doors)
    legend = [_key(f"node {kind}", f"{MARKS[kind]} {WORDS[kind]}") for kind in MARKS]
    legend.append('<span class="key">· N: calls reached through their introductions</span>')
    leaders = sorted(page.doors.items(), key=lambda item: (-item[1], item[0].casefold()))[:5]
    doors = "".join(f"<li>{escape(name)}: {plural(count, 'call')}</li>" for name, count in leaders)
    figures = [f'<figure class="chain">{svg}</figure>' for svg in drawings]
    parts = [f'<div class="scroll">{"".join(figures)}</div>', f"<p>{''.join(legend)}</p>"]
    if left_out:
        parts.append(f'<p class="muted">{escape(left_out)} <code>infoview referrals</code> lists everyone.</p>')
    if doors:
        parts.append(f"<h3>Doors opened</h3><ol>{doors}</ol>")
    return _section("referrals", "Referral chains", *parts)


def _due(items: list[DueItem], today: date) -> str:
    if not items:
        return _section("due", "What is due", "<p>Nothing due: a good week to find someone new to talk to.</p>")
    rows = []
    for item in items[:MAX_DUE_ROWS]:
        overdue = item.due < today
        when = ("overdue since " if overdue else "") + item.due.isoformat()
        row_class = ' class="overdue"' if overdue else ""
        rows.append(f"<tr{row_class}><td>{when}</td><td>{escape(item.kind)}</td><td>{escape(item.message)}</td></tr>")
    head = '<tr><th scope="col">Due</th><th scope="col">What</th><th scope="col">To do</th></tr>'
    more = len(items) - MAX_DUE_ROWS
    rest = f'<p class="muted">And {more:,} more: <code>infoview due</code> lists them all.</p>' if more > 0 else ""
    return _section("due", "What is due", f'<table class="due">{head}{"".join(rows)}</table>{rest}')


def _upcoming(report: Report) -> str:
    if not report.upcoming:
        return ""
    items = "".join(
        f"<li><time>{escape(row.moment.replace('T', ' ')[:16])}</time> {escape(row.name)}</li>"
        for row in report.upcoming
    )
    return _section("upcoming", "Calls coming up", f"<ul>{items}</ul>")


STYLE = """
:root {
  --bg: #ffffff; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --track: #eef1f4;
  --level0: #ebedf0; --level1: #c6dbef; --level2: #6baed6; --level3: #2171b5; --level4: #08306b;
  --blue: #0072b2; --sky: #56b4e9; --green: #009e73; --orange: #e69f00; --vermillion: #d55e00;
  --purple: #cc79a7; --yellow: #f0e442; --grey: #8c959f; --on-blue: #ffffff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --ink: #e6edf3; --muted: #9198a1; --rule: #3d444d; --track: #21262d;
    --level0: #161b22; --level1: #0e3a5e; --level2: #1f6fab; --level3: #56b4e9; --level4: #b9e1ff;
    --blue: #3d9be0; --grey: #6e7681; --on-blue: #0d1117;
  }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 24px; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 32px 0 8px; font-size: 19px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
.muted, footer { color: var(--muted); }
footer { margin-top: 40px; font-size: 13px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
figure { margin: 8px 0; }
figure.chain { margin: 0 0 6px; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
.scroll { overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; }
.scroll svg.chart { max-width: none; }
.label { fill: var(--ink); font-size: 12px; }
.label.small { fill: var(--muted); font-size: 10px; }
.label.strong { font-weight: 600; }
.grid { stroke: var(--rule); stroke-width: 1; }
.cell.level0 { fill: var(--level0); } .cell.level1 { fill: var(--level1); } .cell.level2 { fill: var(--level2); }
.cell.level3 { fill: var(--level3); } .cell.level4 { fill: var(--level4); }
.bar { fill: var(--sky); } .bar.met { fill: var(--blue); }
.goal { fill: none; stroke: var(--vermillion); stroke-width: 2.5; }
.track { fill: var(--track); }
.aim { stroke: var(--ink); stroke-width: 2.5; }
.part.held, .part.deep { fill: var(--blue); } .part.upcoming { fill: var(--sky); }
.part.missed { fill: var(--purple); } .part.replied, .part.random { fill: var(--orange); }
.part.declined { fill: var(--vermillion); } .part.no_reply, .part.unknown { fill: var(--grey); }
.part.wide { fill: var(--green); }
.link { fill: none; stroke: var(--grey); stroke-width: 1.5; }
.label.loop { fill: var(--vermillion); font-weight: 600; }
.node { stroke: var(--grey); stroke-width: 1; }
.node.interviewed { fill: var(--blue); stroke: var(--blue); } .node.scheduled { fill: var(--sky); stroke: var(--sky); }
.node.contacted { fill: var(--yellow); stroke: var(--yellow); }
.node.pending { fill: var(--bg); stroke-dasharray: 4 3; }
.name { font-size: 12px; fill: var(--ink); } .name.interviewed { fill: var(--on-blue); }
.name.scheduled, .name.contacted { fill: #1f2328; }
.key { display: inline-flex; align-items: center; gap: 4px; margin-right: 14px; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
.swatch.cell.level0 { background: var(--level0); } .swatch.cell.level1 { background: var(--level1); }
.swatch.cell.level2 { background: var(--level2); } .swatch.cell.level3 { background: var(--level3); }
.swatch.cell.level4 { background: var(--level4); }
.swatch.bar { background: var(--sky); } .swatch.bar.met { background: var(--blue); }
.swatch.goal { background: var(--vermillion); height: 3px; } .swatch.aim { background: var(--ink); width: 3px; }
.swatch.held, .swatch.deep, .swatch.interviewed { background: var(--blue); }
.swatch.upcoming, .swatch.scheduled { background: var(--sky); } .swatch.missed { background: var(--purple); }
.swatch.replied, .swatch.random { background: var(--orange); } .swatch.declined { background: var(--vermillion); }
.swatch.no_reply { background: var(--grey); } .swatch.wide { background: var(--green); }
.swatch.contacted { background: var(--yellow); } .swatch.pending { border: 1px dashed var(--grey); }
dl.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
dl.cards div { border: 1px solid var(--rule); border-radius: 8px; padding: 8px 14px; min-width: 118px; }
dt { font-size: 12px; color: var(--muted); } dd { margin: 0; font-size: 20px; font-weight: 600; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
table.numbers td { text-align: right; }
.meter { display: inline-block; height: 10px; background: var(--blue); border-radius: 2px; }
table.pitches td { white-space: nowrap; }
tr.overdue td:first-child { color: var(--vermillion); font-weight: 600; }
caption { text-align: left; font-size: 13px; color: var(--muted); }
@media print {
  :root { --bg: #ffffff; --ink: #000000; --muted: #444444; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  section, figure { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  #referrals, #due { break-inside: auto; }
  #referrals svg.chart { max-height: 24cm; width: auto; }
  .scroll { overflow: visible; }
  .scroll svg.chart { max-width: 100%; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
