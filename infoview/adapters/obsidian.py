"""What a vault's Obsidian settings say that infoview must respect: the folders its Templates plugin
and Templater keep their templates in (never notes, and never infoview's templates)."""

from __future__ import annotations

import json
from pathlib import Path

# (settings file, the key that names the templates folder)
_TEMPLATE_SETTINGS = (
    (".obsidian/templates.json", "folder"),
    (".obsidian/plugins/templater-obsidian/data.json", "templates_folder"),
)
# A settings file larger than this is not one Obsidian wrote for these plugins.
_MAX_SETTINGS_BYTES = 1 << 20


def obsidian_template_folders(vault: Path) -> list[str]:
    """The vault-relative folders Obsidian's Templates plugin and Templater take templates from."""
    folders: list[str] = []
    for settings, key in _TEMPLATE_SETTINGS:
        try:
            path = vault / settings
            if not path.is_file() or path.stat().st_size > _MAX_SETTINGS_BYTES:
                continue
            value = json.loads(path.read_text(encoding="utf-8-sig")).get(key)
        except (OSError, ValueError, AttributeError):
            continue  # unreadable or foreign settings: Obsidian would not use them either
        if isinstance(value, str) and value.strip("/ "):
            folder = value.strip("/ ")
            if folder not in folders and ".." not in folder.split("/"):
                folders.append(folder)
    return folders
