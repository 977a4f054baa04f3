"""``infoview set``: change a note's properties with the smallest edit."""

from __future__ import annotations

import click

from infoview.cli.app import (
    App,
    complete_notes,
    echo,
    main,
    workspace_of,
)
from infoview.core.errors import UsageError


@main.command(name="set")
@click.argument("note", shell_complete=complete_notes)
@click.argument("assignments", nargs=-1, metavar="[KEY=VALUE]...")
@click.option("--append", "appends", multiple=True, metavar="KEY=VALUE", help="Add VALUE to the list KEY.")
@click.option("--unset", "unsets", multiple=True, metavar="KEY", help="Remove the property KEY.")
@click.pass_obj
def set_properties(
    app: App, note: str, assignments: tuple[str, ...], appends: tuple[str, ...], unsets: tuple[str, ...]
) -> None:
    """Change properties of one note, touching nothing else.

    Only the lines of those properties change: the body, other properties, comments, quoting
    and line endings stay as they were. Names given for person, referred_by and referrals
    become links. A note with a merge conflict, a duplicate key or a value over several
    lines is refused.

    \b
    Example:
      infoview set "Outreach/2026-11-20 Anna Lee.md" status=replied
      infoview set "People/Anna Lee.md" referrer_thanked=2026-12-04
      infoview set "2026-12-03 Anna Lee" --append referrals="Carl Diaz"
    """
    from infoview.adapters.writes import edit_note, find_note
    from infoview.core.frontmatter.edit import Changes
    from infoview.core.making import parse_assignments

    if not (assignments or appends or unsets):
        raise UsageError("give at least one KEY=VALUE, --append KEY=VALUE or --unset KEY")
    keys = [pair.partition("=")[0].strip() for pair in assignments]
    appended = {pair.partition("=")[0].strip() for pair in appends}
    twice = {key for key in keys if keys.count(key) > 1}
    clash = (set(keys) & set(unsets)) | (appended & (set(keys) | set(unsets)))
    if twice or clash:
        raise UsageError(f"{sorted(twice or clash)[0]} is given more than one change; give one at a time")
    changes = Changes(
        set={key: _yaml_value(key, value) for key, value in parse_assignments(assignments, "KEY=VALUE").items()},
        append=[
            (key, _yaml_value(key, value))
            for pair in appends
            for key, value in parse_assignments((pair,), "--append").items()
        ],
        unset=list(unsets),
    )
    workspace = workspace_of(app)
    target = find_note(workspace, note)
    changed = edit_note(workspace, target, changes)
    echo(f"{target.path}: {'updated' if changed else 'already so, nothing written'}")
    if changed:
        _warn_about(app, target.path, {*changes.set, *(key for key, _ in changes.append)})


def _warn_about(app: App, path: str, keys: set[str]) -> None:
    """What check would now say about the properties just written (written anyway: the note is yours)."""
    from infoview.cli.app import style_problem
    from infoview.core.parse import parse_note

    _note, problems = parse_note(
        path, (app.vault / path).read_bytes(), app.config.folders.kinds(), app.config.properties
    )
    for problem in problems:
        if problem.message.split(":", 1)[0] in keys:
            echo(style_problem(problem, err=True), err=True)


def _yaml_value(key: str, value: str) -> str:
    from infoview.core.frontmatter.write import scalar, text_value
    from infoview.core.schema import ANY_LINK_FIELDS, loose_name

    if loose_name(key) in ANY_LINK_FIELDS and value and not value.startswith("[["):
        return scalar(f"[[{value}]]")
    return text_value(value)
