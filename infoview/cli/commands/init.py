"""``infoview init``: a new vault, or an existing folder of notes made one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from infoview.cli.app import (
    echo,
    main,
)


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--templates",
    "with_templates",
    is_flag=True,
    help="Also copy the default templates into the vault's templates folder (.infoview/templates), to edit.",
)
@click.option("--git", "use_git", is_flag=True, help="Also make it a git repository set up for infoview sync.")
def init(directory: Path, with_templates: bool, use_git: bool) -> None:
    """Make a new vault: config, note folders and an ignore file for caches.

    Any existing folder of notes (an Obsidian vault, say) can become a vault; nothing in it
    is changed. Running it twice is refused, except with --templates alone on an existing
    vault, which copies the default templates that are not there yet. With --git, the
    folder also becomes a git repository (unless it is in one) with the merge driver that
    merges notes property by property (see infoview sync).

    \b
    Example:
      infoview init ~/career
      infoview init ~/career --templates
      infoview init ~/career --git
    """
    from infoview.adapters.config_file import load_config
    from infoview.adapters.templates import copy_defaults
    from infoview.adapters.vault_init import init_vault
    from infoview.core.config import CONFIG_PATH

    is_vault = (directory / CONFIG_PATH).exists()
    created = [] if is_vault and with_templates else init_vault(directory, today=date.today())  # noqa: DTZ011
    if with_templates:
        created += copy_defaults(directory / load_config(directory).folders.templates)
    for path in created:
        echo(f"created {path}")
    if use_git:
        _init_git(directory)
    if is_vault:
        return
    # Each path on a line of its own, never broken and never run into a full stop.
    echo(f"\nVault ready:\n  {directory.resolve()}\nNext, set your name and goal in:\n  {directory / CONFIG_PATH}")


def _init_git(directory: Path) -> None:
    from infoview.adapters.git_sync import init_repository, setup_clone
    from infoview.cli.commands.sync import SETUP_NOTE

    made = init_repository(directory)
    if made:
        echo(made)
    for line in setup_clone(directory):
        echo(line)
    echo(SETUP_NOTE)
