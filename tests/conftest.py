"""Shared fixtures: an isolated environment, a CLI runner and vaults made of real files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import vaultgen
from click.testing import CliRunner, Result
from helpers import Generated
from hypothesis import settings

from infoview.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_VAULT = REPO / "vault-example"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# No deadline for an example: speed is measured by benchmarks/bench.py, and an example slowed by a
# busy machine (the suite's own workers, a benchmark beside it) is not a bug. The number of examples
# is each test's own (helpers.examples); "thorough" is the profile that runs them all.
settings.register_profile("suite", deadline=None)
settings.register_profile("thorough", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Point HOME and XDG_CONFIG_HOME at ``home``; unset INFOVIEW_*, NO_COLOR, editors and terminal size."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("INFOVIEW_VAULT", "NO_COLOR", "EDITOR", "VISUAL", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)


def runner(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI like a user would, in a given folder (default: the current one)."""

    def invoke(
        *args: str, cwd: Path | None = None, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False, prog_name="infoview")

    return invoke


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's HOME, config, INFOVIEW_* variables or terminal size ($COLUMNS)."""
    isolate(monkeypatch, tmp_path_factory.mktemp("home"))


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI like a user would, in a given folder (default: the test's own temp folder)."""
    return runner(monkeypatch)


@pytest.fixture
def example_vault(tmp_path: Path) -> Path:
    """A private copy of vault-example/, so tests can change it."""
    target = tmp_path / "vault"
    shutil.copytree(EXAMPLE_VAULT, target, ignore=shutil.ignore_patterns("cache"))
    return target


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """An empty vault with a config, ready for notes."""
    root = tmp_path / "v"
    (root / ".infoview").mkdir(parents=True)
    (root / ".infoview" / "config.toml").write_text("", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """One generated vault with realistic mistakes in about one note in twelve (read-only: tests share it)."""
    root = tmp_path_factory.mktemp("generated") / "vault"
    story = vaultgen.build(people=200, seed=5, today=vaultgen.DEFAULT_TODAY, messy=0.08)
    vaultgen.write_vault(root, story)
    return Generated(root, vaultgen.expected_answers(story))
