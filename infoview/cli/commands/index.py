"""``infoview index``: read the vault into its cache and say what could not be read."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from infoview.cli.app import (
    App,
    echo,
    format_option,
    main,
    progress_reporter,
    style_problem,
)

if TYPE_CHECKING:
    from infoview.adapters.cache import Changes, Summary


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
    from infoview.adapters.cache import refresh
    from infoview.views.text import to_json

    _index, summary, changes = refresh(app.vault, app.config, want_index=False, progress=progress_reporter())
    for problem in summary.problems:
        echo(style_problem(problem, err=True), err=True)
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
    _print_summary(summary, changes, errors, warnings)


def _print_summary(summary: Summary, changes: Changes, errors: int, warnings: int) -> None:
    """What was read, in words: the notes by kind, what changed, what was left out."""
    from infoview.views.text import plural

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
