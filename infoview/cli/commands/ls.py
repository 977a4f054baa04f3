"""``infoview ls``: list notes, filtered."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from infoview.cli.app import (
    App,
    format_option,
    main,
    mention_problems,
    progress_reporter,
    show,
)
from infoview.core.errors import UsageError

if TYPE_CHECKING:
    from infoview.core.index import VaultIndex

FORMAT = format_option("ls", help="table for people, json for scripts.")


@main.command(name="ls")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="person, interview, outreach (repeatable).")
@click.option("--status", "statuses", multiple=True, metavar="STATUS", help="Only this status (repeatable).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Has this tag or a tag nested under it.")
@click.option(
    "--where",
    multiple=True,
    metavar="KEY=VALUE",
    help="Property test: KEY=VALUE, KEY!=VALUE, KEY~TEXT, KEY>VALUE, KEY<VALUE, KEY>=, KEY<= (repeatable).",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Only notes whose date is on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only notes whose date is on or before this day.")
@FORMAT
@click.pass_obj
def list_notes(
    app: App,
    types: tuple[str, ...],
    statuses: tuple[str, ...],
    tags: tuple[str, ...],
    where: tuple[str, ...],
    since: str | None,
    until: str | None,
    output_format: str,
) -> None:
    """List notes, filtered by type, status, tags, dates or any property.

    Values compare ignoring case; a link matches its note name, so
    --where referred_by="Bob Chen" finds "[[Bob Chen]]".

    \b
    Example:
      infoview ls --type person --where company=Acme
      infoview ls --type interview --status done --since 2025-01-01 --format json
      infoview ls --tag pharma --where breadth=deep
    """
    from infoview.adapters.cache import load_index
    from infoview.core.filters import Listing, build_filter, parse_day

    known_types = {"person", "interview", "outreach", "other"}
    index = load_index(app.vault, app.config, progress=progress_reporter())
    declared = {str(note.get("type")).casefold() for note in index.notes if note.get("type")} if types else set()
    for kind in types:
        if kind.casefold() not in known_types | declared:
            raise UsageError(f"--type {kind!r}: one of person, interview, outreach, other, or a type your notes use")

    _check_statuses(statuses, index)

    def resolve(target: str) -> str:
        found = index.resolve(target)
        return found.note.name if found.note is not None else target

    matches = build_filter(
        resolve=resolve,
        types=types,
        statuses=statuses,
        tags=tags,
        where=where,
        since=parse_day(since, "--since") if since else None,
        until=parse_day(until, "--until") if until else None,
    )
    mention_problems(index)
    notes = [note for note in index.notes if matches(note)]
    show("ls", output_format, Listing(notes, index))


def _check_statuses(statuses: tuple[str, ...], index: VaultIndex) -> None:
    """A status that no note uses and infoview does not know is a typo: say which ones there are."""
    from infoview.core.schema import INTERVIEW_STATUSES, OUTREACH_STATUSES

    known = {*INTERVIEW_STATUSES, *OUTREACH_STATUSES}
    used = {(note.text("status") or "").casefold() for note in index.notes if note.get("status") is not None}
    for status in statuses:
        if status.casefold() not in known | used:
            choices = ", ".join(sorted((known | used) - {""}, key=str.casefold))
            raise UsageError(f"--status {status!r}: no note has it; the statuses are {choices}")
