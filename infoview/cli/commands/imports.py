"""``import linkedin`` and ``import vcard``: people from the user's exports, shown first, written on request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from infoview.cli.app import (
    App,
    echo,
    format_option,
    main,
    mention_problems,
    progress_reporter,
    resolve_today,
    show,
    style_problem,
    today_option,
)


@main.group(name="import")
def import_group() -> None:
    """Bring people in from LinkedIn's Connections.csv or from contact cards (.vcf).

    Shows what it would create and changes nothing until you add --write. Someone already in
    the vault (the same name ignoring case and accents, an alias, the same profile URL or
    email) is never created twice; with --update their empty properties are filled.

    \b
    Example:
      infoview import linkedin Connections.csv --company Novartis
      infoview import vcard contacts.vcf --update --write
    """


def _filters(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--company", metavar="TEXT", help="Only people whose company contains TEXT."),
            click.option("--title", metavar="TEXT", help="Only people whose title contains TEXT."),
            click.option("--name", metavar="TEXT", help="Only people whose name contains TEXT."),
            click.option("--write", "write", is_flag=True, help="Create the notes (without it, only show them)."),
            click.option("--update", is_flag=True, help="Also fill empty properties of people already in the vault."),
            format_option("import", help="table for people, json for scripts."),
            today_option,
        ]
    ):
        function = option(function)
    return function


@import_group.command()
@click.argument("csv_file", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--connected-since", metavar="YYYY-MM-DD", help="Only connections made on or after this day.")
@_filters
@click.pass_obj
def linkedin(app: App, /, csv_file: Path, connected_since: str | None, **options: Any) -> None:
    """People from LinkedIn's Connections.csv.

    Get the file from LinkedIn: Settings, Data privacy, Get a copy of your data, Connections.
    Each new person note gets company, title, linkedin (and email when LinkedIn gives it),
    source: LinkedIn and connection: "LinkedIn connection since 2019-03-02".

    \b
    Example:
      infoview import linkedin Connections.csv --company Novartis
      infoview import linkedin Connections.csv --title "process" --connected-since 2024-01-01
      infoview import linkedin Connections.csv --company Novartis --write
    """
    from infoview.core.filters import parse_day

    since = parse_day(connected_since, "--connected-since") if connected_since else None
    _import(app, "linkedin", csv_file, since, **options)


@import_group.command()
@click.argument("vcf_file", metavar="VCF", type=click.Path(dir_okay=False, path_type=Path))
@_filters
@click.pass_obj
def vcard(app: App, /, vcf_file: Path, **options: Any) -> None:
    """People from contact cards (a .vcf file, vCard 3 or 4).

    Export them from your phone or address book (Contacts on macOS and iOS, Google Contacts,
    Outlook). Each new person note gets company, title, email, linkedin (a LinkedIn URL on the
    card), source: contacts and connection: "in my contacts (FILE)".

    \b
    Example:
      infoview import vcard contacts.vcf
      infoview import vcard contacts.vcf --company Roche --write
    """
    _import(app, "vcard", vcf_file, None, **options)


def _import(
    app: App,
    kind: str,
    file: Path,
    connected_since: date | None,
    *,
    company: str | None,
    title: str | None,
    name: str | None,
    write: bool,
    update: bool,
    output_format: str,
    today: str | None,
) -> None:
    from infoview.adapters.cache import load_index
    from infoview.adapters.importing import read_export, write_steps
    from infoview.adapters.writes import Workspace
    from infoview.core.analysis.practice import Practice
    from infoview.core.contacts import ImportRun, contact_filter, plan_import

    day = resolve_today(today)
    contacts, problems = read_export(kind, file, str(file))
    keep = contact_filter(company=company, title=title, name=name, connected_since=connected_since)
    index = load_index(app.vault, app.config, progress=progress_reporter())
    mention_problems(index)
    practice = Practice(index)
    steps = plan_import(filter(keep, contacts), practice.people.values(), update)
    for problem in problems:
        echo(style_problem(problem, err=True), err=True)
    if write:
        for warning in write_steps(Workspace(app.vault, app.config, practice), steps, day):
            echo(f"warning: {warning}", err=True)
    show("import", output_format, ImportRun(steps, problems, len(contacts), write, update))
