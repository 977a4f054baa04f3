"""The vault's settings, from ``.infoview/config.toml``; every key has a default."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from infoview.core.errors import ConfigError
from infoview.core.model import CALENDAR_YEARS, windows_name_problem
from infoview.core.schema import DEFAULT_NAMES, KNOWN_PROPERTIES, PropertyNames, loose_name

CONFIG_PATH = ".infoview/config.toml"
DEFAULT_TEMPLATES = ".infoview/templates"
MAX_FOLLOWUP_DAYS = 3650  # ten years: the calendar arithmetic stays well inside CALENDAR_YEARS
MAX_GOAL_COUNT = 1000


@dataclass(frozen=True)
class Me:
    """Who the vault belongs to, for outreach messages and prep sheets."""

    name: str = ""
    intro: str = ""
    bio: str = ""
    availability: str = ""
    timezone: str = ""  # an IANA name (Europe/Zurich); empty: the machine's own zone


@dataclass(frozen=True)
class CalendarSettings:
    """What ``export ics`` puts in the calendar."""

    # An unsent follow-up note due longer ago than this is left out of the calendar.
    followups_within_days: int = 60


@dataclass(frozen=True)
class Goal:
    """A cadence goal (``count`` interviews per ``per``) in force from ``since`` on."""

    since: date
    count: int
    per: str


@dataclass(frozen=True)
class Folders:
    """Where each kind of note lives. ``people``, ``interviews`` and ``outreach`` are where infoview
    makes new notes (the first folder the config lists); ``more`` holds the other folders listed
    (``interviews = ["Interviews", "Meetings"]``), as (folder, kind) pairs."""

    people: str = "People"
    interviews: str = "Interviews"
    outreach: str = "Outreach"
    # infoview's own templates: beside the config, where no Obsidian or Templater template folder is.
    templates: str = DEFAULT_TEMPLATES
    more: tuple[tuple[str, str], ...] = ()

    def kinds(self) -> dict[str, str]:
        """Folder names (case-folded) mapped to the kind of note they hold."""
        found = {folder.casefold(): kind for folder, kind in self.more}
        found.update(
            {
                self.people.casefold(): "person",
                self.interviews.casefold(): "interview",
                self.outreach.casefold(): "outreach",
            }
        )
        return found


DEFAULT_GOALS = (Goal(since=date(1900, 1, 1), count=1, per="month"),)
# Mostly deep in your field, some wide, a little random: shares of done calls.
DEFAULT_BREADTH = {"deep": 0.6, "wide": 0.3, "random": 0.1}


@dataclass(frozen=True)
class Config:
    followup_days: int = 90
    # How long a cancelled, missed or moved call stays in `due` as "reschedule or let it go".
    reschedule_days: int = 21
    dashboard: str = "Dashboard.md"
    me: Me = field(default_factory=Me)
    pitches: dict[str, str] = field(default_factory=dict)
    # Headings that ``learnings`` gathers from done calls besides the takeaways.
    learning_sections: tuple[str, ...] = ()
    goals: tuple[Goal, ...] = DEFAULT_GOALS
    folders: Folders = field(default_factory=Folders)
    breadth: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_BREADTH))
    sync_pull: str = "merge"  # how `sync` brings in the other devices' commits: "merge" or "rebase"
    calendar: CalendarSettings = field(default_factory=CalendarSettings)
    # The vault's own names for infoview's properties (``[properties] title = ["Position"]``).
    properties: PropertyNames = DEFAULT_NAMES

    def goal_on(self, day: date) -> Goal | None:
        """The goal in force on a day; None before the first goal's ``since``."""
        current = None
        for goal in self.goals:
            if goal.since <= day:
                current = goal
        return current

    def goal_for(self, start: date, end: date) -> Goal | None:
        """The goal that judges the period from ``start`` to ``end``: the one in force at its start,
        else the first goal that begins within it; None when no goal applies yet."""
        at_start = self.goal_on(start)
        if at_start is not None:
            return at_start
        return next((goal for goal in self.goals if start <= goal.since <= end), None)


