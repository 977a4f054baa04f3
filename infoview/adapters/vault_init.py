"""Making a new vault: the config, the note folders and the cache's ignore file."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from infoview.adapters.cache import ensure_infoview_dir
from infoview.core.config import CONFIG_PATH, Config, Folders
from infoview.core.errors import InfoviewError

# The defaults it shows are the ones infoview uses when a setting is missing.
CONFIG_TEMPLATE = """\
# infoview settings for this vault. Every setting is optional; delete what you do not need.
# The full list is in docs/vault-format.md of the infoview project.

# Days after a call when the out-of-the-blue follow-up note is due.
followup_days = {config.followup_days}
# Days a cancelled or missed call stays on the to-do list as "reschedule or let it go".
reschedule_days = {config.reschedule_days}
# The generated overview note that infoview keeps current for Obsidian.
dashboard = "{config.dashboard}"

[me]
# Used by outreach drafts and prep sheets.
name = ""
intro = ""            # one sentence: who you are and where you are heading
# Your one-minute bio, over as many lines as you like, between the triple quotes.
bio = \"\"\"
\"\"\"
availability = ""     # e.g. "Mondays 9-12, Wednesdays after 14:00 (CET)"
# The zone of the times you write (date: 2026-12-03T15:00); empty: this machine's.
timezone = ""         # e.g. "Europe/Zurich"

[pitches]
# Named ways of presenting yourself; an interview's `pitch` property names one.
# scientist = "The physicist who makes processes measurable"

# How often you mean to interview. Add a [[goals]] table when the goal changes;
# each one applies from its `since` date on.
[[goals]]
since = {today}
count = 1
per = "month"         # "week" or "month"

[learnings]
# Headings that `infoview learnings` gathers from your calls, besides Takeaways.
sections = []

# The mix you aim for, in percent of your calls: deep in your field, wide into neighbouring
# ones, random for the unexpected.
[breadth]
deep = {deep}
wide = {wide}
random = {random}

[folders]
people = "{config.folders.people}"
interviews = "{config.folders.interviews}"
outreach = "{config.folders.outreach}"
# infoview's own templates, if you copy them to edit (init --templates): beside this file by
# default, away from Obsidian's and Templater's Templates/ folder.
# templates = ".infoview/templates"

[calendar]
# export ics leaves out follow-up notes not sent that were due longer ago than this.
followups_within_days = {config.calendar.followups_within_days}
"""


def init_vault(directory: Path, *, today: date) -> list[Path]:
    """Create a vault in ``directory`` (which may already hold notes); returns what was created."""
    config = directory / CONFIG_PATH
    if config.exists():
        raise InfoviewError(f"{directory} is already a vault ({config} exists); nothing was changed")
    if directory.exists() and not directory.is_dir():
        raise InfoviewError(f"{directory} is a file, not a folder")
    outer = _enclosing_vault(directory)
    if outer is not None:
        raise InfoviewError(
            f"{directory} is inside the vault {outer}, whose notes it would split; nothing was changed "
            f"(use that vault, or make the new one outside it)"
        )
    # A folder that holds notes already gets no empty folders: infoview makes each when it first writes there.
    wanted_folders = not (directory.exists() and _holds_notes(directory))
    created: list[Path] = []
    if not directory.exists():
        directory.mkdir(parents=True)
        created.append(directory)
    config.parent.mkdir(exist_ok=True)
    with open(config, "x", encoding="utf-8") as handle:
        handle.write(config_text(today))
    created.append(config)
    ensure_infoview_dir(directory)  # after the config: the ignore file lets it through
    defaults = Folders()
    for folder in (defaults.people, defaults.interviews, defaults.outreach) if wanted_folders else ():
        path = directory / folder
        if not _exists_ignoring_case(directory, folder):
            path.mkdir()
            created.append(path)
    return created


def _exists_ignoring_case(directory: Path, name: str) -> bool:
    return any(child.name.casefold() == name.casefold() for child in directory.iterdir() if child.is_dir())


def _enclosing_vault(directory: Path) -> Path | None:
    """The vault a folder lies inside of (a parent holding the config), or None."""
    for parent in directory.resolve().parents:
        if (parent / CONFIG_PATH).is_file():
            return parent
    return None


def _holds_notes(directory: Path) -> bool:
    """Whether a folder holds a markdown note anywhere outside its hidden folders."""
    for _root, folders, files in os.walk(directory):
        folders[:] = [folder for folder in folders if not folder.startswith(".")]
        if any(name.lower().endswith(".md") and not name.startswith(".") for name in files):
            return True
    return False


def config_text(today: date) -> str:
    """A new vault's config: every setting at its default, the goal starting today."""
    defaults = Config()
    shares = {kind: round(share * 100) for kind, share in defaults.breadth.items()}
    return CONFIG_TEMPLATE.format(today=today.isoformat(), config=defaults, **shares)
