"""The only place infoview writes files: atomically, and never over a note it did not mean to replace."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def temp_path_for(target: Path) -> Path:
    """A temporary name beside ``target`` that watchers and the vault scan ignore (a dot-file)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.infoview-tmp")


def atomic_write(target: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename, so readers never see half a file."""
    temp = temp_path_for(target)
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
