"""Filters for ``infoview ls``: which notes match a type, status, tag, date range or property test."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from infoview.core.errors import UsageError
from infoview.core.index import VaultIndex
from infoview.core.links import links_in
from infoview.core.model import Note, parse_date

Predicate = Callable[[Note], bool]
_CONDITION = re.compile(r"\s*([^=!<>~]+?)\s*(!=|>=|<=|=|~|<|>)\s*(.*)\Z", re.DOTALL)


def normalize_tag(tag: str) -> str:
    """Tags compare ignoring case and a leading ``#``: ``#Person/Warm`` is ``person/warm``."""
    return tag.strip().lstrip("#").casefold()


Resolver = Callable[[str], str]


def _texts(value: Any, resolve: Resolver | None) -> list[str]:
    """A property value as the texts it can match: each list item, and for a link the name as
    written and the name of the note it leads to (an alias or ``[[Anna|Annie]]`` finds Anna)."""
    items = value if isinstance(value, list) else [value]
    texts = [
        ("true" if item else "false") if isinstance(item, bool) else str(item)
        for item in items
        if item is not None and not isinstance(item, (list, dict))
    ]
    found, _rejects = links_in(value)
    for target, form, _position in found:
        if form != "bare":
            texts.append(target)
        if resolve is not None:
            texts.append(resolve(target))
    return texts


def _ordered(text: str) -> tuple[int, Any]:
    """A value that compares as a date, a number or text, in that order of preference."""
    moment = parse_date(text)
    if moment:
        return (0, moment.isoformat())
    try:
        return (1, float(text))
    except ValueError:
        return (2, text.casefold())


def _same_moment(wanted: str, texts: list[str]) -> bool:
    """A date given as YYYY-MM-DD matches any time that day; a date-time matches however it is written."""
    moment = parse_date(wanted)
    if not moment:
        return False
    for text in texts:
        have = parse_date(text)
        if not have:
            continue
        if len(wanted.strip()) == 10:
            if have.isoformat()[:10] == moment.isoformat():
                return True
        elif have == moment:
            return True
    return False


@dataclass(frozen=True)
class Condition:
    """One ``--where`` test: ``key=value``, ``key!=value``, ``key~text`` (contains), ``key>value``,
    ``key>=value``, ``key<value``, ``key<=value``; ``key=`` matches notes without the property."""

    key: str
    operator: str
    value: str
    resolve: Resolver | None = None

    @classmethod
    def parse(cls, text: str, resolve: Resolver | None = None) -> Condition:
        match = _CONDITION.match(text)
        if match is None:
            raise UsageError(
                f"--where {text!r}: write KEY=VALUE "
                "(or KEY!=VALUE, KEY~TEXT, KEY>VALUE, KEY<VALUE, KEY>=VALUE, KEY<=VALUE)"
            )
        return cls(match.group(1), match.group(2), match.group(3).strip(), resolve)

    def __call__(self, note: Note) -> bool:
        value = note.get(self.key)
        raw_texts = _texts(value, self.resolve)
        texts = [text.casefold() for text in raw_texts]
        wanted = self.value.casefold()
        present = value not in (None, "", [])
        if self.operator == "=":
            return (not present) if wanted == "" else wanted in texts or _same_moment(self.value, raw_texts)
        if self.operator == "!=":
            return present if wanted == "" else not (wanted in texts or _same_moment(self.value, raw_texts))
        if self.operator == "~":
            return any(wanted in text for text in texts)
        target = _ordered(self.value)
        day_only = len(self.value.strip()) == 10 and target[0] == 0
        for text in raw_texts:
            have = _ordered(text)
            if day_only and have[0] == 0:
                have = (0, have[1][:10])  # a date compares with the day of a date-time
            if have[0] != target[0]:
                continue
            if (
                (self.operator == ">" and have > target)
                or (self.operator == ">=" and have >= target)
                or (self.operator == "<" and have < target)
                or (self.operator == "<=" and have <= target)
            ):
                return True
        return False


def parse_day(text: str, option: str) -> date:
    moment = parse_date(text)
    if moment is False:
        raise UsageError(f"{option} {text!r}: not a real date")
    if not moment:
        raise UsageError(f"{option} {text!r}: write a date as YYYY-MM-DD")
    day = moment.date() if isinstance(moment, datetime) else moment
    if not 1900 <= day.year <= 2999:
        raise UsageError(f"{option} {text!r}: give a year between 1900 and 2999")
    return day


def build_filter(
    *,
    types: Iterable[str] = (),
    statuses: Iterable[str] = (),
    tags: Iterable[str] = (),
    where: Iterable[str] = (),
    since: date | None = None,
    until: date | None = None,
    resolve: Resolver | None = None,
) -> Predicate:
    """One predicate from all of ``ls``'s filters; every given filter must match."""
    tests: list[Predicate] = []
    wanted_types = {kind.casefold() for kind in types}
    if wanted_types:

        def type_matches(note: Note) -> bool:
            declared = note.get("type")
            declared_kind = declared.casefold() if isinstance(declared, str) else None
            return (note.type or "other") in wanted_types or declared_kind in wanted_types

        tests.append(type_matches)
    wanted_statuses = {status.casefold() for status in statuses}
    if wanted_statuses:
        tests.append(lambda note: (note.text("status") or "").casefold() in wanted_statuses)
    wanted_tags = [normalize_tag(tag) for tag in tags]
    if wanted_tags:

        def tag_matches(note: Note) -> bool:
            have = {normalize_tag(tag) for tag in note.tags()}
            return all(any(tag == want or tag.startswith(want + "/") for tag in have) for want in wanted_tags)

        tests.append(tag_matches)
    tests.extend(Condition.parse(text, resolve) for text in where)
    if since is not None or until is not None:

        def in_range(note: Note) -> bool:
            day = note.when("date")
            return day is not None and (since is None or day >= since) and (until is None or day <= until)

        tests.append(in_range)
    return lambda note: all(test(note) for test in tests)


@dataclass(frozen=True)
class Listing:
    """The notes ``ls`` found, with the index their links resolve against."""

    notes: list[Note]
    index: VaultIndex

    def detail(self, note: Note) -> str:
        """A person's title and company; for a call or a message, whom it is with."""
        if note.type == "person":
            return ", ".join(part for part in (note.text("title"), note.text("company")) if part)
        person = note.links_for("person")
        if not person:
            return ""
        found = self.index.resolve(person[0].target)
        return found.note.name if found.note is not None else person[0].target
