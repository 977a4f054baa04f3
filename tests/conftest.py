"""Shared fixtures: an isolated environment, a CLI runner and vaults made of real files."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from infoview.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_VAULT = REPO / "vault-example"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The shared vault generator lives beside the checkout; tests that need it skip without it.
GENERATOR = REPO.parent / "shared" / "bench"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's HOME, config or INFOVIEW_* variables."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("INFOVIEW_VAULT", "NO_COLOR", "EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI like a user would, in a given folder (default: the test's own temp folder)."""

    def invoke(
        *args: str, cwd: Path | None = None, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False, prog_name="infoview")

    return invoke


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
def generated(generator: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """One generated vault with a few realistic mistakes, and the answers a correct infoview gives."""
    root = tmp_path_factory.mktemp("generated") / "vault"
    generator.generate_vault(str(root), people=400, seed=5, messy=0.06, today="2026-11-01")
    return root, generator.build_truth(400, 5, "2026-11-01", messy=0.06)


@pytest.fixture(scope="session")
def generator() -> Any:
    if not (GENERATOR / "gen_vault.py").is_file():
        pytest.skip("the shared vault generator is not beside this checkout")
    sys.path.insert(0, str(GENERATOR))
    import gen_vault  # type: ignore[import-not-found]

    return gen_vault
