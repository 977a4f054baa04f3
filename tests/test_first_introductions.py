"""Who really introduced whom: the cases that used to rewrite history, each as a user meets it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]


def cli(run: Run, vault: Path, day: str, *args: str) -> Result:
    return run("--vault", str(vault), *args, "--today", day)


def referrals(run: Run, vault: Path, day: str) -> dict[str, Any]:
    result = cli(run, vault, day, "referrals", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def anna_then_bob(run: Run, vault: Path) -> Path:
    """Anna was found on an alumni page and interviewed on 12-10, and led to Carl; on 12-15 Bob,
    interviewed for his own sake, names her."""
    write_note(vault, "People/Anna Lee.md", "---\ntype: person\nsource: alumni page\n---\n")
    write_note(vault, "People/Bob Chen.md", "---\ntype: person\nsource: meetup\n---\n")
    write_note(
        vault,
        "Interviews/2026-12-10 Anna Lee.md",
        '---\ntype: interview\nperson: "[[Anna Lee]]"\ndate: 2026-12-10\nstatus: done\n'
        'referrals: ["[[Carl Diaz]]"]\n---\n',
    )
    write_note(vault, "People/Carl Diaz.md", '---\ntype: person\nreferred_by: "[[Anna Lee]]"\n---\n')
    write_note(
        vault,
        "Interviews/2026-12-15 Bob Chen.md",
        '---\ntype: interview\nperson: "[[Bob Chen]]"\ndate: 2026-12-15\nstatus: planned\n---\n',
    )
    return vault


def test_a_name_given_after_the_first_call_moves_nobody(run: Run, anna_then_bob: Path) -> None:
    vault = anna_then_bob
    done = cli(run, vault, "2026-12-15", "done", "2026-12-15 Bob Chen", "--referral", "Anna Lee")
    assert done.exit_code == 0, done.output
    assert "already known: Anna Lee, noted as also suggested by Bob Chen" in done.stdout
    assert "reach out to Anna Lee" not in done.stdout
    assert '"[[Anna Lee]]"' in (vault / "Interviews" / "2026-12-15 Bob Chen.md").read_text(encoding="utf-8")
    data = referrals(run, vault, "2026-12-16")
    assert data["roots"] == ["Anna Lee"]  # her own chain stays hers
    assert data["acknowledge"] == []  # nothing to thank Bob for
    bob_to_anna = [edge for edge in data["edges"] if edge["from"] == "Bob Chen"]
    assert bob_to_anna == [
        {
            "from": "Bob Chen",
            "to": "Anna Lee",
            "source": "interview",
            "path": "Interviews/2026-12-15 Bob Chen.md",
            "date": "2026-12-15",
            "first": False,
        }
    ]
    tree = cli(run, vault, "2026-12-16", "referrals").stdout
    assert tree.splitlines()[:2] == [
        "Anna Lee · via alumni page · ✓ interviewed 2026-12-10 · also suggested by Bob Chen",
        "└── Carl Diaz ○ not contacted yet",
    ]
    assert "Doors opened" not in tree  # Bob is credited with no call: Anna was not his introduction
    due = json.loads(cli(run, vault, "2026-12-16", "due", "--format", "json").stdout)
    assert [item for item in due if item["kind"] in ("thank", "contact") and item["name"] != "Carl Diaz"] == []
    prep = cli(run, vault, "2026-12-16", "new", "Anna Lee", "--date", "2027-01-10")
    assert prep.exit_code == 0, prep.output
    assert "Suggested by" not in (vault / "Interviews" / "2027-01-10 Anna Lee.md").read_text(encoding="utf-8")
    reach = cli(run, vault, "2026-12-16", "reach", "Anna Lee")
    assert reach.exit_code == 1 and "infoview reach --followup 'Anna Lee'" in reach.stderr


def test_two_people_naming_each_other_keep_their_tree(run: Run, vault: Path) -> None:
    """Ann names Ben; Ben, met afterwards, names Ann back and Cy."""
    for name in ("Ann", "Ben"):
        write_note(vault, f"People/{name}.md", "---\ntype: person\n---\n")
    write_note(
        vault,
        "Interviews/2026-03-01 Ann.md",
        '---\ntype: interview\nperson: "[[Ann]]"\ndate: 2026-03-01\nstatus: done\nreferrals: ["[[Ben]]"]\n---\n',
    )
    write_note(
        vault,
        "Interviews/2026-03-20 Ben.md",
        '---\ntype: interview\nperson: "[[Ben]]"\ndate: 2026-03-20\nstatus: done\n'
        'referrals: ["[[Ann]]", "[[Cy]]"]\n---\n',
    )
    data = referrals(run, vault, "2026-04-01")
    assert data["roots"] == ["Ann"]
    assert data["cycles"] == []
    assert data["acknowledge"] == [{"referrer": "Ann", "referred": "Ben"}]
    assert data["pending"] == [{"name": "Cy", "referred_by": ["Ben"], "since": "2026-03-20"}]
    assert data["depth"] == 2 and data["longest_chain"] == ["Ann", "Ben", "Cy"]
    tree = cli(run, vault, "2026-04-01", "referrals").stdout.splitlines()
    assert tree[:3] == [
        "Ann ✓ interviewed 2026-03-01 · also suggested by Ben",
        "└── Ben ✓ interviewed 2026-03-20",
        "    └── Cy ○ not contacted yet",
    ]
    check = run("--vault", str(vault), "check")
    assert "cycle" not in check.stdout and check.exit_code == 0


def test_a_real_contradiction_is_still_a_loop_and_still_drawn(run: Run, vault: Path) -> None:
    write_note(vault, "People/Ann.md", '---\ntype: person\nreferred_by: "[[Ben]]"\n---\n')
    write_note(vault, "People/Ben.md", '---\ntype: person\nreferred_by: "[[Ann]]"\n---\n')
    write_note(vault, "People/Cy.md", '---\ntype: person\nreferred_by: "[[Ben]]"\n---\n')
    data = referrals(run, vault, "2026-04-01")
    assert data["cycles"] == [["Ann", "Ben"]] and data["roots"] == []
    tree = cli(run, vault, "2026-04-01", "referrals").stdout
    assert "Cy" in tree and "(loop: back to the top of this chain)" in tree
    assert "referral cycle: Ann -> Ben -> Ann" in run("--vault", str(vault), "check").stdout


def test_a_goal_counts_only_from_its_since(run: Run, vault: Path) -> None:
    (vault / ".infoview" / "config.toml").write_text(
        '[[goals]]\nsince = 2026-12-04\ncount = 1\nper = "week"\n', encoding="utf-8"
    )
    write_note(vault, "People/Anna.md", "---\ntype: person\n---\n")
    write_note(
        vault, "Interviews/a.md", '---\ntype: interview\nperson: "[[Anna]]"\ndate: 2026-07-01\nstatus: done\n---\n'
    )
    args = ("report", "--since", "2026-06-01", "--until", "2026-11-30")
    text = cli(run, vault, "2026-12-05", *args).stdout
    assert "Behind" not in text and "No goal in force this month" in text
    data = json.loads(cli(run, vault, "2026-12-05", *args, "--format", "json").stdout)
    assert data["standing"] == {
        "month_target": 0,
        "expected_by_today": 0,
        "done_this_month": 0,
        "on_track": True,
        "needed_this_month": 0,
    }
    assert data["streak"]["longest"] == 0  # no period before the goal is judged


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("Gaspard Müller", "Gaspard Muller"),
        ("Zoë Ångström", "Zoe Angstrom"),
        ("Søren Kierkegaard", "soren kierkegaard"),
    ],
)
def test_one_person_one_note(run: Run, vault: Path, existing: str, typed: str) -> None:
    write_note(vault, f"People/{existing}.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Anna.md", "---\ntype: person\n---\n")
    write_note(
        vault, "Interviews/a.md", '---\ntype: interview\nperson: "[[Anna]]"\ndate: 2026-07-01\nstatus: planned\n---\n'
    )
    added = cli(run, vault, "2026-07-02", "person", "add", typed)
    assert added.exit_code == 2 and f"did you mean {existing} (People/{existing}.md)?" in added.stderr
    done = cli(run, vault, "2026-07-02", "done", "Anna", "--referral", typed)
    assert done.exit_code == 2 and f"did you mean {existing}" in done.stderr
    assert sorted(path.name for path in (vault / "People").iterdir()) == sorted(["Anna.md", f"{existing}.md"])
    assert "status: planned" in (vault / "Interviews" / "a.md").read_text(encoding="utf-8")  # nothing written
    forced = cli(run, vault, "2026-07-02", "person", "add", typed, "--new")
    assert forced.exit_code == 0, forced.output
    warning = [line for line in run("--vault", str(vault), "check").stdout.splitlines() if "accents" in line]
    assert len(warning) == 1 and "differs only by accents or case from" in warning[0]
    assert f"People/{existing}.md" in warning[0] and f"People/{typed}.md" in warning[0]


def test_ls_names_the_statuses_there_are(run: Run, vault: Path) -> None:
    write_note(vault, "People/Anna.md", "---\ntype: person\nstatus: warm\n---\n")
    result = run("--vault", str(vault), "ls", "--status", "dnoe")
    assert result.exit_code == 2
    assert "--status 'dnoe': no note has it; the statuses are" in result.stderr
    assert "done" in result.stderr and "warm" in result.stderr
    assert run("--vault", str(vault), "ls", "--status", "warm").exit_code == 0


def test_done_suggests_whom_you_may_have_meant(run: Run, vault: Path) -> None:
    write_note(vault, "People/Zoë Ångström.md", "---\ntype: person\n---\n")
    write_note(
        vault,
        "Interviews/2026-07-01 Zoë Ångström.md",
        '---\ntype: interview\nperson: "[[Zoë Ångström]]"\ndate: 2026-07-01\nstatus: planned\n---\n',
    )
    result = run("--vault", str(vault), "done", "zoe angstrom", "--today", "2026-07-01")
    assert result.exit_code == 2 and "did you mean" in result.stderr and "'Zoë Ångström'" in result.stderr
