"""``infoview bases``: Obsidian Bases (.base) views of people, interviews and outreach."""

from __future__ import annotations

import click

from infoview.cli.app import App, echo, main

_SAID = {
    "written": "written",
    "unchanged": "already up to date",
    "kept": "changed by you (or not infoview's); left as it is; delete or rename it to get infoview's",
}


@main.command()
@click.pass_obj
def bases(app: App) -> None:
    """Write Obsidian Bases for people, interviews and outreach.

    People.base, Interviews.base and Outreach.base at the top of the vault: tables with the
    useful columns, and views such as "Follow-ups due", "This month's calls", "Never contacted"
    and "Waiting for a reply", in the vault's own property names. Needs Obsidian's core Bases
    plugin. A base you changed is never overwritten.

    \b
    Example:
      infoview bases
    """
    from infoview.adapters.bases import write_bases
    from infoview.adapters.cache import load_index

    app.hold_write_lock()
    for name, outcome in write_bases(app.vault, app.config, load_index(app.vault, app.config)):
        echo(f"{name}: {_SAID[outcome]}")
