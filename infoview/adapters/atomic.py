"""The only place infoview writes files: atomically, and never over a note it did not mean to replace."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

# The end of every temporary file's name, so that one a killed writer left can be recognised.
TEMP_SUFFIX = ".infoview-tmp"


def temp_path_for(target: Path) -> Path:
    """A temporary name beside ``target`` that watchers and the vault scan ignore (a dot-file)."""
    return target.with_name(f".{target.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def _written_temp(target: Path, data: bytes | Iterable[bytes], durable: bool = True) -> Path:
    """``data`` written whole to a new temporary file beside ``target`` (removed again on failure)."""
    temp = temp_path_for(target)
    try:
        with open(temp, "xb") as handle:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def atomic_write(target: Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write ``data`` (bytes, or pieces of it) to ``target`` through a temporary file and a rename,
    so readers never see half a file. ``durable=False`` skips the flush to disk, for caches that
    can always be rebuilt."""
    temp = _written_temp(target, data, durable)
    try:
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def create_new(target: Path, data: bytes) -> None:
    """Create a note that must not exist yet: written whole to a temporary file, then linked into
    place, which fails if the name is taken. Never overwrites, even in a race, and never leaves
    half a note behind (a full disk leaves nothing)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _written_temp(target, data)
    try:
        os.link(temp, target)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        _create_exclusively(target, data)  # a file system without hard links
    finally:
        temp.unlink(missing_ok=True)


def _create_exclusively(target: Path, data: bytes) -> None:
    try:
        with open(target, "xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def replace_note(target: Path, original: bytes, data: bytes) -> bool:
    """Replace a note's bytes atomically, through a symlink to its real file, keeping its mode.

    Returns False (and touches nothing) when there is no change. Raises ``ChangedOnDisk`` when the
    file no longer holds ``original`` (an editor saved it meanwhile), ``ReadOnlyNote`` for a
    read-only note, another ``OSError`` when the folder or the disk refuses the write.
    """
    if data == original:
        return False
    real = Path(os.path.realpath(target))
    mode = stat.S_IMODE(os.stat(real).st_mode)
    if not mode & stat.S_IWUSR:
        raise ReadOnlyNote(errno.EACCES, "the note is read-only", str(target))
    temp = _written_temp(real, data)
    try:
        os.chmod(temp, mode)
        if real.read_bytes() != original:
            raise ChangedOnDisk(str(target))
        os.replace(temp, real)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(real.parent)
    return True


class ReadOnlyNote(PermissionError):
    """Raised when the note itself is read-only (not its folder or the disk)."""


class ChangedOnDisk(Exception):
    """Raised when a note changed on disk between reading it and writing it back."""


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
