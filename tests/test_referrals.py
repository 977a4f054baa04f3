"""infoview referrals: chains from both sources, pending names, thanks, cycles, and the drawings."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result
from helpers import Generated, examples, write_note
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import build_referrals, descendants, longest_chain
from infoview.core.index import VaultIndex
from infoview.core.parse import parse_note

Run = Callable[..., Result]


def chain_vault(vault: Path) -> Path:
    write_note(vault, "People/Root.md", "---\ntype: person\nsource: conference\naliases: [R]\n---\n")
    write_note(vault, "People/Anna Lee.md", '---\ntype: person\nreferred_by: "[[R]]"\n---\n')
    write_note(vault, "Work/People/Bob.md", '---\ntype: person\nreferred_by: "[[people/anna lee|Anna]]"\n---\n')
    write_note(vault, "People/Cy.md", '---\ntype: person\nreferred_by: "[[Bob#Notes]]"\n---\n')
    write_note(
        vault,
        "Interviews/2024-01-10 Anna Lee.md",
        '---\ntype: interview\nperson: "[[Anna Lee]]"\ndate: 2024-01-10\nstatus: done\n'
        'referrals:\n  - "[[Bob]]"\n  - "[[Dee]]"\n---\n',
    )
    write_note(
        vault,
        "Interviews/2024-02-01 Bob.md",
        '---\ntype: interview\nperson: "[[Bob]]"\ndate: 2024-02-01\nstatus: done\n---\n',
    )
    write_note(
        vault,
        "Interviews/2024-03-01 Root.md",
        '---\ntype: interview\nperson: "[[Root]]"\ndate: 2024-03-01\nstatus: done\n---\n',
    )
    return vault


def referrals_json(run: Run, vault: Path) -> dict[str, Any]:
    result = run("--vault", str(vault), "referrals", "--format", "json", "--today", "2024-06-01")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_edges_from_both_sources_with_every_link_form(run: Run, vault: Path) -> None:
    data = referrals_json(run, chain_vault(vault))
    interview = "Interviews/2024-01-10 Anna Lee.md"
    assert data["edges"] == [
        # Bob's own referred_by places him; the call that named him dates it.
        {
            "from": "Anna Lee",
            "to": "Bob",
            "source": "interview",
            "path": interview,
            "date": "2024-01-10",
            "first": False,
        },
        {
            "from": "Anna Lee",
            "to": "Bob",
            "source": "referred_by",
            "path": "Work/People/Bob.md",
            "date": "2024-01-10",
            "first": True,
        },
        {
            "from": "Anna Lee",
            "to": "Dee",
            "source": "interview",
            "path": interview,
            "date": "2024-01-10",
            "first": True,
        },
        {"from": "Bob", "to": "Cy", "source": "referred_by", "path": "People/Cy.md", "date": None, "first": True},
        {
            "from": "Root",
            "to": "Anna Lee",
            "source": "referred_by",
            "path": "People/Anna Lee.md",
            "date": None,
            "first": True,
        },
    ]
    assert data["roots"] == ["Root"]
    assert data["pending"] == [
        {"name": "Dee", "referred_by": ["Anna Lee"], "since": "2024-01-10"},
        {"name": "Cy", "referred_by": ["Bob"], "since": None},
    ]
    assert data["acknowledge"] == [
        {"referrer": "Anna Lee", "referred": "Bob"},
        {"referrer": "Root", "referred": "Anna Lee"},
    ]
    assert data["cycles"] == []
    assert data["depth"] == 3 and data["longest_chain"] == ["Root", "Anna Lee", "Bob", "Cy"]


def test_thanks_and_contact_clear_the_lists(run: Run, vault: Path) -> None:
    chain_vault(vault)
    write_note(
        vault,
        "Work/People/Bob.md",
        '---\ntype: person\nreferred_by: "[[Anna Lee]]"\nreferrer_thanked: 2024-02-02\n---\n',
    )
    write_note(vault, "Outreach/2024-05-01 Cy.md", '---\ntype: outreach\nperson: "[[Cy]]"\ndate: 2024-05-01\n---\n')
    data = referrals_json(run, vault)
    assert data["acknowledge"] == [{"referrer": "Root", "referred": "Anna Lee"}]
    assert [row["name"] for row in data["pending"]] == ["Dee"]


def test_tree_and_summary(run: Run, vault: Path) -> None:
    result = run("--vault", str(chain_vault(vault)), "referrals", "--today", "2024-06-01")
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Root · via conference · ✓ interviewed 2024-03-01",
        "└── Anna Lee ✓ interviewed 2024-01-10",
        "    ├── Bob ✓ interviewed 2024-02-01",
        "    │   └── Cy ○ not contacted yet",
        "    └── Dee ○ not contacted yet",
    ]
    assert "Longest chain: 3 links: Root → Anna Lee → Bob → Cy" in result.stdout
    assert "  Dee, suggested by Anna Lee since 2024-01-10" in result.stdout


def test_one_person(run: Run, vault: Path) -> None:
    result = run("--vault", str(chain_vault(vault)), "referrals", "bob", "--today", "2024-06-01")
    assert result.stdout.splitlines()[0] == "How you got here: Root → Anna Lee → Bob"
    assert "└── Cy ○ not contacted yet" in result.stdout
    missing = run("--vault", str(vault), "referrals", "Nobody")
    assert missing.exit_code == 2 and "no person named 'Nobody'" in missing.stderr


def test_one_person_in_every_format(run: Run, vault: Path) -> None:
    chain_vault(vault)
    data = json.loads(run("--vault", str(vault), "referrals", "Bob", "--format", "json").stdout)
    assert {(edge["from"], edge["to"]) for edge in data["edges"]} == {
        ("Root", "Anna Lee"),
        ("Anna Lee", "Bob"),
        ("Bob", "Cy"),
    }
    assert data["roots"] == ["Root"] and [row["name"] for row in data["pending"]] == ["Cy"]
    mermaid = run("--vault", str(vault), "referrals", "Bob", "--format", "mermaid").stdout
    assert "Dee" not in mermaid and "Cy" in mermaid
    for output_format in ("json", "mermaid", "dot", "tree"):
        missing = run("--vault", str(vault), "referrals", "Nobody", "--format", output_format)
        assert missing.exit_code == 2 and "no person named 'Nobody'" in missing.stderr


def test_cycles_and_self_referrals_are_named_and_terminate(run: Run, vault: Path) -> None:
    write_note(vault, "People/A.md", '---\ntype: person\nreferred_by: "[[C]]"\n---\n')
    write_note(vault, "People/B.md", '---\ntype: person\nreferred_by: "[[A]]"\n---\n')
    write_note(vault, "People/C.md", '---\ntype: person\nreferred_by: "[[B]]"\n---\n')
    write_note(vault, "People/Me.md", '---\ntype: person\nreferred_by: "[[Me]]"\n---\n')
    data = referrals_json(run, vault)
    assert data["cycles"] == [["A", "B", "C"]]
    check = run("--vault", str(vault), "check")
    assert "referral cycle: A -> B -> C -> A" in check.stdout
    assert "Me is named as their own referral" in check.stdout


def test_mermaid_and_dot_escape_names(run: Run, vault: Path) -> None:
    write_note(vault, "People/Ann [Quote].md", '---\ntype: person\nreferred_by: "[[Bo \\"Q\\" <x>]]"\n---\n')
    write_note(vault, 'People/Bo "Q" <x>.md'.replace('"', "'"), "---\ntype: person\n---\n")
    result = run("--vault", str(vault), "referrals", "--format", "mermaid")
    assert result.stdout.startswith("flowchart LR\n")
    assert '["Ann #91;Quote#93;"]' in result.stdout and "#34;" in result.stdout and "#60;x#62;" in result.stdout
    dot = run("--vault", str(vault), "referrals", "--format", "dot").stdout
    assert dot.startswith("digraph referrals {") and '"Bo \\"Q\\" <x>" -> "Ann [Quote]";' in dot


def test_same_vault_same_bytes_whatever_the_file_order(run: Run, vault: Path, tmp_path: Path) -> None:
    chain_vault(vault)
    other = tmp_path / "copy"
    # A copy made in reverse order, with shuffled modification times, as another machine's checkout.
    for number, path in enumerate(sorted(vault.rglob("*"), reverse=True)):
        target = other / path.relative_to(vault)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif ".infoview" not in path.parts or path.name == "config.toml":
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            os.utime(target, (1_000_000 + number * 7919 % 1000, 1_000_000 + number * 7919 % 1000))
    for output_format in ("tree", "json", "mermaid", "dot"):
        first = run("--vault", str(vault), "referrals", "--format", output_format, "--today", "2024-06-01").stdout
        second = run("--vault", str(other), "referrals", "--format", output_format, "--today", "2024-06-01").stdout
        assert first == second


NAMES = [f"P{number}" for number in range(12)]


def reachable(children: dict[str, list[str]], start: str) -> set[str]:
    """Everyone one or more referral steps from ``start`` (``start`` too when a loop leads back)."""
    found: set[str] = set()
    frontier = list(children.get(start, []))
    while frontier:
        name = frontier.pop()
        if name not in found:
            found.add(name)
            frontier.extend(children.get(name, []))
    return found


@given(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES)), max_size=30))
@settings(max_examples=examples(200), deadline=None)
def test_walks_terminate_on_any_graph(pairs: list[tuple[str, str]]) -> None:
    notes = []
    sources: dict[str, list[str]] = {}
    for source, target in pairs:
        sources.setdefault(target, []).append(source)
    for name in NAMES:
        links = "".join(f'\n  - "[[{source}]]"' for source in sources.get(name, []))
        text = f"---\ntype: person\nreferred_by:{links or ' '}\n---\n"
        note, _ = parse_note(f"People/{name}.md", text.encode(), {"people": "person"})
        assert note is not None
        notes.append(note)
    practice = Practice(VaultIndex(notes, []))
    graph = build_referrals(practice)
    chain = longest_chain(graph)
    assert len(chain) <= len(NAMES)
    assert len(set(chain)) == len(chain)
    reach = {name: reachable(graph.children, name) for name in graph.children}
    for name in graph.children:
        assert descendants(graph, name) == reach[name] - {name}
        if name in reach[name]:  # on a loop: a cycle is reported among the people of that loop
            loop = {other for other in reach[name] if name in reach.get(other, set())}
            assert any(set(cycle) <= loop for cycle in graph.cycles)
    for cycle in graph.cycles:
        for position, name in enumerate(cycle):
            assert cycle[(position + 1) % len(cycle)] in graph.children[name]


def test_matches_the_generated_truth(run: Run, generated: Generated) -> None:
    root, truth = generated
    data = json.loads(run("--vault", str(root), "referrals", "--format", "json", "--today", truth["today"]).stdout)
    assert sorted({(edge["from"], edge["to"]) for edge in data["edges"]}) == sorted(map(tuple, truth["edges"]))
    assert sorted((edge["from"], edge["to"], edge["source"], edge["path"]) for edge in data["edges"]) == sorted(
        (edge["from"], edge["to"], edge["source"], edge["path"]) for edge in truth["edge_sources"]
    )
    assert data["roots"] == sorted(truth["roots"], key=lambda name: (name.casefold(), name))
    assert sorted(data["pending"], key=lambda row: row["name"]) == truth["pending"]
    thanks = sorted((row["referrer"], row["referred"]) for row in data["acknowledge"])
    assert thanks == sorted((row["referrer"], row["referred"]) for row in truth["acknowledge"])
    assert data["cycles"] == truth["cycles"] == []
    assert min(len(truth["edges"]), len(truth["pending"]), len(truth["acknowledge"])) > 0  # nothing vacuous
