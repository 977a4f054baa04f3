"""The progress a long first read shows: counts that only rise, ending at every note read."""

from __future__ import annotations

from pathlib import Path

from helpers import write_note

from infoview.adapters.cache import load_index
from infoview.adapters.config_file import load_config


def test_progress_rises_to_the_number_of_notes_and_the_index_holds_them(vault: Path) -> None:
    for number in range(250):
        write_note(vault, f"People/Person {number:03}.md", f"---\ntype: person\ncompany: C{number % 7}\n---\n")
    seen: list[tuple[int, int]] = []
    index = load_index(vault, load_config(vault), progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (250, 250)
    assert all(total == 250 for _done, total in seen)
    assert [done for done, _total in seen] == sorted({done for done, _total in seen})
    assert len(index.notes) == 250
