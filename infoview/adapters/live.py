"""The live vault: the dashboard note, and ``watch`` keeping it and the index current."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from infoview.adapters.atomic import atomic_write
from infoview.adapters.cache import refresh
from infoview.adapters.lock import vault_write_lock
from infoview.adapters.paths import resolves_inside
from infoview.adapters.prep import judge_preps
from infoview.core.analysis.due import due_items
from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import build_referrals, person_kinds
from infoview.core.analysis.report import build_report
from infoview.core.config import Config
from infoview.core.errors import InfoviewError
from infoview.core.index import Changes, VaultIndex
from infoview.core.model import Problem
from infoview.views.dashboard import MARKER, render_dashboard

DUE_WITHIN_DAYS = 14


@dataclass(frozen=True)
class WatchTimings:
    """How long ``watch`` waits, in seconds: the defaults suit a person at an editor; tests pass short ones."""

    quiet: float = 0.3  # a batch of changes is handed over after this long without an event...
    cap: float = 2.0  # ...or this long after its first event, for a vault that never stops changing
    retry_window: float = 2.0  # an invalid note written this recently may be half written: look again
    reconcile: float = 300.0  # a full reconcile at least this often, for events the system dropped


def render_dashboard_for(vault: Path, index: VaultIndex, config: Config, today: date) -> tuple[str, int]:
    """The dashboard note's text, and how many things are due today (one analysis for both)."""
    practice = Practice(index)
    graph = build_referrals(practice)
    kinds = person_kinds(graph, practice, today)
    prepared = judge_preps(vault, config, practice, today)
    due = due_items(practice, graph, config, today, DUE_WITHIN_DAYS, prepared)
    text = render_dashboard(build_report(practice, config, today), due, graph, kinds, today)
    return text, sum(1 for item in due if item.due <= today)


def dashboard_text(vault: Path, index: VaultIndex, config: Config, today: date) -> str:
    return render_dashboard_for(vault, index, config, today)[0]


def write_dashboard(vault: Path, config: Config, index: VaultIndex, today: date) -> bool:
    """Write the dashboard note; False when it already says exactly this (then it is not touched)."""
    return write_dashboard_text(vault, config, dashboard_text(vault, index, config, today))


def write_dashboard_text(vault: Path, config: Config, text: str) -> bool:
    """Write the dashboard's text unless it is already there. A file at that path that infoview
    did not make is never overwritten."""
    # A link inside the vault is followed (its file written, the link kept); one that leads out of
    # it (a cloned vault can carry one) is refused, as for notes.
    target = Path(os.path.realpath(vault / config.dashboard))
    if not resolves_inside(vault, target):
        raise InfoviewError(
            f"{config.dashboard} is a link to a file outside the vault; nothing was written "
            "(delete the link, and infoview writes the dashboard in its place)"
        )
    data = text.encode("utf-8")
    try:
        existing = target.read_bytes()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise InfoviewError(f"{config.dashboard}: cannot read it ({error.strerror}); nothing was written") from None
    if existing == data:
        return False
    if existing is not None and not existing.startswith(MARKER.encode()):
        raise InfoviewError(
            f"{config.dashboard} exists and was not made by infoview; nothing was written "
            '(rename that note, or set another name with dashboard = "..." in .infoview/config.toml)'
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
    return True


def describe(changes: Changes) -> str:
    parts = []
    for label, paths in (("added", changes.added), ("changed", changes.modified), ("deleted", changes.deleted)):
        if paths:
            shown = ", ".join(sorted(paths)[:2]) + (f" and {len(paths) - 2} more" if len(paths) > 2 else "")
            parts.append(f"{label} {shown}")
    if changes.renamed:
        old, new = sorted(changes.renamed)[0]
        more = f" and {len(changes.renamed) - 1} more" if len(changes.renamed) > 1 else ""
        parts.append(f"renamed {old} -> {new}{more}")
    return "; ".join(parts)


class LiveVault:
    """One refresh per batch of changes: the index, the dashboard, a line of output, new problems once."""

    def __init__(
        self,
        vault: Path,
        config: Config,
        today: Callable[[], date],
        say: Callable[[str], None],
        warn: Callable[[str], None],
        retry_window: float,
    ) -> None:
        self.vault = vault
        self.config = config
        self.today = today
        self.say = say
        self.warn = warn
        self.retry_window = retry_window
        self.reported: set[Problem] = set()
        self.refreshes = 0
        self.dashboard_error = ""
        self.parallel = True  # until the observer's threads run: forking then is not safe

    def refresh(self, recent: set[str] | None = None) -> set[str]:
        """Bring index and dashboard up to date; returns notes that looked half-written (to retry)."""
        index, summary, changes = refresh(self.vault, self.config, parallel=self.parallel)
        assert index is not None
        today = self.today()
        text, due_today = render_dashboard_for(self.vault, index, self.config, today)
        try:
            with vault_write_lock(self.vault):
                dashboard_changed = write_dashboard_text(self.vault, self.config, text)
        except InfoviewError as error:
            dashboard_changed = False
            if str(error) != self.dashboard_error:
                self.dashboard_error = str(error)
                self.warn(f"dashboard not written: {error}")
        retry: set[str] = set()
        now = time.time()
        current = set(summary.problems)
        for problem in sorted(current - self.reported, key=lambda p: (p.path, p.line)):
            half_written = (
                recent is not None
                and problem.path in recent
                and problem.severity == "error"
                and self._recently_modified(problem.path, now)
            )
            if half_written:
                retry.add(problem.path)
                continue
            self.warn(str(problem))
        self.reported = {problem for problem in current if problem.path not in retry}
        if recent is None:
            return retry
        if changes.any or dashboard_changed:
            self.refreshes += 1
            what = describe(changes) or "dashboard updated"
            self.say(f"{time.strftime('%H:%M:%S')} {what} · {len(index.notes)} notes · {due_today} due today")
        return retry

    def _recently_modified(self, rel: str, now: float) -> bool:
        try:
            return now - (self.vault / rel).stat().st_mtime < self.retry_window
        except OSError:
            return False


def run_watch(
    vault: Path,
    config: Config,
    today: Callable[[], date],
    say: Callable[[str], None],
    warn: Callable[[str], None],
    stop: threading.Event,
    timings: WatchTimings | None = None,
) -> LiveVault:
    """Watch until ``stop`` is set: one line when ready, then one line per refresh."""
    from infoview.adapters.watch import Batches, start_observer

    timings = timings or WatchTimings()
    live = LiveVault(vault, config, today, say, warn, timings.retry_window)
    batches = Batches(timings.quiet, timings.cap)
    live.refresh()  # the first, possibly long, read: before any thread runs
    live.parallel = False
    observer = start_observer(vault, config, batches, warn)
    try:
        live.refresh(set())  # whatever changed while the observer started
        say(f"watching {vault} ({config.dashboard} kept current); Ctrl-C to stop")
        retry: set[str] = set()
        while not stop.is_set():
            batch = batches.wait(stop, timings.reconcile)
            if stop.is_set():
                break
            if not batch and not retry:
                batch = set()  # the periodic reconcile: cheap, and catches anything missed
            pending_retry, retry = retry, set()
            retry = live.refresh(batch | pending_retry)
            if retry:
                for path in retry:
                    batches.add(path)  # look again once the writer has finished
    finally:
        observer.stop()
        observer.join(timeout=5)
    return live
