"""``merge-driver`` and ``sync``: keeping a vault in git on several devices without conflicts."""

from __future__ import annotations

from pathlib import Path

import click

from infoview.cli.app import (
    App,
    echo,
    main,
)


@main.command(name="merge-driver")
@click.argument("base", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("path", default="")
def merge_driver(base: Path, ours: Path, theirs: Path, path: str) -> None:
    """Merge two versions of a note property by property (git calls this; see sync --setup).

    Front matter merges one property at a time: a property changed on one side takes that
    side, tags, aliases, referrals and referred_by keep both sides' additions and removals,
    and only a property changed differently on both sides conflicts, with the conflict
    markers around that property alone (infoview check points at it). The body merges as
    git merges text. The result is left in OURS; the exit status is 0 when the merge is
    clean and 1 when something is left to resolve.

    \b
    Example (in .git/config, written by infoview sync --setup):
      [merge "infoview"]
          driver = infoview merge-driver %O %A %B %P
    """
    from infoview.adapters.merge_driver import run_merge_driver

    result = run_merge_driver(base, ours, theirs, path or ours.name)
    if result.clean:
        return
    places = {"body": "the body", "note": "the note's text"}
    where = ", ".join(places.get(key, key) for key in result.conflicts)
    echo(f"{path or ours}: conflict in {where}; resolve it, then 'infoview check' should be clean", err=True)
    raise SystemExit(1)


SETUP_NOTE = (
    "A merge driver cannot be versioned: .gitattributes travels with the repository, but the command "
    "it names is read only from each clone's own .git/config. Run 'infoview sync --setup' once in every "
    "clone (a phone app without infoview merges notes as plain text, as before)."
)


@main.command()
@click.option("--setup", is_flag=True, help="Set this clone up for sync: .gitattributes and the merge driver.")
@click.option(
    "--pull",
    "pull_mode",
    type=click.Choice(["merge", "rebase"]),
    default=None,
    help="How to bring in other devices' commits. Default: [sync] pull in the config, else merge.",
)
@click.option("--no-push", is_flag=True, help="Commit and pull, but do not push.")
@click.pass_obj
def sync(app: App, setup: bool, pull_mode: str | None, no_push: bool) -> None:
    """Commit the vault's changes, pull the other devices' commits and push.

    The commit message says what changed ("done: 2026-12-03 Anna Lee; new person: Carl
    Diaz"). Only the vault's files are committed, never the cache in .infoview/, and files
    you staged outside the vault stay staged. Notes touched on two devices merge property by
    property once the merge driver is set up (--setup, once per clone).

    Nothing is done while a note holds conflict markers, a merge or rebase is in progress,
    or you staged vault files yourself. Exit status: 0 synced, 1 git failed (network, a
    rejected push, a hook), 2 not a git clone, 3 refused (nothing was changed), 4 the pull
    left conflicts to resolve.

    \b
    Example:
      infoview sync --setup        once in each clone
      infoview sync                commit, pull, push
      infoview sync --pull rebase --no-push
    """
    from infoview.adapters.git_sync import driver_is_set, setup_clone
    from infoview.adapters.sync import sync_vault

    if setup:
        for line in setup_clone(app.vault):
            echo(line)
        echo(SETUP_NOTE)
        return
    if not driver_is_set(app.vault):
        echo("note: notes merge line by line in this clone; 'infoview sync --setup' merges them by property", err=True)
    sync_vault(app.vault, app.config, pull_mode or app.config.sync_pull, not no_push, echo)
