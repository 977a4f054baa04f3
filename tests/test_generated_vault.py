"""On generated vaults, infoview finds what the generator knows is there; the generator itself is reproducible."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import vaultgen
from click.testing import Result
from helpers import Generated

Run = Callable[..., Result]


def test_counts_match_the_truth(generated: Generated, run: Run) -> None:
    root, truth = generated
    notes = json.loads(run("--vault", str(root), "ls", "--format", "json").stdout)
    counts = {kind: sum(1 for note in notes if note["type"] == kind) for kind in ("person", "interview", "outreach")}
    assert counts == truth["counts"]
    statuses: dict[str, int] = {}
    for note in notes:
        if note["type"] == "interview":
            status = note["properties"].get("status", "planned")
            statuses[status] = statuses.get(status, 0) + 1
    assert statuses == truth["interview_status"]
    assert statuses["done"] == truth["done_total"]
    assert not any(note["path"].startswith((".trash/", ".obsidian/")) for note in notes)
    assert any(note["path"] == "Home.md" and note["type"] is None for note in notes)  # no front matter, still listed


def test_every_mistake_is_reported_at_its_line_and_no_clean_note_is_blamed(generated: Generated, run: Run) -> None:
    root, truth = generated
    result = run("--vault", str(root), "check", "--format", "json")
    problems = json.loads(result.stdout)
    reported = {(problem["path"], problem["line"]) for problem in problems}
    expected = {(row["path"], row["line"]) for row in truth["messy"]}
    assert len({row["kind"] for row in truth["messy"]}) == len(vaultgen.MISTAKE_WEIGHTS)  # every kind is there
    assert expected - reported == set()
    assert {problem["path"] for problem in problems} <= {row["path"] for row in truth["messy"]}
    assert result.exit_code == 1


def test_referrals_are_named_before_first_contact_and_never_both_ways() -> None:
    """What keeps the expected referral answers unambiguous, whatever rule places a person in the tree."""
    for seed in (1, 2, 3):
        story = vaultgen.build(people=300, seed=seed)
        named: dict[int, list[date]] = {}
        pairs = set()
        for call in story.calls:
            for number in call.referrals:
                named.setdefault(number, []).append(call.day)
                pairs.add((call.person, number))
        pairs |= {(referrer, person.number) for person in story.people for referrer in person.referrers}
        assert len(pairs) > 50 and not any((target, source) in pairs for source, target in pairs)
        for number, days in named.items():
            person = story.people[number]
            contacts = [story.calls[c].day for c in person.calls]
            contacts += [sent for m in person.messages if (sent := story.messages[m].sent) is not None]
            assert all(contact > max(days) for contact in contacts)


def test_a_clean_generated_vault_checks_clean(tmp_path: Path, run: Run) -> None:
    story = vaultgen.build(people=60, seed=11)
    vaultgen.write_vault(tmp_path / "clean", story)
    result = run("--vault", str(tmp_path / "clean"), "check")
    assert (result.exit_code, result.stdout) == (0, "")
    assert vaultgen.expected_answers(story)["messy"] == []


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and every file's and folder's modification time, by relative path."""
    found: dict[str, tuple[bytes, int]] = {".": (b"", root.stat().st_mtime_ns)}
    for path in sorted(root.rglob("*")):
        content = path.read_bytes() if path.is_file() else b""
        found[path.relative_to(root).as_posix()] = (content, path.stat().st_mtime_ns)
    return found


def test_the_same_seed_gives_the_same_vault_to_the_byte_and_the_second(tmp_path: Path) -> None:
    vaultgen.write_vault(tmp_path / "first", vaultgen.build(people=50, seed=3, messy=0.1))
    # Another process with another string hashing: nothing may depend on the order of a set.
    command = [sys.executable, vaultgen.__file__, "--people", "50", "--seed", "3", "--messy", "0.1"]
    subprocess.run(
        [*command, "--out", str(tmp_path / "second")],
        check=True,
        capture_output=True,
        env=os.environ | {"PYTHONHASHSEED": "12345"},
    )
    first, second = snapshot(tmp_path / "first"), snapshot(tmp_path / "second")
    assert first == second
    assert len({mtime for _content, mtime in first.values()}) > 50  # times follow the story, not the clock
    vaultgen.write_vault(tmp_path / "other", vaultgen.build(people=50, seed=4, messy=0.1))
    assert snapshot(tmp_path / "other") != first


def test_mistakes_touch_only_the_notes_the_truth_lists(tmp_path: Path) -> None:
    vaultgen.write_vault(tmp_path / "clean", vaultgen.build(people=50, seed=3))
    messy = vaultgen.build(people=50, seed=3, messy=0.1)
    vaultgen.write_vault(tmp_path / "messy", messy)
    clean_files, messy_files = snapshot(tmp_path / "clean"), snapshot(tmp_path / "messy")
    changed = {rel for rel in clean_files if clean_files[rel][0] != messy_files[rel][0]}
    assert changed == {row["path"] for row in vaultgen.expected_answers(messy)["messy"]}
    assert len(changed) == round(0.1 * (50 + len(messy.calls) + len(messy.messages)))


def test_the_command_line_writes_a_vault_and_its_truth(tmp_path: Path) -> None:
    out, truth = tmp_path / "vault", tmp_path / "truth.json"
    assert vaultgen.main(["--people", "30", "--out", str(out), "--truth", str(truth), "--no-config"]) == 0
    answers = json.loads(truth.read_text(encoding="utf-8"))
    assert answers["counts"]["person"] == 30 == len(os.listdir(out / "People"))
    assert not (out / ".infoview").exists()
