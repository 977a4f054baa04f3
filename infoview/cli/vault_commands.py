"""``init``, ``index``, ``ls`` and ``check``: making, reading and validating the vault."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from infoview.adapters.cache import load_index, refresh
from infoview.adapters.vault_init import init_vault
from infoview.cli import (
    App,
    echo,
    format_option,
    main,
    mention_problems,
    plural,
    progress_reporter,
    style_problem,
    terminal_width,
)
from infoview.core.errors import InfoviewError, UsageError
from infoview.core.filters import build_filter, parse_day
from infoview.core.index import VaultIndex
from infoview.core.model import Note
from infoview.views.text import json_chunks, json_safe, note_json, render_table, to_json

FORMAT = format_option("table", "json", help="table for people, json for scripts.")


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--templates",
    "with_templates",
    is_flag=True,
    help="Also copy the default templates into the vault's Templates folder, to edit.",
)
@click.option("--git", "use_git", is_flag=True, help="Also make it a git repository set up for infoview sync.")
def init(directory: Path, with_templates: bool, use_git: bool) -> None:
    """Make a new vault: config, note folders and an ignore file for caches.

    Any existing folder of notes (an Obsidian vault, say) can become a vault; nothing in it
    is changed. Running it twice is refused, except with --templates alone on an existing
    vault, which copies the default templates that are not there yet. With --git, the
    folder also becomes a git repository (unless it is in one) with the merge driver that
    merges notes property by property (see infoview sync).

    \b
    Example:
      infoview init ~/career
      infoview init ~/career --templates
      infoview init ~/career --git
    """
    from infoview.adapters.templates import copy_defaults
    from infoview.core.config import CONFIG_PATH, load_config

    is_vault = (directory / CONFIG_PATH).exists()
    created = [] if is_vault and with_templates else init_vault(directory, today=date.today())  # noqa: DTZ011
    if with_templates:
        created += copy_defaults(directory / load_config(directory).folders.templates)
    for path in created:
        echo(f"created {path}")
    if use_git:
        _init_git(directory)
    if is_vault:
        return
    echo(f"\nVault ready in {directory}. Next: set your name and goal in {directory / '.infoview/config.toml'}.")


def _init_git(directory: Path) -> None:
    from infoview.adapters.git_sync import init_repository, setup_clone
    from infoview.cli.sync_commands import SETUP_NOTE

    made = init_repository(directory)
    if made:
        echo(made)
    for line in setup_clone(directory):
        echo(line)
    echo(SETUP_NOTE)


@main.command()
@format_option("text", "json", help="text for people, json for scripts.")
@click.pass_obj
def index(app: App, output_format: str) -> None:
    """Read the vault and refresh its cache; report every note that could not be read.

    Only notes added, changed, renamed or deleted since the last run are read again, so this
    stays fast on a vault of many years. Problems go to standard error as PATH:LINE: MESSAGE;
    the exit status is 0 unless the vault itself cannot be read.

    \b
    Example:
      infoview index
      infoview index --format json | jq .counts
    """
    _index, summary, changes = refresh(app.vault, app.config, want_index=False, progress=progress_reporter())
    for problem in summary.problems:
        echo(style_problem(problem), err=True, escaped=True)
    errors = sum(1 for problem in summary.problems if problem.severity == "error")
    warnings = len(summary.problems) - errors
    if output_format == "json":
        echo(
            to_json(
                {
                    "notes": summary.notes,
                    "counts": summary.counts,
                    "read": changes.read,
                    "added": sorted(changes.added),
                    "modified": sorted(changes.modified),
                    "deleted": sorted(changes.deleted),
                    "renamed": [{"from": old, "to": new} for old, new in sorted(changes.renamed)],
                    "skipped": summary.skipped,
                    "errors": errors,
                    "warnings": warnings,
                }
            )
        )
        return
    labels = {
        "person": ("person", "people"),
        "interview": ("interview", "interviews"),
        "outreach": ("outreach", "outreach"),
        "other": ("other", "other"),
    }
    kinds = ", ".join(
        f"{summary.counts[kind]} {one if summary.counts[kind] == 1 else many}"
        for kind, (one, many) in labels.items()
        if summary.counts.get(kind)
    )
    echo(f"{plural(summary.notes, 'note')} ({kinds or 'none yet'})")
    if changes.rebuilt:
        echo(f"read all {plural(changes.read, 'file')}")
    elif changes.any:
        parts = [
            f"{len(items)} {label}"
            for items, label in (
                (changes.added, "added"),
                (changes.modified, "changed"),
                (changes.renamed, "renamed"),
                (changes.deleted, "deleted"),
            )
            if items
        ]
        echo(f"read {plural(changes.read, 'file')}: {', '.join(parts)}")
    else:
        echo("nothing changed since the last run")
    if summary.skipped or errors or warnings:
        echo(
            f"{summary.skipped} left out, {plural(errors, 'error')}, {plural(warnings, 'warning')} (listed above; "
            "'infoview check' lists them again)"
        )


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
        listed = [note_json(note) for note in notes]
        # One note a line, written in pieces: a vault of 100,000 notes never sits in memory as text.
        buffer: list[str] = []
        for piece in json_chunks(listed, depth=1):
            buffer.append(piece)
            if len(buffer) >= 4096:
                echo(json_safe("".join(buffer)), nl=False, escaped=True)
                buffer.clear()
        echo(json_safe("".join(buffer)), escaped=True)
        return
    if not notes:
        echo("no notes match", err=True)
        return
    table = [
        [
            note.name,
            note.type or "-",
            (note.text("date") or "")[:16].replace("T", " "),
            note.text("status") or "",
            _detail(note, index),
        ]
        for note in notes
    ]
    # A pipe gets whole rows (for grep); a terminal gets rows that fit.
    echo(render_table(["name", "type", "date", "status", "detail"], table, terminal_width(piped=100_000)))
    echo(plural(len(notes), "note"), err=True)


def _check_statuses(statuses: tuple[str, ...], index: VaultIndex) -> None:
    """A status that no note uses and infoview does not know is a typo: say which ones there are."""
    from infoview.core.parse import INTERVIEW_STATUSES, OUTREACH_STATUSES

    known = {*INTERVIEW_STATUSES, *OUTREACH_STATUSES}
    used = {(note.text("status") or "").casefold() for note in index.notes if note.get("status") is not None}
    for status in statuses:
        if status.casefold() not in known | used:
            choices = ", ".join(sorted((known | used) - {""}, key=str.casefold))
            raise UsageError(f"--status {status!r}: no note has it; the statuses are {choices}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too (good for a pre-commit hook).")
@FORMAT
@click.pass_obj
def check(app: App, paths: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Validate the vault: every problem once, as PATH:LINE: SEVERITY: MESSAGE with how to fix it.

    Exits 1 when there is an error (or, with --strict, a warning), so it can guard commits.
    Given PATHS, only problems in those files are shown (links still resolve against the
    whole vault).

    \b
    Example:
      infoview check
      infoview check --strict People/Anna\\ Lee.md
      infoview check --format json
    """
    from infoview.core.problems import vault_problems

    index = load_index(app.vault, app.config, progress=progress_reporter())
    problems = vault_problems(index)
    checked = len(index.notes)
    if paths:
        files, folders = set(), []
        for path in paths:
            if not path.exists():
                raise UsageError(f"{path}: no such file or folder")
            rel = _vault_relative(app.vault, path)
            if path.is_dir():
                folders.append("" if rel == "." else rel + "/")
            else:
                files.add(rel)

        def wanted(rel: str) -> bool:
            return rel in files or any(rel.startswith(folder) for folder in folders)

        problems = [problem for problem in problems if wanted(problem.path)]
        checked = len({note.path for note in index.notes if wanted(note.path)} | {p.path for p in problems})
    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    if output_format == "json":
        echo(to_json([problem.as_json() for problem in problems]))
    else:
        for problem in problems:
            echo(style_problem(problem), escaped=True)
        verdict = "no problems" if not problems else f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        echo(f"checked {plural(checked, 'note')}: {verdict}", err=True)
    if errors or (strict and warnings):
        raise SystemExit(1)


def _vault_relative(vault: Path, path: Path) -> str:
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(vault).as_posix()
    except ValueError:
        raise InfoviewError(f"{path}: not inside the vault {vault}") from None
