"""``import``: reading an export from disk, and writing the people it brings in (new notes from
the person template, empty properties filled with the safe edit)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from infoview.adapters.writes import Workspace, _render_new, edit_note
from infoview.core.contacts import Contact, Step, decode_export, read_linkedin
from infoview.core.errors import InfoviewError
from infoview.core.frontmatter.edit import Changes, WriteRefused
from infoview.core.frontmatter.write import scalar
from infoview.core.making import common_context, note_name
from infoview.core.model import Problem, name_key
from infoview.core.schema import PERSON_FIELDS


def read_export(kind: str, file: Path, shown: str) -> tuple[list[Contact], list[Problem]]:
    """The contacts of a LinkedIn CSV (``linkedin``) or a vCard file (``vcard``); ``shown`` is
    the file as messages name it."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InfoviewError(f"{shown}: cannot read it ({error.strerror})") from None
    text = decode_export(shown, data)
    if kind == "linkedin":
        return read_linkedin(shown, text)
    from infoview.adapters.vcards import read_vcards

    return read_vcards(shown, text)


def create_person(workspace: Workspace, name: str, properties: dict[str, str], today: date) -> Path:
    """A person note from the person template, as ``person add`` makes it, with what an export
    knows: no referrer, no extra variables (the plan has already ruled out anyone already there)."""
    name = note_name(name)
    context = common_context(workspace.config, today)
    context.update({key: None for key in PERSON_FIELDS})
    context.update(properties)
    context.update({"name": name, "extra": {}, "referrer": None})
    return _render_new(workspace, "person.md", context, workspace.folder_for("person") / f"{name}.md")


def write_steps(workspace: Workspace, steps: list[Step], today: date) -> list[str]:
    """Create the new people and fill the empty properties of the ones found. A file in the
    people folder that is no readable person note still holds its name, and a note the safe edit
    refuses stays as it is: each is named in the returned warnings and the import goes on. Any
    other failure stops it; what was written before stays (each note is whole)."""
    people = workspace.practice.people
    folder = workspace.folder_for("person")
    try:
        on_disk = {name_key(name): name for name in os.listdir(folder)}
    except OSError:
        on_disk = {}
    warnings = []
    for step in steps:
        if step.action == "create":
            taken = on_disk.get(name_key(f"{step.name}.md"))
            if taken is not None:
                rel = (folder / taken).relative_to(workspace.vault).as_posix()
                warnings.append(f"{rel} is already there but is no person infoview can read; {step.name} left out")
                continue
            create_person(workspace, step.name, step.contact.properties(), today)
        elif step.action == "update":
            note = people[step.name]
            changes = Changes(set={key: scalar(value) for key, value in step.fills.items()})
            try:
                edit_note(workspace, note, changes)
            except WriteRefused as refused:  # this note only (a merge conflict, read-only): the rest go on
                warnings.append(str(refused))
    return warnings
