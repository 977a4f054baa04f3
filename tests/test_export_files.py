"""``export ics``: timed calls in the machine's zone (from $TZ as POSIX writes it), and the -o file
rules: never into a missing folder, never over a file infoview did not write."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]
TODAY = "2026-12-05"


@pytest.fixture
def planned(run: Run, vault: Path) -> Path:
    assert run("--vault", str(vault), "person", "add", "Anna Lee").exit_code == 0
    assert run("--vault", str(vault), "new", "Anna Lee", "--date", "2026-12-10T15:00").exit_code == 0
    return vault


def _starts(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line.startswith("DTSTART")]


def test_a_timed_call_is_placed_in_the_zone_tz_names_with_or_without_a_colon(run: Run, planned: Path) -> None:
    for zone in ("Europe/Paris", ":Europe/Paris"):
        result = run("--vault", str(planned), "export", "ics", "--today", TODAY, env={"TZ": zone})
        assert _starts(result) == ["DTSTART:20261210T140000Z"]


def test_an_unknown_tz_falls_back_to_the_machines_zone(run: Run, planned: Path) -> None:
    machine = _starts(run("--vault", str(planned), "export", "ics", "--today", TODAY, env={"TZ": ""}))
    assert machine
    for zone in ("Not/AZone", "../../etc/passwd"):
        assert _starts(run("--vault", str(planned), "export", "ics", "--today", TODAY, env={"TZ": zone})) == machine


def test_o_into_a_missing_folder_is_refused(run: Run, planned: Path, tmp_path: Path) -> None:
    result = run("--vault", str(planned), "export", "ics", "-o", str(tmp_path / "nowhere" / "calls.ics"))
    assert result.exit_code == 1
    assert f"-o {tmp_path / 'nowhere' / 'calls.ics'}: the folder {tmp_path / 'nowhere'} does not exist" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_o_never_opens_a_pipe_it_did_not_make(run: Run, planned: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "calls.ics"
    os.mkfifo(fifo)
    result = run("--vault", str(planned), "export", "ics", "-o", str(fifo))
    assert result.exit_code == 1
    assert f"-o {fifo} exists and is not a calendar infoview wrote; nothing was written" in result.stderr
    assert fifo.is_fifo()


def test_o_replaces_its_own_earlier_export_but_not_the_users_file(run: Run, planned: Path, tmp_path: Path) -> None:
    mine, ours = tmp_path / "mine.ics", tmp_path / "ours.ics"
    mine.write_bytes(b"BEGIN:VCALENDAR\r\nmy own\r\n")
    assert run("--vault", str(planned), "export", "ics", "-o", str(ours)).exit_code == 0
    first = ours.read_bytes()
    assert run("--vault", str(planned), "export", "ics", "-o", str(ours)).exit_code == 0
    assert ours.read_bytes() == first
    refused = run("--vault", str(planned), "export", "ics", "-o", str(mine))
    assert refused.exit_code == 1 and "add --force to replace it" in refused.stderr
    assert mine.read_bytes() == b"BEGIN:VCALENDAR\r\nmy own\r\n"
    assert run("--vault", str(planned), "export", "ics", "-o", str(mine), "--force").exit_code == 0
    assert mine.read_bytes() == first
