"""``due`` reminds you to prepare a call only while its prep sheet holds nothing of your own, and
never nags when it cannot tell (a template that does not render)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]
TODAY = "2026-12-05"
SHEET = "Interviews/2026-12-08 Anna Lee.md"


@pytest.fixture
def planned(run: Run, vault: Path) -> Path:
    assert run("--vault", str(vault), "person", "add", "Anna Lee").exit_code == 0
    assert run("--vault", str(vault), "new", "Anna Lee", "--date", "2026-12-08").exit_code == 0
    return vault


def _preps(run: Run, vault: Path) -> list[str]:
    result = run("--vault", str(vault), "due", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    return [item["path"] for item in json.loads(result.stdout) if item["kind"] == "prep"]


def test_an_untouched_sheet_is_due_and_one_question_of_your_own_is_enough(run: Run, planned: Path) -> None:
    assert _preps(run, planned) == [SHEET]
    with (planned / SHEET).open("a", encoding="utf-8") as sheet:
        sheet.write("\n- How did the move from QA to process development happen?\n")
    assert _preps(run, planned) == []


def test_a_template_that_no_longer_renders_never_nags(run: Run, planned: Path) -> None:
    write_note(planned, ".infoview/templates/interview.md", "---\ntype: interview\n---\n{{ 1 // 0 }}\n")
    assert _preps(run, planned) == []


def test_a_template_that_cannot_be_read_never_nags(run: Run, planned: Path) -> None:
    write_note(planned, ".infoview/templates/interview.md", b"---\ntype: interview\n---\n\xff\n")
    assert _preps(run, planned) == []


def test_a_call_with_someone_without_a_note_is_due_until_it_holds_anything(run: Run, vault: Path) -> None:
    call = "Interviews/2026-12-09 Nobody Here.md"
    front = '---\ntype: interview\nperson: "[[Nobody Here]]"\ndate: 2026-12-09\nstatus: planned\n---\n'
    write_note(vault, call, front)
    assert _preps(run, vault) == [call]
    write_note(vault, call, front + "## Questions\n")
    assert _preps(run, vault) == []


def test_an_untouched_sheet_stays_due_when_the_vault_changes_after_it_was_written(run: Run, planned: Path) -> None:
    """What the template wrote then still counts as the template's once other notes change what it would write now."""
    vault = planned
    set_company = ("--vault", str(vault), "set", "People/Anna Lee.md", "company=Acme")
    assert run(*set_company).exit_code == 0
    assert run("--vault", str(vault), "person", "add", "Ben Ode").exit_code == 0
    assert run("--vault", str(vault), "set", "People/Ben Ode.md", "company=Acme").exit_code == 0
    for day, who in (("2026-11-20", "Anna Lee"), ("2026-11-25", "Ben Ode")):
        assert run("--vault", str(vault), "new", who, "--date", day).exit_code == 0
        note = vault / f"Interviews/{day} {who}.md"
        note.write_text(note.read_text(encoding="utf-8") + "- a question\n", encoding="utf-8")
        assert run("--vault", str(vault), "done", f"{day} {who}", "--today", day).exit_code == 0
    sheet = vault / "Interviews/2026-12-10 Anna Lee.md"
    assert run("--vault", str(vault), "new", "Anna Lee", "--date", "2026-12-10").exit_code == 0
    written = sheet.read_text(encoding="utf-8")
    assert "- Earlier: [[2026-11-20 Anna Lee]]" in written
    assert run("--vault", str(vault), "set", "Interviews/2026-11-20 Anna Lee.md", "status=cancelled").exit_code == 0
    assert "Interviews/2026-12-10 Anna Lee.md" in _preps(run, vault)
