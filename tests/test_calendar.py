"""export ics keeps a calendar right across re-imports: one UID through a reschedule, cancelled
calls cancelled, newer versions numbered higher, times in the user's zone, old follow-ups left out."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]
TODAY = "2026-12-05"
LAST_MONTH = datetime(2026, 11, 1, 12, 0, tzinfo=UTC).timestamp()


def career(tmp_path: Path, config: str = '[me]\nname = "Julie"\ntimezone = "Europe/Zurich"\n') -> Path:
    vault = tmp_path / "career"
    write_note(vault, ".infoview/config.toml", config)
    write_note(vault, "People/Anna Lee.md", "---\ntype: person\ncompany: Initech\n---\n")
    write_note(vault, "People/Bob Chen.md", "---\ntype: person\n---\n")
    write_note(
        vault,
        "Interviews/2026-12-10 Anna Lee.md",
        '---\ntype: interview\nperson: "[[Anna Lee]]"\ndate: 2026-12-10T15:00\n---\n# Prep\n',
    )
    write_note(
        vault,
        "Interviews/2026-12-11 Bob Chen.md",
        '---\ntype: interview\nperson: "[[Bob Chen]]"\ndate: 2026-12-11\n---\n',
    )
    for path in vault.rglob("*.md"):
        os.utime(path, (LAST_MONTH, LAST_MONTH))  # as if written a month ago
    return vault


def events(run: Run, vault: Path) -> dict[str, Any]:
    """The exported events by person (the summary's name; "followup NAME" for a follow-up note),
    read back with icalendar."""
    result = run("--vault", str(vault), "export", "ics", "--today", TODAY)
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(result.stdout_bytes)
    found: dict[str, Any] = {}
    for event in calendar.walk("VEVENT"):
        summary = str(event["SUMMARY"])
        followup = summary.startswith("Out-of-the-blue note to ")
        name = summary.removeprefix("Out-of-the-blue note to ").rsplit(": ", 1)[-1].split(" (")[0]
        name = f"followup {name}" if followup else name
        assert name not in found, f"two events for {name}"
        found[name] = event
    return found


def test_a_rescheduled_call_moves_its_event(run: Run, tmp_path: Path) -> None:
    vault = career(tmp_path)
    before = events(run, vault)["Anna Lee"]
    moved = run("--vault", str(vault), "done", "Anna Lee", "--status", "rescheduled", "--date", "2026-12-17T10:00")
    assert moved.exit_code == 0, moved.output
    new_note = (vault / "Interviews" / "2026-12-17 Anna Lee.md").read_text(encoding="utf-8")
    assert 'rescheduled_from: "[[2026-12-10 Anna Lee]]"' in new_note
    after = events(run, vault)
    anna = after["Anna Lee"]  # one event, not the old one beside a new one
    assert str(anna["UID"]) == str(before["UID"])
    assert anna.decoded("DTSTART") == datetime(2026, 12, 17, 9, 0, tzinfo=UTC)  # 10:00 in Zurich
    assert str(anna["STATUS"]) == "CONFIRMED"
    assert int(anna["SEQUENCE"]) > int(before["SEQUENCE"])
    assert anna.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert str(after["Bob Chen"]["SEQUENCE"]) == str(events(run, vault)["Bob Chen"]["SEQUENCE"])

    again = run("--vault", str(vault), "done", "2026-12-17 Anna Lee", "--status", "rescheduled", "--date", "2026-12-22")
    assert again.exit_code == 0, again.output
    twice = events(run, vault)["Anna Lee"]
    assert str(twice["UID"]) == str(before["UID"]) and twice.decoded("DTSTART").isoformat() == "2026-12-22"


def test_a_cancelled_call_is_exported_cancelled_under_its_uid(run: Run, tmp_path: Path) -> None:
    vault = career(tmp_path)
    before = events(run, vault)["Bob Chen"]
    assert str(before["STATUS"]) == "CONFIRMED"
    assert run("--vault", str(vault), "done", "Bob Chen", "--status", "cancelled").exit_code == 0
    after = events(run, vault)["Bob Chen"]
    assert str(after["UID"]) == str(before["UID"]) and str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == before.decoded("DTSTART")


def test_a_move_recorded_by_hand_cancels_the_old_event(run: Run, tmp_path: Path) -> None:
    vault = career(tmp_path)
    assert run("--vault", str(vault), "set", "2026-12-11 Bob Chen", "status=rescheduled").exit_code == 0
    assert str(events(run, vault)["Bob Chen"]["STATUS"]) == "CANCELLED"


def test_unchanged_notes_give_the_same_bytes_and_no_date_in_the_future(run: Run, tmp_path: Path) -> None:
    vault = career(tmp_path)
    first = run("--vault", str(vault), "export", "ics", "--today", TODAY).stdout_bytes
    assert run("--vault", str(vault), "export", "ics", "--today", TODAY).stdout_bytes == first
    ahead = time.time() + 400 * 86400  # a note whose clock ran ahead, for a call next year
    write_note(
        vault,
        "Interviews/2027-03-03 Bob Chen.md",
        '---\ntype: interview\nperson: "[[Bob Chen]]"\ndate: 2027-03-03\n---\n',
    )
    os.utime(vault / "Interviews" / "2027-03-03 Bob Chen.md", (ahead, ahead))
    calendar = icalendar.Calendar.from_ical(run("--vault", str(vault), "export", "ics", "--today", TODAY).stdout_bytes)
    now = datetime.now(UTC)
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTSTAMP") <= now and event.decoded("LAST-MODIFIED") <= now


def test_timed_calls_follow_the_configured_zone(run: Run, tmp_path: Path) -> None:
    vault = career(tmp_path, '[me]\ntimezone = "America/New_York"\n')
    anna = events(run, vault)["Anna Lee"]
    assert anna.decoded("DTSTART") == datetime(2026, 12, 10, 20, 0, tzinfo=UTC)
    data = run("--vault", str(vault), "export", "ics", "--today", TODAY).stdout_bytes
    assert b"DTSTART:20261210T200000Z" in data and b"DTEND:20261210T203000Z" in data


def test_an_unknown_zone_is_named_with_its_line(run: Run, tmp_path: Path) -> None:
    vault = career(tmp_path, '[me]\nname = "Julie"\ntimezone = "Mars/Olympus"\n')
    result = run("--vault", str(vault), "export", "ics")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert ".infoview/config.toml:3: me.timezone: unknown time zone 'Mars/Olympus'" in result.stderr


def test_old_unsent_followups_stay_out(run: Run, tmp_path: Path) -> None:
    vault = career(tmp_path)
    for day, name in (("2017-03-01", "Old Friend"), ("2026-08-20", "Recent Friend")):
        write_note(vault, f"People/{name}.md", "---\ntype: person\n---\n")
        write_note(
            vault,
            f"Interviews/{day} {name}.md",
            f'---\ntype: interview\nperson: "[[{name}]]"\ndate: {day}\nstatus: done\n---\n',
        )
    found = events(run, vault)
    # Due 2026-11-18, 17 days ago: kept; due 2017-05-30: left out.
    assert "followup Recent Friend" in found and "followup Old Friend" not in found
    (vault / ".infoview" / "config.toml").write_text("[calendar]\nfollowups_within_days = 3650\n", encoding="utf-8")
    assert "followup Old Friend" in events(run, vault)
    (vault / ".infoview" / "config.toml").write_text("[calendar]\nfollowups_within_days = -1\n", encoding="utf-8")
    wrong = run("--vault", str(vault), "export", "ics")
    assert wrong.exit_code != 0 and "calendar.followups_within_days" in wrong.stderr
