"""Referral drawings that always render: Mermaid's limits, loops in the dashboard, DOT labels."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import vaultgen
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]
ARROW = re.compile(r"^  p\d+ (-->|-\.->) p\d+$", re.MULTILINE)


def person(vault: Path, name: str, referred_by: str | None = None) -> None:
    link = f'referred_by: "[[{referred_by}]]"\n' if referred_by else "source: event\n"
    write_note(vault, f"People/{name}.md", f"---\ntype: person\n{link}---\n")


def many_chains(vault: Path, chains: int) -> None:
    """``chains`` chains from their own roots, of sizes 2 to 8 people, and one of 40."""
    for number in range(chains):
        root = f"Root {number:04d}"
        person(vault, root)
        previous = root
        for depth in range(1 + number % 7):
            name = f"Person {number:04d}-{depth}"
            person(vault, name, previous if depth % 2 else root)
            previous = name
    person(vault, "Big Root")
    for number in range(39):
        person(vault, f"Big {number:02d}", "Big Root" if number < 3 else f"Big {number // 3 - 1:02d}")


def test_a_large_graph_is_cut_to_what_mermaid_draws_and_says_what_is_left_out(run: Run, vault: Path) -> None:
    many_chains(vault, 700)  # about 3,500 people and 2,800 links: far past Mermaid's 500 edges
    result = run("--vault", str(vault), "referrals", "--format", "mermaid")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert len(ARROW.findall(text)) <= 500 and len(text) <= 50_000
    assert len(ARROW.findall(text)) > 400  # the room is used, not wasted
    assert '"Big Root"' in text and '"Big 38"' in text  # the largest chain comes first, whole
    comment = next(line for line in text.splitlines() if line.lstrip().startswith("%%"))
    assert "not drawn:" in comment and "links" in comment
    assert "not drawn:" in result.stderr and "--since" in result.stderr
    dot = run("--vault", str(vault), "referrals", "--format", "dot")
    assert dot.stdout.count(" -> ") > 2_500 and dot.stderr == ""  # DOT has no such limit: everything


def test_long_names_stay_within_mermaids_text_limit(run: Run, vault: Path) -> None:
    for number in range(300):
        root = f"Root {number:03d} " + "with a very long name " * 9
        person(vault, root)
        person(vault, f"Child {number:03d} " + "also named at length " * 9, root)
    text = run("--vault", str(vault), "referrals", "--format", "mermaid").stdout
    assert len(text) <= 50_000 and len(ARROW.findall(text)) > 100
    assert "%% not drawn:" in text


def test_since_and_limit_choose_the_chains(run: Run, vault: Path) -> None:
    person(vault, "Old Root")
    person(vault, "Old Child", "Old Root")
    person(vault, "New Root")
    write_note(
        vault,
        "Interviews/2026-02-01 New Root.md",
        '---\ntype: interview\nperson: "[[New Root]]"\ndate: 2026-02-01\nstatus: done\n'
        'referrals: ["[[New Child]]"]\n---\n',
    )
    recent = run("--vault", str(vault), "referrals", "--format", "mermaid", "--since", "2026-01-01")
    assert '"New Child"' in recent.stdout and "Old" not in recent.stdout
    assert "not drawn: 2 of 4 people" in recent.stderr
    one = run("--vault", str(vault), "referrals", "--format", "dot", "--limit", "1")
    assert one.stdout.count(" -> ") == 1 and "not drawn: 2 of 4 people" in one.stderr
    everything = run("--vault", str(vault), "referrals", "--format", "mermaid")
    assert "%%" not in everything.stdout and "not drawn" not in everything.stderr
    tree = run("--vault", str(vault), "referrals", "--since", "2026-01-01")
    assert tree.exit_code == 2 and "use them with --format mermaid or dot" in tree.stderr


def test_a_loop_is_drawn_in_the_dashboard_and_located(run: Run, vault: Path) -> None:
    person(vault, "Ana", "Cid")
    person(vault, "Ben", "Ana")
    person(vault, "Cid", "Ben")
    person(vault, "Dan", "Cid")  # reached only through the loop
    assert run("--vault", str(vault), "dashboard", "--today", "2026-01-01").exit_code == 0
    text = (vault / "Dashboard.md").read_text(encoding="utf-8")
    chart = text.split("```mermaid")[1].split("```")[0]
    assert all(f'"{name}"' in chart for name in ("Ana", "Ben", "Cid", "Dan"))
    assert "Loop: Ana → Ben → Cid → Ana (it closes in `People/Ana.md`)" in text


def test_dot_labels_keep_an_ampersand_literal(run: Run, vault: Path) -> None:
    person(vault, "Amp &amp; Co; b")
    person(vault, "Ed", "Amp &amp; Co; b")
    dot = run("--vault", str(vault), "referrals", "--format", "dot").stdout
    # Graphviz decodes entities in labels: the name's & is written as &amp; so it is drawn as typed.
    assert '"Amp &amp; Co; b" [label="Amp &amp;amp; Co; b"' in dot
    assert '"Amp &amp; Co; b" -> "Ed";' in dot


@pytest.mark.stress
def test_a_generated_vault_of_ten_thousand_people_draws_within_mermaids_limits(run: Run, tmp_path: Path) -> None:
    """The size the limits were found at: every Mermaid drawing renders, DOT keeps every link."""
    vault = tmp_path / "v"
    vaultgen.write_vault(vault, vaultgen.build(people=10_000, seed=3))
    mermaid = run("--vault", str(vault), "referrals", "--format", "mermaid")
    assert mermaid.exit_code == 0, mermaid.stderr
    assert 400 < len(ARROW.findall(mermaid.stdout)) <= 500 and len(mermaid.stdout) <= 50_000
    assert "not drawn:" in mermaid.stderr
    recent = run("--vault", str(vault), "referrals", "--format", "mermaid", "--since", "2026-06-01")
    assert recent.exit_code == 0 and len(ARROW.findall(recent.stdout)) <= 500 and len(recent.stdout) <= 50_000
    dot = run("--vault", str(vault), "referrals", "--format", "dot")
    links = json.loads(run("--vault", str(vault), "referrals", "--format", "json").stdout)["edges"]
    assert dot.stdout.count(" -> ") >= len({(edge["from"], edge["to"]) for edge in links}) > 2_000
