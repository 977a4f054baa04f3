"""Adding people: a person note from the template, never a second note for someone already there."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from infoview.adapters.writes import Workspace, _render_new
from infoview.core.errors import UsageError
from infoview.core.making import common_context, note_name, person_view, typed
from infoview.core.model import Note, loose_key, name_key
from infoview.core.schema import PERSON_FIELDS


def look_alike(workspace: Workspace, name: str) -> Note | None:
    """A person already in the vault whose name differs from ``name`` only by accents (case and
    Unicode form aside, it would be the same note): "Zoe Angstrom" for "Zoë Ångström"."""
    wanted = loose_key(name)
    for person in workspace.practice.people.values():
        if loose_key(person.name) == wanted and name_key(person.name) != name_key(name):
            return person
    return None


def refuse_look_alike(workspace: Workspace, name: str, option: str) -> None:
    """Stop before a second note is made for someone already in the vault under an accented name."""
    similar = look_alike(workspace, name)
    if similar is not None:
        raise UsageError(
            f"{option} {name!r}: did you mean {similar.name} ({similar.path})? "
            "Use that name, or add --new if this is a different person"
        )


def add_person(
    workspace: Workspace,
    name: str,
    fields: dict[str, Any],
    extra: dict[str, str],
    today: date,
    *,
    allow_look_alike: bool = False,
) -> Path:
    """Write a new person note from the person template."""
    name = note_name(name)
    if not allow_look_alike:
        refuse_look_alike(workspace, name, "name")
    referred = fields.get("referred_by")
    if referred:
        found = workspace.practice.index.resolve(referred)
        fields["referred_by"] = found.note.name if found.note is not None else note_name(referred, what="--referred-by")
    context = common_context(workspace.config, today)
    context.update({field: None for field in PERSON_FIELDS})
    context.update({key: value for key, value in fields.items() if value not in (None, "")})
    extra_values = {key: typed(value) for key, value in extra.items()}
    context.update({"name": name, "extra": extra_values, **extra_values})
    context["referrer"] = person_view(workspace.practice, fields["referred_by"]) if referred else None
    return _render_new(workspace, "person.md", context, workspace.folder_for("person") / f"{name}.md")


def person_name(workspace: Workspace, name: str) -> str:
    """An existing person's exact note name, or the name as given for someone without a note yet."""
    found = workspace.practice.index.resolve(name)
    return found.note.name if found.note is not None else name
