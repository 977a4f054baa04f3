"""The practice's facts as the analyses need them: who is who, which calls happened, which messages went out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from infoview.core.index import VaultIndex
from infoview.core.model import Note, Problem
from infoview.core.schema import PARTICIPANT


class Interview(NamedTuple):
    note: Note
    person: str  # the person's note name, or the link text when no note matches
    day: date
    moment: date | datetime
    status: str

    @property
    def done(self) -> bool:
        return self.status == "done"


class Message(NamedTuple):
    note: Note
    person: str
    sent: date | None  # None: a draft
    status: str


Derived = TypeVar("Derived")


class Kept(NamedTuple):
    """How the cache keeps a derived fact: under ``name``, as plain data (``store``) and back
    (``load``, which gives None for data of another shape: the fact is then derived again)."""

    name: str
    store: Callable[[Any], Any]
    load: Callable[[Any], Any]


class Practice:
    """People, interviews and outreach of one vault, with links resolved once."""

    def __init__(self, index: VaultIndex) -> None:
        self.index = index

    def derived(self, build: Callable[[Practice], Derived], kept: Kept | None = None) -> Derived:
        """What ``build`` makes of these notes, made once however many parts of a command ask
        (the referral graph: for the tree, the problems, the due list and each prep sheet), and
        shared by every Practice over the same index. With ``kept``, taken from the cache when
        no note changed since it was made there, and offered to the cache when made here."""
        memo = self.index.derived
        if build not in memo:
            value = None
            if kept is not None and kept.name in self.index.kept:
                value = kept.load(self.index.kept[kept.name])
            if value is None:
                value = build(self)
                if kept is not None:
                    self.index.keep(kept.name, lambda: kept.store(value))
            memo[build] = value
        return memo[build]  # type: ignore[no-any-return]

    def person_name(self, note: Note) -> str | None:
        """The person an interview or outreach note is about, by note name (or link text if no note matches)."""
        return self._person_of.get(note.path)

    @cached_property
    def _person_of(self) -> dict[str, str]:
        return self.derived(_people_of_notes, KEPT_PEOPLE)

    def participants(self, note: Note) -> list[str]:
        """The people an interview note's body links to, each once, in order."""
        found: dict[str, None] = {}
        for target, key, _line, _form in note.raw_links:
            if key == PARTICIPANT:
                person = self.index.resolve(target).note
                if person is not None and person.type == "person":
                    found[person.name] = None
        return list(found)

    @cached_property
    def participant_problems(self) -> list[Problem]:
        """Interview notes without ``person`` whose body links to no person, or to several."""
        problems = []
        for note in self.index.notes:
            first = next((link for link in note.raw_links if link[1] == PARTICIPANT), None)
            if first is None or note.path in self._person_of:
                continue
            met = self.participants(note)
            which = f"links to {len(met)} people ({', '.join(met)})" if met else "links to no person note"
            problems.append(
                Problem(
                    note.path,
                    1,
                    "error",
                    f'interview note has no person and its body {which}; add a line person: "[[Name]]"',
                )
            )
        return problems

    @cached_property
    def people(self) -> dict[str, Note]:
        return {note.name: note for note in self.index.notes if note.type == "person"}

    @cached_property
    def interviews(self) -> list[Interview]:
        """Every interview with a person and a valid date, in date order."""
        found = []
        for note in self.index.notes:
            if note.type != "interview":
                continue
            person = self.person_name(note)
            moment = note.moment("date")
            if person is None or moment is None:
                continue
            day = moment.date() if isinstance(moment, datetime) else moment
            status = (note.text("status") or "planned").casefold()
            found.append(Interview(note, person, day, moment, status))
        found.sort(key=lambda interview: (interview.day, interview.note.path))
        return found

    @cached_property
    def done(self) -> list[Interview]:
        return [interview for interview in self.interviews if interview.done]

    @cached_property
    def messages(self) -> list[Message]:
        found = []
        for note in self.index.notes:
            if note.type != "outreach":
                continue
            person = self.person_name(note)
            if person is None:
                continue
            found.append(Message(note, person, note.when("date"), (note.text("status") or "").casefold()))
        found.sort(key=lambda message: (message.sent or date.max, message.note.path))
        return found

    @cached_property
    def interviews_by_person(self) -> dict[str, list[Interview]]:
        grouped: dict[str, list[Interview]] = {}
        for interview in self.interviews:
            grouped.setdefault(interview.person, []).append(interview)
        return grouped

    @cached_property
    def people_by_company(self) -> dict[str, list[str]]:
        """Names of the people at each company (the company as written, ignoring case)."""
        grouped: dict[str, list[str]] = {}
        for name, note in self.people.items():
            company = (note.text("company") or "").casefold()
            if company:
                grouped.setdefault(company, []).append(name)
        return grouped

    @cached_property
    def first_message_sent(self) -> dict[str, date]:
        """Each person's earliest sent message."""
        first: dict[str, date] = {}
        for message in self.messages:  # in date order, drafts last
            if message.sent is not None:
                first.setdefault(message.person, message.sent)
        return first

    @cached_property
    def first_call(self) -> dict[str, date]:
        """Each person's earliest interview, whatever became of it (a cancelled call was still a contact)."""
        first: dict[str, date] = {}
        for interview in self.interviews:  # in date order
            first.setdefault(interview.person, interview.day)
        return first

    @cached_property
    def first_done_call(self) -> dict[str, date]:
        first: dict[str, date] = {}
        for interview in self.done:
            first.setdefault(interview.person, interview.day)
        return first

    def known_before(self, person: str, day: date | None) -> bool:
        """Whether you were already in touch with ``person`` when their name was given on ``day``:
        a message sent before that day, or a call on or before it. A name given the same day as your
        first message (after the call that gave it) still introduced them. An undated mention only
        introduces someone you have never contacted."""
        sent = self.first_message_sent.get(person)
        called = self.first_call.get(person)
        if day is None:
            return sent is not None or person in self.interview_notes_by_person
        return (sent is not None and sent < day) or (called is not None and called <= day)

    def contacted(self, person: str) -> bool:
        """A message went out to them or there is an interview note with them."""
        return person in self.first_message_sent or person in self.interview_notes_by_person

    @cached_property
    def interview_notes_by_person(self) -> set[str]:
        """People who have any interview note at all (even one without a valid date)."""
        names = set()
        for note in self.index.notes:
            if note.type == "interview":
                person = self.person_name(note)
                if person is not None:
                    names.add(person)
        return names


def _people_of_notes(practice: Practice) -> dict[str, str]:
    """Each interview or outreach note's person, by note path."""
    people = {}
    resolve = practice.index.resolve
    for note in practice.index.notes:
        for target, key, _line, _form in note.raw_links:
            if key == "person":
                found = resolve(target)
                people[note.path] = found.note.name if found.note is not None else target
                break
            if key == PARTICIPANT:  # a meeting note without `person`: the one person it links to
                met = practice.participants(note)
                if len(met) == 1:
                    people[note.path] = met[0]
                break
    return people


def _plain_people(plain: Any) -> dict[str, str] | None:
    ok = isinstance(plain, dict) and all(type(key) is str and type(name) is str for key, name in plain.items())
    return plain if ok else None


KEPT_PEOPLE = Kept("person_of", dict, _plain_people)
