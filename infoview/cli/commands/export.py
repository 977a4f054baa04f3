"""``infoview export``: the vault for other tools (a calendar)."""

from __future__ import annotations

from pathlib import Path

import click

from infoview.cli.app import (
    App,
    echo,
    main,
    mention_problems,
    resolve_today,
    today_option,
)
from infoview.core.errors import InfoviewError


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
    from infoview.adapters.cache import load_index
    from infoview.adapters.calendar import calendar_for
    from infoview.adapters.outputs import write_named_output

    if output is not None and str(output) != "-" and not output.parent.is_dir():
        raise InfoviewError(f"-o {output}: the folder {output.parent} does not exist")
    index = load_index(app.vault, app.config)
    mention_problems(index)
    data = calendar_for(app.vault, app.config, index, resolve_today(today))
    if output is None or str(output) == "-":
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
    else:
        write_named_output(app.vault, output, data, b"PRODID:-//infoview ", "a calendar", force)
        echo(f"wrote {output}", err=True)
