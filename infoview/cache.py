"""The index cache under ``.infoview/``: read a note again only when its file changed.

Two files: ``files`` (each note's stat and problems, small, enough to see that nothing
changed) and ``notes`` (the parsed notes). The cache is a convenience, never a source of
truth: a missing, stale, foreign or corrupt cache is rebuilt from the notes without a word.
"""

from __future__ import annotations

import marshal
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infoview.config import Config
from infoview.fsio import atomic_write
from infoview.index import VaultIndex
from infoview.model import Link, Note, Problem
from infoview.vault import FileStat, Scan, scan_vault

CACHE_FORMAT = 4
CACHE_DIR = Path(".infoview") / "cache"
GITIGNORE = "*\n!.gitignore\n!config.toml\n"
# A file changed within this window before the last cache write may share its mtime with an
# unseen later edit (coarse file-system clocks), so it is read again next time.
RACY_NS = 2_000_000_000
# Below this many notes to read, starting a second process costs more than it saves.
PARALLEL_MIN = 2000

Progress = Callable[[int, int], None]
# (mtime_ns, size, inode, problems as (line, severity, message) tuples)
FileEntry = tuple[int, int, int, tuple[tuple[int, str, str], ...]]


@dataclass
class Changes:
    """What a refresh found different from the cache."""

    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    read: int = 0
    rebuilt: bool = False

    @property
    def any(self) -> bool:
        return bool(self.added or self.modified or self.deleted or self.renamed)


@dataclass
class Summary:
    """What ``infoview index`` reports, kept so that a run with nothing changed reads no note."""

    notes: int
    counts: dict[str, int]
    skipped: int
    problems: list[Problem]


def ensure_infoview_dir(vault: Path) -> Path:
    """Create ``.infoview/`` with the ignore file that keeps caches out of git."""
    folder = vault / ".infoview"
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        atomic_write(ignore, GITIGNORE.encode())
    return folder


def _settings_key(config: Config) -> tuple[str, ...]:
    folders = config.folders
    return (folders.people, folders.interviews, folders.outreach, folders.templates, config.dashboard)


def _read_marshal(path: Path) -> Any:
    try:
        with open(path, "rb") as handle:
            return marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None


class _Cache:
    """The cache as loaded: file entries always, notes only when asked for."""

    def __init__(self, vault: Path, config: Config) -> None:
        self.folder = vault / CACHE_DIR
        self.settings = _settings_key(config)
        self.files: dict[str, FileEntry] = {}
        self.summary: tuple[Any, ...] | None = None
        self.written_ns = -1
        self.stamp = 0
        data = _read_marshal(self.folder / "files")
        try:
            if data["format"] == CACHE_FORMAT and tuple(data["settings"]) == self.settings:
                self.files, self.summary = data["files"], data["summary"]
                self.written_ns, self.stamp = int(data["written_ns"]), int(data["stamp"])
        except (TypeError, KeyError, ValueError):
            pass

    @property
    def valid(self) -> bool:
        return self.written_ns >= 0

    def notes(self) -> dict[str, tuple[Any, ...]] | None:
        data = _read_marshal(self.folder / "notes")
        try:
            if data["stamp"] == self.stamp and isinstance(data["notes"], dict):
                return data["notes"]
        except (TypeError, KeyError):
            pass
        return None

    def save(self, files: dict[str, FileEntry], notes: dict[str, tuple[Any, ...]], summary: tuple[Any, ...],
             written_ns: int) -> None:
        stamp = time.time_ns()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ensure_infoview_dir(self.folder.parent.parent)
            atomic_write(self.folder / "notes", marshal.dumps({"stamp": stamp, "notes": notes}))
            atomic_write(self.folder / "files", marshal.dumps({
                "format": CACHE_FORMAT, "settings": self.settings, "written_ns": written_ns,
                "stamp": stamp, "files": files, "summary": summary,
            }))
        except OSError:
            pass  # a read-only vault still answers; it just reads every note each time


# --- notes <-> plain data that marshal can store ---------------------------------------------

def _note_to(note: Note) -> tuple[Any, ...]:
    links = tuple(tuple(link) for link in note.links)
    return (note.type, note.keys, note.values, links, note.body_lines, note.body_words)


def _note_from(path: str, cached: tuple[Any, ...]) -> Note:
    kind, keys, values, links, body_lines, body_words = cached
    return Note.from_parts(path, kind, keys, values, tuple(Link._make(link) for link in links), body_lines, body_words)


def _parse_files(vault: str, rels: Iterable[str], folder_kinds: dict[str, str]) -> list[tuple[Any, ...]]:
    """Read and parse notes; returns (rel, note data or None, problem tuples) for each."""
    from infoview.parse import parse_note  # a warm run with nothing changed never needs the parser

    results = []
    for rel in rels:
        try:
            with open(os.path.join(vault, rel), "rb", buffering=0) as handle:
                data = handle.read()
        except OSError as error:
            results.append((rel, None, ((1, "warning", f"cannot be read: {error.strerror}; left out"),)))
            continue
        note, problems = parse_note(rel, data, folder_kinds)
        results.append((
            rel,
            None if note is None else _note_to(note),
            tuple((problem.line, problem.severity, problem.message) for problem in problems),
        ))
    return results


