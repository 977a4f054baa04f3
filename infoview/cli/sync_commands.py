"""``merge-driver`` and ``sync``: keeping a vault in git on several devices without conflicts."""

from __future__ import annotations

from pathlib import Path

import click

from infoview.adapters.merge_driver import run_merge_driver
from infoview.cli import echo, main


@main.command(name="merge-driver")
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
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
    result = run_merge_driver(base, ours, theirs, path or ours.name)
    if result.clean:
        return
    where = ", ".join("the body" if key == "body" else key for key in result.conflicts)
    echo(f"{path or ours}: conflict in {where}; resolve it, then 'infoview check' should be clean", err=True)
    raise SystemExit(1)
