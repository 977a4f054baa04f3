"""Parallel writers, as real processes: every command that says it wrote has its change in the vault."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_note

from infoview.core.model import name_key
from infoview.core.parse import parse_note

WRITERS = 20


def _run_together(vault: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at once (each its own ``python -m infoview``) and wait for them all."""
    # Unmeasured by coverage: forty measured processes at once cost more time than the lines they
    # run (the same ones the in-process tests cover) are worth.
    env = {**{name: value for name, value in os.environ.items() if not name.startswith("COVERAGE_")}, "NO_COLOR": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "infoview", "--vault", str(vault), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for command in commands
    ]
    finished = []
    for process, command in zip(processes, commands, strict=True):
        out, err = process.communicate(timeout=120)
        finished.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return finished


def _parallel_sets_keep_every_change(vault: Path, rounds: int) -> None:
    note = write_note(vault, "People/Anna Lee.md", "---\ntype: person\ncompany: Acme\n---\n\n# Anna Lee\n")
    for round_number in range(rounds):
        keys = [f"k{round_number}_{n}" for n in range(WRITERS)]
        results = _run_together(vault, [["set", "People/Anna Lee.md", f"{key}=v{n}"] for n, key in enumerate(keys)])
        parsed, problems = parse_note("People/Anna Lee.md", note.read_bytes(), {})
        assert parsed is not None and not problems
        for key, result in zip(keys, results, strict=True):
            assert result.returncode == 0, result.stderr
            assert "updated" in result.stdout
            assert parsed.get(key) is not None, f"{key}: reported updated, but lost ({result.stdout})"
        assert note.read_text(encoding="utf-8").endswith("\n# Anna Lee\n")


def _parallel_case_variants_make_one_note(vault: Path, rounds: int) -> None:
    for round_number in range(rounds):
        name = f"Zed Case{round_number}"
        variants = [name, name.lower(), name.upper(), name.swapcase()]
        results = _run_together(vault, [["person", "add", variants[n % len(variants)]] for n in range(WRITERS)])
        made = [path for path in (vault / "People").iterdir() if name_key(path.stem) == name_key(name)]
        assert len(made) == 1, sorted(path.name for path in made)
        succeeded = [result for result in results if result.returncode == 0]
        assert len(succeeded) == 1, [result.stdout for result in succeeded]
        assert succeeded[0].stdout.strip() == f"created People/{made[0].name}"
        for result in results:
            if result.returncode != 0:
                assert "already exists; nothing was written" in result.stderr


def test_parallel_sets_on_one_note_keep_every_change(vault: Path) -> None:
    _parallel_sets_keep_every_change(vault, rounds=1)


def test_parallel_person_add_of_case_variants_makes_one_note(vault: Path) -> None:
    (vault / "People").mkdir()
    _parallel_case_variants_make_one_note(vault, rounds=1)


@pytest.mark.stress
def test_many_rounds_of_parallel_sets_keep_every_change(vault: Path) -> None:
    _parallel_sets_keep_every_change(vault, rounds=15)


@pytest.mark.stress
def test_many_rounds_of_parallel_person_add_make_one_note_each(vault: Path) -> None:
    (vault / "People").mkdir()
    _parallel_case_variants_make_one_note(vault, rounds=5)
