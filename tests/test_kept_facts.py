"""Facts derived from all the notes (whom each call is with, the referral graph) are kept in the
cache while no note changes: a warm run gives exactly the answers of a cold one, a changed note
is never answered from an old graph, and kept data of another shape is derived again."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import vaultgen
from click.testing import Result
from helpers import write_note

from infoview.adapters.cache import CACHE_DIR, load_index
from infoview.adapters.config_file import load_config
from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import build_referrals
from infoview.core.index import VaultIndex

Run = Callable[..., Result]
TODAY = "2026-11-01"
ANSWERS = (
    ("referrals", "--format", "json"),
    ("due", "--today", TODAY, "--format", "json"),
    ("check", "--format", "json"),
    ("report", "--today", TODAY, "--format", "json"),
)


def _answers(run: Run, vault: Path) -> list[str]:
    return [run("--vault", str(vault), *command).stdout for command in ANSWERS]


@pytest.fixture
def messy_vault(tmp_path: Path) -> Path:
    """Two hundred people with mistakes in one note in ten: loops, self-referrals, late names, bad links."""
    root = tmp_path / "vault"
    vaultgen.write_vault(root, vaultgen.build(people=200, seed=11, today=vaultgen.DEFAULT_TODAY, messy=0.1))
    return root


def test_a_warm_run_answers_as_a_cold_one(run: Run, messy_vault: Path) -> None:
    cold = _answers(run, messy_vault)  # the first run derives everything and keeps it
    index = load_index(messy_vault, load_config(messy_vault))
    assert {"person_of", "referrals"} <= set(index.kept), "the cache kept the derived facts"
    assert _answers(run, messy_vault) == cold
    shutil.rmtree(messy_vault / CACHE_DIR)
    assert _answers(run, messy_vault) == cold


def test_the_graph_kept_is_the_graph_built(messy_vault: Path) -> None:
    config = load_config(messy_vault)
    load_index(messy_vault, config)
    warm = load_index(messy_vault, config)
    fresh = VaultIndex(warm.notes, warm.file_problems)  # the same notes, nothing kept
    assert "referrals" in warm.kept
    assert build_referrals(Practice(warm)) == build_referrals(Practice(fresh))
    assert Practice(warm).interviews == Practice(fresh).interviews


def test_a_note_changed_after_the_graph_was_kept_is_seen(run: Run, vault: Path) -> None:
    write_note(vault, "People/Ana Ruiz.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Ben Ode.md", "---\ntype: person\n---\n")
    write_note(
        vault,
        "Interviews/2026-10-01 Ana Ruiz.md",
        '---\ntype: interview\nperson: "[[Ana Ruiz]]"\ndate: 2026-10-01\nstatus: done\n---\n',
    )
    assert run("--vault", str(vault), "referrals", "--format", "json").stdout.count('"to"') == 0
    write_note(
        vault,
        "Interviews/2026-10-01 Ana Ruiz.md",
        '---\ntype: interview\nperson: "[[Ana Ruiz]]"\ndate: 2026-10-01\nstatus: done\n'
        'referrals: ["[[Ben Ode]]"]\n---\n',
    )
    tree = run("--vault", str(vault), "referrals", "--today", TODAY).stdout
    assert "Ana Ruiz" in tree and "└── Ben Ode" in tree
    write_note(vault, "People/Ben Ode.md", '---\ntype: person\nreferred_by: "[[Ben Ode]]"\n---\n')
    problems = run("--vault", str(vault), "check").stdout
    assert "People/Ben Ode.md:3" in problems and "their own referral" in problems


@pytest.mark.parametrize(
    "kept",
    [
        {"referrals": "a graph written by someone else", "person_of": ["not", "a", "table"]},
        {"referrals": ([("a", "b")], {}, {}, [], [], [], [], {}, {}, []), "person_of": {"x.md": 3}},
        {"referrals": ([], {1: "b"}, {}, [], [], [], [], {}, {}, []), "person_of": 42},
        {"referrals": ([], {}, {}, [], [], [("n", [], -5)], [], {}, {}, []), "person_of": None},
    ],
)
def test_kept_facts_of_another_shape_are_derived_again(messy_vault: Path, kept: dict[str, object]) -> None:
    index = load_index(messy_vault, load_config(messy_vault))
    odd = VaultIndex(index.notes, index.file_problems, kept=kept)
    fresh = VaultIndex(index.notes, index.file_problems)
    assert build_referrals(Practice(odd)) == build_referrals(Practice(fresh))
    assert [call.person for call in Practice(odd).interviews] == [call.person for call in Practice(fresh).interviews]
