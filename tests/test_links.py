"""Links resolve as Obsidian resolves them, and the index says when they do not."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_note

from infoview.adapters.cache import load_index
from infoview.core.config import Config
from infoview.core.index import VaultIndex


@pytest.fixture
def people(vault: Path) -> VaultIndex:
    write_note(vault, "People/Anna Lee.md", "---\ntype: person\naliases: [Annie, A. Lee]\n---\n")
    write_note(vault, "People/Zoë Ångström.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Sam Wu.md", "---\ntype: person\n---\n")
    write_note(vault, "Archive/Sam Wu.md", "---\ntype: person\n---\n")
    write_note(vault, "Companies/Acme.md", "---\ntype: company\n---\n")
    write_note(vault, "People/Acme.md", "---\ntype: person\n---\n")
    return load_index(vault, Config())


@pytest.mark.parametrize(
    "target",
    [
        "Anna Lee",
        "anna lee",
        "ANNA LEE",
        "People/Anna Lee",
        "people/anna lee",
        "Annie",
        "a. lee",
    ],
)
def test_resolves_ignoring_case_with_folders_and_aliases(people: VaultIndex, target: str) -> None:
    found = people.resolve(target)
    assert found.note is not None and found.note.path == "People/Anna Lee.md"


def test_unicode_forms_resolve_to_the_same_person(people: VaultIndex) -> None:
    decomposed = "Zoe\u0308 A\u030angstro\u0308m"
    found = people.resolve(decomposed)
    assert found.note is not None and found.note.name == "Zoë Ångström"


def test_two_people_with_one_name_are_ambiguous_until_a_folder_is_given(people: VaultIndex) -> None:
    assert people.resolve("Sam Wu").ambiguous
    found = people.resolve("Archive/Sam Wu")
    assert found.note is not None and found.note.path == "Archive/Sam Wu.md"


def test_a_person_wins_over_a_note_of_another_kind(people: VaultIndex) -> None:
    found = people.resolve("Acme")
    assert found.note is not None and found.note.path == "People/Acme.md"
    assert people.resolve("Acme", prefer=None).ambiguous


def test_unknown_name(people: VaultIndex) -> None:
    assert people.resolve("Nobody").note is None and not people.resolve("Nobody").ambiguous


def test_link_problems_name_file_line_and_fix(vault: Path) -> None:
    write_note(vault, "People/Sam Wu.md", "---\ntype: person\n---\n")
    write_note(vault, "Archive/Sam Wu.md", "---\ntype: person\n---\n")
    write_note(
        vault,
        "Interviews/2024-01-01 X.md",
        '---\ntype: interview\ndate: 2024-01-01\nperson: "[[Jon Smiht]]"\nreferrals:\n  - "[[Sam Wu]]"\n---\n',
    )
    problems = [str(problem) for problem in load_index(vault, Config()).problems]
    assert any('Interviews/2024-01-01 X.md:4: warning: person: "[[Jon Smiht]]" matches no note' in p for p in problems)
    assert any(
        'Interviews/2024-01-01 X.md:6: warning: referrals: "[[Sam Wu]]" matches several notes '
        "(Archive/Sam Wu.md, People/Sam Wu.md)" in p
        for p in problems
    )
    assert any(p.startswith("People/Sam Wu.md:1: warning: has the same name as Archive/Sam Wu.md") for p in problems)


def test_case_and_unicode_duplicates_of_a_person_warn(vault: Path) -> None:
    write_note(vault, "People/Anna Lee.md", "---\ntype: person\n---\n")
    write_note(vault, "People/anna lee.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Zo\u00eb.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Zoe\u0308.md", "---\ntype: person\n---\n")
    problems = [problem for problem in load_index(vault, Config()).problems if "differs only" in problem.message]
    assert len(problems) == 2
