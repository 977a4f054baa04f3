"""``infoview reach``: the messages of the practice, drafted to copy."""

from __future__ import annotations

import click

from infoview.cli.app import (
    App,
    complete_people,
    echo,
    main,
    resolve_today,
    today_option,
    workspace_of,
)
from infoview.core.errors import UsageError


@main.command()
@click.argument("name", shell_complete=complete_people)
@click.option("--thanks", is_flag=True, help="Draft the note to whoever suggested NAME: how it went.")
@click.option("--followup", is_flag=True, help="Draft the out-of-the-blue note a few months after your call with NAME.")
@click.option("--sent", is_flag=True, help="You sent it today: record the date.")
@click.option("--channel", help="email, linkedin, ... (default: the template's).")
@today_option
@click.pass_obj
def reach(
    app: App, name: str, thanks: bool, followup: bool, sent: bool, channel: str | None, today: str | None
) -> None:
    """Draft a message to a person, and print it to copy.

    The first message (an outreach note, from the outreach template): who you are, what you
    want (to learn about their path, never a job), and a plan, a 30-minute call at times you
    are free, opening with what you share or who suggested them. Run it again to see a waiting
    draft; with --sent, the draft (or a new message) is recorded as sent today.

    --thanks drafts the short note to whoever suggested NAME, once you have talked with NAME;
    --sent then records referrer_thanked. --followup drafts the out-of-the-blue note a few months
    after your latest call with NAME; --sent then records followup_sent on that call.

    \b
    Example:
      infoview reach "Anna Lee"
      infoview reach "Anna Lee" --sent --channel linkedin
      infoview reach --thanks "Anna Lee"
      infoview reach --followup "Anna Lee" --sent
    """
    from infoview.core.making import single_line
    from infoview.core.model import shell_word

    if thanks and followup:
        raise UsageError("--thanks and --followup draft different notes; choose one")
    if channel and (thanks or followup):
        raise UsageError("--channel goes with the first message (it is recorded in its outreach note)")
    day = resolve_today(today)
    workspace = workspace_of(app)
    if thanks or followup:
        from infoview.adapters.messages import draft_followup, draft_thanks

        drafting = draft_thanks if thanks else draft_followup
        result = drafting(workspace, name, day if sent else None, day)
        for position, draft in enumerate(result.drafts):
            if len(result.drafts) > 1:
                echo(f"{'' if position == 0 else chr(10)}To {draft.to}:")
            echo(draft.text, nl=False)
        echo(f"\n{result.recorded}", err=True)
        return
    from infoview.adapters.messages import draft_outreach

    path, message, outcome = draft_outreach(
        workspace, name, day if sent else None, single_line("--channel", channel) if channel else None, day
    )
    echo(message, nl=False)
    where = path.relative_to(app.vault).as_posix()
    said = {
        "drafted": f"drafted in {where}; once sent: infoview reach {shell_word(name)} --sent",
        "sent": f"recorded as sent in {where}",
        "unchanged": f"the draft waiting in {where} (edit it there); "
        f"once sent: infoview reach {shell_word(name)} --sent",
    }
    echo(f"\n{said[outcome]}", err=True)
