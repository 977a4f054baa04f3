"""``learnings``: what the done calls taught, gathered, grouped and linked back to each call."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

import click

from infoview.cli.app import (
    App,
    echo,
    format_option,
    main,
    mention_problems,
    progress_reporter,
    show,
)
from infoview.core.errors import UsageError

if TYPE_CHECKING:
    from infoview.core.analysis.learnings import Learning
    from infoview.core.index import VaultIndex
    from infoview.core.model import Note

# The groupings of infoview.core.analysis.learnings, written out so that the help loads without it.
GROUPINGS = ("industry", "company", "function", "person", "tag", "year")


@main.command()
@click.option(
    "--by", type=click.Choice(GROUPINGS), default="industry", show_default=True, help="Group by this property."
)
@click.option(
    "--where",
    multiple=True,
    metavar="KEY=VALUE",
    help="Property test on the call, or on its person when the call lacks the key, as in ls (repeatable).",
)
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="The call or its person has this tag (repeatable).")
@click.option("--since", metavar="YYYY-MM-DD", help="Only calls on or after this day.")
@click.option("--grep", "grep_text", metavar="TEXT", help="Only learnings that contain this text (ignoring case).")
@click.option(
    "--write",
    "write_name",
    metavar="NAME",
    help="Keep these learnings in a synthesis note: NAME goes in Learnings/, or give a path like Notes/Pharma.",
)
@format_option("learnings", help="text for the terminal, markdown for a note, json for scripts.")
@click.pass_obj
def learnings(
    app: App,
    by: str,
    where: tuple[str, ...],
    tags: tuple[str, ...],
    since: str | None,
    grep_text: str | None,
    write_name: str | None,
    output_format: str,
) -> None:
    """What your calls taught you, gathered from their takeaways and grouped.

    Reads the lines under the "Takeaways" heading of every done call (and under the headings
    named by [learnings] sections in the config), groups them by a property of the person or
    the call, and links each one back to its call, with the person's title and company.
    With --write, a synthesis note keeps them: only the block between its two marker lines is
    rewritten, so what you write around it stays.

    \b
    Example:
      infoview learnings
      infoview learnings --by company --where industry=Pharma
      infoview learnings --grep hiring --since 2025-01-01 --format markdown
      infoview learnings --where industry=Pharma --write Pharma
    """
    from infoview.adapters.cache import load_index
    from infoview.adapters.learnings import as_on_disk, write_synthesis
    from infoview.core.analysis.learnings import group_learnings, synthesis_path
    from infoview.views.learnings import synthesis_block

    rel = synthesis_path(write_name, app.config.folders, app.config.dashboard) if write_name else None
    index = load_index(app.vault, app.config, progress=progress_reporter())
    mention_problems(index)
    found = _selected(app, index, where, tags, since, grep_text)
    grouped = group_learnings(found, by)
    if rel is not None:
        rel = as_on_disk(app.vault, rel)
        _refuse_a_practice_note(index.by_exact_path.get(rel), rel)
        command = _command(by, where, tags, since, grep_text, write_name or "")
        what, rel = write_synthesis(app.vault, rel, synthesis_block(grouped, command))
        echo(f"{what} {rel} ({len(found)} learning{'s' if len(found) != 1 else ''})")
        return
    show("learnings", output_format, grouped)


def _selected(
    app: App,
    index: VaultIndex,
    where: tuple[str, ...],
    tags: tuple[str, ...],
    since: str | None,
    grep_text: str | None,
) -> list[Learning]:
    """The learnings of the done calls that pass the filters, read from their notes."""
    from infoview.adapters.learnings import gather
    from infoview.core.analysis.learnings import call_filter, grep
    from infoview.core.analysis.practice import Practice
    from infoview.core.filters import parse_day

    practice = Practice(index)

    def resolve(target: str) -> str:
        found = index.resolve(target)
        return found.note.name if found.note is not None else target

    day = parse_day(since, "--since") if since else None
    keep = call_filter(practice, where=where, tags=tags, since=day, resolve=resolve)
    calls = [call for call in practice.done if keep(call)]
    return grep(gather(app.vault, practice, calls, app.config.learning_sections), grep_text)


def _refuse_a_practice_note(note: Note | None, rel: str) -> None:
    from infoview.core.schema import NOTE_TYPES

    if note is not None and note.type in NOTE_TYPES:
        raise UsageError(f"--write: {rel} is a {note.type} note; choose another name for the synthesis")


def _command(
    by: str, where: tuple[str, ...], tags: tuple[str, ...], since: str | None, grep_text: str | None, name: str
) -> str:
    """The command that makes this synthesis, to print in its block (so anyone can refresh it)."""
    words = ["infoview", "learnings", "--by", by]
    words += [part for condition in where for part in ("--where", condition)]
    words += [part for tag in tags for part in ("--tag", tag)]
    words += ["--since", since] if since else []
    words += ["--grep", grep_text] if grep_text else []
    # "-->" would end the HTML comment the command is shown in.
    return shlex.join([*words, "--write", name]).replace("-->", "-- >")
