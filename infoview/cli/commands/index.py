"""``infoview index``: read the vault into its cache and say what could not be read."""

from __future__ import annotations

import click

from infoview.cli.app import (
    App,
    echo,
    format_option,
    main,
    progress_reporter,
    show,
    style_problem,
)


@main.command()
@format_option("index", help="text for people, json for scripts.")
@click.pass_obj
def index(app: App, output_format: str) -> None:
    """Read the vault and refresh its cache; report every note that could not be read.

    Only notes added, changed, renamed or deleted since the last run are read again, so this
    stays fast on a vault of many years. Problems go to standard error as PATH:LINE: MESSAGE;
    the exit status is 0 unless the vault itself cannot be read.

    \b
    Example:
      infoview index
      infoview index --format json | jq .counts
    """
    from infoview.adapters.cache import refresh
    from infoview.core.index import IndexRun

    _index, summary, changes = refresh(app.vault, app.config, want_index=False, progress=progress_reporter())
    for problem in summary.problems:
        echo(style_problem(problem, err=True), err=True)
    show("index", output_format, IndexRun(summary, changes))
