"""``infoview report``: how often you interview, against your goal."""

from __future__ import annotations

from pathlib import Path
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
    show,
    today_option,
)
from infoview.core.errors import UsageError

if TYPE_CHECKING:
    from datetime import date

    from infoview.core.analysis.practice import Practice
    from infoview.core.analysis.redact import Pseudonyms
    from infoview.core.analysis.report import Report


@main.command()
@click.option("--since", metavar="YYYY-MM-DD", help="Start the report on this day (default: your first call).")
@click.option("--until", metavar="YYYY-MM-DD", help="End the report on this day (default: today).")
@format_option(
    "report",
    help="table for the terminal, json for scripts, markdown for a note, html for a page with charts.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the HTML report to this file instead of standard output.",
)
@click.option("--force", is_flag=True, help="With -o: replace the file even if infoview did not write it.")
@click.option(
    "--redact",
    is_flag=True,
    help="Replace names, companies and note paths by pseudonyms, the same from one run to the next (to share).",
)
@today_option
@click.pass_obj
def report(
    app: App,
    since: str | None,
    until: str | None,
    output_format: str,
    output: Path | None,
    force: bool,
    redact: bool,
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
      infoview report --format html --redact -o for-my-coach.html

    The HTML report is one file that opens from disk (no network, no script): the calls of
    every year day by day, calls per month against the goal, the outreach funnel, the breadth
    mix, pitch variants, the referral chains drawn as a tree, and what is due.

    --redact keeps every figure and replaces each person, company and note path by a pseudonym
    ("Person K7QDXA"), made with a random key kept in .infoview/redact.key (never committed):
    the same person gets the same pseudonym in every report, and nobody can work out who is who
    from a list of names without that key.
    """
    from infoview.core.analysis.report import build_report
    from infoview.core.filters import parse_day

    day = resolve_today(today)
    if (output is not None or force) and output_format != "html":
        raise UsageError("-o and --force go with --format html (other formats print: redirect them to a file)")
    first = parse_day(since, "--since") if since else None
    last = parse_day(until, "--until") if until else None
    if first and last and first > last:
        raise UsageError(f"--since {since} is after --until {until}")
    if last is not None and last < day:
        day = last  # a report that ends in the past is a report as of that day
    _index, practice = load_practice(app)
    data = build_report(practice, app.config, day, since=first, until=last)
    names = _pseudonyms(app) if redact else None
    if names is not None:
        from infoview.core.analysis.redact import redact_report

        data = redact_report(data, names)
    if output_format == "html":
        _html_report(app, practice, data, day, output, force, names)
    else:
        show("report", output_format, data)


def _pseudonyms(app: App) -> Pseudonyms:
    from infoview.adapters.redaction import redaction_key
    from infoview.core.analysis.redact import Pseudonyms

    return Pseudonyms(redaction_key(app.vault))


def _html_report(
    app: App, practice: Practice, data: Report, day: date, output: Path | None, force: bool, names: Pseudonyms | None
) -> None:
    from infoview.adapters.html_report import report_page
    from infoview.adapters.outputs import write_named_output
    from infoview.views.formats import Screen, render
    from infoview.views.html import GENERATOR

    page = str(
        render(
            "report", "html", report_page(app.vault, app.config, practice, data, day, names), Screen(None, palette())
        ).text
    )
    if output is None or str(output) == "-":
        echo(page, nl=False)
        return
    write_named_output(app.vault, output, page.encode("utf-8"), GENERATOR.encode(), "a report", force)
    echo(f"wrote {output}", err=True)
