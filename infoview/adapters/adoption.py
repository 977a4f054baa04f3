"""``adopt``: read a vault someone already keeps, without changing a note, and save the config proposed for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from infoview.adapters.cache import ensure_infoview_dir
from infoview.adapters.obsidian import obsidian_template_folders
from infoview.adapters.scan import scan_vault
from infoview.core.adoption import Survey, proposed_config, survey
from infoview.core.analysis.practice import Practice
from infoview.core.config import CONFIG_PATH, Config, Folders, parse_config
from infoview.core.errors import InfoviewError
from infoview.core.index import VaultIndex
from infoview.core.model import Note, Problem
from infoview.core.parse import parse_note
from infoview.core.problems import vault_problems


@dataclass
class Adoption:
    """A vault surveyed: what it holds, the config proposed, and what infoview would count with it."""

    survey: Survey
    config_text: str
    people: int
    interviews: int
    outreach: int
    problems: list[Problem]
    template_folders: list[str]


def _read_all(vault: Path, config: Config) -> tuple[list[Note], list[Problem], set[str]]:
    """Every note of the vault parsed with ``config`` (nothing cached, nothing written)."""
    scan = scan_vault(vault, config, with_stats=False)
    notes: list[Note] = []
    problems = list(scan.problems)
    reading = (config.folders.kinds(), config.properties)
    for rel in sorted(scan.files):
        try:
            data = (vault / rel).read_bytes()
        except OSError as error:
            problems.append(Problem(rel, 1, "warning", f"cannot be read: {error.strerror}; left out"))
            continue
        note, found = parse_note(rel, data, *reading)
        problems.extend(found)
        if note is not None:
            notes.append(note)
    return notes, problems, {rel.casefold() for rel in scan.files}


def adopt_vault(vault: Path, current: Config) -> Adoption:
    """Survey the vault as it is, propose a config, and count what infoview would see with it."""
    # Read as if nothing were configured, the vault's own dashboard note included.
    bare = Config(folders=Folders(templates=current.folders.templates), dashboard=".infoview/none.md")
    notes, _problems, existing = _read_all(vault, bare)
    found = survey(notes, existing)
    text = proposed_config(found)
    proposed = parse_config(text)
    notes, problems, _existing = _read_all(vault, proposed)
    index = VaultIndex(notes, problems)
    practice = Practice(index)
    return Adoption(
        survey=found,
        config_text=text,
        people=len(practice.people),
        interviews=len(practice.interviews),
        outreach=len(practice.messages),
        problems=vault_problems(index),
        template_folders=obsidian_template_folders(vault),
    )


def write_config(vault: Path, text: str) -> Path:
    """Save the proposed config; an existing one is never replaced."""
    path = vault / CONFIG_PATH
    if path.exists():
        raise InfoviewError(
            f"{CONFIG_PATH} exists already; nothing was written (compare it with the proposal above and edit it)"
        )
    path.parent.mkdir(exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    ensure_infoview_dir(vault)  # now a vault with a config: the ignore file lets the config through
    return path
