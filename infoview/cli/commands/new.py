"""``infoview new``: the prep sheet for a call."""

from __future__ import annotations

import click

from infoview.cli.app import (
    App,
    complete_people,
    echo,
    main,
    parse_moment,
    resolve_today,
    today_option,
    workspace_of,
)


@main.command()
@click.argument("name", shell_complete=complete_people)
@click.option("--date", "when", required=True, metavar="YYYY-MM-DD[THH:MM]", help="When the call is.")
@click.option("--pitch", help="Which self-presentation variant from the config to use.")
@click.option("--var", "variables", multiple=True, metavar="KEY=VALUE", help="Any other property (repeatable).")
@click.option("--edit", "open_editor", is_flag=True, help="Open the prep sheet in $EDITOR.")
@today_option
@click.pass_obj
def new(
    app: App, name: str, when: str, pitch: str | None, variables: tuple[str, ...], open_editor: bool, today: str | None
) -> None:
    """Write the prep sheet for a call: an interview note from the interview template.

    Date, name, company and title on top; the point of connection and who suggested them;
    what earlier calls with them or their company taught you; your opening plan and pitch;
    tailored, open-ended questions in order with room for notes; the closing question; and
    places for notes, takeaways and referrals.

    \b
    Example:
      infoview new "Anna Lee" --date 2026-12-03T15:00 --pitch scientist
      infoview new "Anna Lee" --date 2026-12-03 --edit
    """
    from infoview.adapters.calls import new_interview
    from infoview.core.making import extra_properties

    made = new_interview(
        workspace_of(app),
        name,
        parse_moment(when, "--date"),
        pitch,
        extra_properties(variables),
        resolve_today(today),
    )
    echo(f"created {made.path.relative_to(app.vault).as_posix()}")
    if made.scheduled:
        echo(f"{made.scheduled}: status scheduled (the message led to this call)")
    if open_editor:
        click.edit(filename=str(made.path))
