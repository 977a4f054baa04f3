"""The report with people, companies and note paths replaced by pseudonyms, to share with a coach
or a peer group. Pure: the key comes from the caller (kept in the vault's ``.infoview/``).

A pseudonym is a keyed hash (HMAC-SHA256) of the name, so the same person keeps the same
pseudonym from one run to the next, and nobody without the key can tell who is who by hashing a
list of likely names. Names are compared as notes are (NFC, ignoring case).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property
from typing import TypeVar

from infoview.core.analysis.due import DueItem
from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import Pending, ReferralGraph, Thanks
from infoview.core.analysis.report import Report, Upcoming
from infoview.core.model import name_key

Value = TypeVar("Value")
CODE_LENGTH = 6  # base32 letters: a billion codes, so hundreds of people never share one


class Pseudonyms:
    """Stable stand-ins for names (``Person K7QDXA``), companies and note paths, and the means to
    take every one of them out of free text (a due item's message)."""

    def __init__(self, key: bytes, people: Iterable[str], companies: Iterable[str], paths: Iterable[str]) -> None:
        self.key = key
        self.people = {name for name in people if name.strip()}
        self.companies = {name for name in companies if name.strip()}
        self.paths = {path for path in paths if path.strip()}

    def _code(self, kind: str, text: str) -> str:
        digest = hmac.new(self.key, f"{kind}\0{name_key(text)}".encode(), hashlib.sha256).digest()
        return base64.b32encode(digest).decode()[:CODE_LENGTH]

    def person(self, name: str) -> str:
        return f"Person {self._code('person', name)}"

    def company(self, name: str) -> str:
        return f"Company {self._code('company', name)}"

    def path(self, path: str) -> str:
        return f"note {self._code('path', path)}"

    @cached_property
    def _replacements(self) -> dict[str, str]:
        pairs = {name_key(path): self.path(path) for path in self.paths}
        pairs.update({name_key(name): self.company(name) for name in self.companies})
        pairs.update({name_key(name): self.person(name) for name in self.people})
        return pairs

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        # Longest first, so that a path is replaced whole before the name inside it.
        texts = sorted({*self.paths, *self.companies, *self.people}, key=len, reverse=True)
        if not texts:
            return None
        # Whole words only: a person called "Al" leaves "also" alone.
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(text) for text in texts) + r")(?!\w)", re.IGNORECASE)

    def scrub(self, text: str) -> str:
        """Free text with every known path, company and name in it replaced."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda match: self._replacements.get(name_key(match.group()), "[redacted]"), text)


def pseudonyms_for(key: bytes, practice: Practice, graph: ReferralGraph) -> Pseudonyms:
    """Pseudonyms for everyone the vault and its referral chains name: note names and aliases,
    names only given as referrals, the companies of person notes, and every note's path."""
    notes = practice.index.notes
    people = {note.name for note in notes} | graph.people
    for note in notes:
        aliases = note.get("aliases")
        people.update(str(alias) for alias in (aliases if isinstance(aliases, list) else [aliases]) if alias)
    companies = {company for note in notes if (company := note.text("company"))}
    return Pseudonyms(key, people, companies, (note.path for note in notes))


def redact_report(report: Report, names: Pseudonyms) -> Report:
    """The report's figures as they are; whoever is coming up named by pseudonym."""
    upcoming = [Upcoming(names.person(row.name), row.moment, names.path(row.path)) for row in report.upcoming]
    return replace(report, upcoming=upcoming)


def redact_graph(graph: ReferralGraph, names: Pseudonyms) -> ReferralGraph:
    """The referral chains with the same shape, everyone in them by pseudonym."""
    person = names.person

    def people(group: Iterable[str]) -> list[str]:
        return [person(name) for name in group]

    return ReferralGraph(
        edges=[
            replace(edge, source=person(edge.source), target=person(edge.target), path=names.path(edge.path))
            for edge in graph.edges
        ],
        parent={person(child): person(parent) for child, parent in graph.parent.items()},
        children={person(parent): people(kids) for parent, kids in graph.children.items()},
        roots=people(graph.roots),
        cycles=[people(cycle) for cycle in graph.cycles],
        pending=[Pending(person(row.name), people(row.referred_by), row.since) for row in graph.pending],
        acknowledge=[Thanks(person(row.referrer), person(row.referred), row.spoke) for row in graph.acknowledge],
        recommenders={person(name): people(group) for name, group in graph.recommenders.items()},
        also_suggested={person(name): people(group) for name, group in graph.also_suggested.items()},
    )


def redact_by_person(values: dict[str, Value], names: Pseudonyms) -> dict[str, Value]:
    """A mapping keyed by person (states, doors opened) keyed by pseudonym."""
    return {names.person(name): value for name, value in values.items()}


def redact_due(items: list[DueItem], names: Pseudonyms) -> list[DueItem]:
    """What is due, with the person, the note and every name in the message by pseudonym."""
    return [
        replace(
            item,
            name=names.person(item.name),
            path=names.path(item.path) if item.path else None,
            message=names.scrub(item.message),
        )
        for item in items
    ]
