"""Naming the note a command changes: ``set`` and ``done`` say which name was wrong and how to
name the note instead, and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]


def _snapshot(vault: Path) -> dict[str, bytes]:
    return {path.relative_to(vault).as_posix(): path.read_bytes() for path in vault.rglob("*.md")}


@pytest.fixture
def anna(run: Run, vault: Path) -> Path:
    assert run("--vault", str(vault), "person", "add", "Anna Lee").exit_code == 0
    return vault


def test_done_with_a_person_who_has_no_planned_call_asks_for_the_interview_note(run: Run, anna: Path) -> None:
    before = _snapshot(anna)
    result = run("--vault", str(anna), "done", "Anna Lee")
    assert result.exit_code == 2
    assert "Error: Anna Lee has no planned call; name the interview note" in result.stderr
    assert _snapshot(anna) == before


def test_done_with_a_person_who_has_two_planned_calls_names_both(run: Run, anna: Path) -> None:
    for day in ("2026-12-03", "2026-12-10"):
        assert run("--vault", str(anna), "new", "Anna Lee", "--date", day).exit_code == 0
    before = _snapshot(anna)
    result = run("--vault", str(anna), "done", "Anna Lee")
    assert result.exit_code == 2
    assert 'Anna Lee has 2 planned calls: "2026-12-03 Anna Lee", "2026-12-10 Anna Lee"; name one' in result.stderr
    assert _snapshot(anna) == before


def test_an_unknown_note_is_named_with_how_to_name_one(run: Run, anna: Path) -> None:
    result = run("--vault", str(anna), "set", "Nobody", "status=warm")
    assert result.exit_code == 2
    assert "no note named 'Nobody' (use the note's name as in a link, or its path in the vault)" in result.stderr


def test_a_name_two_notes_share_asks_for_the_path_and_the_path_works(run: Run, anna: Path) -> None:
    write_note(anna, "Archive/Anna Lee.md", "---\ntype: person\n---\n")
    before = _snapshot(anna)
    result = run("--vault", str(anna), "set", "Anna Lee", "status=warm")
    assert result.exit_code == 2
    assert "'Anna Lee' matches several notes (Archive/Anna Lee.md, People/Anna Lee.md); give the path" in result.stderr
    assert _snapshot(anna) == before
    assert run("--vault", str(anna), "set", "People/Anna Lee.md", "status=warm").exit_code == 0
    assert b"status: warm" in (anna / "People/Anna Lee.md").read_bytes()
    assert _snapshot(anna)["Archive/Anna Lee.md"] == before["Archive/Anna Lee.md"]


def test_a_person_two_notes_share_is_not_guessed_for_a_message_or_a_call(run: Run, anna: Path) -> None:
    write_note(anna, "Archive/Anna Lee.md", "---\ntype: person\n---\n")
    before = _snapshot(anna)
    for command in (["reach", "Anna Lee"], ["new", "Anna Lee", "--date", "2026-12-10"]):
        result = run("--vault", str(anna), *command)
        assert result.exit_code == 2
        assert "'Anna Lee' matches several notes (Archive/Anna Lee.md, People/Anna Lee.md); give the path instead" in (
            result.stderr
        )
    assert _snapshot(anna) == before


def test_a_people_folder_that_links_out_of_the_vault_gets_no_note(run: Run, vault: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (vault / "People").symlink_to(outside)
    result = run("--vault", str(vault), "person", "add", "Anna Lee")
    assert result.exit_code == 1
    assert "People/Anna Lee.md: its folder is a link that leads outside the vault; nothing was written" in result.stderr
    assert list(outside.iterdir()) == []