def _parse_chunk(args: tuple[str, list[str], dict[str, str]]) -> bytes:
    return marshal.dumps(_parse_files(*args))


def _parse_all(vault: Path, rels: list[str], folder_kinds: dict[str, str],
               progress: Progress | None) -> list[tuple[Any, ...]]:
    """Parse many notes, on two processes when there are enough of them to be worth it."""
    root = os.fspath(vault)
    workers = min(os.cpu_count() or 1, 4)
    if len(rels) >= PARALLEL_MIN and workers > 1:
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        chunks = [rels[start::workers] for start in range(workers)]
        results: list[tuple[Any, ...]] = []
        try:
            with context.Pool(workers - 1) as pool:
                pending = pool.map_async(_parse_chunk, [(root, chunk, folder_kinds) for chunk in chunks[1:]])
                results.extend(_parse_files(root, chunks[0], folder_kinds))
                if progress is not None:
                    progress(len(results), len(rels))
                for payload in pending.get():
                    results.extend(marshal.loads(payload))
            if progress is not None:
                progress(len(rels), len(rels))
            return results
        except OSError:
            pass  # no second process here (a sandbox, say): read them all in this one
    results = []
    step = max(1, len(rels) // 100)
    for start in range(0, len(rels), step):
        results.extend(_parse_files(root, rels[start : start + step], folder_kinds))
        if progress is not None:
            progress(len(results), len(rels))
    return results


# --- refresh ---------------------------------------------------------------------------------

def _find_changes(scan: Scan, cache: _Cache) -> tuple[Changes, list[str]]:
    changes = Changes(rebuilt=not cache.valid)
    racy_after = cache.written_ns - RACY_NS
    stale = []
    for rel, stat in scan.files.items():
        cached = cache.files.get(rel)
        if cached is None:
            changes.added.append(rel)
            stale.append(rel)
        elif cached[0] != stat.mtime_ns or cached[1] != stat.size:
            changes.modified.append(rel)
            stale.append(rel)
        elif stat.mtime_ns >= racy_after:
            stale.append(rel)
    deleted = [rel for rel in cache.files if rel not in scan.files]
    gone = {(cache.files[rel][2], cache.files[rel][1], cache.files[rel][0]): rel for rel in deleted}
    for rel in list(changes.added):
        stat = scan.files[rel]
        old = gone.pop((stat.inode, stat.size, stat.mtime_ns), None)
        if old is not None:
            changes.added.remove(rel)
            changes.renamed.append((old, rel))
    renamed_from = {old for old, _ in changes.renamed}
    changes.deleted = [rel for rel in deleted if rel not in renamed_from]
    return changes, stale


def refresh(vault: Path, config: Config, *, want_index: bool = True,
            progress: Progress | None = None) -> tuple[VaultIndex | None, Summary, Changes]:
    """Bring the cache up to date with the notes on disk.

    Returns the index (None when ``want_index`` is false and nothing changed, so that no note
    had to be loaded), a summary for ``infoview index`` and what changed.
    """
    started_ns = time.time_ns()
    scan = scan_vault(vault, config)
    cache = _Cache(vault, config)
    changes, stale = _find_changes(scan, cache)
    unchanged = not stale and not changes.deleted and not changes.renamed and cache.summary is not None
    if unchanged and not want_index:
        notes_count, counts, skipped, problems = cache.summary  # type: ignore[misc]
        summary = Summary(notes_count, dict(counts), skipped, [Problem(*problem) for problem in problems])
        return None, summary, changes

    notes = cache.notes() if cache.valid else None
    if notes is None:  # lost or torn notes file: read everything again
        notes, stale, changes = {}, list(scan.files), Changes(added=list(scan.files), rebuilt=True)
    files = dict(cache.files)
    for rel in changes.deleted:
        files.pop(rel, None)
        notes.pop(rel, None)
    for old, _new in changes.renamed:
        files.pop(old, None)
        notes.pop(old, None)
    for rel, note, problems in _parse_all(vault, stale, config.folders.kinds(), progress):
        stat: FileStat = scan.files[rel]
        files[rel] = (stat.mtime_ns, stat.size, stat.inode, problems)
        if note is None:
            notes.pop(rel, None)
        else:
            notes[rel] = note
    changes.read = len(stale)

    file_problems = list(scan.problems)
    for rel, entry in files.items():
        file_problems.extend(Problem(rel, line, severity, message) for line, severity, message in entry[3])
    index = VaultIndex([_note_from(rel, data) for rel, data in notes.items()], file_problems)
    counts: dict[str, int] = {}
    for note in index.notes:
        counts[note.type or "other"] = counts.get(note.type or "other", 0) + 1
    summary = Summary(len(index.notes), counts, len(files) - len(notes), index.problems)
    if stale or changes.any or changes.rebuilt or cache.summary is None:
        problem_rows = [(p.path, p.line, p.severity, p.message) for p in summary.problems]
        cache.save(files, notes, (summary.notes, counts, summary.skipped, problem_rows), started_ns)
    return index, summary, changes


def load_index(vault: Path, config: Config, progress: Progress | None = None) -> VaultIndex:
    """The up-to-date index of the vault."""
    index, _summary, _changes = refresh(vault, config, progress=progress)
    assert index is not None
    return index
