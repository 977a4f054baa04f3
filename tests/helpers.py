"""Small helpers the tests share."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple


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
