"""After a call: ``done`` refuses what cannot be right, and ``reach --thanks`` / ``--followup``
record what was sent on the right note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]
TODAY = "2026-12-05"


def _snapshot(vault: Path) -> dict[str, bytes]:
    return {path.relative_to(vault).as_posix(): path.read_bytes() for path in vault.rglob("*.md")}


@pytest.fixture
def called(run: Run, vault: Path) -> Path:
    """Anna Lee, talked with on 2026-12-03, who suggested Carl Diaz."""
    infoview = ("--vault", str(vault))
    assert run(*infoview, "person", "add", "Anna Lee").exit_code == 0
    assert run(*infoview, "new", "Anna Lee", "--date", "2026-12-03").exit_code == 0
    done = run(*infoview, "done", "2026-12-03 Anna Lee", "--referral", "Carl Diaz", "--today", TODAY)
    assert done.exit_code == 0 and "created People/Carl Diaz.md" in done.stdout
    return vault


def test_the_person_you_talked_with_is_no_referral_of_their_own(run: Run, vault: Path) -> None:
    assert run("--vault", str(vault), "person", "add", "Anna Lee").exit_code == 0
    assert run("--vault", str(vault), "new", "Anna Lee", "--date", "2026-12-03").exit_code == 0
    before = _snapshot(vault)
    result = run("--vault", str(vault), "done", "2026-12-03 Anna Lee", "--referral", "anna lee", "--today", TODAY)
    assert result.exit_code == 2
    assert "--referral 'anna lee': that is the person you just talked to" in result.stderr
    assert _snapshot(vault) == before


def test_done_on_an_outreach_note_is_refused(run: Run, called: Path) -> None:
    assert run("--vault", str(called), "reach", "Carl Diaz", "--today", TODAY).exit_code == 0
    before = _snapshot(called)
    result = run("--vault", str(called), "done", f"{TODAY} Carl Diaz")
    assert result.exit_code == 2
    assert f"Outreach/{TODAY} Carl Diaz.md is not an interview note" in result.stderr
    assert _snapshot(called) == before


def test_thanks_sent_is_recorded_on_the_referred_person(run: Run, called: Path) -> None:
    result = run("--vault", str(called), "reach", "--thanks", "Carl Diaz", "--sent", "--today", TODAY)
    assert result.exit_code == 0
    assert "Thank you for suggesting I talk with Carl Diaz." in result.stdout
    assert f"recorded: referrer_thanked {TODAY} in People/Carl Diaz.md" in result.stderr
    assert f"referrer_thanked: {TODAY}\n" in (called / "People/Carl Diaz.md").read_text(encoding="utf-8")


def test_thanks_for_someone_nobody_suggested_is_refused(run: Run, called: Path) -> None:
    result = run("--vault", str(called), "reach", "--thanks", "Anna Lee")
    assert result.exit_code == 1
    assert "nobody is recorded as having suggested Anna Lee" in result.stderr


def test_followup_sent_is_recorded_on_the_latest_call(run: Run, called: Path) -> None:
    result = run("--vault", str(called), "reach", "--followup", "Anna Lee", "--sent", "--today", TODAY)
    assert result.exit_code == 0
    assert "since our call on 2026-12-03" in result.stdout
    assert f"recorded: followup_sent {TODAY} in Interviews/2026-12-03 Anna Lee.md" in result.stderr
    note = (called / "Interviews/2026-12-03 Anna Lee.md").read_text(encoding="utf-8")
    assert f"followup_sent: {TODAY}\n" in note


def test_followup_before_any_call_is_refused_and_says_how_to_write_first(run: Run, called: Path) -> None:
    before = _snapshot(called)
    result = run("--vault", str(called), "reach", "--followup", "Carl Diaz", "--sent", "--today", TODAY)
    assert result.exit_code == 1
    assert "no call with Carl Diaz is marked done yet" in result.stderr
    assert "infoview reach 'Carl Diaz'" in result.stderr
    assert _snapshot(called) == before
