"""``dashboard``, ``watch`` and ``export ics``: the numbers where you write, kept current."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import click

from infoview.adapters.cache import load_index
from infoview.cli import App, echo, main, mention_problems, resolve_today, today_option
from infoview.core.errors import InfoviewError
from infoview.views.text import printable


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
    from infoview.adapters.live import write_dashboard

    app.hold_write_lock()
    index = load_index(app.vault, app.config)
    mention_problems(index)
    changed = write_dashboard(app.vault, app.config, index, resolve_today(today))
    echo(f"{app.config.dashboard}: {'written' if changed else 'already current'}")


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


@main.group()
def export() -> None:
    """Export the vault to other tools."""


@export.command("ics")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--force", is_flag=True, help="Replace an existing -o file that is not an earlier export.")
@today_option
@click.pass_obj
def export_ics(app: App, output: Path | None, force: bool, today: str | None) -> None:
    """Planned calls and follow-up notes as an iCalendar file.

    Each call keeps one UID through its reschedules, so importing a newer export moves the
    event instead of adding it twice; a cancelled call is exported as cancelled. Timed calls
    are in the config's [me] timezone (default: this machine's). Follow-up notes due more than
    [calendar] followups_within_days ago (default 60) are left out. -o replaces only an earlier
    export (or, with --force, another file), never a note.

    \b
    Example:
      infoview export ics > interviews.ics
      infoview export ics -o ~/Calendars/interviews.ics
    """
    from infoview.adapters.calendar import calendar_for
    from infoview.adapters.live import write_export

    if output is not None and str(output) != "-" and not output.parent.is_dir():
        raise InfoviewError(f"-o {output}: the folder {output.parent} does not exist")
    index = load_index(app.vault, app.config)
    mention_problems(index)
    data = calendar_for(app.vault, app.config, index, resolve_today(today))
    if output is None or str(output) == "-":
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
    else:
        write_export(app.vault, output, data, force)
        echo(f"wrote {output}", err=True)
