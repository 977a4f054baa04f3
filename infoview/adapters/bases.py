"""``infoview bases``: write the Obsidian Bases for the vault, never over a base the user changed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from infoview.adapters.atomic import atomic_write
from infoview.adapters.scan import folder_on_disk
from infoview.core.config import Config
from infoview.core.index import VaultIndex
from infoview.core.schema import NOTE_TYPES, fields_of
from infoview.views.bases import is_untouched, render_bases


def kind_folders(vault: Path, config: Config) -> dict[str, list[str]]:
    """Each kind's folders as they are written on disk (the first is where infoview makes notes)."""
    folders = config.folders
    found: dict[str, list[str]] = {
        "person": [folders.people],
        "interview": [folders.interviews],
        "outreach": [folders.outreach],
    }
    for folder, kind in folders.more:
        found[kind].append(folder)
    return {kind: [folder_on_disk(vault, folder) for folder in listed] for kind, listed in found.items()}


def vault_spellings(index: VaultIndex, config: Config) -> dict[str, dict[str, str]]:
    """Per kind, each of infoview's properties to the key the vault's notes most often write it as."""
    spelled: dict[str, dict[str, str]] = {}
    for kind in NOTE_TYPES:
        notes = [note for note in index.notes if note.type == kind]
        for field in ("type", *(row.name for row in fields_of(kind))):
            written = Counter(key for note in notes if (key := note.written_key(field)) is not None)
            spelled.setdefault(kind, {})[field] = (
                min(written, key=lambda key: (-written[key], key)) if written else config.properties.spelling(field)
            )
    return spelled


def write_bases(vault: Path, config: Config, index: VaultIndex) -> list[tuple[str, str]]:
    """Write each base; returns (file name, what happened) for each: written, unchanged or kept."""
    outcome = []
    for name, text in render_bases(kind_folders(vault, config), vault_spellings(index, config)).items():
        target = vault / name
        try:
            existing = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            existing = None
        except (OSError, UnicodeDecodeError):
            outcome.append((name, "kept"))
            continue
        if existing == text:
            outcome.append((name, "unchanged"))
        elif existing is not None and not is_untouched(existing):
            outcome.append((name, "kept"))
        else:
            atomic_write(target, text.encode("utf-8"))
            outcome.append((name, "written"))
    return outcome
