"""The vault's write lock: a writer that cannot get it says why and writes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infoview.adapters.lock import vault_write_lock
from infoview.core.errors import InfoviewError

HOLD = """
import sys
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_lock_held_by_another_process_is_waited_for_then_refused(tmp_path: Path) -> None:
    (tmp_path / ".infoview").mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / ".infoview" / "write.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(InfoviewError) as refused, vault_write_lock(tmp_path, wait_seconds=0.1):
            pytest.fail("the lock was taken while another process held it")
        assert str(refused.value) == (
            "another infoview command has been writing in this vault for 0 s (.infoview/write.lock is held); "
            "nothing was written, try again when it has finished"
        )
    finally:
        holder.communicate("")
    with vault_write_lock(tmp_path, wait_seconds=0.1):
        pass  # released when its holder ended


def test_a_folder_in_the_locks_place_is_named(tmp_path: Path) -> None:
    (tmp_path / ".infoview" / "write.lock").mkdir(parents=True)
    with pytest.raises(InfoviewError, match=r"^\.infoview/write\.lock: cannot take the lock \(Is a directory\)$"):
        with vault_write_lock(tmp_path, wait_seconds=0.1):
            pass


def test_a_file_where_the_infoview_folder_belongs_is_named(tmp_path: Path) -> None:
    (tmp_path / ".infoview").write_bytes(b"not a folder")
    with pytest.raises(InfoviewError, match=r"^\.infoview/write\.lock: cannot make the lock file \(File exists\)$"):
        with vault_write_lock(tmp_path, wait_seconds=0.1):
            pass
    assert (tmp_path / ".infoview").read_bytes() == b"not a folder"
