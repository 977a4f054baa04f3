"""What every write of the practice loop shares: the workspace, finding a note, making a new note
from a template, and the safe minimal edit of an existing one.

New notes are rendered, read back, and created without ever overwriting anything; edits change
only the lines they mean to (see ``infoview.core.frontmatter.edit``).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infoview.adapters.atomic import ChangedOnDisk, ReadOnlyNote, create_new, replace_note
from infoview.adapters.paths import path_in_vault, resolves_inside
from infoview.adapters.scan import folder_on_disk
from infoview.adapters.templates import Renderer, TemplateError
from infoview.core.analysis.practice import Practice
from infoview.core.config import Config
from infoview.core.errors import InfoviewError, UsageError
from infoview.core.frontmatter.edit import Changes, WriteRefused, apply_changes
from infoview.core.index import VaultIndex
from infoview.core.making import (
    existing_note,
    similar_names,
)
from infoview.core.model import Note, Problem, name_key, shell_word
from infoview.core.parse import parse_note


@dataclass
class Workspace:
    """The vault, its config and its notes as one action sees them."""

    vault: Path
    config: Config
    practice: Practice

    @property
    def renderer(self) -> Renderer:
        return Renderer.for_vault(self.vault, self.config)

    def folder_for(self, kind: str) -> Path:
        configured = {
            "person": self.config.folders.people,
            "interview": self.config.folders.interviews,
            "outreach": self.config.folders.outreach,
        }[kind]
        return self.vault / folder_on_disk(self.vault, configured)

    def person(self, name: str) -> Note:
        found = self.practice.index.resolve(name)
        if found.ambiguous:
            paths = ", ".join(note.path for note in found.candidates)
            raise UsageError(f"{name!r} matches several notes ({paths}); give the path instead")
        if found.note is None or found.note.type != "person":
            unreadable = _unreadable(self.practice.index, name_key(name))
            if unreadable is not None:
                raise _cannot_read(unreadable)
            close = similar_names(name, list(self.practice.people))
            if close:
                raise UsageError(f"no person named {name!r}; did you mean {' or '.join(close)}?")
            raise UsageError(f"no person named {name!r}; add them first: infoview person add {shell_word(name)}")
        return found.note


def _render_new(workspace: Workspace, template: str, context: dict[str, Any], target: Path) -> Path:
    """Render a note, check it reads back as the kind it should be, and create it (never overwriting)."""
    text = workspace.renderer.render(template, context)
    rel = target.relative_to(workspace.vault).as_posix()
    note, problems = parse_note(
        rel, text.encode("utf-8"), workspace.config.folders.kinds(), workspace.config.properties
    )
    errors = [problem for problem in problems if problem.severity == "error"]
    if note is None or errors:
        message = (errors or problems)[0].message.split(";")[0]
        raise TemplateError(f"{template}: the rendered note cannot be read back ({message}); fix the template")
    existing = existing_note(workspace.practice, target.stem)
    taken = _taken_in_folder(target)
    if existing is not None or taken is not None:
        path = existing.path if existing is not None else f"{Path(rel).parent.as_posix()}/{taken}"
        unreadable = _unreadable(workspace.practice.index, name_key(path.removesuffix(".md")))
        why = f" (and cannot be read: {_reason(unreadable)})" if unreadable is not None else ""
        raise InfoviewError(f"{path} already exists{why}; nothing was written")
    _inside(workspace.vault, target)
    try:
        create_new(target, text.encode("utf-8"))
    except FileExistsError:
        raise InfoviewError(f"{rel} already exists; nothing was written") from None
    except OSError as error:
        raise InfoviewError(
            f"{rel}: cannot create the note ({_write_failure(error, rel)}); nothing was written"
        ) from None
    return target


def _write_failure(error: OSError, rel: str) -> str:
    """Why a write failed, in words about the vault (never the temporary file's path)."""
    folder = Path(rel).parent.as_posix()
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {folder} is read-only" if folder != "." else "the vault's folder is read-only"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full: {error.strerror}"
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long for this file system"
    return error.strerror or str(error)


def _taken_in_folder(target: Path) -> str | None:
    """A file in the target's folder with the same name ignoring case and Unicode form (even one
    infoview could not read); those are one file on macOS and Windows."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return None
    wanted = name_key(target.name)
    return next((name for name in names if name_key(name) == wanted), None)


def _inside(vault: Path, target: Path) -> None:
    if not resolves_inside(vault, target.parent):
        rel = os.path.relpath(target, vault)
        raise InfoviewError(
            f"{Path(rel).as_posix()}: its folder is a link that leads outside the vault; nothing was written"
        )


def find_note(workspace: Workspace, reference: str, kind: str | None = None) -> Note:
    """A note named as in a link ("2026-12-03 Anna Lee") or by its path in the vault; for an
    interview, a person's name finds their one planned call."""
    index = workspace.practice.index
    reference = _vault_relative(workspace.vault, reference)
    key = name_key(reference.removesuffix(".md") if reference.endswith(".md") else reference)
    unreadable = _unreadable(index, key)
    if unreadable is not None:
        raise _cannot_read(unreadable)
    note = index.by_path.get(key.replace("\\", "/"))
    candidates = [note] if note is not None else list(index.by_name.get(key, []))
    if kind == "interview" and len(candidates) == 1 and candidates[0].type == "person":
        planned = [
            call
            for call in workspace.practice.interviews_by_person.get(candidates[0].name, [])
            if call.status == "planned"
        ]
        if len(planned) == 1:
            return planned[0].note
        if planned:
            raise UsageError(
                f"{candidates[0].name} has {len(planned)} planned calls: "
                + ", ".join(f'"{call.note.name}"' for call in planned)
                + "; name one"
            )
        raise UsageError(f"{candidates[0].name} has no planned call; name the interview note")
    if not candidates:
        wanted = [note.name for note in index.notes if kind is None or note.type in (kind, "person")]
        close = similar_names(reference.removesuffix(".md").rsplit("/", 1)[-1], wanted)
        hint = f"; did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
        raise UsageError(
            f"no note named {reference!r}{hint} (use the note's name as in a link, or its path in the vault)"
        )
    if len(candidates) > 1:
        raise UsageError(
            f"{reference!r} matches several notes ({', '.join(n.path for n in candidates)}); give the path"
        )
    return candidates[0]


def _vault_relative(vault: Path, reference: str) -> str:
    """A path given from the shell (``./People/Anna.md``, absolute) as a path in the vault; other text as is."""
    if not reference.endswith(".md") or "/" not in reference.replace("\\", "/"):
        return reference
    return path_in_vault(vault, Path(reference)) or reference


def _unreadable(index: VaultIndex, key: str) -> Problem | None:
    """The problem that kept a note with this name or path out of the index, if one did (an error
    in the note, or a file that cannot be opened)."""
    for problem in index.file_problems:
        if problem.path in index.by_exact_path or not (problem.severity == "error" or "left out" in problem.message):
            continue
        stem = problem.path.removesuffix(".md")
        if key in (name_key(stem), name_key(stem.rsplit("/", 1)[-1])):
            return problem
    return None


def _reason(problem: Problem) -> str:
    return problem.message.split(";")[0]


def _cannot_read(problem: Problem) -> WriteRefused:
    return WriteRefused(problem.path, problem.line, f"the note cannot be read ({_reason(problem)})")


def edit_note(workspace: Workspace, note: Note, changes: Changes) -> bool:
    """Apply property changes to one note; False when it already says exactly that."""
    target = workspace.vault / note.path
    _inside(workspace.vault, target)
    if not resolves_inside(workspace.vault, target):
        raise WriteRefused(note.path, 1, "the note is a link to a file outside the vault")
    try:
        original = target.read_bytes()
    except OSError as error:
        raise InfoviewError(f"{note.path}: cannot read the note: {error.strerror}") from None
    updated = apply_changes(note.path, original, changes, workspace.config.folders.kinds(), workspace.config.properties)
    try:
        return replace_note(target, original, updated)
    except ChangedOnDisk:
        raise WriteRefused(
            note.path, 1, "the note changed on disk while infoview was writing; run the command again"
        ) from None
    except ReadOnlyNote:
        raise WriteRefused(note.path, 1, "the note is read-only") from None
    except OSError as error:
        raise WriteRefused(note.path, 1, f"cannot write the note: {_write_failure(error, note.path)}") from None
