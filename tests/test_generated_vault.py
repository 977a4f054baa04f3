"""On a generated messy vault, infoview finds what the generator knows is there."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result


def test_counts_match_the_truth(generated: tuple[Path, dict[str, Any]], run: Callable[..., Result]) -> None:
    root, truth = generated
    notes = json.loads(run("--vault", str(root), "ls", "--format", "json").stdout)
    counts = {kind: sum(1 for note in notes if note["type"] == kind) for kind in ("person", "interview", "outreach")}
    assert counts == truth["counts"]
    done = [note for note in notes if note["type"] == "interview" and note["properties"].get("status") == "done"]
    assert len(done) == truth["done_total"]


def test_every_mistake_is_reported_at_its_line(
    generated: tuple[Path, dict[str, Any]], run: Callable[..., Result]
) -> None:
    root, truth = generated
    result = run("--vault", str(root), "check", "--format", "json")
    reported = {(problem["path"], problem["line"]) for problem in json.loads(result.stdout)}
    expected = {(row["path"], row["line"]) for row in truth["messy"]}
    assert len(expected) > 30  # the generator really made mistakes to find
    assert expected - reported == set()
    assert result.exit_code == 1
