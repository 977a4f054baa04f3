"""The cache: only changed files are read again, and a broken cache costs nothing but time."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import vaultgen
from click.testing import Result
from helpers import write_note

from infoview.adapters.cache import CACHE_DIR, DIGEST_SIZE, refresh
from infoview.adapters.config_file import load_config
from infoview.core.config import Config
from infoview.core.index import VaultIndex

Run = Callable[..., Result]
PERSON = "---\ntype: person\ncompany: {company}\n---\nNotes.\n"


def fill(vault: Path, count: int = 5) -> None:
    for number in range(count):
        write_note(vault, f"People/Person {number}.md", PERSON.format(company=f"Co{number}"))


def companies(vault: Path) -> dict[str, str | None]:
    index, _summary, _changes = refresh(vault, Config())
    assert index is not None
    return {note.name: note.text("company") for note in index.notes}


def age(path: Path, seconds: int = 10) -> None:
    """Push a file's mtime into the past, as if it had been saved a while ago."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 1_000_000_000))


def settle(vault: Path) -> None:
    """Age every note and refresh, so the next refresh sees only deliberate changes."""
    for path in vault.rglob("*.md"):
        age(path, 60)
    refresh(vault, Config())
    refresh(vault, Config())


def test_first_run_reads_everything_and_creates_the_cache(vault: Path) -> None:
    fill(vault)
    _index, summary, changes = refresh(vault, Config())
    assert changes.rebuilt and changes.read == 5 and summary.notes == 5
    assert (vault / CACHE_DIR / "files").is_file()
    assert (
        vault / ".infoview" / ".gitignore"
    ).read_text() == "*\n!.gitignore\n!config.toml\n!templates/\n!templates/**\n"


def test_nothing_changed_reads_nothing(vault: Path) -> None:
    fill(vault)
    settle(vault)
    index, summary, changes = refresh(vault, Config(), want_index=False)
    assert index is None and changes.read == 0 and not changes.any and summary.notes == 5


def test_added_modified_deleted_renamed(vault: Path) -> None:
    fill(vault)
    settle(vault)
    write_note(vault, "People/New.md", PERSON.format(company="Fresh"))
    write_note(vault, "People/Person 1.md", PERSON.format(company="Changed Co"))
    (vault / "People" / "Person 2.md").unlink()
    (vault / "People" / "Person 3.md").rename(vault / "People" / "Renamed.md")
    index, _summary, changes = refresh(vault, Config())
    assert changes.added == ["People/New.md"]
    assert changes.modified == ["People/Person 1.md"]
    assert changes.deleted == ["People/Person 2.md"]
    assert changes.renamed == [("People/Person 3.md", "People/Renamed.md")]
    assert changes.read == 3
    assert index is not None
    assert {note.name: note.text("company") for note in index.notes} == {
        "New": "Fresh",
        "Person 0": "Co0",
        "Person 1": "Changed Co",
        "Person 4": "Co4",
        "Renamed": "Co3",
    }


