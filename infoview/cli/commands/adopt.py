"""``infoview adopt``: survey a vault someone already keeps and propose the config that reads it as written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from infoview.cli.app import echo, main, style_problem

if TYPE_CHECKING:
    from infoview.adapters.adoption import Adoption

# How many of check's problems the survey shows before saying how many more there are.
SHOWN_PROBLEMS = 10
_KIND_WORDS = {"person": "person notes", "interview": "meeting notes (interviews)", "outreach": "outreach"}


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--write", "write", is_flag=True, help="Save the proposed config as .infoview/config.toml.")
def adopt(directory: Path, write: bool) -> None:
    """Survey an existing vault (an Obsidian CRM, say) and propose a config for it.

    Shows how many notes each folder holds, which property names the notes use and what infoview
    reads them as, which folders hold people and meetings, what would count as people,
    interviews and outreach, and what check would say. No note is ever changed; with --write,
    the proposed config is saved (never over an existing one).

    \b
    Example:
      infoview adopt ~/crm
      infoview adopt ~/crm --write
    """
    from infoview.adapters.adoption import adopt_vault, write_config
    from infoview.adapters.config_file import load_config

    adoption = adopt_vault(directory, load_config(directory))
    _show(adoption)
    if write:
        path = write_config(directory, adoption.config_text)
        echo(f"\nwrote {path.relative_to(directory).as_posix()}; try: infoview ls --type person")
    else:
        echo("\nnothing was written; run again with --write to save this config")


def _show(adoption: Adoption) -> None:
    from infoview.views.text import plural

    found = adoption.survey
    echo("Folders (notes, what they look like)")
    for name in sorted(found.folders, key=str.casefold):
        folder = found.folders[name]
        kind = folder.kind()
        echo(f"  {name + '/' if name != '.' else '(top)':<24} {folder.notes:>5}  {_KIND_WORDS.get(kind or '', '')}")
    for template_folder in adoption.template_folders:
        echo(f"  {template_folder + '/':<24}     -  Obsidian templates, never read as notes")
    echo("\nProperties (as written, in how many notes, read as)")
    for key, count in sorted(found.keys.items(), key=lambda item: (-item[1], item[0].casefold())):
        field = found.read_as(key)
        meant = found.names().near_miss(key) if field is None else None
        said = field or (f"nothing; did you mean {meant}?" if meant else "kept as it is")
        echo(f"  {key:<24} {count:>5}  {said}")
    echo(
        f"\nWould count: {plural(adoption.people, 'person', 'people')}, "
        f"{plural(adoption.interviews, 'interview')}, {plural(adoption.outreach, 'outreach message')}"
    )
    errors = sum(1 for problem in adoption.problems if problem.severity == "error")
    echo(f"check would say: {plural(errors, 'error')}, {plural(len(adoption.problems) - errors, 'warning')}")
    from infoview.views.style import join

    for problem in adoption.problems[:SHOWN_PROBLEMS]:
        echo(join(["  ", style_problem(problem)]))
    if len(adoption.problems) > SHOWN_PROBLEMS:
        echo(f"  ... and {len(adoption.problems) - SHOWN_PROBLEMS} more (infoview check lists them all)")
    echo("\nProposed .infoview/config.toml:\n")
    for line in adoption.config_text.splitlines():
        echo(f"  {line}")
