"""Where a path really leads: inside the vault or not, and a path typed in the shell as one in the vault."""

from __future__ import annotations

import os
from pathlib import Path


def resolves_inside(root: Path, path: Path) -> bool:
    """Whether ``path`` (or, while it does not exist yet, its nearest existing folder), with every
    link followed, lies inside ``root``: no symbolic link leads out."""
    real_root = os.path.realpath(root)
    nearest = path
    while not os.path.lexists(nearest) and nearest != nearest.parent:
        nearest = nearest.parent
    return os.path.commonpath([real_root, os.path.realpath(nearest)]) == real_root


def path_in_vault(vault: Path, path: Path) -> str | None:
    """A path given on the command line (relative to where the shell is, or absolute) as a path in the
    vault with ``/``; None when it lies outside the vault."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(vault.resolve()).as_posix()
    except (ValueError, OSError):
        return None
