"""The everyday mistakes in tests/fixtures/mistakes-vault are each reported once, where they are."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mistakes-vault"


def expected_problems() -> set[tuple[str, int, str]]:
    """The fixture's README lists each note and its mistake as 'line N (severity): ...'."""
    expected, current = set(), None
    for line in (FIXTURE / "README.txt").read_text(encoding="utf-8").splitlines():
        if line.endswith(".md") and not line.startswith(" "):
            current = line.strip()
        match = re.match(r"\s+line (\d+) \((error|warning)\)", line)
        if match and current:
            expected.add((current, int(match.group(1)), match.group(2)))
    return expected


def test_each_mistake_once_at_its_line(run: Callable[..., Result], tmp_path: Path) -> None:
    vault = tmp_path / "mistakes"
    shutil.copytree(FIXTURE, vault)
    result = run("--vault", str(vault), "check", "--format", "json")
    found = {(problem["path"], problem["line"], problem["severity"]) for problem in json.loads(result.stdout)}
    assert len(expected_problems()) == 13
    assert found == expected_problems()
    assert result.exit_code == 1


def test_the_bom_note_reads_normally(run: Callable[..., Result], tmp_path: Path) -> None:
    vault = tmp_path / "mistakes"
    shutil.copytree(FIXTURE, vault)
    assert (vault / "People" / "Dana Whitaker.md").read_bytes().startswith(b"\xef\xbb\xbf---")
    result = run("--vault", str(vault), "ls", "--where", "company~", "--format", "json")
    dana = [note for note in json.loads(result.stdout) if note["name"] == "Dana Whitaker"]
    assert dana and dana[0]["type"] == "person" and dana[0]["properties"]["company"]


def test_example_vault_is_clean(run: Callable[..., Result], example_vault: Path) -> None:
    result = run("--vault", str(example_vault), "check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