def parse_config(text: str) -> Config:
    """Validate config text; raises ConfigError naming the line and key of the first mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or _line_from_message(str(error))
        raise ConfigError(CONFIG_PATH, line, f"invalid TOML: {str(error).split(' (at')[0]}") from None
    return _Validator(text).config(data)


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1


class _Validator:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line_of(self, key: str, table: str | None = None, occurrence: int = 0) -> int:
        """The line that sets ``key`` (inside ``[table]`` when given; inside its ``occurrence``-th
        copy for an array of tables like ``[[goals]]``), for error messages."""
        in_table = table is None
        seen = -1
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                name = stripped.strip("[]").strip()
                if table is None and name == key:
                    return number  # an unknown table: its header line
                if table is not None and name == table:
                    seen += 1
                    in_table = seen == occurrence
                    if in_table and key == "":
                        return number
                    continue
                in_table = False
                continue
            if in_table and re.match(rf"{re.escape(key)}\s*=", stripped):
                return number
        return 1

    def fail(self, key: str, message: str, table: str | None = None, occurrence: int = 0) -> ConfigError:
        shown = f"{table}.{key}" if table and key else (table or key)
        return ConfigError(CONFIG_PATH, self.line_of(key, table, occurrence), f"{shown}: {message}")

    def text(self, data: dict[str, Any], key: str, table: str | None, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "must be text in double quotes", table)
        return value

    def config(self, data: dict[str, Any]) -> Config:
        known = {
            "followup_days",
            "reschedule_days",
            "dashboard",
            "me",
            "pitches",
            "goals",
            "folders",
            "breadth",
            "sync",
            "learnings",
            "calendar",
            "properties",
        }
        for key in data:
            if key not in known:
                raise self.fail(key, f"unknown setting; the settings are {', '.join(sorted(known))}")
        followup_days = data.get("followup_days", Config.followup_days)
        if (
            not isinstance(followup_days, int)
            or isinstance(followup_days, bool)
            or not 1 <= followup_days <= MAX_FOLLOWUP_DAYS
        ):
            raise self.fail(
                "followup_days", f"must be a whole number of days from 1 to {MAX_FOLLOWUP_DAYS} (ten years), like 90"
            )
        reschedule_days = data.get("reschedule_days", Config.reschedule_days)
        if not isinstance(reschedule_days, int) or isinstance(reschedule_days, bool) or not 0 <= reschedule_days <= 366:
            raise self.fail("reschedule_days", "must be a whole number of days from 0 to 366, like 21")
        dashboard = self.text(data, "dashboard", None, Config.dashboard)
        if not dashboard.endswith(".md") or dashboard.startswith(("/", ".")) or ".." in dashboard.split("/"):
            raise self.fail("dashboard", 'must be a note path inside the vault, like "Dashboard.md"')
        return Config(
            followup_days=followup_days,
            reschedule_days=reschedule_days,
            dashboard=dashboard,
            me=self.me(data.get("me", {})),
            pitches=self.pitches(data.get("pitches", {})),
            learning_sections=self.learnings(data.get("learnings", {})),
            goals=self.goals(data.get("goals")),
            folders=self.folders(data.get("folders", {})),
            breadth=self.breadth(data.get("breadth")),
            sync_pull=self.sync_pull(data.get("sync", {})),
            calendar=self.calendar(data.get("calendar", {})),
            properties=self.properties(data.get("properties", {})),
        )

    def table(self, value: Any, name: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(name, f"must be a table, written [{name}]")
        return value

    def me(self, value: Any) -> Me:
        me = self.table(value, "me")
        fields = ("name", "intro", "bio", "availability", "timezone")
        for key in me:
            if key not in fields:
                raise self.fail(key, f"unknown setting; [me] takes {', '.join(fields)}", "me")
        settings = Me(**{key: self.text(me, key, "me", "") for key in fields})
        if settings.timezone:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only when a zone is set

            try:
                ZoneInfo(settings.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                raise self.fail(
                    "timezone",
                    f'unknown time zone {settings.timezone!r}; write an IANA name like "Europe/Zurich"',
                    "me",
                ) from None
        return settings

    def calendar(self, value: Any) -> CalendarSettings:
        calendar = self.table(value, "calendar")
        for key in calendar:
            if key != "followups_within_days":
                raise self.fail(key, "unknown setting; [calendar] takes followups_within_days", "calendar")
        days = calendar.get("followups_within_days", CalendarSettings.followups_within_days)
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 3660:
            raise self.fail(
                "followups_within_days", "must be a whole number of days from 0 to 3660, like 60", "calendar"
            )
        return CalendarSettings(followups_within_days=days)

    def pitches(self, value: Any) -> dict[str, str]:
        pitches = self.table(value, "pitches")
        return {key: self.text(pitches, key, "pitches", "") for key in pitches}

    def sync_pull(self, value: Any) -> str:
        sync = self.table(value, "sync")
        for key in sync:
            if key != "pull":
                raise self.fail(key, "unknown setting; [sync] takes pull", "sync")
        pull = self.text(sync, "pull", "sync", Config.sync_pull)
        if pull not in ("merge", "rebase"):
            raise self.fail("pull", 'must be "merge" or "rebase"', "sync")
        return pull

    def folders(self, value: Any) -> Folders:
        folders = self.table(value, "folders")
        names = ("people", "interviews", "outreach", "templates")
        for key in folders:
            if key not in names:
                raise self.fail(key, f"unknown folder; [folders] takes {', '.join(names)}", "folders")
        chosen = {key: self.folder_list(folders, key) for key in names}
        if len(chosen["templates"]) > 1:
            raise self.fail("templates", "must be one folder", "folders")
        more = tuple(
            (folder, kind)
            for key, kind in (("people", "person"), ("interviews", "interview"), ("outreach", "outreach"))
            for folder in chosen[key][1:]
        )
        return Folders(**{key: listed[0] for key, listed in chosen.items()}, more=more)

    def folder_list(self, folders: dict[str, Any], key: str) -> list[str]:
        """One folder name, or a list of them (``["Interviews", "Meetings"]``), each checked."""
        value = folders.get(key, getattr(Folders, key))
        listed = [value] if isinstance(value, str) else value
        if not isinstance(listed, list) or not listed or not all(isinstance(item, str) for item in listed):
            raise self.fail(
                key, 'must be a folder name in double quotes, or a list like ["Interviews", "Meetings"]', "folders"
            )
        for folder in listed:
            if key == "templates" and folder == DEFAULT_TEMPLATES:
                continue
            if not folder or folder.startswith(".") or "/" in folder or "\\" in folder:
                raise self.fail(key, "must be the name of one folder at the top of the vault", "folders")
            problem = windows_name_problem(folder)
            if problem is not None:
                raise self.fail(key, f"{folder!r}: {problem}", "folders")
        return listed

    def properties(self, value: Any) -> PropertyNames:
        """The vault's own names for infoview's properties: ``title = ["Position", "Role"]``."""
        table = self.table(value, "properties")
        taken: dict[str, str] = {}
        mapping: dict[str, tuple[str, ...]] = {}
        for field_name, names in table.items():
            if field_name not in KNOWN_PROPERTIES:
                raise self.fail(
                    field_name, f"not a property infoview knows; map one of {', '.join(KNOWN_PROPERTIES)}", "properties"
                )
            listed = [names] if isinstance(names, str) else names
            if not isinstance(listed, list) or not all(isinstance(name, str) and name.strip() for name in listed):
                raise self.fail(
                    field_name, 'must be a name or a list of names, like ["Position", "Role"]', "properties"
                )
            for name in listed:
                other = taken.get(loose_name(name)) or DEFAULT_NAMES.field_of(name)
                if other is not None and other != field_name:
                    raise self.fail(
                        field_name, f"{name!r} already stands for {other}; give each name once", "properties"
                    )
                taken[loose_name(name)] = field_name
            mapping[field_name] = tuple(listed)
        return PropertyNames(mapping) if mapping else DEFAULT_NAMES

    def breadth(self, value: Any) -> dict[str, float]:
        """The target mix, as shares of done calls; written as percentages (deep = 60)."""
        if value is None:
            return dict(DEFAULT_BREADTH)
        mix = self.table(value, "breadth")
        for key, share in mix.items():
            if key not in DEFAULT_BREADTH:
                raise self.fail(key, "unknown setting; [breadth] takes deep, wide and random", "breadth")
            if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 <= share <= 100:
                raise self.fail(key, "must be a percentage from 0 to 100, like 60", "breadth")
        if round(sum(mix.values())) != 100 or set(mix) != set(DEFAULT_BREADTH):
            raise self.fail("", "deep, wide and random must add up to 100", "breadth")
        return {key: mix[key] / 100 for key in DEFAULT_BREADTH}

    def learnings(self, value: Any) -> tuple[str, ...]:
        """Extra headings to gather, like ``sections = ["Surprises", "Advice"]``."""
        table = self.table(value, "learnings")
        for key in table:
            if key != "sections":
                raise self.fail(key, "unknown setting; [learnings] takes sections", "learnings")
        sections = table.get("sections", [])
        if not isinstance(sections, list) or not all(isinstance(item, str) and item.strip() for item in sections):
            raise self.fail("sections", 'must be a list of headings, like ["Surprises", "Advice"]', "learnings")
        return tuple(item.strip() for item in sections)

    def goals(self, value: Any) -> tuple[Goal, ...]:
        if value is None:
            return DEFAULT_GOALS
        if not isinstance(value, list) or not value or not all(isinstance(item, dict) for item in value):
            raise self.fail("goals", "write each goal as a [[goals]] table with since, count and per")
        goals = []
        for position, item in enumerate(value):
            for key in item:
                if key not in ("since", "count", "per"):
                    raise self.fail(key, "unknown setting; [[goals]] takes since, count and per", "goals", position)
            since = item.get("since", date(1900, 1, 1))
            if isinstance(since, datetime):
                since = since.date()
            if not isinstance(since, date):
                raise self.fail("since", "must be a date, like 2025-01-01 (no quotes)", "goals", position)
            if since.year not in CALENDAR_YEARS:
                raise self.fail(
                    "since",
                    f"must be a date in the years {CALENDAR_YEARS[0]} to {CALENDAR_YEARS[-1]}",
                    "goals",
                    position,
                )
            count = item.get("count", 1)
            if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_GOAL_COUNT:
                raise self.fail(
                    "count", f"must be a whole number of interviews from 1 to {MAX_GOAL_COUNT}", "goals", position
                )
            per = item.get("per", "month")
            if per not in ("week", "month"):
                raise self.fail("per", 'must be "week" or "month"', "goals", position)
            goals.append(Goal(since=since, count=count, per=per))
        return tuple(sorted(goals, key=lambda goal: goal.since))
