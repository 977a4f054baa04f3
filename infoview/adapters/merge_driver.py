"""The merge driver git calls for notes: reads the three versions, merges them, writes the result.

Git runs ``infoview merge-driver %O %A %B %P`` with the ancestor's, our and their versions in
temporary files; the merge must be left in the file %A, and the exit status says whether it was
clean. Bodies (and notes that cannot be merged property by property) go through git's own
``merge-file``, which needs its three inputs as files: they are written beside %A, in the
repository's own folder, and removed again.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from infoview.adapters.atomic import atomic_write, temp_path_for
from infoview.core.errors import InfoviewError
from infoview.core.merge import OURS_LABEL, THEIRS_LABEL, MergeResult, MergeText, merge_note


def git_merge_file(beside: Path) -> MergeText:
    """A text merge by ``git merge-file``, its scratch files written beside ``beside``."""

    def merge(base: bytes, ours: bytes, theirs: bytes) -> tuple[bytes, bool]:
        files = [temp_path_for(beside) for _ in range(3)]
        try:
            for path, data in zip(files, (ours, base, theirs), strict=True):
                path.write_bytes(data)
            labels = [OURS_LABEL, "base", THEIRS_LABEL]
            command = ["git", "merge-file", "-p", *(f"-L{label}" for label in labels), *map(str, files)]
            done = subprocess.run(command, capture_output=True, check=False)
        except FileNotFoundError:
            raise InfoviewError("git is not installed or not on PATH; it is needed to merge note bodies") from None
        finally:
            for path in files:
                path.unlink(missing_ok=True)
        if done.returncode < 0 or done.returncode > 127:
            message = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
            raise InfoviewError(f"git merge-file failed: {message}")
        return done.stdout, done.returncode == 0

    return merge


def run_merge_driver(base: Path, ours: Path, theirs: Path, path: str) -> MergeResult:
    """Merge the three versions git gave and leave the result in ``ours``, as git expects."""
    try:
        versions = [file.read_bytes() for file in (base, ours, theirs)]
    except OSError as error:
        raise InfoviewError(f"{error.filename}: {error.strerror}") from None
    result = merge_note(path, versions[0], versions[1], versions[2], git_merge_file(ours))
    if result.data != versions[1]:
        atomic_write(ours, result.data)
    return result
