"""Finding the vault and walking its notes, the way Obsidian sees them."""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from infoview.adapters.atomic import TEMP_SUFFIX
from infoview.adapters.obsidian import obsidian_template_folders
from infoview.core.config import CONFIG_PATH, Config
from infoview.core.errors import VaultNotFoundError
from infoview.core.model import Problem

_CONFLICT_COPY = re.compile(
    r"\.sync-conflict-\d{8}-\d{6}|\(.*conflicted copy.*\)|_(?:BACKUP|BASE|LOCAL|REMOTE)_\d+(?:\.md)?$",
    re.IGNORECASE,
)


_CONFLICT_HINT = re.compile(r"conflict|_(?:BACKUP|BASE|LOCAL|REMOTE)_", re.IGNORECASE)


def find_vault(explicit: str | None, from_env: str | None, cwd: Path) -> Path:
    """The vault to use: ``--vault``, else ``INFOVIEW_VAULT``, else the nearest folder at or above
    ``cwd`` that holds ``.infoview/config.toml`` (as git finds ``.git``)."""
    for given, origin in ((explicit, "--vault"), (from_env, "INFOVIEW_VAULT")):
        if given:
            path = Path(given).expanduser()
            if not path.is_dir():
                raise VaultNotFoundError(f"{origin} {given}: no such folder")
            return path.resolve()
    start = cwd.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_PATH).is_file():
            return folder
    raise VaultNotFoundError(
        f"no vault at or above {start}: run 'infoview init' to make one here, "
        "or pass --vault PATH (or set INFOVIEW_VAULT) to use an existing folder of notes"
    )


def folder_on_disk(vault: Path, configured: str) -> str:
    """A configured folder's name as it exists at the top of the vault (matched ignoring case), else as configured."""
    try:
        with os.scandir(vault) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name.casefold() == configured.casefold():
                    return entry.name
    except OSError:
        pass
    return configured


# What decides whether a note must be read again: (mtime in ns, size, inode, ctime in ns). A plain
# tuple, because a vault of decades has a great many of them. The ctime catches an edit that put
# the old mtime back (touch -r, cp -p, some sync tools): no one can set it.
FileStat = tuple[int, int, int, int]
NO_STAT: FileStat = (-1, -1, -1, -1)


@dataclass
class Scan:
    """Every note file in the vault with its stat (``NO_STAT`` when not asked for), and the files
    that were passed over."""

    files: dict[str, FileStat] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# A writer that is still alive finishes with its temporary file well within this.
STALE_TEMP_SECONDS = 60


def remove_stale_temp_file(entry: os.DirEntry[str]) -> None:
    """Remove a temporary file that a killed writer left behind (a live writer's is younger)."""
    try:
        if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
            os.unlink(entry.path)
    except OSError:
        pass


def display_name(name: str) -> str:
    """A file name as printable text, even when it is not valid UTF-8."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def scan_vault(vault: Path, config: Config, with_stats: bool = True) -> Scan:
    """Walk the vault for notes: ``*.md`` regular files, skipping dot-files and dot-folders, the
    templates folder, the generated dashboard, conflict copies and links that leave the vault.

    Without ``with_stats``, regular files are known from the folder listing alone (no stat call
    each): the first read of a vault takes each file's stat when it opens it anyway."""
    scan = Scan()
    root = os.fspath(vault)
    real_root = os.path.realpath(root)
    # Template folders are never notes: infoview's, and those of Obsidian's Templates plugin and Templater.
    skipped = {config.folders.templates.casefold(), *(folder.casefold() for folder in obsidian_template_folders(vault))}
    dashboard = config.dashboard.casefold()
    pending: list[tuple[str, str]] = [(root, "")]
    files = scan.files
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            scan.problems.append(
                Problem(prefix.rstrip("/") or ".", 1, "warning", f"cannot read this folder: {error.strerror}")
            )
            continue
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                if name.endswith(TEMP_SUFFIX):
                    remove_stale_temp_file(entry)
                continue
            rel = prefix + name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if rel.casefold() not in skipped:
                        pending.append((entry.path, rel + "/"))
                    continue
            except OSError:
                continue
            if name[-3:].lower() != ".md":
                continue
            # The common case (a plain regular file with an ordinary name) without function calls.
            if (
                entry.is_file(follow_symlinks=False)
                and rel.isascii()
                and not _CONFLICT_HINT.search(name)
                and (len(rel) != len(dashboard) or rel.casefold() != dashboard)
            ):
                if with_stats:
                    info = entry.stat(follow_symlinks=False)
                    files[rel] = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
                else:
                    files[rel] = NO_STAT
                continue
            _add_note_file(scan, entry, rel, real_root, dashboard, with_stats)
    return scan


def _add_note_file(
    scan: Scan, entry: os.DirEntry[str], rel: str, real_root: str, dashboard: str, with_stats: bool
) -> None:
    def skip(message: str) -> None:
        scan.problems.append(Problem(display_name(rel), 1, "warning", f"{message}; left out"))

    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        skip("the file name is not valid UTF-8 (rename the file)")
        return
    if rel.casefold() == dashboard:
        return
    if _CONFLICT_COPY.search(entry.name):
        skip("looks like a conflict copy made by a sync tool or git mergetool; merge it into the note and delete it")
        return
    try:
        if not with_stats and entry.is_file(follow_symlinks=False):
            scan.files[rel] = NO_STAT
            return
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not os.path.exists(target):
                skip("is a symbolic link to nothing")
                return
            if os.path.commonpath([target, real_root]) != real_root:
                skip("is a symbolic link to a file outside the vault")
                return
            info = os.stat(entry.path)
        else:
            info = entry.stat(follow_symlinks=False)
    except FileNotFoundError:
        skip("is a symbolic link to nothing")
        return
    except OSError as error:
        skip(f"cannot be read: {error.strerror}")
        return
    if stat.S_ISDIR(info.st_mode):
        return
    if not stat.S_ISREG(info.st_mode):
        skip("is not a regular file (a pipe, socket or device)")
        return
    scan.files[rel] = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
