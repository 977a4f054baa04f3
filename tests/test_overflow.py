"""Dates at the end of the calendar and absurd numbers: a warning from check, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_note

from infoview.adapters.config_file import load_config
from infoview.adapters.live import LiveVault

Run = Callable[..., Result]

NOTES = {
    "People/Anna.md": "---\ntype: person\n---\n",
    "People/Bob.md": "---\ntype: person\n---\n",
    "Interviews/late done.md": '---\ntype: interview\nperson: "[[Anna]]"\ndate: 9999-10-03\nstatus: done\n---\n',
    "Outreach/late sent.md": '---\ntype: outreach\nperson: "[[Bob]]"\ndate: 9999-12-31\nstatus: sent\n---\n',
    "Interviews/late followup.md": (
        '---\ntype: interview\nperson: "[[Bob]]"\ndate: 2026-01-01\nstatus: done\nfollowup: 9999-12-31\n---\n'
    ),
    "Interviews/long call.md": (
        '---\ntype: interview\nperson: "[[Bob]]"\ndate: 2026-12-20T10:00\nduration: 9999999999\n---\n'
    ),
    "Interviews/early.md": '---\ntype: interview\nperson: "[[Bob]]"\ndate: 0001-01-01\nstatus: done\n---\n',
}
WARNINGS = [
    "Interviews/early.md:4: warning: date: 0001-01-01 is too far from today to count "
    "(write a year from 1000 to 8999); it is ignored until fixed",
    "Interviews/late done.md:4: warning: date: 9999-10-03 is too far from today to count "
    "(write a year from 1000 to 8999); it is ignored until fixed",
    "Interviews/late followup.md:6: warning: followup: 9999-12-31 is too far from today to count "
    "(write a year from 1000 to 8999); it is ignored until fixed",
    "Interviews/long call.md:5: warning: duration: 9999999999 minutes is longer than a day; "
    "it is ignored until fixed (write it like 30)",
    "Outreach/late sent.md:4: warning: date: 9999-12-31 is too far from today to count "
    "(write a year from 1000 to 8999); it is ignored until fixed",
]


def test_dates_off_the_calendar_are_warned_about_and_left_out(run: Run, vault: Path, tmp_path: Path) -> None:
    (vault / ".infoview" / "config.toml").write_text('[me]\ntimezone = "UTC"\n', encoding="utf-8")
    for rel, text in NOTES.items():
        write_note(vault, rel, text)
    check = run("--vault", str(vault), "check")
    assert check.stdout.splitlines() == WARNINGS
    commands = [["due"], ["dashboard"], ["report"], ["referrals"], ["export", "ics"], ["ls"]]
    for command in commands:
        result = run("--vault", str(vault), *command, *(["--today", "2026-12-01"] if command[0] == "due" else []))
        assert result.exit_code == 0, (command, result.output)
    calendar = run("--vault", str(vault), "export", "ics", "--today", "2026-03-20").stdout_bytes.decode()
    assert "DTSTART:20261220T100000Z\r\nDTEND:20261220T103000Z" in calendar  # the default length
    assert "20260401" in calendar and "99991231" not in calendar  # followup_days after the call instead
    lines: list[str] = []
    LiveVault(vault, load_config(vault), lambda: date(2026, 12, 1), lines.append, lines.append, 2.0).refresh()


@pytest.mark.parametrize(
    "setting, message",
    [
        ("followup_days = 99999999999", "followup_days: must be a whole number of days from 1 to 3650"),
        ("[[goals]]\ncount = 100000000000", "goals.count: must be a whole number of interviews from 1 to 1000"),
        ("[[goals]]\nsince = 9999-12-31", "goals.since: must be a date in the years 1000 to 8999"),
        ("[breadth]\ndeep = 1e300\nwide = 0\nrandom = 0", "breadth.deep: must be a percentage from 0 to 100"),
    ],
)
def test_the_config_bounds_its_numbers(run: Run, vault: Path, setting: str, message: str) -> None:
    (vault / ".infoview" / "config.toml").write_text(setting + "\n")
    result = run("--vault", str(vault), "due")
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output
