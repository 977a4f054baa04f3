"""The commit message ``sync`` writes: what changed in the practice, from the notes themselves.

"done: 2026-12-03 Anna Lee; new person: Carl Diaz" says more in ``git log`` than "vault backup".
A note whose ``status`` changed is listed under its new status, a new note under its kind, and
the rest as edited or deleted. Pure: the caller passes each changed file's bytes before and after.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from infoview.core.parse import parse_note
from infoview.core.schema import DEFAULT_NAMES, PropertyNames

SUBJECT_WIDTH = 72  # what `git log --oneline` and most tools show of a subject in full


@dataclass(frozen=True)
class FileChange:
    """One changed file: its vault-relative path, its bytes before (None: new) and after (None: deleted)."""

    path: str
    before: bytes | None
    after: bytes | None


def _is_note(path: str) -> bool:
    return path.endswith(".md") and not any(part.startswith(".") for part in path.split("/"))


def _label(change: FileChange, folder_kinds: Mapping[str, str], names: PropertyNames) -> str:
    """What happened to one note, as the message names it: "done", "new person", "edited"."""
    if change.after is None:
        return "deleted"
    after, _problems = parse_note(change.path, change.after, folder_kinds, names)
    if change.before is None:
        return f"new {after.type}" if after is not None and after.type else "new note"
    before, _problems = parse_note(change.path, change.before, folder_kinds, names)
    status = after.text("status") if after is not None else None
    if status and (before is None or before.text("status") != status):
        return status.casefold()
    return "edited"


def describe_changes(
    changes: list[FileChange], folder_kinds: Mapping[str, str], names: PropertyNames = DEFAULT_NAMES
) -> str:
    """A commit message: a subject of at most ``SUBJECT_WIDTH`` characters, then one line per change
    when the subject had to be shortened."""
    named: dict[str, list[str]] = {}
    others = 0
    for change in sorted(changes, key=lambda change: change.path):
        if not _is_note(change.path):
            others += 1
            continue
        name = change.path.rsplit("/", 1)[-1][:-3]
        named.setdefault(_label(change, folder_kinds, names), []).append(name)
    order = sorted(named, key=lambda label: (label in ("edited", "deleted"), label.startswith("new "), label))
    extra = [f"{others} other file{'s' if others != 1 else ''}"] if others else []
    subject = "; ".join([*(f"{label}: {', '.join(named[label])}" for label in order), *extra])
    if len(subject) <= SUBJECT_WIDTH:
        return subject or "no changes"
    short = "; ".join([*(f"{label}: {_count(len(named[label]))}" for label in order), *extra])
    details = [f"{label}: {name}" for label in order for name in named[label]]
    return "\n".join([short, "", *details])


def _count(number: int) -> str:
    return f"{number} note{'s' if number != 1 else ''}"
