"""The index cache under ``.infoview/``: read a note again only when its file changed.

Two files: ``files`` (each note's stat and problems, small, enough to see that nothing
changed) and ``notes`` (the parsed notes). The cache is a convenience, never a source of
truth: a missing, stale, foreign or corrupt cache is rebuilt from the notes without a word.
``files`` starts with a checksum of itself and holds the checksum of ``notes``, so a cache
damaged in any byte is never believed.
"""

from __future__ import annotations

import hashlib
import itertools
import marshal
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from infoview.adapters.atomic import TEMP_SUFFIX, atomic_write
from infoview.adapters.scan import Scan, remove_stale_temp_file, scan_vault
from infoview.core.config import Config
from infoview.core.index import Changes, Summary, VaultIndex
from infoview.core.model import Note, Problem, sorted_problems
from infoview.core.problems import vault_problems
from infoview.core.schema import PropertyNames

CACHE_FORMAT = 11
# Each cache file is checked against a checksum (BLAKE2b, fast) before any of it is believed.
DIGEST_SIZE = 16
CACHE_DIR = Path(".infoview") / "cache"
GITIGNORE = "*\n!.gitignore\n!config.toml\n!templates/\n!templates/**\n"
# What earlier versions wrote: upgraded, so that templates kept beside the config reach git too.
OLD_GITIGNORE = "*\n!.gitignore\n!config.toml\n"
IGNORE_EVERYTHING = "*\n"
# A file changed within this window before the last cache write may share its mtime with an
# unseen later edit (coarse file-system clocks), so it is read again next time.
RACY_NS = 2_000_000_000
# Below this many notes to read, starting a second process costs more than it saves.
PARALLEL_MIN = 2000
# The child's share of a first read: under half, as the parent also takes in the child's results
# (measured on generated vaults of 10,000 people: 0.44 is fastest).
CHILD_SHARE = 0.44

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a FIFO named .md must not block the read

Progress = Callable[[int, int], None]
# How notes are read: each folder's kind of note, and the vault's names for infoview's properties.
Reading = tuple[dict[str, str], PropertyNames]
# (mtime_ns, size, inode, ctime_ns, problems as (line, severity, message) tuples)
FileEntry = tuple[int, int, int, int, tuple[tuple[int, str, str], ...]]


def ensure_infoview_dir(vault: Path) -> Path:
    """Create ``.infoview/`` with the ignore file that keeps caches out of git. In a folder that is
    not a vault yet (no config), the ignore file ignores itself too, so that reading leaves
    ``git status`` clean; once there is a config, it lets the config through."""
    folder = vault / ".infoview"
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    wanted = GITIGNORE if (folder / "config.toml").is_file() else IGNORE_EVERYTHING
    if not ignore.exists() or (
        wanted != IGNORE_EVERYTHING and _read_regular(ignore) in (IGNORE_EVERYTHING.encode(), OLD_GITIGNORE.encode())
    ):
        atomic_write(ignore, wanted.encode())
    return folder


def _settings_key(config: Config) -> tuple[str, ...]:
    """What the stored notes depend on besides the files: a change here reads every note again."""
    folders = config.folders
    more = repr(folders.more) if folders.more else ""
    names = repr(config.properties.extra) if config.properties.extra else ""
    return (folders.people, folders.interviews, folders.outreach, folders.templates, config.dashboard, more, names)


def _read_regular(path: Path) -> bytes | None:
    """A cache file's bytes; None when it is missing or not a regular file (a FIFO is never waited on)."""
    try:
        handle = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        chunks = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)


