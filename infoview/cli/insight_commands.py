"""``report``, ``due`` and ``referrals``: what the notes say about the practice."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from infoview.adapters.cache import load_index
from infoview.cli import (
    App,
    echo,
    format_option,
    main,
    mention_problems,
    progress_reporter,
    resolve_today,
    terminal_width,
    today_option,
    use_color,
)
from infoview.core.errors import UsageError
from infoview.core.filters import parse_day
from infoview.core.index import VaultIndex
from infoview.views.text import printable, printable_values, render_table, to_json


def _practice(app: App) -> tuple[VaultIndex, Practice]:
    from infoview.core.analysis.practice import Practice

    index = load_index(app.vault, app.config, progress=progress_reporter())
    mention_problems(index)
    return index, Practice(index)


def _colour_wanted() -> bool:
    setting = use_color()
    return sys.stdout.isatty() if setting is None else setting


@main.command()
@click.option("--since", metavar="YYYY-MM-DD", help="Start the report on this day (default: your first call).")
@click.option("--until", metavar="YYYY-MM-DD", help="End the report on this day (default: today).")
@format_option(
    "table",
    "json",
    "markdown",
    "html",
    help="table for the terminal, json for scripts, markdown for a note, html for a page with charts.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the HTML report to this file instead of standard output.",
)
@click.option("--force", is_flag=True, help="With -o: replace the file even if infoview did not write it.")
@today_option
@click.pass_obj
def report(
    app: App,
    since: str | None,
    until: str | None,
    output_format: str,
    output: Path | None,
    force: bool,
    today: str | None,
) -> None:
    """How often you interview, against your goal.

    The headline (this week, month and year; on track or behind; streaks; gaps), a calendar of
    the last twelve months, every month of your history, and the practice: breadth mix,
    outreach conversion against the rule of thumb (about 1 in 3), pitch variants.

    \b
    Example:
      infoview report
      infoview report --since 2025-01-01 --format markdown >> Reviews/2025.md
      infoview report --format json | jq .streak
      infoview report --format html -o report.html

    The HTML report is one file that opens from disk (no network, no script): the calls of
    every year day by day, calls per month against the goal, the outreach funnel, the breadth
    mix, pitch variants, the referral chains drawn as a tree, and what is due.
    """
    from infoview.core.analysis.report import build_report
    from infoview.views.report import report_markdown, report_text

    day = resolve_today(today)
    if (output is not None or force) and output_format != "html":
        raise UsageError("-o and --force go with --format html (other formats print: redirect them to a file)")
    first = parse_day(since, "--since") if since else None
    last = parse_day(until, "--until") if until else None
    if first and last and first > last:
        raise UsageError(f"--since {since} is after --until {until}")
    if last is not None and last < day:
        day = last  # a report that ends in the past is a report as of that day
    _index, practice = _practice(app)
    data = build_report(practice, app.config, day, since=first, until=last)
    if output_format == "json":
        echo(to_json(data.as_json()))
    elif output_format == "markdown":
        echo(report_markdown(data), nl=False)
    elif output_format == "html":
        _html_report(app, practice, data, day, output, force)
    else:
        text = report_text(printable_values(data), colour=_colour_wanted(), width=terminal_width())
        echo(text, escaped=True)


def _html_report(app: App, practice: Practice, data: Report, day: date, output: Path | None, force: bool) -> None:
    from infoview.adapters.html_report import html_report, write_html_report

    page = html_report(app.vault, app.config, practice, data, day)
    if output is None or str(output) == "-":
        echo(page, nl=False)
        return
    write_html_report(output, page, force)
    echo(f"wrote {output}", err=True)


def _parse_within(text: str) -> int:
    units = {"d": 1, "w": 7}
    number, unit = (text, "d") if text.isdigit() else (text[:-1], text[-1:].lower())
    if unit not in units or not number.isdigit() or int(number) * units[unit] > 3660:
        raise UsageError(f"--within {text!r}: write a number of days or weeks up to ten years, like 14d or 2w")
    return int(number) * units[unit]


@main.command()
@click.option(
    "--within",
    default="14d",
    show_default=True,
    metavar="14d|2w",
    help="Show what falls due in this many days (overdue items always show).",
)
@format_option("table", "json", help="table for people, json for scripts.")
@today_option
@click.pass_obj
def due(app: App, within: str, output_format: str, today: str | None) -> None:
    """What to do next, soonest first.

    Calls to record, cancelled or missed calls to reschedule (or let go), prep sheets still
    untouched for calls in the next two weeks, referrals to contact, recommenders to thank,
    follow-up notes due about three months after a call, messages to nudge once, and people
    you have not talked to in a year. Each item says the command that does it.

    \b
    Example:
      infoview due
      infoview due --within 2w --format json
    """
    from infoview.adapters.prep import judge_preps
    from infoview.core.analysis.due import due_items
    from infoview.core.analysis.referrals import build_referrals

    day = resolve_today(today)
    within_days = _parse_within(within)
    _index, practice = _practice(app)
    prepared = judge_preps(app.vault, app.config, practice, day)
    items = due_items(practice, build_referrals(practice), app.config, day, within_days, prepared)
    if output_format == "json":
        echo(to_json([item.as_json() for item in items]))
        return
    if not items:
        echo("nothing due: a good day to find someone new to talk to", err=True)
        return
    rows = [[("overdue " if item.due < day else "") + item.due.isoformat(), item.kind, item.message] for item in items]
    echo(render_table(["due", "what", "to do"], rows, terminal_width(), wrap_last=True))


if TYPE_CHECKING:
    from datetime import date

    from infoview.core.analysis.practice import Practice
    from infoview.core.analysis.referrals import ReferralGraph
    from infoview.core.analysis.report import Report

STATUS_MARKS = {"interviewed": "✓", "scheduled": "◷", "contacted": "✉", "pending": "○"}
STATUS_WORDS = {
    "interviewed": "interviewed",
    "scheduled": "scheduled",
    "contacted": "contacted",
    "pending": "not contacted yet",
}


@main.command()
@click.argument("name", required=False)
@format_option("tree", "json", "mermaid", "dot", help="tree for the terminal; mermaid for Obsidian; dot for Graphviz.")
@click.option(
    "--since",
    metavar="YYYY-MM-DD",
    help="Draw only the chains with an introduction on or after this day (mermaid, dot).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="LINKS",
    help="Draw the largest chains that fit this many links (mermaid: at most 500, its own limit; dot).",
)
@today_option
@click.pass_obj
def referrals(
    app: App, name: str | None, output_format: str, since: str | None, limit: int | None, today: str | None
) -> None:
    """Referral chains: who led you to whom, and what is still open.

    Without NAME, every chain from the people you found on your own; with NAME, how you got
    to that person and everyone they led you to. Below the tree: the longest chain, the
    people whose referrals led to the most calls, names never contacted and recommenders to thank.

    \b
    Example:
      infoview referrals
      infoview referrals "Dana Wu"
      infoview referrals --format mermaid > referrals.mmd
      infoview referrals --format mermaid --since 2025-01-01

    Mermaid draws at most 500 links and 50,000 characters: a larger graph is drawn from its
    largest chains, and standard error (and a %% line in the chart) says what was left out.
    """
    from infoview.core.analysis.referrals import (
        around,
        build_referrals,
        chain_to,
        entry_points,
        person_kinds,
        person_states,
    )
    from infoview.views.referrals import tree_lines

    day = resolve_today(today)
    if (since or limit) and output_format not in ("mermaid", "dot"):
        raise UsageError("--since and --limit choose what a drawing shows: use them with --format mermaid or dot")
    first_day = parse_day(since, "--since") if since else None
    index, practice = _practice(app)
    graph = build_referrals(practice)
    person = None
    if name is not None:
        found = index.resolve(name)
        in_graph = found.note.name if found.note is not None else name
        if in_graph not in graph.people and in_graph not in practice.people:
            from infoview.core.making import similar_names

            close = similar_names(name, sorted(graph.people | set(practice.people)))
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise UsageError(f"no person named {name!r} in the vault or its referral chains{hint}")
        person = in_graph
    shown = graph if person is None else around(graph, person)
    states = person_states(practice, day)
    kinds = person_kinds(graph, practice, day)
    if output_format == "json":
        from infoview.core.analysis.referrals import summarize

        echo(to_json({**shown.as_json(), **summarize(shown, practice).as_json()}))
        return
    if output_format in ("mermaid", "dot"):
        echo(_drawing(shown, kinds, output_format, first_day, limit), nl=False)
        return

    def status(who: str) -> str:
        kind, when = states.get(who, ("pending", ""))
        label = f"{STATUS_MARKS[kind]} {STATUS_WORDS[kind]} {when}".rstrip()
        note = practice.people.get(who)
        source = note.text("source") if note is not None and who not in graph.parent else None
        also = graph.also_suggested.get(who)
        if also:
            label += f" · also suggested by {', '.join(also)}"
        return f"· via {source} · {label}" if source else label

    if person is not None:
        echo(printable("How you got here: " + " → ".join(chain_to(graph, person))))
        echo()
        for line in tree_lines(graph, [person], status):
            echo(printable(line))
        return
    for line in tree_lines(graph, entry_points(graph), status):
        echo(printable(line))
    echo()
    echo("✓ interviewed  ◷ call scheduled  ✉ message sent  ○ not contacted yet")
    for line in _summary_lines(graph, practice):
        echo(printable(line))


def _drawing(
    graph: ReferralGraph, kinds: dict[str, str], output_format: str, since: date | None, limit: int | None
) -> str:
    """The graph as Mermaid (always within Mermaid's limits) or DOT; what is left out goes to stderr."""
    from infoview.core.analysis.referrals import chains
    from infoview.views.referrals import MERMAID_MAX_EDGES, dot, mermaid_within_limits, select_chains

    candidates = None if since is None else [chain for chain in chains(graph) if chain.latest and chain.latest >= since]
    if output_format == "mermaid":
        text, selection = mermaid_within_limits(graph, kinds, candidates, limit or MERMAID_MAX_EDGES)
    elif candidates is None and limit is None:
        return dot(graph, kinds)
    else:
        selection = select_chains(graph, candidates, limit or len(graph.edges), None)
        text = dot(selection.graph, kinds)
    left_out = selection.left_out()
    if left_out:
        choose = "" if since or limit else "; choose with --since YYYY-MM-DD or --limit LINKS"
        echo(f"{output_format}: {left_out}{choose}; 'infoview referrals' lists everyone", err=True)
    return text


def _summary_lines(graph: ReferralGraph, practice: Practice) -> list[str]:
    from infoview.core.analysis.referrals import summarize
    from infoview.views.text import plural

    summary = summarize(graph, practice)
    lines = [""]
    if summary.longest_chain:
        lines.append(f"Longest chain: {plural(summary.depth, 'link')}: " + " → ".join(summary.longest_chain))
    if summary.leaders:
        lines.append("Doors opened (calls reached through each person's introductions, at any depth):")
        lines += [f"  {row.name}: {plural(row.interviews, 'call')}" for row in summary.leaders[:5]]
    if summary.referral_yield is not None:
        lines.append(
            f"Calls that gave at least one name: {summary.interviews_with_referrals} of "
            f"{summary.done_interviews} ({round(summary.referral_yield * 100)}%)"
        )
    if graph.pending:
        lines.append("Never contacted yet (oldest first):")
        for row in graph.pending:
            since = f" since {row.since.isoformat()}" if row.since else ""
            lines.append(f"  {row.name}, suggested by {', '.join(row.referred_by)}{since}")
    if graph.acknowledge:
        lines.append("Thank them: you spoke with the person they suggested:")
        lines += [f"  {row.referrer} (for {row.referred})" for row in graph.acknowledge]
    if graph.cycles:
        lines.append(
            "Loops (each is written as introduced by the one before; a referred_by link is probably wrong): "
            + "; ".join(" → ".join([*cycle, cycle[0]]) for cycle in graph.cycles)
        )
    return lines
