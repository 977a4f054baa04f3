"""``infoview person add``: a new person to talk to."""

from __future__ import annotations

from typing import Any

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


@main.group()
def person() -> None:
    """Add people to talk to."""


@person.command("add")
@click.argument("name")
@click.option("--company", help="Where they work.")
@click.option("--title", help="Their job title.")
@click.option("--industry", help="Their industry, e.g. pharmaceuticals.")
@click.option("--function", "function_", help="Their function, e.g. process development.")
@click.option("--location", help="Where they are.")
@click.option("--source", help="How you found them: alumni page, LinkedIn, a conference...")
@click.option("--referred-by", metavar="NAME", shell_complete=complete_people, help="Who suggested them.")
@click.option("--connection", help="What you share: the point of connection to open with.")
@click.option(
    "--breadth",
    type=click.Choice(["deep", "wide", "random"]),
    help="deep (your target field), wide (a neighbouring one) or random.",
)
@click.option("--email", help="Their email address.")
@click.option("--linkedin", help="Their LinkedIn profile.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--var", "variables", multiple=True, metavar="KEY=VALUE", help="Any other property (repeatable).")
@click.option(
    "--new", "distinct", is_flag=True, help="A different person from someone whose name differs only by accents."
)
@today_option
@click.pass_obj
def person_add(
    app: App,
    /,
    name: str,
    function_: str | None,
    tags: tuple[str, ...],
    variables: tuple[str, ...],
    distinct: bool,
    today: str | None,
    **fields: Any,
) -> None:
    """Add a person note, from the person template.

    \b
    Example:
      infoview person add "Anna Lee" --company Acme --title "Director, Process Development" \\
        --referred-by "Bob Chen" --connection "same PhD lab, 10 years apart" --breadth wide
    """
    from infoview.adapters.people import add_person
    from infoview.core.making import PERSON_OPTIONS, extra_properties, single_line
    from infoview.core.model import shell_word

    values: dict[str, Any] = {
        key: single_line(f"--{key.replace('_', '-')}", value) for key, value in fields.items() if value
    }
    if function_:
        values["function"] = single_line("--function", function_)
    if tags:
        values["tags"] = [single_line("--tag", tag).lstrip("#") for tag in tags]
    extra = extra_properties(variables, PERSON_OPTIONS)
    workspace = workspace_of(app)
    path = add_person(workspace, name, values, extra, resolve_today(today), allow_look_alike=distinct)
    echo(f"created {path.relative_to(app.vault).as_posix()}")
    referrer = values.get("referred_by")
    if referrer and workspace.practice.index.resolve(referrer).note is None:
        echo(
            f"note: no note for {referrer} yet; the link waits for it (infoview person add {shell_word(referrer)})",
            err=True,
        )
    echo(f"next: infoview reach {shell_word(path.stem)} drafts the first message", err=True)