def _digest(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()


def _sealed(payload: bytes) -> bytes:
    """The payload behind its checksum: a cache damaged in any byte is seen as damaged."""
    return _digest(payload) + payload


def _read_sealed_marshal(path: Path) -> Any:
    data = _read_regular(path)
    if data is None or len(data) < DIGEST_SIZE:
        return None
    payload = memoryview(data)[DIGEST_SIZE:]
    if _digest(payload) != data[:DIGEST_SIZE]:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def _remove_stale_temp_files(folder: Path) -> None:
    """Temporary files a killed writer left in the cache folder."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(TEMP_SUFFIX):
                    remove_stale_temp_file(entry)
    except OSError:
        pass


class _Cache:
    """The cache as loaded: file entries always, notes only when asked for."""

    def __init__(self, vault: Path, config: Config, read: bool = True) -> None:
        self.folder = vault / CACHE_DIR
        self.settings = _settings_key(config)
        self.files: dict[str, FileEntry] = {}
        self.summary: tuple[Any, ...] | None = None
        self.written_ns = -1
        self.stamp = 0
        self.notes_digest = b""
        data: Any = _read_sealed_marshal(self.folder / "files") if read else None
        try:
            if data["format"] == CACHE_FORMAT and tuple(data["settings"]) == self.settings:
                self.files, self.summary = dict(data["files"]), data["summary"]
                self.notes_digest = bytes(data["notes_digest"])
                self.written_ns, self.stamp = int(data["written_ns"]), int(data["stamp"])
        except (TypeError, KeyError, ValueError):
            pass

    @property
    def valid(self) -> bool:
        return self.written_ns >= 0

    def notes(self) -> tuple[dict[str, tuple[Any, ...]], dict[str, Any]] | None:
        """The stored notes and the facts kept beside them, or None when they do not match the files table."""
        data = _read_regular(self.folder / "notes")
        if data is None or _digest(data) != self.notes_digest:
            return None
        try:
            records = _records(data)
            header = next(records)
            if header["stamp"] != self.stamp or not isinstance(header["kept"], dict):
                return None
            notes: dict[str, tuple[Any, ...]] = {}
            for chunk in records:
                if chunk is None:
                    return notes, header["kept"]
                notes.update(chunk)
        except (OSError, EOFError, ValueError, TypeError, KeyError, StopIteration):
            pass
        return None  # missing, torn or foreign: the caller reads the notes again

    def save(
        self,
        files: dict[str, FileEntry],
        notes: Callable[[], Iterator[dict[str, tuple[Any, ...]]]],
        kept: dict[str, Any],
        summary: tuple[Any, ...],
        written_ns: int,
    ) -> None:
        """Store the files table and the notes; ``notes`` gives them in chunks, so a large vault
        never sits in memory twice as marshal data."""
        stamp = time.time_ns()
        notes_digest = hashlib.blake2b(digest_size=DIGEST_SIZE)

        def notes_file() -> Iterator[bytes]:
            for value in itertools.chain([{"stamp": stamp, "kept": kept}], notes(), [None]):
                record = _record(value)  # None is the end: a file without it was cut short
                notes_digest.update(record)
                yield record

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ensure_infoview_dir(self.folder.parent.parent)
            _remove_stale_temp_files(self.folder)
            # No fsync: a cache torn by a crash is detected (stamps differ) and rebuilt.
            atomic_write(self.folder / "notes", notes_file(), durable=False)
            atomic_write(
                self.folder / "files",
                _sealed(
                    marshal.dumps(
                        {
                            "format": CACHE_FORMAT,
                            "settings": self.settings,
                            "written_ns": written_ns,
                            "stamp": stamp,
                            "notes_digest": notes_digest.digest(),
                            "files": files,
                            "summary": summary,
                        }
                    )
                ),
                durable=False,
            )
        except OSError:
            pass  # a read-only vault still answers; it just reads every note each time


def _record(value: Any) -> bytes:
    """One marshal record, preceded by its length so that reading needs no file object per record."""
    blob = marshal.dumps(value)
    return len(blob).to_bytes(8, "little") + blob


def _records(data: bytes) -> Iterator[Any]:
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        size = int.from_bytes(view[offset : offset + 8], "little")
        offset += 8
        if offset + size > len(data):
            raise EOFError("a record runs past the end of the file")
        yield marshal.loads(view[offset : offset + size])
        offset += size


# --- notes <-> plain data that marshal can store ---------------------------------------------


def stored_problem(path: str, line: int, severity: str, message: str) -> Problem:
    """A problem as the cache keeps it (plain text fields), checked back into a Problem."""
    return Problem(path, line, "error" if severity == "error" else "warning", message)


def _note_to(note: Note) -> tuple[Any, ...]:
    return (note.type, note.keys, note.values, note.raw_links, note.body_tags)


def _as_note(path: str, stored: Note | tuple[Any, ...], names: PropertyNames) -> Note:
    return stored if isinstance(stored, Note) else _note_from(path, stored, names)


def _note_from(path: str, cached: tuple[Any, ...], names: PropertyNames) -> Note:
    kind, keys, values, links, body_tags = cached
    return Note.from_parts(path, kind, keys, values, links, names, body_tags)


def _parse_files(vault: str, rels: Iterable[str], reading: Reading, keep_notes: bool = False) -> list[tuple[Any, ...]]:
    """Read and parse notes; for each: (rel, note or None, problem tuples, stat at read time).

    The note is a Note with ``keep_notes``, else its plain stored form (for another process).
    """
    from infoview.core.parse import parse_note  # a warm run with nothing changed never needs the parser

    prefix = vault + os.sep
    results: list[tuple[Any, ...]] = []
    for rel in rels:
        try:
            handle = os.open(prefix + rel, _READ_FLAGS)
            try:
                info = os.fstat(handle)
                data = os.read(handle, info.st_size + 1)
                if len(data) > info.st_size:  # growing while we read: take all there is
                    chunks = [data]
                    while chunk := os.read(handle, 1 << 20):
                        chunks.append(chunk)
                    data = b"".join(chunks)
            finally:
                os.close(handle)
        except OSError as error:
            results.append((rel, None, ((1, "warning", f"cannot be read: {error.strerror}; left out"),), (0, 0, 0, 0)))
            continue
        note, problems = parse_note(rel, data, *reading)
        if note is not None and not keep_notes:
            note = _note_to(note)  # type: ignore[assignment]
        found = tuple((problem.line, problem.severity, problem.message) for problem in problems) if problems else ()
        results.append((rel, note, found, (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)))
    return results


def _parse_all(
    vault: Path, rels: list[str], reading: Reading, progress: Progress | None, parallel: bool = True
) -> list[tuple[Any, ...]]:
    """Parse many notes; on Linux, with enough of them, half in a forked second process."""
    root = os.fspath(vault)
    if parallel and len(rels) >= PARALLEL_MIN and (os.cpu_count() or 1) > 1 and sys.platform == "linux":
        forked = _parse_forked(root, rels, reading, progress)
        if forked is not None:
            return forked
    return _parse_in_steps(root, rels, reading, progress, len(rels))


def _parse_in_steps(
    root: str, rels: list[str], reading: Reading, progress: Progress | None, total: int
) -> list[tuple[Any, ...]]:
    """Parse in about a hundred steps, reporting progress after each."""
    results: list[tuple[Any, ...]] = []
    step = max(1, len(rels) // 100)
    for start in range(0, len(rels), step):
        results.extend(_parse_files(root, rels[start : start + step], reading, keep_notes=True))
        if progress is not None:
            progress(len(results), total)
    return results


def _parse_forked(
    root: str, rels: list[str], reading: Reading, progress: Progress | None
) -> list[tuple[Any, ...]] | None:
    """The child parses the first ``CHILD_SHARE`` of the notes and sends its results back through
    a pipe as marshal data; None when no child could be started (the caller then parses
    everything itself)."""
    cut = int(len(rels) * CHILD_SHARE)  # contiguous shares: each process reads whole folders
    theirs, ours = rels[:cut], rels[cut:]
    try:
        read_end, write_end = os.pipe()
        child = os.fork()
    except OSError:
        return None
    if child == 0:  # the child: parse, send, leave without running the parent's cleanup
        status = 1
        try:
            os.close(read_end)
            payload = marshal.dumps(_parse_files(root, theirs, reading))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    results = _parse_in_steps(root, ours, reading, progress, len(rels))
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _pid, status = os.waitpid(child, 0)
    try:
        received = marshal.loads(payload) if status == 0 else None
    except (EOFError, ValueError, TypeError):
        received = None
    if not isinstance(received, list) or len(received) != len(theirs):
        received = _parse_files(root, theirs, reading)  # the child failed: do its share here
    results.extend(received)
    if progress is not None:
        progress(len(rels), len(rels))
    return results


# --- refresh ---------------------------------------------------------------------------------


def _find_changes(scan: Scan, cache: _Cache) -> tuple[Changes, list[str]]:
    changes = Changes(rebuilt=not cache.valid)
    racy_after = cache.written_ns - RACY_NS
    stale = []
    for rel, (mtime_ns, size, inode, ctime_ns) in scan.files.items():
        cached = cache.files.get(rel)
        if cached is None:
            changes.added.append(rel)
            stale.append(rel)
        elif cached[0] != mtime_ns or cached[1] != size or cached[2] != inode or cached[3] != ctime_ns:
            changes.modified.append(rel)
            stale.append(rel)
        elif mtime_ns >= racy_after:
            stale.append(rel)
    deleted = [rel for rel in cache.files if rel not in scan.files]
    gone = {(cache.files[rel][2], cache.files[rel][1], cache.files[rel][0]): rel for rel in deleted}
    for rel in list(changes.added):
        mtime_ns, size, inode, _ctime_ns = scan.files[rel]  # a rename changes the ctime
        old = gone.pop((inode, size, mtime_ns), None)
        if old is not None:
            changes.added.remove(rel)
            changes.renamed.append((old, rel))
    renamed_from = {old for old, _ in changes.renamed}
    changes.deleted = [rel for rel in deleted if rel not in renamed_from]
    return changes, stale


def refresh(
    vault: Path, config: Config, *, want_index: bool = True, progress: Progress | None = None, parallel: bool = True
) -> tuple[VaultIndex | None, Summary, Changes]:
    """Bring the cache up to date with the notes on disk.

    Returns the index (None when ``want_index`` is false and nothing changed, so that no note
    had to be loaded), a summary for ``index`` and ``check`` and what changed. ``parallel=False``
    never forks (a process with threads running, like ``watch``, must not).
    """
    started_ns = time.time_ns()
    cache = _Cache(vault, config)
    try:
        return _refresh(vault, config, cache, want_index, progress, parallel, started_ns)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        if not cache.valid:
            raise
        # A cache that passed its checksum but not its use (written by a different infoview, say):
        # forget it and read the notes.
        return _refresh(vault, config, _Cache(vault, config, read=False), want_index, progress, parallel, started_ns)


def _refresh(
    vault: Path,
    config: Config,
    cache: _Cache,
    want_index: bool,
    progress: Progress | None,
    parallel: bool,
    started_ns: int,
) -> tuple[VaultIndex | None, Summary, Changes]:
    scan = scan_vault(vault, config, with_stats=cache.valid)
    changes, stale = _find_changes(scan, cache)
    unchanged = not stale and not changes.deleted and not changes.renamed and cache.summary is not None
    if unchanged and not want_index:
        notes_count, stored_counts, skipped, problems = cache.summary  # type: ignore[misc]
        found = sorted_problems([*scan.problems, *(stored_problem(*problem) for problem in problems)])
        return None, Summary(notes_count, dict(stored_counts), skipped, found), changes

    stored = cache.notes() if cache.valid else None
    files = dict(cache.files)
    if stored is None:  # lost or torn notes file: read everything again
        stored, stale, changes = ({}, {}), list(scan.files), Changes(added=list(scan.files), rebuilt=True)
        unchanged, files = False, {}
    stored_notes, kept = stored
    notes = _read_changes(vault, config, files, stored_notes, stale, changes, progress, parallel)
    # Problems met while walking the folders (links out of the vault, conflict copies) are found
    # anew each time; the rest come from the notes and are kept while the notes do not change.
    known = (
        sorted_problems([*scan.problems, *(stored_problem(*row) for row in cache.summary[3])])
        if unchanged and cache.summary is not None
        else None
    )
    file_problems = list(scan.problems)
    for rel, entry in files.items():
        file_problems.extend(stored_problem(rel, line, severity, message) for line, severity, message in entry[4])
    index = VaultIndex(notes, file_problems, known, kept if unchanged else None)
    counts: dict[str, int] = {}
    for note in index.notes:
        counts[note.type or "other"] = counts.get(note.type or "other", 0) + 1
    summary = Summary(len(index.notes), counts, len(files) - len(index.notes), vault_problems(index))
    if stale or changes.any or changes.rebuilt or cache.summary is None:
        _save(cache, index, files, summary, set(scan.problems), started_ns)
    return index, summary, changes


def _read_changes(
    vault: Path,
    config: Config,
    files: dict[str, FileEntry],
    stored_notes: dict[str, Any],
    stale: list[str],
    changes: Changes,
    progress: Progress | None,
    parallel: bool,
) -> list[Note]:
    """The notes after reading what changed: ``files`` updated in place, deleted and renamed
    notes dropped, and every note as a Note (the stored form is let go as it is converted, so a
    large vault is never held twice in memory)."""
    for rel in changes.deleted:
        files.pop(rel, None)
        stored_notes.pop(rel, None)
    for old, _new in changes.renamed:
        files.pop(old, None)
        stored_notes.pop(old, None)
    parsed = _parse_all(vault, stale, (config.folders.kinds(), config.properties), progress, parallel)
    for rel, note, problems, (mtime_ns, size, inode, ctime_ns) in parsed:
        files[rel] = (mtime_ns, size, inode, ctime_ns, problems)
        if note is None:
            stored_notes.pop(rel, None)
        else:
            stored_notes[rel] = note
    del parsed  # a large vault's worth of small tuples
    changes.read = len(stale)
    return [_as_note(rel, stored_notes.pop(rel), config.properties) for rel in list(stored_notes)]


def _save(
    cache: _Cache,
    index: VaultIndex,
    files: dict[str, FileEntry],
    summary: Summary,
    walked: set[Problem],
    started_ns: int,
) -> None:
    """Store what this run read; problems met while walking the folders are found anew each time."""
    problem_rows = [(p.path, p.line, p.severity, p.message) for p in summary.problems if p not in walked]

    def chunks() -> Iterator[dict[str, tuple[Any, ...]]]:
        for start in range(0, len(index.notes), 4096):
            yield {note.path: _note_to(note) for note in index.notes[start : start + 4096]}

    cache.save(
        files,
        chunks,
        index.facts_to_keep(),
        (summary.notes, summary.counts, summary.skipped, problem_rows),
        started_ns,
    )


def load_index(vault: Path, config: Config, progress: Progress | None = None) -> VaultIndex:
    """The up-to-date index of the vault."""
    index, _summary, _changes = refresh(vault, config, progress=progress)
    assert index is not None
    return index
