"""On a generated messy vault, infoview finds what the generator knows is there."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result


@pytest.fixture(scope="module")
def messy(generator: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("gen") / "vault"
    generator.generate_vault(str(root), people=300, seed=7, messy=0.08, today="2026-11-01")
    truth = generator.build_truth(300, 7, "2026-11-01", messy=0.08)
    return root, truth


def test_counts_match_the_truth(messy: tuple[Path, dict[str, Any]], run: Callable[..., Result]) -> None:
    root, truth = messy
    notes = json.loads(run("--vault", str(root), "ls", "--format", "json").stdout)
    counts = {kind: sum(1 for note in notes if note["type"] == kind) for kind in ("person", "interview", "outreach")}
    assert counts == truth["counts"]
    done = [note for note in notes if note["type"] == "interview" and note["properties"].get("status") == "done"]
    assert len(done) == truth["done_total"]


def test_every_mistake_is_reported_at_its_line(messy: tuple[Path, dict[str, Any]], run: Callable[..., Result]) -> None:
    root, truth = messy
    result = run("--vault", str(root), "check", "--format", "json")
    reported = {(problem["path"], problem["line"]) for problem in json.loads(result.stdout)}
    expected = {(row["path"], row["line"]) for row in truth["messy"]}
    assert expected - reported == set()
    assert result.exit_code == 1
