"""Adopting a vault someone already keeps: what its folders and properties hold, and the config that
makes infoview read it as written. Pure: notes in, a survey and a proposal out.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from infoview.core.model import Note
from infoview.core.schema import DEFAULT_NAMES, PropertyNames, loose_name

# Folder names that say what a folder holds, compared as property names are (case and separators aside).
_FOLDER_NAMES = {
    "person": ("people", "persons", "person", "contacts", "contact", "crm", "network"),
    "interview": ("interviews", "interview", "meetings", "meeting", "meeting notes", "calls", "conversations"),
    "outreach": ("outreach", "messages", "emails"),
}
# Where infoview makes new notes of each kind (the first folder listed for it).
_HOME_FOLDERS = {"person": "People", "interview": "Interviews", "outreach": "Outreach"}
_FOLDER_KEYS = {"person": "people", "interview": "interviews", "outreach": "outreach"}
# Names CRM vaults give infoview's properties, beyond case and separators.
SYNONYMS = {
    "position": "title",
    "role": "title",
    "job title": "title",
    "jobtitle": "title",
    "organisation": "company",
    "organization": "company",
    "employer": "company",
    "introduced by": "referred_by",
    "referrer": "referred_by",
    "mail": "email",
    "city": "location",
}
_PERSON_SIGNS = ("company", "title", "email", "linkedin", "referred_by")
# At least this share of a folder's notes must look like a kind for the folder to be proposed as it.
_MAJORITY = 0.5


@dataclass
class FolderSurvey:
    """One top-level folder: how many notes, what they look like."""

    name: str
    notes: int = 0
    person_like: int = 0
    meeting_like: int = 0
    declared: Counter[str] = field(default_factory=Counter)  # kinds given by `type:`

    def kind(self) -> str | None:
        """The kind of note this folder holds, by its name, else by what most of its notes look like."""
        loose = loose_name(self.name)
        for kind, names in _FOLDER_NAMES.items():
            if loose in {loose_name(name) for name in names}:
                return kind
        if self.declared and self.declared.most_common(1)[0][1] >= self.notes * _MAJORITY:
            return self.declared.most_common(1)[0][0]
        if self.notes and self.meeting_like >= self.notes * _MAJORITY:
            return "interview"
        if self.notes and self.person_like >= self.notes * _MAJORITY:
            return "person"
        return None


@dataclass
class Survey:
    """What a vault holds, before infoview is told anything about it."""

    folders: dict[str, FolderSurvey]
    keys: Counter[str]  # property names as written, in how many notes
    mapping: dict[str, tuple[str, ...]]  # infoview's property -> the vault's own names to map
    dashboard: str  # a name for infoview's dashboard that collides with nothing

    def kinds(self) -> dict[str, list[str]]:
        """Each kind to the folders proposed for it."""
        found: dict[str, list[str]] = {}
        for folder in sorted(self.folders):
            kind = self.folders[folder].kind()
            if kind is not None:
                found.setdefault(kind, []).append(folder)
        return found

    def read_as(self, key: str) -> str | None:
        """Which of infoview's properties a written key will be read as under the proposal."""
        return self.names().field_of(key)

    def names(self) -> PropertyNames:
        return PropertyNames(self.mapping) if self.mapping else DEFAULT_NAMES


def survey(notes: list[Note], existing: set[str]) -> Survey:
    """Survey notes read without any folder kinds; ``existing`` holds the vault's note paths
    (case-folded), so the proposed dashboard takes a name no note has."""
    keys: Counter[str] = Counter()
    folders: dict[str, FolderSurvey] = {}
    for note in notes:
        keys.update(note.keys)
        top = note.path.split("/", 1)[0] if "/" in note.path else "."
        folder = folders.setdefault(top, FolderSurvey(top))
        folder.notes += 1
        fields = {DEFAULT_NAMES.field_of(key) or SYNONYMS.get(_spaced(key)) for key in note.keys}
        if note.type:
            folder.declared[note.type] += 1
        if "date" in fields and ("person" in fields or "status" in fields):
            folder.meeting_like += 1
        elif "date" not in fields and any(sign in fields for sign in _PERSON_SIGNS):
            folder.person_like += 1
    return Survey(folders, keys, _mapping(notes, keys), _dashboard_name(existing))


def _spaced(key: str) -> str:
    """A property name with case aside and its separators as single spaces, as ``SYNONYMS`` lists them."""
    return " ".join(key.casefold().replace("-", " ").replace("_", " ").split())


def _mapping(notes: list[Note], keys: Counter[str]) -> dict[str, tuple[str, ...]]:
    """The vault's own names worth mapping: a synonym of a property, unless a note writes both."""
    mapping: dict[str, list[str]] = {}
    for key in sorted(keys):
        meant = SYNONYMS.get(_spaced(key))
        if meant is None or DEFAULT_NAMES.field_of(key) is not None:
            continue
        both = any(key in note.keys and note.written_key(meant) is not None for note in notes)
        if not both:
            mapping.setdefault(meant, []).append(key)
    return {field: tuple(names) for field, names in mapping.items()}


def _dashboard_name(existing: set[str]) -> str:
    for name in ("Dashboard.md", "Infoview Dashboard.md", "Interviewing Dashboard.md"):
        if name.casefold() not in existing:
            return name
    return "Infoview/Dashboard.md"


def proposed_config(found: Survey) -> str:
    """The config text that reads this vault as it is written (``[folders]``, ``[properties]``, ``dashboard``)."""
    lines = [
        "# Written by `infoview adopt` from what this vault holds; edit freely.",
        "# Every setting is described in infoview's docs/vault-format.md.",
        f"dashboard = {json.dumps(found.dashboard)}",
        "",
        "[folders]",
    ]
    kinds = found.kinds()
    for kind, key in _FOLDER_KEYS.items():
        listed = kinds.get(kind, [])
        home = _HOME_FOLDERS[kind]
        if not any(folder.casefold() == home.casefold() for folder in listed):
            listed = [home, *listed]  # new notes go to infoview's folder, made when first needed
        else:
            listed = sorted(listed, key=lambda folder: folder.casefold() != home.casefold())
        value = json.dumps(listed[0]) if len(listed) == 1 else "[" + ", ".join(json.dumps(f) for f in listed) + "]"
        lines.append(f"{key} = {value}")
    if found.mapping:
        lines += ["", "[properties]                   # the vault's own names for infoview's properties"]
        for name, names in sorted(found.mapping.items()):
            lines.append(f"{name} = [{', '.join(json.dumps(written) for written in names)}]")
    return "\n".join(lines) + "\n"
