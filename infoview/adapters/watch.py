"""Watching the vault: filesystem events, filtered and debounced into few refreshes.

Each refresh is the same stat-based reconcile as ``infoview index``, so whatever events were
missed or merged (editor save dances, a checkout of hundreds of files, a kernel queue overflow),
the index after it equals a full rescan.
"""

from __future__ import annotations

import errno
import logging
import os
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from infoview.core.config import Config

ARTEFACT_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".infoview-tmp", ".crswap", ".orig", ".bak")
ARTEFACT_MARKERS = (".sync-conflict-", "conflicted copy", "_BACKUP_", "_BASE_", "_LOCAL_", "_REMOTE_")
FULL_RESCAN = "<rescan>"


def relevant_path(rel: str, config: Config, is_directory: bool = False) -> bool:
    """Whether a change at this vault-relative path can change the index."""
    parts = rel.split("/")
    if not rel or any(part.startswith(".") for part in parts):
        return False
    if parts[0].casefold() == config.folders.templates.casefold():
        return False
    if is_directory:
        return True
    name = parts[-1]
    if not name.lower().endswith(".md") or name.endswith(ARTEFACT_SUFFIXES):
        return False
    if any(marker in name for marker in ARTEFACT_MARKERS):
        return False
    return rel.casefold() != config.dashboard.casefold()


class Batches:
    """Paths gathered from events, handed out once the vault has been quiet for a moment."""

    def __init__(self, quiet: float, cap: float) -> None:
        self.quiet = quiet
        self.cap = cap
        self._paths: set[str] = set()
        self._first = 0.0
        self._last = 0.0
        self._lock = threading.Lock()
        self._wake = threading.Event()

    def add(self, path: str) -> None:
        with self._lock:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.add(path)
            self._last = now
        self._wake.set()

    def wait(self, stop: threading.Event, timeout: float) -> set[str]:
        """The next batch: after ``quiet`` seconds without events (at most ``cap`` after the first);
        an empty set when ``timeout`` passes without any event or ``stop`` is set."""
        deadline = time.monotonic() + timeout
        while not stop.is_set():
            with self._lock:
                pending = bool(self._paths)
                now = time.monotonic()
                if pending and (now - self._last >= self.quiet or now - self._first >= self.cap):
                    batch, self._paths = self._paths, set()
                    self._wake.clear()
                    return batch
                wait_for = (min(self._last + self.quiet, self._first + self.cap) - now) if pending else deadline - now
            if not pending and wait_for <= 0:
                return set()
            self._wake.wait(max(0.01, min(wait_for, 0.25)))
            self._wake.clear()
        return set()


class _Handler(FileSystemEventHandler):
    def __init__(self, vault: Path, config: Config, batches: Batches) -> None:
        self.prefix = os.fspath(vault) + os.sep  # the vault path is resolved, as the observer reports it
        self.config = config
        self.batches = batches

    def _relative(self, path: str | bytes) -> str | None:
        text = os.fsdecode(path)
        if not text.startswith(self.prefix):
            return None
        return text[len(self.prefix) :].replace(os.sep, "/")

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if not path:
                continue
            rel = self._relative(path)
            if rel is not None and relevant_path(rel, self.config, event.is_directory):
                self.batches.add(rel)


class _OverflowWatch(logging.Handler):
    """watchdog logs when the kernel dropped events; a full reconcile makes up for them."""

    def __init__(self, batches: Batches) -> None:
        super().__init__(logging.WARNING)
        self.batches = batches

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.batches.add(FULL_RESCAN)


def start_observer(vault: Path, config: Config, batches: Batches, say: Callable[[str], None]) -> BaseObserver:
    """A running observer on the vault; falls back to polling when inotify's limits are reached."""
    handler = _Handler(vault, config, batches)
    logging.getLogger("watchdog").addHandler(_OverflowWatch(batches))
    # watchdog notes its own bookkeeping when folders appear fast (a git checkout); not for users.
    warnings.filterwarnings("ignore", message="Callback with id", category=RuntimeWarning)
    observer: BaseObserver = Observer()
    try:
        observer.schedule(handler, str(vault), recursive=True)
        observer.start()
        return observer
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EMFILE):
            raise
        say(
            "the system's limit on watched folders is reached (raise fs.inotify.max_user_watches, or "
            "fs.inotify.max_user_instances, with sysctl); checking the vault every second instead"
        )
    observer = PollingObserver(timeout=1)
    observer.schedule(handler, str(vault), recursive=True)
    observer.start()
    return observer
