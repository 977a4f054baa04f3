"""One writer at a time per vault: every infoview command that writes holds the vault's write lock
from reading the notes to its last write, so that its checks still hold when it writes.

An advisory lock (``filelock``: ``fcntl`` on Unix, ``msvcrt`` on Windows) on
``.infoview/write.lock``; the operating system releases it when the process ends, even by kill -9,
so a crashed writer never leaves the vault locked. Editors do not take it: a note changed by hand
meanwhile is still caught by the "changed since read" check.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from infoview.adapters.cache import ensure_infoview_dir
from infoview.core.errors import InfoviewError

LOCK_NAME = "write.lock"
# Writers hold the lock for well under a second each; a queue of many still gets through.
WAIT_SECONDS = 60.0


@contextmanager
def vault_write_lock(vault: Path, wait_seconds: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the vault's write lock for the ``with`` block, waiting for another writer to finish."""
    try:
        folder = ensure_infoview_dir(vault)
    except OSError as error:
        raise InfoviewError(f".infoview/{LOCK_NAME}: cannot make the lock file ({error.strerror})") from None
    lock = FileLock(folder / LOCK_NAME, timeout=wait_seconds)
    try:
        lock.acquire()
    except Timeout:
        raise InfoviewError(
            f"another infoview command has been writing in this vault for {wait_seconds:.0f} s "
            f"(.infoview/{LOCK_NAME} is held); nothing was written, try again when it has finished"
        ) from None
    except OSError as error:
        raise InfoviewError(f".infoview/{LOCK_NAME}: cannot take the lock ({error.strerror})") from None
    try:
        yield
    finally:
        lock.release()
