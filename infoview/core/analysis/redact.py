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
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property
from typing import TypeVar

from infoview.core.analysis.due import DueItem
from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import Pending, ReferralGraph, Thanks
from infoview.core.analysis.report import Report, Upcoming
from infoview.core.model import name_key

Value = TypeVar("Value")
WORD = re.compile(r"\w+")
TAIL = re.compile(r"[^\w\s]+")
CODE_LENGTH = 6  # base32 letters: a billion codes, so hundreds of people never share one


class Pseudonyms:
    """Stable stand-ins for names (``Person K7QDXA``), companies and note paths; given the names,
    companies and paths there are, the means to take every one of them out of free text."""

    def __init__(
        self, key: bytes, people: Iterable[str] = (), companies: Iterable[str] = (), paths: Iterable[str] = ()
    ) -> None:
        self.key = key
        self._known = (tuple(paths), tuple(companies), tuple(people))
        self._codes: dict[str, str] = {}  # a code made once per name (a large chain names people often)

    def _code(self, kind: str, text: str) -> str:
        wanted = f"{kind}\0{name_key(text)}"
        code = self._codes.get(wanted)
        if code is None:
            digest = hmac.new(self.key, wanted.encode(), hashlib.sha256).digest()
            code = self._codes[wanted] = base64.b32encode(digest).decode()[:CODE_LENGTH]
        return code

    def person(self, name: str) -> str:
        return f"Person {self._code('person', name)}"

    def company(self, name: str) -> str:
        return f"Company {self._code('company', name)}"

    def path(self, path: str) -> str:
        return f"note {self._code('path', path)}"

    @cached_property
    def _replacements(self) -> dict[str, tuple[Callable[[str], str], str]]:
        """Each known text (as ``name_key`` sees it), with what makes its pseudonym; a name wins
        over a company or a path spelled the same. Pseudonyms are made only for what is found."""
        paths, companies, people = self._known
        found: dict[str, tuple[Callable[[str], str], str]] = {}
        for make, texts in ((self.path, paths), (self.company, companies), (self.person, people)):
            found.update({name_key(text): (make, text) for text in texts if text.strip()})
        return found

    @cached_property
    def _first_words(self) -> set[str]:
        """The first word of every known text: a span starting with any other word is not looked up."""
        return {match.group() for text in self._replacements if (match := WORD.search(text))}

    @cached_property
    def _longest(self) -> int:
        """The most words any known text has: no longer span of a message needs looking up."""
        return max((len(WORD.findall(text)) for text in self._replacements), default=0)

    def _known_at(self, text: str, start: int, end: int) -> tuple[int, str] | None:
        """Where a known text from ``start`` ends, and its pseudonym: up to ``end``, or up to the
        punctuation right after it, since a name may end in some ("Anna (UK)")."""
        tail = TAIL.match(text, end)
        for stop in range(tail.end() if tail else end, end - 1, -1):
            found = self._replacements.get(name_key(text[start:stop]))
            if found is not None:
                make, known = found
                return stop, make(known)
        return None

    def scrub(self, text: str) -> str:
        """Free text with every known path, company and name in it replaced: whole words only (a
        person called "Al" leaves "also" alone), the longest match first (a path before the name in it)."""
        words = list(WORD.finditer(text))
        out: list[str] = []
        done = position = 0
        while position < len(words):
            start = words[position].start()
            if name_key(words[position].group()) not in self._first_words:
                position += 1
                continue
            for last in range(min(len(words), position + self._longest) - 1, position - 1, -1):
                known = self._known_at(text, start, words[last].end())
                if known is not None:
                    out += [text[done:start], known[1]]
                    done, position = known[0], last
                    break
            position += 1
        return "".join([*out, text[done:]])


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
