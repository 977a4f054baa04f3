"""``infoview done``: what happened to a call, and the names it gave."""

from __future__ import annotations

import click

from infoview.cli.app import (
    App,
    complete_notes,
    complete_people,
    echo,
    main,
    parse_moment,
    resolve_today,
    today_option,
    workspace_of,
)
from infoview.core.schema import CALL_OUTCOMES


@main.command()
@click.argument("note", shell_complete=complete_notes)
@click.option(
    "--referral",
    "referrals",
    multiple=True,
    metavar="NAME",
    shell_complete=complete_people,
    help="A name they gave you (repeatable): recorded, with a person note for each new name.",
)
@click.option("--status", type=click.Choice(CALL_OUTCOMES), default="done", show_default=True, help="What happened.")
@click.option("--date", "new_date", metavar="YYYY-MM-DD[THH:MM]", help="With --status rescheduled: the new date.")
@click.option(
    "--new", "distinct", is_flag=True, help="A referral differing only by accents from someone is a new person."
)
@today_option
@click.pass_obj
def done(
    app: App,
    note: str,
    referrals: tuple[str, ...],
    status: str,
    new_date: str | None,
    distinct: bool,
    today: str | None,
) -> None:
    """Record a call: done (or cancelled, rescheduled, no-show), with the names you were given.

    NOTE is the interview's name as in a link, its path in the vault, or a person with one
    planned call. A done call gets its follow-up date (the config's followup_days later). A
    name you were given becomes a person note to reach out to; a name you already know (you
    wrote to them or talked with them before) is only noted on the call as also suggested.

    \b
    Example:
      infoview done "2026-12-03 Anna Lee" --referral "Carl Diaz" --referral "Dana Wu"
      infoview done "Anna Lee" --status rescheduled --date 2026-12-10T15:00
    """
    from infoview.adapters.calls import record_call
    from infoview.adapters.writes import find_note

    workspace = workspace_of(app)
    record = record_call(
        workspace,
        find_note(workspace, note, "interview"),
        status,
        list(referrals),
        parse_moment(new_date, "--date") if new_date else None,
        resolve_today(today),
        allow_look_alike=distinct,
    )
    echo(f"{record.note.path}: {record.status}")
    for path in record.created:
        echo(f"created {path.relative_to(app.vault).as_posix()}")
    for name in record.already_known:
        echo(f"already known: {name}, noted as also suggested by {workspace.practice.person_name(record.note)}")
    if record.next_steps:
        echo("\nNext:")
        for step in record.next_steps:
            echo(f"  - {step}")
