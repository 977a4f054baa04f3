"""``infoview watch``: keep the index and the dashboard current."""

from __future__ import annotations

import signal
import sys
import threading

import click

from infoview.cli.app import (
    App,
    echo,
    main,
    resolve_today,
)


@main.command()
@click.pass_obj
def watch(app: App) -> None:
    """Keep the index and the dashboard note current while you edit, until Ctrl-C.

    Saves from any editor, git pulls and checkouts, renames and deletes are gathered into
    few refreshes; each prints one line (what changed, what is due today). A note caught half
    written is looked at again before it is reported; a broken note is reported once.

    \b
    Example:
      infoview watch
    """
    from infoview.adapters.live import run_watch
    from infoview.views.text import printable

    def say(line: str) -> None:
        echo(printable(line))
        sys.stdout.flush()

    def warn(line: str) -> None:
        echo(printable(line), err=True)

    stop = threading.Event()

    def finish(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, finish)  # a service manager's stop is a clean stop too
    try:
        run_watch(app.vault, app.config, lambda: resolve_today(None), say, warn, stop)
    except KeyboardInterrupt:
        stop.set()
    echo("stopped", err=True)