def test_same_size_edit_within_the_same_second_is_seen(vault: Path) -> None:
    path = write_note(vault, "People/A.md", PERSON.format(company="AAAA"))
    refresh(vault, Config())
    stat = path.stat()
    path.write_text(PERSON.format(company="BBBB"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    assert companies(vault) == {"A": "BBBB"}


def test_corrupt_or_deleted_cache_is_rebuilt_silently(vault: Path) -> None:
    fill(vault, 3)
    refresh(vault, Config())
    for damage in (b"", b"\x00garbage", b"\xe3\x00\x00\x00"):
        (vault / CACHE_DIR / "files").write_bytes(damage)
        (vault / CACHE_DIR / "notes").write_bytes(damage)
        assert companies(vault) == {"Person 0": "Co0", "Person 1": "Co1", "Person 2": "Co2"}
    (vault / CACHE_DIR / "notes").unlink()  # files table without its notes
    assert companies(vault) == {"Person 0": "Co0", "Person 1": "Co1", "Person 2": "Co2"}
    for path in (vault / ".infoview").iterdir():
        if path.is_dir():
            for child in path.iterdir():
                child.unlink()
            path.rmdir()
        else:
            path.unlink()
    assert companies(vault) == {"Person 0": "Co0", "Person 1": "Co1", "Person 2": "Co2"}


def test_changed_folder_settings_rebuild(vault: Path) -> None:
    write_note(vault, "Contacts/Anna.md", "---\ncompany: Acme\n---\n")
    index, _s, _c = refresh(vault, Config())
    assert index is not None and index.notes[0].type is None
    from infoview.core.config import Folders

    index, _s, changes = refresh(vault, Config(folders=Folders(people="contacts")))
    assert changes.rebuilt and index is not None and index.notes[0].type == "person"


def test_problems_survive_a_warm_run(vault: Path) -> None:
    write_note(vault, "People/Bad.md", "---\ntitle: Re: intro\n---\n")
    write_note(vault, "People/Ok.md", '---\nreferred_by: "[[Nobody]]"\n---\n')
    settle(vault)
    _index, summary, changes = refresh(vault, Config(), want_index=False)
    assert changes.read == 0
    assert [(problem.path, problem.line, problem.severity) for problem in summary.problems] == [
        ("People/Bad.md", 2, "error"),
        ("People/Ok.md", 2, "warning"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only modes")
def test_read_only_vault_still_answers(vault: Path) -> None:
    fill(vault, 2)
    (vault / ".infoview").chmod(0o555)
    try:
        assert len(companies(vault)) == 2
    finally:
        (vault / ".infoview").chmod(0o755)


def test_cache_with_code_in_it_is_not_run(vault: Path) -> None:
    import marshal

    fill(vault, 1)
    refresh(vault, Config())
    bomb = marshal.dumps(compile("open('pwned', 'w')", "x", "exec"))
    (vault / CACHE_DIR / "files").write_bytes(bomb)
    assert companies(vault) == {"Person 0": "Co0"}
    assert not (vault / "pwned").exists()


def test_a_file_replaced_with_the_same_size_and_time_is_read_again(vault: Path) -> None:
    first = write_note(vault, "People/A.md", PERSON.format(company="Acme"))
    second = write_note(vault, "People/B.md", PERSON.format(company="Bcme"))
    for path in (first, second):
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    refresh(vault, Config())
    os.replace(second, first)
    assert companies(vault) == {"A": "Bcme"}


def test_problems_found_while_walking_are_always_current(vault: Path, tmp_path: Path) -> None:
    fill(vault, 1)
    settle(vault)
    outside = tmp_path / "secret.md"
    outside.write_text("x")
    os.symlink(outside, vault / "People" / "Evil.md")
    _index, summary, changes = refresh(vault, Config(), want_index=False)
    assert changes.read == 0 and [problem.path for problem in summary.problems] == ["People/Evil.md"]
    (vault / "People" / "Evil.md").unlink()
    _index, summary, _changes = refresh(vault, Config(), want_index=False)
    assert summary.problems == []


def test_a_torn_notes_file_forgets_deleted_notes(vault: Path) -> None:
    fill(vault, 2)
    broken = write_note(vault, "People/Broken.md", "---\ntitle: Re: x\n---\n")
    settle(vault)
    broken.unlink()
    notes_file = vault / CACHE_DIR / "notes"
    notes_file.write_bytes(notes_file.read_bytes()[:20])
    _index, summary, _changes = refresh(vault, Config(), want_index=False)
    assert summary.problems == [] and summary.skipped == 0


# ``infoview index`` in a process of its own, as a user runs it, with the forked reader's threshold
# lowered to a small vault's size and each use of the forked reader reported on standard error.
FORKING_INDEX = """
import os, sys
import infoview.adapters.cache as cache
from infoview.cli import main

cache.PARALLEL_MIN = 100
os.cpu_count = lambda: 2
parse_forked = cache._parse_forked

def reporting(*args):
    results = parse_forked(*args)
    print(f"forked read: {'done' if results is not None else 'no child'}", file=sys.stderr)
    return results

cache._parse_forked = reporting
main()
"""


def index_contents(index: VaultIndex) -> list[tuple[Any, ...]]:
    """What a read produced: each note's kind, properties and links, and every problem."""
    notes = [(note.path, note.type, note.properties, note.raw_links) for note in index.notes]
    return sorted(notes) + sorted((p.path, p.line, p.severity, p.message) for p in index.problems)


@pytest.mark.skipif(sys.platform != "linux", reason="the forked first read is used on Linux only")
def test_the_forked_first_read_gives_the_index_of_a_serial_read(tmp_path: Path) -> None:
    story = vaultgen.build(people=120, seed=9, messy=0.06)
    vaultgen.write_vault(tmp_path / "forked", story)
    shutil.copytree(tmp_path / "forked", tmp_path / "serial")
    command = [sys.executable, "-c", FORKING_INDEX, "--vault", str(tmp_path / "forked"), "index"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "forked read: done" in result.stderr
    config = load_config(tmp_path / "forked")
    forked, _summary, changes = refresh(tmp_path / "forked", config, parallel=False)
    assert changes.read == 0  # this is the index the forked read saved, not a new reading
    serial, _summary, changes = refresh(tmp_path / "serial", config, parallel=False)
    assert changes.read > 300
    assert forked is not None and serial is not None
    assert index_contents(forked) == index_contents(serial)
    assert any(problem.severity == "error" for problem in forked.problems)  # skipped notes came through too


def test_a_same_size_edit_that_puts_the_old_mtime_back_is_seen(run: Run, vault: Path) -> None:
    path = write_note(vault, "People/A.md", PERSON.format(company="AAAA"))
    settle(vault)
    before = path.stat()
    with open(path, "r+b") as handle:  # in place: the same inode, as an editor or sync tool may
        handle.write(b"---\ntype: person\ncompany: [B\n---\nNotes.\n"[: before.st_size])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r, cp -p
    assert path.stat().st_size == before.st_size and path.stat().st_ino == before.st_ino
    check = run("--vault", str(vault), "check")
    assert check.exit_code == 1 and "People/A.md:3: error" in check.stdout


NOTES = {
    "People/Anna Lee.md": '---\ntype: person\ncompany: Acme\ntags: [pharma]\nreferred_by: "[[Bob Chen]]"\n---\n',
    "People/Bob Chen.md": "---\ntype: person\ncompany: Bcme\n---\n",
    "Interviews/2026-11-03 Anna Lee.md": (
        '---\ntype: interview\nperson: "[[Anna Lee]]"\ndate: 2026-11-03\nstatus: done\n'
        'followup: 2027-02-01\nreferrals: ["[[Carl Diaz]]"]\n---\n'
    ),
    "Outreach/2026-10-20 Anna Lee.md": (
        '---\ntype: outreach\nperson: "[[Anna Lee]]"\ndate: 2026-10-20\nstatus: sent\n---\n'
    ),
    "People/Broken.md": "---\ntitle: Re: x\n---\n",
}


def _damaged(data: bytes, other: bytes, case: int, rng: random.Random) -> bytes:
    """One of: bytes flipped, cut short, or the whole file replaced (by the other cache file, or noise)."""
    how = case % 4
    if how == 0 and data:
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        return bytes(damaged)
    if how == 1:
        return data[: rng.randrange(len(data) + 1)]
    if how == 2:
        return other
    return rng.randbytes(rng.randint(0, 64))


def test_a_damaged_cache_is_rebuilt_never_believed(run: Run, vault: Path) -> None:
    for rel, text in NOTES.items():
        write_note(vault, rel, text)
    settle(vault)
    expected = run("--vault", str(vault), "ls", "--format", "json").stdout
    folder = vault / CACHE_DIR
    pristine = {name: (folder / name).read_bytes() for name in ("files", "notes")}
    rng = random.Random(10)
    for case in range(80):
        for name, data in pristine.items():
            (folder / name).write_bytes(data)
        name = rng.choice(["files", "notes"])
        other = pristine["notes" if name == "files" else "files"]
        (folder / name).write_bytes(_damaged(pristine[name], other, case, rng))
        for _again in range(2):  # the answer, and the cache it saved back
            result = run("--vault", str(vault), "ls", "--format", "json")
            assert result.exit_code == 0 and json.loads(result.stdout) == json.loads(expected), (case, name)


def test_a_fifo_in_the_cache_folder_is_never_opened(vault: Path) -> None:
    fill(vault, 2)
    settle(vault)
    for name in ("files", "notes"):
        (vault / CACHE_DIR / name).unlink()
        os.mkfifo(vault / CACHE_DIR / name)
        command = [sys.executable, "-m", "infoview", "--vault", str(vault), "ls", "--format", "json"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
        assert result.returncode == 0 and len(json.loads(result.stdout)) == 2


def test_temp_files_a_killed_writer_left_are_removed(vault: Path) -> None:
    fill(vault, 1)
    refresh(vault, Config())
    old = vault / CACHE_DIR / ".notes.0badcafe.infoview-tmp"
    young = vault / CACHE_DIR / ".notes.12345678.infoview-tmp"
    for path in (old, young):
        path.write_bytes(b"half a cache")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    write_note(vault, "People/New.md", PERSON.format(company="New"))
    refresh(vault, Config())
    assert not old.exists() and young.exists()  # a writer that is still alive keeps its file
    beside = write_note(vault, "People/.Person 0.md.0badcafe.infoview-tmp", "half a note")
    os.utime(beside, (time.time() - 3600, time.time() - 3600))
    refresh(vault, Config())
    assert not beside.exists()


@pytest.mark.parametrize("entry", [("not", "a", "stat"), 7, None])
def test_a_cache_that_passes_its_checksum_but_not_its_use_is_read_again(run: Run, vault: Path, entry: object) -> None:
    """A cache sealed correctly but shaped otherwise (a different infoview wrote it) gives the same answers."""
    write_note(vault, "People/Anna Lee.md", "---\ntype: person\ncompany: Acme\n---\n")
    write_note(vault, "People/Ben Ode.md", "---\ntype: person\n---\n")
    before = run("--vault", str(vault), "ls", "--format", "json").stdout
    table = vault / CACHE_DIR / "files"
    data = marshal.loads(table.read_bytes()[DIGEST_SIZE:])
    data["files"] = {path: entry for path in data["files"]}
    payload = marshal.dumps(data)
    table.write_bytes(hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest() + payload)
    result = run("--vault", str(vault), "ls", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == before
