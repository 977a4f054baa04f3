"""``infoview referrals``: who introduced whom, drawn."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from infoview.cli.app import (
    App,
    echo,
    format_option,
    load_practice,
    main,
    palette,
    resolve_today,
    terminal_width,
    today_option,
)
from infoview.core.errors import UsageError

if TYPE_CHECKING:
    from datetime import date

    from infoview.core.analysis.practice import Practice
    from infoview.core.analysis.referrals import ReferralGraph
    from infoview.views.style import Palette, Styled


STATUS_WORDS = {
    "interviewed": "interviewed",
    "scheduled": "scheduled",
    "contacted": "contacted",
    "pending": "not contacted yet",
}


STATUS_MARKS = {"interviewed": "✓", "scheduled": "◷", "contacted": "✉", "pending": "○"}
LEGEND = {
    "interviewed": "interviewed",
    "scheduled": "call scheduled",
    "contacted": "message sent",
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
        person_kinds,
        person_states,
    )
    from infoview.core.filters import parse_day
    from infoview.views.text import to_json

    day = resolve_today(today)
    if (since or limit) and output_format not in ("mermaid", "dot"):
        raise UsageError("--since and --limit choose what a drawing shows: use them with --format mermaid or dot")
    first_day = parse_day(since, "--since") if since else None
    index, practice = load_practice(app)
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

    # A pipe gets whole lines (for grep); a terminal gets lines cut to fit.
    _print_trees(graph, practice, states, person, terminal_width(piped=100_000), palette())


def _print_trees(
    graph: ReferralGraph,
    practice: Practice,
    states: dict[str, tuple[str, str]],
    person: str | None,
    width: int,
    colours: Palette,
) -> None:
    """The chains as trees that fit ``width`` columns, each state in its colour, then the summary."""
    from infoview.core.analysis.referrals import chain_to, entry_points
    from infoview.views.referrals import tree_lines
    from infoview.views.text import pack, reading_order

    def status(who: str) -> tuple[str, str]:
        kind, when = states.get(who, ("pending", ""))
        label = f"{STATUS_MARKS[kind]} {STATUS_WORDS[kind]} {when}".rstrip()
        note = practice.people.get(who)
        source = note.text("source") if note is not None and who not in graph.parent else None
        also = graph.also_suggested.get(who)
        if also:
            label += f" · also suggested by {', '.join(also)}"
        return kind, f"· via {source} · {label}" if source else label

    if person is not None:
        first, *rest = chain_to(graph, person)
        for line in pack([f"How you got here: {first}", *rest], width, separator=" → "):
            echo(line)
        echo()
        for line in tree_lines(graph, [person], status, width, colours):
            echo(line)
        return
    starts = entry_points(graph)  # the roots, then a person of each loop no root reaches
    roots = sorted(starts[: len(graph.roots)], key=reading_order)
    for line in tree_lines(graph, roots + starts[len(graph.roots) :], status, width, colours):
        echo(line)
    echo()
    _print_legend(width, colours)
    for line in _summary_lines(graph, practice, width):
        echo(line)


def _print_legend(width: int, colours: Palette) -> None:
    """What each mark means, in the marks' colours, as many to a line as fit."""
    from infoview.views.style import join

    shown: list[Styled] = []
    used = 0
    for kind, words in LEGEND.items():
        entry = f"{STATUS_MARKS[kind]} {words}"
        if shown and used + 2 + len(entry) > width:
            echo(join(shown, "  "))
            shown, used = [], 0
        shown.append(colours(entry, kind))
        used += (2 if used else 0) + len(entry)
    echo(join(shown, "  "))


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


def _summary_lines(graph: ReferralGraph, practice: Practice, width: int) -> list[str]:
    """What the trees add up to, wrapped under hanging indents (a chain breaks between names)."""
    from infoview.core.analysis.referrals import summarize
    from infoview.views.text import hanging, pack, plural

    summary = summarize(graph, practice)
    lines = [""]
    if summary.longest_chain:
        first, *rest = summary.longest_chain
        lines += pack([f"Longest chain: {plural(summary.depth, 'link')}: {first}", *rest], width, separator=" → ")
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
    wrapped = []
    for line in lines:
        indent = line[: len(line) - len(line.lstrip(" "))]
        wrapped += hanging(line, width, indent, indent + "  ") or [""]
    return wrapped
