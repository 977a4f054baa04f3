"""``infoview ls``: list notes, filtered."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from infoview.cli.app import (
    App,
    echo,
    format_option,
    main,
    mention_problems,
    palette,
    progress_reporter,
    terminal_width,
)
from infoview.core.errors import UsageError

if TYPE_CHECKING:
    from infoview.core.index import VaultIndex
    from infoview.core.model import Note

FORMAT = format_option("table", "json", help="table for people, json for scripts.")


def _detail(note: Note, index: VaultIndex) -> str:
    if note.type == "person":
        return ", ".join(part for part in (note.text("title"), note.text("company")) if part)
    person = note.links_for("person")
    if not person:
        return ""
    found = index.resolve(person[0].target)
    return found.note.name if found.note is not None else person[0].target


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
    from infoview.core.filters import build_filter, parse_day

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
    if output_format == "json":
        _print_json(notes)
    elif notes:
        _print_table(notes, index)
    else:
        echo("no notes match", err=True)


def _print_json(notes: list[Note]) -> None:
    """One note a line, written in pieces: a vault of 100,000 notes never sits in memory as text."""
    from infoview.views.style import Styled
    from infoview.views.text import json_list_chunks, json_safe, note_json

    for piece in json_list_chunks([note_json(note) for note in notes]):
        echo(Styled(json_safe(piece)), nl=False)
    echo("")


def _print_table(notes: list[Note], index: VaultIndex) -> None:
    """Folder by folder, names as people read them; a pipe gets whole rows (for grep), a terminal
    rows that fit, the name whole."""
    from infoview.views.table import render_table
    from infoview.views.text import plural, reading_order

    rows = [
        [
            note.name,
            note.type or "-",
            (note.text("date") or "")[:16].replace("T", " "),
            note.text("status") or "",
            _detail(note, index),
        ]
        for note in sorted(notes, key=lambda note: reading_order(note.path))
    ]
    headers = ["name", "type", "date", "status", "detail"]
    echo(render_table(headers, rows, terminal_width(piped=100_000), palette()))
    echo(plural(len(notes), "note"), err=True)


def _check_statuses(statuses: tuple[str, ...], index: VaultIndex) -> None:
    """A status that no note uses and infoview does not know is a typo: say which ones there are."""
    from infoview.core.schema import INTERVIEW_STATUSES, OUTREACH_STATUSES

    known = {*INTERVIEW_STATUSES, *OUTREACH_STATUSES}
    used = {(note.text("status") or "").casefold() for note in index.notes if note.get("status") is not None}
    for status in statuses:
        if status.casefold() not in known | used:
            choices = ", ".join(sorted((known | used) - {""}, key=str.casefold))
            raise UsageError(f"--status {status!r}: no note has it; the statuses are {choices}")
