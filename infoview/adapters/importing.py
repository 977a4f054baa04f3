"""``import``: reading an export from disk, and writing the people it brings in (new notes from
the person template, empty properties filled with the safe edit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from infoview.adapters.writes import Workspace, add_person, edit_note
from infoview.core.contacts import Contact, Step, decode_export, read_linkedin
from infoview.core.errors import InfoviewError
from infoview.core.frontmatter.edit import Changes
from infoview.core.frontmatter.write import scalar
from infoview.core.model import Problem


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


def write_steps(workspace: Workspace, steps: list[Step], today: date) -> None:
    """Create the new people and fill the empty properties of the ones found; a failure stops the
    import, and what was written before it stays (each note is whole)."""
    people = workspace.practice.people
    for step in steps:
        if step.action == "create":
            fields: dict[str, object] = dict(step.contact.properties())
            add_person(workspace, step.name, fields, {}, today)
        elif step.action == "update":
            note = people[step.name]
            changes = Changes(set={key: scalar(value) for key, value in step.fills.items()})
            edit_note(workspace, note, changes)
