"""Files the user names with ``-o``: written whole, never over a note, never over a file infoview
did not write unless ``--force`` says so."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from infoview.adapters.atomic import atomic_write
from infoview.adapters.paths import resolves_inside
from infoview.core.errors import InfoviewError


def write_named_output(vault: Path, output: Path, data: bytes, marker: bytes, what: str, force: bool) -> None:
    """Write ``data`` to ``output``. A note of the vault is never replaced, even with ``force``; any
    other existing file only when it holds ``marker`` in its first bytes (infoview wrote it) or with
    ``force``. ``what`` names the kind of file in messages ("a calendar")."""
    shown = f"-o {output}"
    if output.is_dir():
        raise InfoviewError(f"{shown}: that is a folder; name a file")
    if not output.parent.is_dir():
        raise InfoviewError(f"{shown}: the folder {output.parent} does not exist")
    if output.suffix.casefold() == ".md" and resolves_inside(vault, output):
        raise InfoviewError(f"{shown} is a note in the vault; an export never replaces a note; nothing was written")
    if not force and os.path.lexists(output) and not _written_by_infoview(output, marker):
        raise InfoviewError(
            f"{shown} exists and is not {what} infoview wrote; nothing was written "
            "(choose another file, or add --force to replace it)"
        )
    atomic_write(output, data)


def _written_by_infoview(path: Path, marker: bytes) -> bool:
    """A regular file whose first bytes hold ``marker`` (a pipe or device is never opened)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return marker in handle.read(4096)
    except OSError:
        return False
