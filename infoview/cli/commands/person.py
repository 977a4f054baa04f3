"""``infoview person add``: a new person to talk to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

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
from infoview.core.schema import fields_of

if TYPE_CHECKING:
    from collections.abc import Callable

Decorated = TypeVar("Decorated", bound="Callable[..., Any]")


def person_field_options(function: Decorated) -> Decorated:
    """One option per person property the field table marks as one (``--company``, ``--referred-by``...),
    in the table's order; tags have their own repeatable ``--tag``."""
    for row in reversed([row for row in fields_of("person") if row.option and row.shape != "list"]):
        extra: dict[str, Any] = {"help": row.help}
        if row.allowed:
            extra["type"] = click.Choice(row.allowed)
        if row.shape in ("link", "links"):
            extra.update(metavar="NAME", shell_complete=complete_people)
        function = click.option(f"--{row.name.replace('_', '-')}", row.name, **extra)(function)
    return function


@main.group()
def person() -> None:
    """Add people to talk to."""


@person.command("add")
@click.argument("name")
@person_field_options
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
