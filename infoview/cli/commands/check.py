"""``infoview check``: validate the vault for people and pre-commit hooks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from infoview.cli.app import (
    App,
    format_option,
    main,
    progress_reporter,
    show,
)
from infoview.core.errors import InfoviewError, UsageError

if TYPE_CHECKING:
    from infoview.core.problems import CheckResult

FORMAT = format_option("check", help="table for people, json for scripts.")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too (good for a pre-commit hook).")
@FORMAT
@click.pass_obj
def check(app: App, paths: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Validate the vault: every problem once, as PATH:LINE: SEVERITY: MESSAGE with how to fix it.

    Exits 1 when there is an error (or, with --strict, a warning), so it can guard commits.
    Given PATHS, only problems in those files are shown (links still resolve against the
    whole vault).

    \b
    Example:
      infoview check
      infoview check --strict People/Anna\\ Lee.md
      infoview check --format json
    """
    from infoview.adapters.cache import load_index, refresh
    from infoview.core.problems import CheckResult, vault_problems

    if not paths:  # the cache's summary has every problem: no note needs loading when none changed
        _index, summary, _changes = refresh(app.vault, app.config, want_index=False, progress=progress_reporter())
        _show_verdict(CheckResult(summary.problems, summary.notes), output_format, strict)
        return
    index = load_index(app.vault, app.config, progress=progress_reporter())
    problems = vault_problems(index)
    files, folders = set(), []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        rel = _vault_relative(app.vault, path)
        if path.is_dir():
            folders.append("" if rel == "." else rel + "/")
        else:
            files.add(rel)

    def wanted(rel: str) -> bool:
        return rel in files or any(rel.startswith(folder) for folder in folders)

    problems = [problem for problem in problems if wanted(problem.path)]
    checked = len({note.path for note in index.notes if wanted(note.path)} | {p.path for p in problems})
    _show_verdict(CheckResult(problems, checked), output_format, strict)


def _show_verdict(result: CheckResult, output_format: str, strict: bool) -> None:
    show("check", output_format, result)
    if result.errors or (strict and result.warnings):
        raise SystemExit(1)


def _vault_relative(vault: Path, path: Path) -> str:
    from infoview.adapters.paths import path_in_vault

    rel = path_in_vault(vault, path)
    if rel is None:
        raise InfoviewError(f"{path}: not inside the vault {vault}")
    return rel
