"""``infoview dashboard``: the generated note for Obsidian."""

from __future__ import annotations

import click

from infoview.cli.app import (
    App,
    echo,
    main,
    mention_problems,
    resolve_today,
    today_option,
)


@main.command()
@today_option
@click.pass_obj
def dashboard(app: App, today: str | None) -> None:
    """Write the dashboard note for Obsidian: headline, the year by week, what is due, the chains.

    The note (config: dashboard, default Dashboard.md) says at the top that it is generated.
    It depends only on the notes and the date, so two synced machines write the same bytes,
    and it is rewritten only when its content changes.

    \b
    Example:
      infoview dashboard
    """
    from infoview.adapters.cache import load_index
    from infoview.adapters.live import write_dashboard

    app.hold_write_lock()
    index = load_index(app.vault, app.config)
    mention_problems(index)
    changed = write_dashboard(app.vault, app.config, index, resolve_today(today))
    echo(f"{app.config.dashboard}: {'written' if changed else 'already current'}")
