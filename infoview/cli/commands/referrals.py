"""``infoview referrals``: who introduced whom, drawn."""

from __future__ import annotations

import click

from infoview.cli.app import (
    App,
    format_option,
    load_practice,
    main,
    resolve_today,
    show,
    today_option,
)
from infoview.core.errors import UsageError


@main.command()
@click.argument("name", required=False)
@format_option("referrals", help="tree for the terminal; mermaid for Obsidian; dot for Graphviz.")
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
        ReferralAnswer,
        around,
        build_referrals,
        person_kinds,
        person_states,
    )
    from infoview.core.filters import parse_day

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
    show("referrals", output_format, ReferralAnswer(graph, shown, practice, person, states, kinds, first_day, limit))
