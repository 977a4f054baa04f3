"""infoview watch with a real watchdog observer: editor saves, bursts, renames, and what must not trigger."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers import write_note

from infoview.adapters.cache import CACHE_DIR, load_index
from infoview.adapters.config_file import load_config
from infoview.adapters.live import LiveVault, WatchTimings, dashboard_text, run_watch

TODAY = date(2026, 11, 25)
# Short waits keep the suite fast; their proportions are the product's: an editor's chunks come
# well within ``quiet``, and a half-written note is finished well within ``retry_window``.
TIMINGS = WatchTimings(quiet=0.1, cap=1.0, retry_window=0.6)
EDITOR_PAUSE = 0.02  # between two chunks of one save
SILENCE = 3 * TIMINGS.quiet  # no refresh line for this long after the expected ones: nothing more is coming


class Watcher:
    def __init__(self, vault: Path) -> None:
        self.vault = vault
        self.lines: list[str] = []
        self.warnings: list[str] = []
        self.stop = threading.Event()
        self.live: LiveVault | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        self.live = run_watch(
            self.vault,
            load_config(self.vault),
            lambda: TODAY,
            self.lines.append,
            self.warnings.append,
            self.stop,
            TIMINGS,
        )

    def start(self) -> None:
        self.thread.start()
        self.wait_for(lambda: any(line.startswith("watching") for line in self.lines), "the ready line")

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}: {self.lines} {self.warnings}")
            time.sleep(0.02)

    def settle(self, at_least: int = 0) -> list[str]:
        """Wait for ``at_least`` refresh lines in all, then until none has come for a while;
        returns the refresh lines since the start."""
        self.wait_for(lambda: len(self.lines) - 1 >= at_least, f"{at_least} refresh lines")
        seen, since = len(self.lines), time.monotonic()
        while time.monotonic() - since < SILENCE:
            time.sleep(0.02)
            if len(self.lines) != seen:
                seen, since = len(self.lines), time.monotonic()
        return self.lines[1:]


@pytest.fixture
def watching(example_vault: Path) -> Iterator[Watcher]:
    watcher = Watcher(example_vault)
    watcher.start()
    yield watcher
    watcher.stop.set()
    watcher.thread.join(timeout=10)
    assert not watcher.thread.is_alive()


def index_state(vault: Path) -> dict[str, dict[str, object]]:
    index = load_index(vault, load_config(vault))
    return {note.path: note.properties for note in index.notes}


def full_rescan(vault: Path, tmp_path: Path) -> dict[str, dict[str, object]]:
    copy = tmp_path / "rescan"
    shutil.copytree(vault, copy, ignore=shutil.ignore_patterns("cache"))
    return index_state(copy)


def person(company: str) -> str:
    return f"---\ntype: person\ncompany: {company}\n---\nNotes.\n"


def test_editor_saves_each_seen_once(watching: Watcher, tmp_path: Path) -> None:
    vault = watching.vault
    note = vault / "People" / "Anna Saver.md"
    note.write_text(person("Created"))
    watching.settle(at_least=1)
    # vim: rename to a backup, write anew, delete the backup
    os.rename(note, vault / "People" / "Anna Saver.md~")
    note.write_text(person("Vim"))
    os.remove(vault / "People" / "Anna Saver.md~")
    watching.settle(at_least=2)
    # VS Code / Obsidian: truncate and write in place, in two chunks
    with open(note, "r+", encoding="utf-8") as handle:
        handle.truncate(0)
        handle.write("---\ntype: person\n")
        handle.flush()
        time.sleep(EDITOR_PAUSE)
        handle.write("company: VSCode\n---\nNotes.\n")
    watching.settle(at_least=3)
    # sync tools and sed -i: a temp file renamed over the note
    temp = vault / "People" / ".Anna Saver.md.tmp123"
    temp.write_text(person("Atomic"))
    os.replace(temp, note)
    lines = watching.settle(at_least=4)
    assert len(lines) == 4, lines
    assert [line.split(" ", 1)[1].split(" · ")[0] for line in lines] == ["added People/Anna Saver.md"] + [
        "changed People/Anna Saver.md"
    ] * 3
    assert index_state(vault)["People/Anna Saver.md"]["company"] == "Atomic"
    assert watching.warnings == []


def test_a_burst_of_300_files_a_rename_and_a_delete(watching: Watcher, tmp_path: Path) -> None:
    vault = watching.vault
    for number in range(300):
        write_note(vault, f"Imported/Batch {number:03d}.md", person(f"Co{number}"))
    lines = watching.settle(at_least=1)
    assert 1 <= len(lines) <= 3, lines  # debounced: one refresh, or a few for a slow disk
    os.rename(vault / "Imported" / "Batch 007.md", vault / "Imported" / "Batch seven.md")
    (vault / "Imported" / "Batch 008.md").unlink()
    moved_in = tmp_path / "outside"
    write_note(moved_in, "New Folder/From Elsewhere.md", person("Moved"))
    os.rename(moved_in / "New Folder", vault / "New Folder")  # a folder moved in: no event per file
    watching.wait_for(lambda: "New Folder/From Elsewhere.md" in index_state(vault), "the folder moved in")
    watching.settle()
    assert index_state(vault) == full_rescan(vault, tmp_path)
    assert "Imported/Batch seven.md" in index_state(vault) and "New Folder/From Elsewhere.md" in index_state(vault)
    assert len(watching.lines) - 1 <= 6


def test_ignored_places_trigger_nothing_and_the_dashboard_does_not_retrigger(watching: Watcher) -> None:
    vault = watching.vault
    dashboard = vault / "Dashboard.md"
    assert dashboard.read_text(encoding="utf-8") == dashboard_text(
        vault, load_index(vault, load_config(vault)), load_config(vault), TODAY
    )
    before = list(watching.lines)
    for rel in (
        ".git/objects/ab/cdef",
        ".obsidian/workspace.json",
        ".trash/Gone.md",
        "People/.Anna.md.swp",
        "People/Anna.md~",
        "People/notes.tmp",
        ".infoview/cache/x",
        "Templates/person.md",
        "People/Anna.sync-conflict-20240101-120000-ABC.md",
        "People/x.txt",
    ):
        write_note(vault, rel, "---\ntype: person\n---\n")
    write_note(vault, "People/Seen.md", person("Seen"))  # after all the rest: its refresh would include them
    lines = watching.settle(at_least=len(before))
    assert [line.split(" ", 1)[1].split(" · ")[0] for line in lines[len(before) - 1 :]] == ["added People/Seen.md"]


def test_half_written_note_is_retried_and_a_broken_note_reported_once(watching: Watcher) -> None:
    vault = watching.vault
    note = vault / "People" / "Half Written.md"
    note.write_text('---\ntype: person\ncompany: "unfinished')
    time.sleep(2 * TIMINGS.quiet)  # the watcher reads the half-written note...
    note.write_text(person("Finished"))  # ...and the rest comes within the retry window
    watching.settle()
    assert watching.warnings == []
    assert index_state(vault)["People/Half Written.md"]["company"] == "Finished"
    broken = vault / "People" / "Broken.md"
    broken.write_text("---\ntitle: Re: intro\n---\n")
    watching.wait_for(lambda: any("Broken.md" in warning for warning in watching.warnings), "the broken note")
    write_note(vault, "People/Another.md", person("Other"))
    watching.wait_for(lambda: any("People/Another.md" in line for line in watching.lines), "the next refresh")
    watching.settle()
    assert [warning for warning in watching.warnings if "Broken.md" in warning] == [
        "People/Broken.md:2: error: invalid YAML: mapping values are not allowed in this context "
        '(put the value in double quotes: title: "Re: intro"); the note is left out until this is fixed'
    ]


def test_the_command_stops_cleanly(example_vault: Path) -> None:
    command = [str(Path(sys.executable).with_name("infoview")), "--vault", str(example_vault), "watch"]
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        with subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        ) as process:
            assert process.stdout is not None
            ready = process.stdout.readline()
            assert ready.startswith(f"watching {example_vault}")
            write_note(example_vault, "People/While Watching.md", person("Live"))
            line = process.stdout.readline()
            assert "People/While Watching.md" in line
            process.send_signal(stop_signal)
            assert process.wait(timeout=10) == 0
        (example_vault / "People" / "While Watching.md").unlink()
    assert not any(path.name.endswith(".infoview-tmp") for path in example_vault.rglob("*"))
    assert (example_vault / CACHE_DIR / "files").is_file()


def test_watch_limit_falls_back_to_polling(example_vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from watchdog.observers.polling import PollingObserver

    import infoview.adapters.watch

    class LimitedObserver(PollingObserver):
        def start(self) -> None:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")

    class QuickPollingObserver(PollingObserver):
        """The real polling observer, looking every tenth of a second instead of every second."""

        def __init__(self, timeout: float) -> None:
            super().__init__(timeout=timeout / 10)

    monkeypatch.setattr(infoview.adapters.watch, "Observer", LimitedObserver)
    monkeypatch.setattr(infoview.adapters.watch, "PollingObserver", QuickPollingObserver)
    watcher = Watcher(example_vault)
    watcher.start()
    try:
        assert any("fs.inotify.max_user_watches" in warning for warning in watcher.warnings)
        write_note(example_vault, "People/Polled.md", person("Polling"))
        watcher.wait_for(lambda: any("People/Polled.md" in line for line in watcher.lines), "the polled change")
    finally:
        watcher.stop.set()
        watcher.thread.join(timeout=10)
