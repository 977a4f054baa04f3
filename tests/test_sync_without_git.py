"""``sync`` and ``init --git`` on a machine without git say that git is missing, and write nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]


def test_sync_without_git_says_git_is_missing(run: Run, vault: Path, tmp_path: Path) -> None:
    (tmp_path / "no-git").mkdir()
    write_note(vault, "People/Anna Lee.md", "---\ntype: person\n---\n")
    result = run("--vault", str(vault), "sync", env={"PATH": str(tmp_path / "no-git")})
    assert result.exit_code == 1
    assert result.stderr == "Error: git is not installed or not on PATH\n"
    assert not (vault / ".git").exists()


def test_init_git_without_git_says_git_is_missing(run: Run, tmp_path: Path) -> None:
    (tmp_path / "no-git").mkdir()
    result = run("init", str(tmp_path / "career"), "--git", env={"PATH": str(tmp_path / "no-git")})
    assert result.exit_code == 1
    assert "git is not installed or not on PATH" in result.stderr
    assert not (tmp_path / "career" / ".git").exists()
