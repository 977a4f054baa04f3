"""Small helpers the tests share."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from infoview.adapters.merge_driver import git_merge_file
from infoview.core.merge import MergeResult, merge_note

Merge = Callable[[bytes, bytes, bytes], MergeResult]


class Generated(NamedTuple):
    """A generated vault on disk and the answers a correct infoview gives on it."""

    root: Path
    truth: dict[str, Any]


def write_note(vault: Path, rel: str, text: str | bytes) -> Path:
    """Write a note as exact bytes (UTF-8 for text), creating its folders."""
    path = vault / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# Property tests try a quarter of their thorough number of examples on each run, and never fewer
# than hypothesis's own default of 100: derandomize stays off, so every run tries new examples,
# and a failure found once is replayed first from the example database (.hypothesis/) until fixed.
# HYPOTHESIS_PROFILE=thorough pytest runs each test's full number, for a change to a parser or merge.
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def examples(thorough: int) -> int:
    """``max_examples`` for a property test whose thorough run tries ``thorough`` examples."""
    return thorough if THOROUGH else max(100, thorough // 4)


def note_merger(folder: Path, rel: str) -> Merge:
    """The merge git's driver makes of one note at ``rel`` (its body merged by git merge-file in ``folder``)."""
    text_merge = git_merge_file(folder / "note.md")

    def merge(base: bytes, ours: bytes, theirs: bytes) -> MergeResult:
        return merge_note(rel, base, ours, theirs, text_merge)

    return merge
