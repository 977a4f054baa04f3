"""Reading learnings out of the call notes, and keeping a synthesis note's generated block current
without touching anything else in it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from infoview.adapters.atomic import ChangedOnDisk, create_new, replace_note
from infoview.adapters.paths import resolves_inside
from infoview.core.analysis.learnings import RECALLED, Learning, calls_to_recall, learnings_of, relevant_to
from infoview.core.analysis.practice import Interview, Practice
from infoview.core.config import Config
from infoview.core.errors import InfoviewError
from infoview.core.model import name_key
from infoview.views.learnings import BEGIN, END, role


def gather(vault: Path, practice: Practice, calls: Iterable[Interview], sections: tuple[str, ...]) -> list[Learning]:
    """The learnings of these calls, read from their notes (a note that cannot be read now was
    already reported by the index, and gives none)."""
    found: list[Learning] = []
    for call in calls:
        try:
            text = (vault / call.note.path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        found += learnings_of(practice, call, text, sections)
    return found


def learnings_for_prep(vault: Path, practice: Practice, config: Config, name: str) -> list[dict[str, Any]]:
    """Up to three learnings from others' calls in the same company or industry as ``name``, as a
    prep sheet template sees them. Notes are read best first, and only until three calls gave one."""
    person = practice.people.get(name)
    if person is None:
        return []
    learnings: list[Learning] = []
    calls_with_learnings = 0
    for call in calls_to_recall(practice, person, exclude=name):
        found = gather(vault, practice, [call], config.learning_sections)
        learnings += found
        calls_with_learnings += bool(found)
        if calls_with_learnings == RECALLED:
            break
    return [{**item.as_json(), "role": role(item)} for item in relevant_to(person, learnings, exclude=name)]


def write_synthesis(vault: Path, rel: str, block: str) -> tuple[str, str]:
    """Create the synthesis note, or replace only its generated block (appending one to a note
    that has none). Returns what it did ("created", "updated", "added", "unchanged") and the
    note's path as it is on disk (a name differing only by case or Unicode form is the same note)."""
    rel = as_on_disk(vault, rel)
    target = vault / rel
    _inside(vault, target)
    try:
        original = target.read_bytes()
    except FileNotFoundError:
        title = rel.rsplit("/", 1)[-1].removesuffix(".md")
        create_new(target, f"---\ntype: learnings\n---\n# {title}\n\n{block}".encode())
        return "created", rel
    except OSError as error:
        raise InfoviewError(f"{rel}: cannot read it ({error.strerror}); nothing was written") from None
    updated, what = _with_block(rel, original, block)
    try:
        changed = replace_note(target, original, updated)
    except ChangedOnDisk:
        raise InfoviewError(f"{rel}: the note changed on disk while infoview was writing; run it again") from None
    except PermissionError:
        raise InfoviewError(f"{rel}: the note is read-only; nothing was written") from None
    return (what if changed else "unchanged"), rel


def as_on_disk(vault: Path, rel: str) -> str:
    """``rel`` with each folder and the file name spelt as an existing one that differs only by case
    or Unicode form (one and the same file on macOS and Windows, and to Obsidian)."""
    folder, parts = vault, []
    for part in rel.split("/"):
        try:
            names = os.listdir(folder)
        except OSError:
            names = []
        part = next((name for name in names if name_key(name) == name_key(part)), part)
        parts.append(part)
        folder = folder / part
    return "/".join(parts)


def _with_block(rel: str, original: bytes, block: str) -> tuple[bytes, str]:
    """The note's bytes with the generated block in place, in the note's own line endings."""
    bom = original.startswith(b"\xef\xbb\xbf")
    try:
        text = original.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = original.count(b"\n", 0, error.start) + 1
        raise InfoviewError(f"{rel}:{line}: the note is not UTF-8 text; nothing was written") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    conflict = next((n for n, line in enumerate(lines, 1) if line.startswith("<<<<<<<")), None)
    if conflict is not None:
        raise InfoviewError(f"{rel}:{conflict}: unresolved merge conflict; resolve it first, nothing was written")
    begins = [n for n, line in enumerate(lines) if line.lstrip().startswith(BEGIN)]
    ends = [n for n, line in enumerate(lines) if line.strip() == END]
    new_lines = block.replace("\n", newline).splitlines(keepends=True)
    if not begins and not ends:
        ending = "" if not text or text.endswith("\n") else newline
        updated, what = text + ending + newline + "".join(new_lines), "added"
    elif len(begins) == 1 and len(ends) == 1 and begins[0] < ends[0]:
        updated = "".join(lines[: begins[0]] + new_lines + lines[ends[0] + 1 :])
        what = "updated"
    else:
        line = (begins or ends)[-1] + 1
        raise InfoviewError(
            f"{rel}:{line}: the generated block's marker lines are broken; keep one '{BEGIN} ...' line above "
            f"one '{END}' line (or delete both), then run it again; nothing was written"
        )
    return (b"\xef\xbb\xbf" if bom else b"") + updated.encode("utf-8"), what


def _inside(vault: Path, target: Path) -> None:
    """The note, or as much of its folder as exists, resolves inside the vault (no link leads out)."""
    if not resolves_inside(vault, target):
        raise InfoviewError(f"{target.relative_to(vault).as_posix()} would be outside the vault; nothing was written")
