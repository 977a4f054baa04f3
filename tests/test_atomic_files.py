"""Notes and files written whole or not at all, also on a file system without hard links (a FAT
USB stick, some network shares), and with no temporary file left when a write fails."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from infoview.adapters.atomic import atomic_write, create_new

Run = Callable[..., Result]


@pytest.fixture
def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)


@pytest.mark.usefixtures("no_hard_links")
def test_without_hard_links_a_person_is_still_created_once(run: Run, vault: Path) -> None:
    assert run("--vault", str(vault), "person", "add", "Anna Lee").exit_code == 0
    written = (vault / "People/Anna Lee.md").read_bytes()
    assert written.startswith(b"---\ntype: person\n")
    again = run("--vault", str(vault), "person", "add", "Anna Lee")
    assert again.exit_code == 1 and "People/Anna Lee.md already exists" in again.stderr
    assert (vault / "People/Anna Lee.md").read_bytes() == written
    assert sorted(path.name for path in (vault / "People").iterdir()) == ["Anna Lee.md"]


@pytest.mark.usefixtures("no_hard_links")
def test_without_hard_links_creating_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "Anna Lee.md"
    create_new(target, b"first\n")
    with pytest.raises(FileExistsError):
        create_new(target, b"second\n")
    assert target.read_bytes() == b"first\n"
    assert [path.name for path in tmp_path.iterdir()] == ["Anna Lee.md"]


def test_a_failed_replace_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "calls.ics"
    target.mkdir()
    (target / "inside").write_bytes(b"kept\n")
    with pytest.raises(OSError):
        atomic_write(target, b"BEGIN:VCALENDAR\r\n")
    assert [path.name for path in tmp_path.iterdir()] == ["calls.ics"]
    assert (target / "inside").read_bytes() == b"kept\n"
