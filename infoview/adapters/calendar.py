"""What the calendar export needs from the machine: the time zone, and when each note last changed."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from infoview.core.analysis.practice import Practice
from infoview.core.config import Config
from infoview.core.index import VaultIndex
from infoview.views.ics import build_calendar


def machine_zone() -> tzinfo:
    """The machine's own IANA zone: $TZ, else where /etc/localtime points, else /etc/timezone, else UTC."""
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        candidates.append(os.readlink("/etc/localtime").split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return UTC


def calendar_zone(config: Config) -> tzinfo:
    """The zone timed calls are written in: the config's ``[me] timezone``, else the machine's."""
    return ZoneInfo(config.me.timezone) if config.me.timezone else machine_zone()


def last_changed(vault: Path, paths: list[str]) -> dict[str, datetime]:
    """When each note last changed, to the second, and never later than now (a clock ahead on
    another machine must not date an event in the future)."""
    now = time.time()
    changed = {}
    for path in paths:
        try:
            seconds = min(os.stat(vault / path).st_mtime, now)
        except OSError:
            continue
        changed[path] = datetime.fromtimestamp(int(seconds), tz=UTC)
    return changed


def calendar_for(vault: Path, config: Config, index: VaultIndex, today: date) -> bytes:
    """The vault's calls and follow-ups as iCalendar bytes."""
    practice = Practice(index)
    notes = [note.path for note in index.notes if note.type in ("interview", "person")]
    return build_calendar(practice, config, today, calendar_zone(config), last_changed(vault, notes))
