"""Synthetic infoview vaults of any size, and the answers a correct infoview gives on them.

A vault tells ten years of an informational-interviewing practice: people found, messages
sent (about one in three turns into a call), calls held, rescheduled, missed or cancelled,
referrals that become new people and refer on, catch-up calls years later, and a few calls
booked for the weeks after ``today``. Its notes follow the vault format to the letter, with
the realism that trips up tools: Unicode names, apostrophes, date-times with ``T`` and with a
space, every link form, aliases, a ``Companies/`` folder of untyped notes, ``.obsidian/`` and
``.trash/`` traps and a note without front matter. A ``messy`` fraction of notes gets one
realistic mistake each.

Everything is decided by the seed: the same arguments give the same bytes and the same file
times, whatever ``PYTHONHASHSEED``. The mistakes come from a random stream of their own and
each note is drawn from its own stream, so a messy vault differs from the clean one only in
its messy notes.

The truth (``expected_answers``) is computed from the story, never by reading files back.
The story keeps every answer unambiguous: a referral is named only before the first contact
with that person and never the other way round, and a referred person with calls always has
a done call or a sent message, so "not contacted yet" reads one way only.

    python tests/vaultgen.py --people 1000 --out /tmp/vault [--seed 1] [--messy 0.02]
        [--today 2026-11-01] [--truth /tmp/truth.json] [--no-config]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

DEFAULT_TODAY = date(2026, 11, 1)
HISTORY_YEARS = 10
FOLLOWUP_DAYS = 90
PEOPLE, INTERVIEWS, OUTREACH, COMPANIES = "People", "Interviews", "Outreach", "Companies"
REFERRAL_WINDOW_DAYS = 60  # a referral appears within two months of the call that named it

# -- vocabulary (lists, never sets: their order is part of the output) ---------------------

SHOWCASE = [
    ("Anna Lee", "Anna Lee"),
    ("José Núñez", "Jose Nunez"),
    ("李雷", "Lei Li"),
    ("Zoë Ångström", "Zoe Angstrom"),
    ("Siobhán O'Brien", "Siobhan O'Brien"),
    ("Mary-Jane Smith-Jones", "MJ Smith-Jones"),
    ("Анна Петрова", "Anna Petrova"),
    ("Katherine Osei", "Kate Osei"),
]
GIVEN = (
    "Ada Aiko Amir Ana Arjun Beatriz Ben Camille Chen Dara Diego Elif Emeka Erik Farah Felipe Greta "
    "Hana Hugo Ines Ivan Jonas Julia Kai Kenji Lars Leila Lucas Mara Mateo Mira Nadia Nils Noor Olu "
    "Omar Paula Priya Quentin Rania Rosa Sami Sara Sven Tariq Tessa Tomás Uma Valeria Wen Yara Yusuf Zane"
).split()
GIVEN_LONG = ["Katherine", "William", "Elizabeth", "Alexander", "Margaret", "Nicholas", "Rebecca", "Jonathan"]
NICKNAMES = {
    "Katherine": "Kate",
    "William": "Will",
    "Elizabeth": "Liz",
    "Alexander": "Sasha",
    "Margaret": "Meg",
    "Nicholas": "Nick",
    "Rebecca": "Becky",
    "Jonathan": "Jon",
}
GIVEN_ACCENTED = ["Søren", "Chloë", "Renée", "Łukasz", "Çağan", "Siân", "Jürgen", "Núria", "Håkon", "D'Andre"]
FAMILY = (
    "Abbott Adeyemi Akhtar Alvarez Baker Bauer Bianchi Brooks Castro Chowdhury Clarke Cohen Costa Dahl "
    "Diallo Eriksen Evans Ferrari Fischer Fontaine Garcia Gill Haddad Hansen Hughes Ibrahim Ito Jensen "
    "Kapoor Keller Kim Kowalczyk Larsen Lopez Mensah Moreau Murphy Nakamura Nguyen Novak Okafor Osei Park "
    "Patel Petrov Quinn Reyes Rossi Sato Schmidt Silva Singh Suzuki Tan Torres Varga Walsh Weber Yilmaz Zhou"
).split()
FAMILY_MARKED = (
    "O'Neill|D'Souza|N'Diaye|Smith-Jones|Al-Khatib|van den Berg|de la Fuente|Müller|Øverby|Dvořák|"
    "Gonçalves|Şahin|Þórsdóttir"
).split("|")
HAN = [("王", "Wang"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("周", "Zhou")]
HAN_GIVEN = [("芳", "Fang"), ("伟", "Wei"), ("静", "Jing"), ("明", "Ming"), ("晓燕", "Xiaoyan"), ("志强", "Zhiqiang")]
OTHER_SCRIPTS = [
    ("Иван Смирнов", "Ivan Smirnov"),
    ("Ελένη Γεωργίου", "Eleni Georgiou"),
    ("佐藤 花子", "Hanako Sato"),
    ("김민준", "Minjun Kim"),
    ("Nguyễn Thị Mai", "Mai Nguyen"),
]
EMPLOYERS = [
    ("Acme Devices", "medtech"),
    ("Brightwater Labs", "biotech"),
    ("Café Résumé", "media"),
    ("Cobalt Grid", "energy"),
    ("Delta Freight", "logistics"),
    ("Evergreen Schools", "education"),
    ("Foundry Analytics", "software"),
    ("Harbor Health", "healthcare"),
    ("Helix Pharma", "pharma"),
    ("Juniper Capital", "finance"),
    ("Lumen Instruments", "medtech"),
    ("Meridian Consulting", "consulting"),
    ("Müller & Söhne GmbH", "manufacturing"),
    ("Northwind Foods", "retail"),
    ("O'Connor Legal", "legal"),
    ("Open Data Trust", "nonprofit"),
    ("Polaris Robotics", "manufacturing"),
    ("Quarry Studio", "media"),
    ("City of Riverside", "government"),
    ("Sable Insurance", "finance"),
    ("Tidewater University", "education"),
    ("Vireo Software", "software"),
    ("上海数据科技", "software"),
    ("Zenith Diagnostics", "healthcare"),
]
FUNCTIONS = ["engineering", "product", "research", "data", "operations", "regulatory affairs", "quality", "sales"]
TITLES = (
    "Engineer|Senior Engineer|Engineering Manager|Director of R&D|VP, Product|Product Manager|"
    "Data Scientist|Research Scientist|Regulatory Lead|Quality Engineer|Founder|Professor|"
    "Operations Lead|Clinical Specialist"
).split("|")
LOCATIONS = ["Berlin", "Zürich", "São Paulo", "Montréal", "Lagos", "Tokyo", "Boston", "Kraków", "Remote", "Dublin"]
SOURCES = ["LinkedIn search", "alumni directory", "conference talk", "meetup", "company blog", "podcast"]
SCHOOLS = ["TU Berlin", "ETH Zürich", "McGill", "University of Lagos", "Uppsala University"]
EVENTS = ["a MedTech meetup", "PyData", "an alumni dinner", "the biotech fair", "a mentoring circle"]
TAGS = ["alumni", "warm-intro", "cold", "mentor", "hiring-manager", "peer", "startup", "bigco", "#Person/Warm"]
CALL_CHANNELS = ["video", "video", "video", "phone", "phone", "coffee", "lunch"]
MESSAGE_CHANNELS = ["email", "email", "linkedin", "linkedin", "intro", "event"]
BREADTHS = ["deep"] * 6 + ["wide"] * 3 + ["random"]
OWNERS = [("Julie Moreau", "Julie"), ("Kwame Asante", "Kwame"), ("Ines Duarte", "Ines")]

QUESTIONS = [
    "How did you get from where you started to {function} at {company}?",
    "What does a normal week look like for a {title}?",
    "What surprised you most about {industry}?",
    "Which skills matter most in {function}, and how did you build them?",
    "What do you wish you had known five years ago?",
    "How does the {function} team work with the rest of {company}?",
    "What are the hard problems in {industry} right now?",
    "What would you read or join if you were starting out today?",
    "What does a good first year look like in a role like yours?",
    "How are decisions made on your team?",
]
LAST_QUESTION = "Who else should I talk to?"
OPENING = [
    "Thank {first} and confirm we have 30 minutes; keep to it.",
    "Open with the point of connection: {connection}.",
    "Give the one-minute bio, then say what I hope to learn.",
    "Ask whether it is fine to take notes.",
    "Leave five minutes for the last question.",
]
FINDINGS = [
    "{first} joined {company} after years in another field and still finds {industry} surprising.",
    "The {function} team is small; most of the work is reviews, planning and talking to customers.",
    "Hiring is slow this year, and most roles are filled through people someone already knows.",
    "Biggest difficulty: moving a prototype into something a hospital can buy and trust.",
    "Advice: talk to ten people before choosing, and write everything down the same day.",
    "{company} rewards clear writing more than titles, according to {first}.",
    "Regulation shapes the calendar; the real decisions are made months before the filings.",
    "{first} moved into {function} by volunteering for the unglamorous projects nobody wanted.",
    "The strongest people around {first} learned the domain on the job, not in a course.",
    "Remote work is normal, but the team meets in person every quarter.",
]
TAKEAWAYS = [
    "Go deeper: more conversations in {industry}.",
    "Try a wider angle: someone outside {function}.",
    "Lead with the measurement story; it landed well.",
    "Follow up in three months with something useful, not a request.",
]
BACKGROUND = [
    "{first} is a {title} at {company} in {location}.",
    "Has hired for {function} roles more than once.",
    "Speaks at {event} now and then.",
    "Mentors people who move into {industry}.",
]


# -- the story ---------------------------------------------------------------------------


@dataclass
class Person:
    """Someone in the vault: their note's properties and what happened with them."""

    number: int
    name: str
    plain: str  # ASCII or romanised spelling, for e-mail addresses and aliases
    appeared: date
    company: str
    industry: str
    title: str
    function: str
    location: str
    source: str
    connection: str
    breadth: str
    tags: list[str]
    aliases: list[str] = field(default_factory=list)
    email: str | None = None
    linkedin: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)
    referrers: list[int] = field(default_factory=list)  # people in ``referred_by``, in order
    named_in: list[int] = field(default_factory=list)  # calls whose ``referrals`` list this person
    introduced: bool = False
    thanked: date | None = None
    status: str | None = None
    calls: list[int] = field(default_factory=list)
    messages: list[int] = field(default_factory=list)


@dataclass
class Call:
    """An interview note."""

    number: int
    person: int
    day: date
    status: str
    clock: str | None = None  # "HH:MM"
    clock_separator: str = "T"
    status_written: bool = True
    duration: int | None = 30
    channel: str | None = None
    breadth: str | None = None
    pitch: str | None = None
    referrals: list[int] = field(default_factory=list)
    followup: date | None = None
    followup_sent: date | None = None
    tags: list[str] = field(default_factory=list)
    name: str = ""


@dataclass
class Message:
    """An outreach note: sent when ``sent`` is set, else a draft."""

    number: int
    person: int
    sent: date | None
    written: date
    channel: str
    status: str
    name: str = ""


@dataclass
class Mistake:
    """One realistic mistake in one note, and what the truth assumes a tool does with it."""

    kind: str
    field: str | None
    detail: str
    effect: str  # "skipped" (left out of every figure), "accepted" (read as usual) or "neutral"
    value: str | None = None


@dataclass
class Vault:
    """The whole story of one vault, before it is written."""

    people_count: int
    seed: int
    today: date
    messy: float
    start: date
    owner: str
    owner_first: str
    goals: list[tuple[date, int, str]]
    pitch_since: dict[str, date]
    people: list[Person] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    first_call: int | None = None
    mistakes: dict[tuple[str, int], Mistake] = field(default_factory=dict)

    def path(self, kind: str, number: int) -> str:
        """The vault-relative path of a person, interview or outreach note."""
        if kind == "person":
            return f"{PEOPLE}/{self.people[number].name}.md"
        if kind == "interview":
            return f"{INTERVIEWS}/{self.calls[number].name}.md"
        return f"{OUTREACH}/{self.messages[number].name}.md"

    def companies(self) -> list[tuple[str, str]]:
        """The employers someone in the vault works for: each has a note."""
        used = {person.company for person in self.people}
        return [(company, industry) for company, industry in EMPLOYERS if company in used]


def fold(name: str) -> str:
    """A name as link resolution compares it: Unicode form and case ignored."""
    return unicodedata.normalize("NFC", name).casefold()


def month_start(day: date, months_later: int = 0) -> date:
    months = day.year * 12 + day.month - 1 + months_later
    return date(months // 12, months % 12 + 1, 1)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


_UNDECOMPOSABLE = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ı": "i"})


def _ascii(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.translate(_UNDECOMPOSABLE)


class _Story:
    """Plays out the practice day by day, in the order people appear."""

    def __init__(self, people: int, seed: int, today: date, messy: float) -> None:
        if people < 0 or not 0.0 <= messy <= 1.0:
            raise ValueError("people must be at least 0 and messy between 0 and 1")
        self.rng = random.Random(seed)
        start = month_start(date(today.year - HISTORY_YEARS, today.month, 1))
        owner, owner_first = OWNERS[seed % len(OWNERS)]
        weekly_from = month_start(start, HISTORY_YEARS * 12 * 2 // 5)
        self.vault = Vault(
            people_count=people,
            seed=seed,
            today=today,
            messy=messy,
            start=start,
            owner=owner,
            owner_first=owner_first,
            goals=[(start, 1, "month"), (weekly_from - timedelta(days=weekly_from.weekday()), 1, "week")],
            pitch_since={"scientist": start, "builder": month_start(start, HISTORY_YEARS * 6)},
        )
        self.done_on: dict[int, list[int]] = {}  # day ordinal -> done calls held that day

    def play(self) -> Vault:
        vault = self.vault
        names = _unique_names(self.rng, vault.people_count, [vault.owner] + [c for c, _ in EMPLOYERS])
        taken_aliases = {fold(name) for name, _ in names} | {fold(c) for c, _ in EMPLOYERS}
        for number, ((name, plain), appeared) in enumerate(zip(names, self._appearances(), strict=True)):
            person = self._person(number, name, plain, appeared, taken_aliases)
            vault.people.append(person)
            self._maybe_introduce(person)
            self._live(person)
        self._finish()
        return vault

    def _appearances(self) -> list[date]:
        """When each person enters the vault: an uneven, growing cadence with gaps and quiet weekends."""
        rng, vault = self.rng, self.vault
        month_weight: list[float] = []
        mood, gap = 0.0, 0
        for month in range(HISTORY_YEARS * 12 + 1):
            mood = max(-1.0, min(1.0, mood + rng.gauss(0, 0.3)))
            weight = math.exp(mood) * (0.5 + month / (HISTORY_YEARS * 12))
            if gap:
                gap -= 1
                weight *= 0.03
            elif rng.random() < 0.05:
                gap = rng.randint(1, 3)
            elif rng.random() < 0.1:
                weight *= 2.5
            month_weight.append(weight)
        days = (vault.today - vault.start).days + 1
        cumulative, total = [], 0.0
        for offset in range(days):
            day = vault.start + timedelta(days=offset)
            months = (day.year - vault.start.year) * 12 + day.month - vault.start.month
            total += month_weight[months] * (0.2 if day.weekday() >= 5 else 1.0)
            cumulative.append(total)
        offsets = sorted(rng.choices(range(days), cum_weights=cumulative, k=vault.people_count))
        if offsets:
            offsets[0] = min(offsets[0], 7)  # the practice starts at the start of the history
        return [vault.start + timedelta(days=offset) for offset in offsets]

    def _person(self, number: int, name: str, plain: str, appeared: date, taken_aliases: set[str]) -> Person:
        rng = self.rng
        company, industry = rng.choice(EMPLOYERS)
        connection = rng.choice(
            [
                f"same university ({rng.choice(SCHOOLS)})",
                f"met at {rng.choice(EVENTS)}",
                f"former colleague at {rng.choice(EMPLOYERS)[0]}",
                f"both moved into {industry}",
            ]
        )
        person = Person(
            number=number,
            name=name,
            plain=plain,
            appeared=appeared,
            company=company,
            industry=industry,
            title=rng.choice(TITLES),
            function=rng.choice(FUNCTIONS),
            location=rng.choice(LOCATIONS),
            source=rng.choice(SOURCES),
            connection=connection,
            breadth=rng.choice(BREADTHS),
            tags=rng.sample(TAGS, rng.choice((0, 1, 1, 2))),
        )
        first = name.split(" ")[0]
        candidates = ([NICKNAMES[first] + name[len(first) :]] if first in NICKNAMES else []) + (
            [plain] if plain != name else []
        )
        if candidates and (number < len(SHOWCASE) or rng.random() < 0.6):
            for alias in candidates[: rng.choice((1, 2))]:
                if fold(alias) not in taken_aliases:
                    taken_aliases.add(fold(alias))
                    person.aliases.append(alias)
        handle = "".join(c if c.isalnum() else "." for c in _ascii(plain).lower()).strip(".")
        if rng.random() < 0.4:
            domain = "".join(c for c in _ascii(company).split(" ")[0].lower() if c.isascii() and c.isalnum())
            person.email = f"{handle}@{domain or 'mail'}.example"
        if rng.random() < 0.5:
            person.linkedin = f"https://www.linkedin.com/in/{handle.replace('.', '-')}-{rng.randrange(9000) + 1000}"
        if rng.random() < 0.06:
            person.extra.append(rng.choice([("pronouns", "she/her"), ("timezone", "Europe/Berlin"), ("rating", "4")]))
        return person

    def _maybe_introduce(self, person: Person) -> None:
        """Make the person a referral named in a done call of the two months before they appeared."""
        rng, vault = self.rng, self.vault
        if rng.random() >= 0.45:
            return
        recent = [
            call
            for offset in range(REFERRAL_WINDOW_DAYS, 0, -1)
            for call in self.done_on.get((person.appeared - timedelta(days=offset)).toordinal(), ())
        ]
        picked = self._referring_call(recent, exclude=-1)
        if picked is None:
            return
        call = vault.calls[picked]
        person.introduced = True
        way = rng.random()
        if way < 0.88:
            person.referrers.append(call.person)
            person.source = "referral"
        if way < 0.75 or way >= 0.88:
            self._name_in_call(call, person)
        if person.referrers and rng.random() < 0.07:
            # A second recommender is someone referred themselves: never the root of a chain only
            # through a name that does not place the person (the first link does).
            second = self._referring_call(recent, exclude=call.person, referred_only=True)
            if second is not None:
                person.referrers.append(vault.calls[second].person)
                if rng.random() < 0.5:
                    self._name_in_call(vault.calls[second], person)

    def _referring_call(self, calls: list[int], exclude: int, referred_only: bool = False) -> int | None:
        """A call to credit; referred people are likelier to refer on, so chains grow deep."""
        for attempt in range(6):
            if not calls:
                return None
            number = calls[self.rng.randrange(len(calls))]
            call = self.vault.calls[number]
            if call.person == exclude or len(call.referrals) >= 4:
                continue
            if referred_only and not self.vault.people[call.person].referrers:
                continue
            if self.vault.people[call.person].introduced or attempt >= 3 or self.rng.random() < 0.3:
                return number
        return None

    def _name_in_call(self, call: Call, person: Person) -> None:
        call.referrals.append(person.number)
        person.named_in.append(call.number)

    def _live(self, person: Person) -> None:
        """Contact, calls and catching up for one person."""
        rng = self.rng
        path = rng.random()
        last_done: date | None = None
        if path < (0.55 if person.introduced else 0.45):
            start = person.appeared + timedelta(days=rng.randint(0, 6))
            last_done = self._write_to(person, start, 0.42 if person.introduced else 0.25)
        elif path < 0.92:
            last_done = self._call_series(person, person.appeared + timedelta(days=rng.randint(2, 30)))
        elif rng.random() < 0.25:
            self._message(person, None, "draft", min(self.vault.today, person.appeared + timedelta(days=3)))
        for _ in range(3):  # catching up again, months or years later
            if last_done is None or rng.random() >= 0.45:
                break
            again = last_done + timedelta(days=rng.randint(120, 900))
            if again > self.vault.today + timedelta(days=30):
                break
            if rng.random() < 0.5:
                last_done = self._write_to(person, again - timedelta(days=rng.randint(5, 20)), 0.5)
            else:
                last_done = self._call_series(person, again)
        self._settle(person)

    def _settle(self, person: Person) -> None:
        """Referral bookkeeping that keeps every answer unambiguous, thanks, and a person status."""
        rng, vault = self.rng, self.vault
        done = sorted(vault.calls[c].day for c in person.calls if vault.calls[c].status == "done")
        if person.introduced and person.calls and not done and not self._has_sent(person):
            first = min(vault.calls[c].day for c in person.calls)
            sent = min(vault.today, max(person.appeared, first - timedelta(days=rng.randint(2, 9))))
            self._message(person, sent, "scheduled", sent)
        if person.introduced and done and rng.random() < 0.55:
            person.thanked = min(vault.today, done[0] + timedelta(days=rng.randint(0, 14)))
        elif person.introduced and not done and rng.random() < 0.06:
            person.thanked = person.appeared
        if not person.introduced and rng.random() < 0.03:
            person.status = rng.choice(["paused", "do-not-contact"])

    def _has_sent(self, person: Person) -> bool:
        return any(self.vault.messages[m].sent is not None for m in person.messages)

    def _weekday(self, day: date) -> date:
        if day.weekday() >= 5 and self.rng.random() < 0.85:
            return day + timedelta(days=7 - day.weekday())
        return day

    def _write_to(self, person: Person, day: date, converts: float) -> date | None:
        """Messages until one converts or the trail goes cold; the last done call, if any."""
        rng, today = self.rng, self.vault.today
        for attempt in range(3):
            day = self._weekday(day)
            if day > today or (attempt == 0 and (today - day).days <= 14 and rng.random() < 0.35):
                if attempt == 0:
                    self._message(person, None, "draft", max(person.appeared, min(day, today)))
                return None
            if rng.random() < (converts if attempt == 0 else 0.2):
                self._message(person, day, "scheduled" if rng.random() < 0.7 else "replied", day)
                return self._call_series(person, day + timedelta(days=rng.randint(3, 28)))
            if (today - day).days < 14:
                outcome = "sent"
            else:
                outcome = rng.choices(["no-reply", "declined", "replied", "sent"], weights=[55, 22, 18, 5])[0]
            self._message(person, day, outcome, day)
            if outcome != "no-reply" or rng.random() >= 0.4:
                return None
            day += timedelta(days=rng.randint(7, 28))
        return None

    def _call_series(self, person: Person, day: date) -> date | None:
        """One booked call with its reschedules and no-shows; the day it was held, if it was."""
        rng, today = self.rng, self.vault.today
        for _ in range(4):
            day = self._weekday(day)
            if day > today or ((today - day).days <= 10 and rng.random() < 0.5):
                status = "planned"  # ahead, or held and not yet marked done
            else:
                status = rng.choices(["done", "cancelled", "rescheduled", "no-show"], weights=[74, 10, 10, 6])[0]
            self._call(person, day, status)
            if status == "done":
                return day
            if status == "rescheduled" or (status == "no-show" and rng.random() < 0.5):
                day += timedelta(days=rng.randint(2, 21))
                continue
            return None
        return None

    def _call(self, person: Person, day: date, status: str) -> None:
        rng, vault = self.rng, self.vault
        call = Call(number=len(vault.calls), person=person.number, day=day, status=status)
        if rng.random() < 0.65:
            call.clock = f"{rng.randint(8, 18):02d}:{rng.choice(['00', '00', '30', '15', '45'])}"
            call.clock_separator = "T" if rng.random() < 0.85 else " "
        call.status_written = status != "planned" or rng.random() < 0.7
        call.duration = None if rng.random() < 0.25 else rng.choice([30, 30, 30, 20, 45, 60])
        call.channel = rng.choice(CALL_CHANNELS) if rng.random() < 0.9 else None
        call.breadth = (person.breadth if rng.random() < 0.85 else rng.choice(BREADTHS)) if rng.random() < 0.9 else None
        if rng.random() < 0.85:
            call.pitch = rng.choice([name for name, since in vault.pitch_since.items() if since <= day])
        if rng.random() < 0.5:
            call.tags = ["interview"] + (["career-change"] if rng.random() < 0.2 else [])
        vault.calls.append(call)
        person.calls.append(call.number)
        if status == "done":
            self.done_on.setdefault(day.toordinal(), []).append(call.number)

    def _message(self, person: Person, sent: date | None, status: str, written: date) -> None:
        vault = self.vault
        message = Message(len(vault.messages), person.number, sent, written, self.rng.choice(MESSAGE_CHANNELS), status)
        vault.messages.append(message)
        person.messages.append(message.number)

    def _finish(self) -> None:
        """The first call done, calls booked after today, follow-ups, and note names."""
        rng, vault = self.rng, self.vault
        if vault.calls:
            first = min(vault.calls, key=lambda call: (call.day, call.number))
            first.status, first.status_written = "done", True  # counts start at a done call, however read
            vault.first_call = first.number
        met = [p for p in vault.people if any(vault.calls[c].status == "done" for c in p.calls)]
        for _ in range(min(len(met), max(3, len(vault.people) // 100))):
            person = rng.choice(met)
            if rng.random() < 0.5:
                sent = max(person.appeared, vault.today - timedelta(days=rng.randint(1, 14)))  # never before naming
                self._message(person, sent, "scheduled", sent)
            self._call(person, self._weekday(vault.today + timedelta(days=rng.randint(1, 42))), "planned")
        for call in vault.calls:
            if call.status == "done":
                call.followup = call.day + timedelta(days=FOLLOWUP_DAYS)
                if call.followup <= vault.today and rng.random() < 0.55:
                    call.followup_sent = min(vault.today, call.followup + timedelta(days=rng.randint(0, 20)))
        taken = {fold(p.name) for p in vault.people} | {fold(c) for c, _ in EMPLOYERS} | {"home"}
        for call in vault.calls:
            call.name = _free_name(f"{call.day.isoformat()} {vault.people[call.person].name}", taken)
        for message in vault.messages:
            message.name = _free_name(f"{message.written.isoformat()} {vault.people[message.person].name}", taken)


def _free_name(base: str, taken: set[str]) -> str:
    """``base``, or ``base (2)``, ``(3)``...: note names are unique in a vault, ignoring case."""
    name, number = base, 2
    while fold(name) in taken:
        name, number = f"{base} ({number})", number + 1
    taken.add(fold(name))
    return name


def _unique_names(rng: random.Random, count: int, reserved: list[str]) -> list[tuple[str, str]]:
    """Distinct person names (ignoring case and Unicode form), each with a plain spelling."""
    taken = {fold(name) for name in reserved} | {"home"}
    names: list[tuple[str, str]] = []

    def claim(name: str, plain: str) -> bool:
        name = unicodedata.normalize("NFC", name)
        if fold(name) in taken:
            return False
        taken.add(fold(name))
        names.append((name, plain))
        return True

    for name, plain in SHOWCASE[:count]:
        claim(name, plain)
    while len(names) < count:
        name, plain = _draw_name(rng)
        if claim(name, plain):
            continue
        given, _, family = name.partition(" ")
        initial = f"{given} {chr(65 + rng.randrange(26))}. {family}" if family else name
        if not claim(initial, _ascii(initial)):
            number = 2
            while not claim(f"{name} {number}", f"{plain} {number}"):
                number += 1
    return names


def _draw_name(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.03:
        (family, family_plain), (given, given_plain) = rng.choice(HAN), rng.choice(HAN_GIVEN)
        return family + given, f"{given_plain} {family_plain}"
    if roll < 0.045:
        return rng.choice(OTHER_SCRIPTS)
    given = rng.choice(GIVEN_ACCENTED if roll < 0.12 else GIVEN_LONG if roll < 0.2 else GIVEN)
    family = rng.choice(FAMILY_MARKED if rng.random() < 0.12 else FAMILY)
    name = f"{given} {family}"
    return name, _ascii(name)


# -- mistakes ------------------------------------------------------------------------------

MISTAKE_WEIGHTS = {
    "unquoted-link": 20,
    "bare-name": 5,
    "invalid-yaml": 15,
    "conflict-markers": 15,
    "missing-required": 15,
    "dangling-link": 15,
    "bad-date": 15,
}
INVALID_YAML = ["colon", "quote", "tab", "flow", "indent"]


class _Mistakes:
    """Picks the messy notes from a random stream of its own, leaving the story untouched.

    A skipped note (invalid YAML, a conflict in the front matter) is out of every figure; any
    other messy note reads as usual, or cannot change a figure whether a tool uses it or not.
    """

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.rng = random.Random(vault.seed * 7_919 + 104_729)
        self.known = {fold(p.name) for p in vault.people} | {fold(a) for p in vault.people for a in p.aliases}

    def plan(self) -> None:
        vault = self.vault
        notes = [("person", n) for n in range(len(vault.people))]
        notes += [("interview", n) for n in range(len(vault.calls))]
        notes += [("outreach", n) for n in range(len(vault.messages))]
        wanted = round(vault.messy * len(notes))
        total = sum(MISTAKE_WEIGHTS.values())
        quota = {kind: wanted * weight // total for kind, weight in MISTAKE_WEIGHTS.items()}
        for kind in list(quota)[: wanted - sum(quota.values())]:
            quota[kind] += 1
        self.rng.shuffle(notes)
        for key in notes:
            if not any(quota.values()):
                break
            # The kind furthest from its quota first, so kinds that fit few notes still get theirs.
            for kind in sorted(quota, key=lambda k: (-quota[k], list(MISTAKE_WEIGHTS).index(k))):
                mistake = self._fit(kind, *key) if quota[kind] else None
                if mistake is not None:
                    vault.mistakes[key] = mistake
                    quota[kind] -= 1
                    break

    def _fit(self, kind: str, what: str, number: int) -> Mistake | None:
        if what == "person":
            return self._fit_person(kind, self.vault.people[number])
        if what == "interview":
            return self._fit_call(kind, self.vault.calls[number])
        return self._fit_message(kind, self.vault.messages[number])

    def _readable(self, key: tuple[str, int]) -> bool:
        mistake = self.vault.mistakes.get(key)
        return mistake is None or mistake.effect == "accepted"

    def _clear_without(self, person: Person, key: tuple[str, int]) -> bool:
        """Whether a referred person's state reads one way with ``key`` left out: no calls, a done
        call or a sent message (so "not contacted yet" cannot depend on how calls are read)."""
        vault = self.vault
        calls = [c for c in person.calls if ("interview", c) != key and self._readable(("interview", c))]
        if not person.introduced or not calls or any(vault.calls[c].status == "done" for c in calls):
            return True
        return any(
            vault.messages[m].sent is not None and ("outreach", m) != key and self._readable(("outreach", m))
            for m in person.messages
        )

    def _has_counted_done(self, person: Person) -> bool:
        return any(self.vault.calls[c].status == "done" and self._readable(("interview", c)) for c in person.calls)

    def _link_mistake(self, kind: str, field_name: str) -> Mistake:
        detail = "[[link]] not in quotes: YAML reads a nested list" if kind == "unquoted-link" else "name without [[ ]]"
        return Mistake(kind, field_name, detail, "accepted")

    def _fit_person(self, kind: str, person: Person) -> Mistake | None:
        if kind == "conflict-markers":
            return Mistake(kind, None, "conflict block in the body", "accepted")
        if kind in ("unquoted-link", "bare-name") and person.referrers:
            return self._link_mistake(kind, "referred_by")
        if kind == "bad-date" and person.thanked is not None and not self._has_counted_done(person):
            return Mistake(kind, "referrer_thanked", "no such day", "accepted", self._bad_date(person.thanked))
        return None

    def _fit_call(self, kind: str, call: Call) -> Mistake | None:
        key, person = ("interview", call.number), self.vault.people[call.person]
        removable = call.number != self.vault.first_call and self._clear_without(person, key)
        if kind == "conflict-markers" and self.rng.random() < 0.4:
            return Mistake(kind, None, "conflict block in the body", "accepted")
        if kind == "invalid-yaml":
            return Mistake(kind, None, self.rng.choice(INVALID_YAML), "skipped") if removable else None
        if kind == "conflict-markers":
            where = "status" if call.status_written else "date"
            return Mistake(kind, where, "conflict block in the front matter", "skipped") if removable else None
        if kind in ("unquoted-link", "bare-name"):
            in_list = kind == "unquoted-link" and call.referrals and self.rng.random() < 0.4
            return self._link_mistake(kind, "referrals" if in_list else "person")
        if kind == "bad-date" and call.status == "done":
            where = "followup_sent" if call.followup_sent and self.rng.random() < 0.5 else "followup"
            day = call.followup_sent if where == "followup_sent" else call.followup
            assert day is not None
            return Mistake(kind, where, "no such day", "accepted", self._bad_date(day))
        # Only cancelled calls of people whose figures do not depend on them, whatever a tool makes of them.
        if call.status != "cancelled" or not removable or not self._clear_without(person, ("interview", -1)):
            return None
        if kind == "bad-date":
            return Mistake(kind, "date", "no such day", "neutral", self._bad_date(call.day))
        if kind == "missing-required":
            where = self.rng.choice(["person", "date"])
            return Mistake(kind, where, f"required field {where} missing", "neutral")
        if kind == "dangling-link":
            return Mistake(kind, "person", "links to no note", "neutral", self._misspelt(person.name))
        return None

    def _fit_message(self, kind: str, message: Message) -> Mistake | None:
        key, person = ("outreach", message.number), self.vault.people[message.person]
        if kind == "conflict-markers" and self.rng.random() < 0.4:
            return Mistake(kind, None, "conflict block in the body", "accepted")
        if kind in ("invalid-yaml", "conflict-markers"):
            if not self._clear_without(person, key):
                return None
            if kind == "invalid-yaml":
                return Mistake(kind, None, self.rng.choice(INVALID_YAML), "skipped")
            return Mistake(kind, "status", "conflict block in the front matter", "skipped")
        if kind in ("unquoted-link", "bare-name"):
            return self._link_mistake(kind, "person")
        if message.sent is not None:  # the rest only on drafts, which no figure counts
            return None
        if kind == "missing-required":
            return Mistake(kind, "person", "required field person missing", "neutral")
        if kind == "dangling-link":
            return Mistake(kind, "person", "links to no note", "neutral", self._misspelt(person.name))
        return None

    def _bad_date(self, day: date) -> str:
        """A date-shaped value in the same year that is no real day."""
        year = day.year
        options = [f"{year}-02-30", f"{year}-{self.rng.choice([4, 6, 9, 11]):02d}-31", f"{year}-13-{day.day:02d}"]
        if year % 4:
            options.append(f"{year}-02-29")
        return self.rng.choice(options)

    def _misspelt(self, name: str) -> str:
        """A slip of the keyboard (two letters swapped, or one doubled) that names nobody."""
        letters = [i for i in range(1, len(name) - 1) if name[i].isalpha() and name[i + 1].isalpha()]
        for _ in range(20):
            if not letters:
                break
            i = self.rng.choice(letters)
            typo = (
                name[:i] + name[i + 1] + name[i] + name[i + 2 :]
                if self.rng.random() < 0.5
                else name[:i] + name[i] + name[i:]
            )
            if typo != name and fold(typo) not in self.known:
                return typo
        return name + " Jr"


# -- writing notes -------------------------------------------------------------------------

_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def scalar(text: str) -> str:
    """A YAML scalar as Obsidian writes it: plain when nothing can misread it, else double-quoted."""
    plain = (
        text[:1].isalpha()
        and text.strip() == text
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not any(c in text for c in '"\t[]{}')
        and text.lower() not in _YAML_WORDS
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def flow_item(text: str) -> str:
    return text if scalar(text) == text and "," not in text and not text.startswith("#") else quoted(text)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class _Notes:
    """Renders each note as lines, from a random stream of its own, with its mistake if it has one."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def rng(self, kind: str, number: int) -> random.Random:
        return random.Random(f"{self.vault.seed}/{kind}/{number}")

    def link(self, person_number: int, rng: random.Random) -> str:
        """What goes between ``[[`` and ``]]``: mostly the name, sometimes another form that resolves."""
        person = self.vault.people[person_number]
        roll = rng.random()
        if roll < 0.08 and person.aliases:
            return person.aliases[0]
        if roll < 0.84:
            return person.name
        if roll < 0.89:
            return f"{person.name}|{person.aliases[0] if person.aliases else person.name.split(' ')[0]}"
        if roll < 0.93:
            return f"{PEOPLE}/{person.name}"
        if roll < 0.96 and person.name.lower() != person.name:
            return person.name.lower()
        return f"{person.name}#Notes"

    def front_link(self, person_number: int, rng: random.Random, mistake: Mistake | None, where: str) -> str:
        """A link property's value, written right or with the note's mistake."""
        target = self.link(person_number, rng)
        if mistake is None or mistake.field != where:
            return quoted(f"[[{target}]]")
        if mistake.kind == "unquoted-link":
            return f"[[{target}]]"
        if mistake.kind == "bare-name":
            return scalar(self.vault.people[person_number].name)
        if mistake.kind == "dangling-link":
            return quoted(f"[[{mistake.value}]]")
        return quoted(f"[[{target}]]")

    def person(self, person: Person) -> tuple[list[str], list[str], int | None]:
        mistake = self.vault.mistakes.get(("person", person.number))
        rng = self.rng("person", person.number)
        front = ["---", "type: person"]
        marks: dict[str, int] = {}
        flow = rng.random() < 0.3
        aliases_first = rng.random() < 0.5
        if aliases_first:
            _list(front, "aliases", person.aliases, flow)
        for key in ("company", "title", "industry", "function", "location", "source"):
            front.append(f"{key}: {scalar(getattr(person, key))}")
        if person.referrers:
            values = [quoted(f"[[{self.link(n, rng)}]]") for n in person.referrers]
            values[0] = self.front_link(person.referrers[0], rng, mistake, "referred_by")
            if len(values) == 1 and rng.random() < 0.85:
                front.append(f"referred_by: {values[0]}")
            else:
                front.append("referred_by:")
                front.extend(f"  - {value}" for value in values)
            marks["referred_by"] = len(front) - len(values) + 1 if front[-1].startswith("  - ") else len(front)
        front += [f"connection: {scalar(person.connection)}", f"breadth: {person.breadth}"]
        if person.status:
            front.append(f"status: {person.status}")
        _list(front, "tags", person.tags, flow)
        if not aliases_first:
            _list(front, "aliases", person.aliases, flow)
        front += [
            f"{key}: {scalar(value)}"
            for key, value in (("email", person.email), ("linkedin", person.linkedin))
            if value
        ]
        if person.thanked:
            bad = mistake is not None and mistake.field == "referrer_thanked"
            front.append(f"referrer_thanked: {mistake.value if bad and mistake else person.thanked.isoformat()}")
            marks["referrer_thanked"] = len(front)
        front += [f"{key}: {scalar(value)}" for key, value in person.extra]
        front.append("---")
        line = _damage(front, marks, mistake, {})
        body = _person_body(self.vault, person, rng)
        if mistake is not None and mistake.kind == "conflict-markers":
            at = body.index("## Notes") + 2
            body[at:at] = [
                "<<<<<<< HEAD",
                f"- Moved to {person.company} last spring.",
                "=======",
                f"- Still at {person.company}; ask about the move.",
                ">>>>>>> laptop",
            ]
            line = len(front) + at + 1
        return front, body, line

    def interview(self, call: Call) -> tuple[list[str], list[str], int | None]:
        mistake = self.vault.mistakes.get(("interview", call.number))
        rng = self.rng("interview", call.number)
        front = ["---", "type: interview"]
        marks: dict[str, int] = {}
        where = mistake.field if mistake is not None and mistake.kind == "missing-required" else None
        if where != "person":
            front.append(f"person: {self.front_link(call.person, rng, mistake, 'person')}")
            marks["person"] = len(front)
        if where != "date":
            day = mistake.value if mistake and mistake.kind == "bad-date" and mistake.field == "date" else None
            clock = f"{call.clock_separator}{call.clock}" if call.clock else ""
            front.append(f"date: {day or call.day.isoformat()}{clock}")
            marks["date"] = len(front)
        if call.status_written:
            front.append(f"status: {call.status}")
            marks["status"] = len(front)
        for key in ("duration", "channel", "breadth", "pitch"):
            if getattr(call, key) is not None:
                front.append(f"{key}: {getattr(call, key)}")
        if call.referrals:
            front.append("referrals:")
            marks["referrals"] = len(front) + 1
            values = [quoted(f"[[{self.link(n, rng)}]]") for n in call.referrals]
            values[0] = self.front_link(call.referrals[0], rng, mistake, "referrals")
            front.extend(f"  - {value}" for value in values)
        elif call.status == "done" and rng.random() < 0.3:
            front.append("referrals: []")
        for key in ("followup", "followup_sent"):
            day = getattr(call, key)
            if day is not None:
                bad = mistake is not None and mistake.kind == "bad-date" and mistake.field == key
                front.append(f"{key}: {mistake.value if bad and mistake else day.isoformat()}")
                marks[key] = len(front)
        _list(front, "tags", call.tags, rng.random() < 0.4)
        front.append("---")
        other = {
            "status": "cancelled" if call.status == "done" else "done",
            "date": (call.day + timedelta(days=7)).isoformat(),
        }
        line = _damage(front, marks, mistake, other)
        in_body = mistake is not None and mistake.kind == "conflict-markers" and mistake.field is None
        body, body_line = _interview_body(self.vault, call, rng, in_body)
        return front, body, (len(front) + body_line) if body_line else line

    def outreach(self, message: Message) -> tuple[list[str], list[str], int | None]:
        mistake = self.vault.mistakes.get(("outreach", message.number))
        rng = self.rng("outreach", message.number)
        front = ["---", "type: outreach"]
        marks: dict[str, int] = {}
        if not (mistake is not None and mistake.kind == "missing-required"):
            front.append(f"person: {self.front_link(message.person, rng, mistake, 'person')}")
            marks["person"] = len(front)
        if message.sent is not None:
            front.append(f"date: {message.sent.isoformat()}")
            marks["date"] = len(front)
        front += [f"channel: {message.channel}", f"status: {message.status}", "---"]
        marks["status"] = len(front) - 1
        line = _damage(front, marks, mistake, {"status": "replied" if message.status == "no-reply" else "no-reply"})
        in_body = mistake is not None and mistake.kind == "conflict-markers" and mistake.field is None
        body, body_line = _outreach_body(self.vault, message, rng, in_body)
        return front, body, (len(front) + body_line) if body_line else line


def _list(front: list[str], key: str, items: list[str], flow: bool) -> None:
    if not items:
        return
    if flow:
        front.append(f"{key}: [{', '.join(flow_item(item) for item in items)}]")
    else:
        front.append(f"{key}:")
        front.extend(f"  - {quoted(item) if item.startswith('#') else scalar(item)}" for item in items)


def _damage(front: list[str], marks: dict[str, int], mistake: Mistake | None, theirs: dict[str, str]) -> int | None:
    """Break the front matter in place as the mistake says; the 1-based file line of the damage."""
    if mistake is None or mistake.kind == "conflict-markers" and mistake.field is None:
        return None
    if mistake.kind == "missing-required":
        return 1
    if mistake.kind != "invalid-yaml" and mistake.kind != "conflict-markers":
        return marks[mistake.field or ""]
    closing = len(front) - 1
    if mistake.kind == "conflict-markers":
        at = marks[mistake.field or ""] - 1
        front[at : at + 1] = [
            "<<<<<<< HEAD",
            front[at],
            "=======",
            f"{mistake.field}: {theirs[mistake.field or '']}",
            ">>>>>>> laptop",
        ]
        return at + 1
    if mistake.detail == "colon":
        front.insert(closing, "topic: Re: intro call and next steps")
        return closing + 1
    if mistake.detail == "tab":
        front[closing:closing] = ["checklist:", "\t- send the thank-you note"]
        return closing + 2
    if mistake.detail == "flow":
        front.insert(closing, "checklist: [thank-you, follow-up")
        return closing + 1
    at = (marks["date"] if "date" in marks else marks["status"]) - 1
    if mistake.detail == "quote":
        key, value = front[at].split(": ", 1)
        front[at] = f'{key}: "{value}'
        return at + 1
    front.insert(at + 1, "  priority: high")  # indented under a plain value
    return at + 2


def _context(person: Person) -> dict[str, str]:
    first = person.name.split(" ")[0]
    return {
        "first": first,
        "company": person.company,
        "industry": person.industry,
        "function": person.function,
        "title": person.title,
        "location": person.location,
        "connection": person.connection,
        "event": EVENTS[person.number % len(EVENTS)],
    }


def _person_body(vault: Vault, person: Person, rng: random.Random) -> list[str]:
    context = _context(person)
    body = [f"# {person.name}", "", f"{person.title} at [[{person.company}]] · {person.location}", ""]
    body += ["## Background", "", " ".join(t.format_map(context) for t in rng.sample(BACKGROUND, 3)), ""]
    body += ["## Point of connection", "", f"- {person.connection[0].upper()}{person.connection[1:]}."]
    body += [f"- Recommended by [[{vault.people[n].name}]]." for n in person.referrers]
    body += [f"- Came up in [[{vault.calls[c].name}]]." for c in person.named_in]
    body += ["", "## Conversations", ""]
    body += [f"- [[{vault.calls[c].name}]] ({vault.calls[c].status})" for c in person.calls] or ["- None yet."]
    body += [f"- Message: [[{vault.messages[m].name}]] ({vault.messages[m].status})" for m in person.messages]
    body += ["", "## Notes", ""]
    size, target = 0, 700 + int(2000 * rng.random() ** 2)
    while size < target:
        line = "- " + rng.choice(FINDINGS).format_map(context)
        if rng.random() < 0.1:
            line += f" Ask [[{vault.people[rng.randrange(len(vault.people))].name}]] about it."
        body.append(line)
        size += len(line)
    return body


def _interview_body(vault: Vault, call: Call, rng: random.Random, conflict: bool) -> tuple[list[str], int | None]:
    """The prep sheet (date, name, company, title first), then what the call brought."""
    person = vault.people[call.person]
    context = _context(person)
    when = call.day.isoformat() + (f" {call.clock}" if call.clock else "")
    body = [
        f"# {person.name}: informational interview",
        "",
        f"**Date:** {when}  ",
        f"**Name:** [[{person.name}]]  ",
        f"**Company:** [[{person.company}]]  ",
        f"**Title:** {person.title}",
        "",
    ]
    earlier = [c for c in person.calls if c < call.number]
    if earlier:
        body += [f"Previous conversation: [[{vault.calls[earlier[-1]].name}]]", ""]
    body += ["## Opening plan", ""] + ["- " + t.format_map(context) for t in rng.sample(OPENING, 3)]
    body += ["", "## One-minute bio", "", f"The *{call.pitch or 'scientist'}* pitch, tied to {person.industry}.", ""]
    questions = rng.sample(QUESTIONS, rng.randint(4, 7))
    body += ["## Questions", ""] + [f"{n}. {q.format_map(context)}" for n, q in enumerate(questions, 1)]
    body += [f"{len(questions) + 1}. {LAST_QUESTION}", "", "## Notes", ""]
    conflict_line = None
    if conflict:
        conflict_line = len(body) + 1
        body += [
            "<<<<<<< HEAD",
            f"- Status: {call.status}.",
            "=======",
            "- Status: planned.",
            ">>>>>>> 3f2c1ab (phone)",
        ]
    if call.status != "done":
        body += [
            f"- {call.status.capitalize()}; to fill in after the call.",
            "",
            "## Takeaways",
            "",
            "- (after the call)",
        ]
        return body, conflict_line
    size, target = 0, 1200 + int(3800 * rng.random() ** 1.5)
    while size < target:
        paragraph = " ".join(t.format_map(context) for t in rng.sample(FINDINGS, rng.randint(2, 4)))
        body += [paragraph, ""]
        size += len(paragraph)
    body += ["## Takeaways", ""] + ["- " + t.format_map(context) for t in rng.sample(TAKEAWAYS, 2)]
    body += ["", "## Referrals", ""]
    body += [f"- [[{vault.people[n].name}]] at [[{vault.people[n].company}]]" for n in call.referrals] or ["- None."]
    followup = call.followup.isoformat() if call.followup else "in three months"
    body += ["", "## Follow-up", "", f"- [{'x' if call.followup_sent else ' '}] Out-of-the-blue note around {followup}"]
    return body, conflict_line


def _outreach_body(vault: Vault, message: Message, rng: random.Random, conflict: bool) -> tuple[list[str], int | None]:
    person = vault.people[message.person]
    context = _context(person)
    body = [
        f"# Message to {person.name}",
        "",
        f"To: [[{person.name}]] ({message.channel})",
        "",
        f"Hi {context['first']},",
        "",
        f"I'm {vault.owner_first}, {INTRO[0].lower()}{INTRO[1:]}. Your path into {person.industry} caught my "
        f"eye, and I would love to hear about it. Would you have 30 minutes in the coming weeks? "
        f"I am free {AVAILABILITY}.",
        "",
        "Thank you,",
        vault.owner_first,
        "",
        "## Log",
        "",
    ]
    conflict_line = None
    if conflict:
        conflict_line = len(body) + 1
        body += ["<<<<<<< HEAD", f"- Status: {message.status}.", "=======", "- Status: draft.", ">>>>>>> laptop"]
    if message.sent is None:
        body.append(f"- {message.written.isoformat()} drafted.")
    else:
        body.append(f"- {message.sent.isoformat()} sent via {message.channel}; {message.status}.")
    body += ["", "## Research", ""] + ["- " + t.format_map(context) for t in rng.sample(FINDINGS, 4)]
    return body, conflict_line


INTRO = "A physicist turned data scientist looking at medical-device R&D"
AVAILABILITY = "Mondays 9-12 and Thursdays after 14:00 (CET)"


def config_text(vault: Vault) -> str:
    goals = "".join(f'\n[[goals]]\nsince = {s.isoformat()}\ncount = {c}\nper = "{per}"\n' for s, c, per in vault.goals)
    return (
        f"# infoview settings for this vault\nfollowup_days = {FOLLOWUP_DAYS}\n\n[me]\n"
        f'name = "{vault.owner}"\nintro = "{INTRO}"\n'
        'bio = """\nI trained as a physicist and spent four years on data pipelines for a hospital network.\n'
        'Now I am learning how a device goes from a lab prototype to something a nurse trusts.\n"""\n'
        f'availability = "{AVAILABILITY}"\n\n[pitches]\n'
        'scientist = "A physicist who turns messy measurements into decisions."\n'
        'builder = "I build data tools that clinicians actually use."\n'
        f'{goals}\n[folders]\npeople = "{PEOPLE}"\ninterviews = "{INTERVIEWS}"\noutreach = "{OUTREACH}"\n'
    )


# -- public API ----------------------------------------------------------------------------


def build(people: int, seed: int = 1, today: date = DEFAULT_TODAY, messy: float = 0.0) -> Vault:
    """The story of a vault (no I/O)."""
    vault = _Story(people, seed, today, messy).play()
    if messy > 0:
        _Mistakes(vault).plan()
    return vault


def _noon(day: date, seconds: int) -> int:
    return int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()) + seconds


def write_vault(root: Path, vault: Vault, config: bool = True) -> dict[str, int]:
    """Write the vault under ``root`` (absent or empty); returns files and bytes written."""
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} exists and is not empty")
    folders = [PEOPLE, INTERVIEWS, OUTREACH, COMPANIES, ".obsidian", ".trash"] + ([".infoview"] if config else [])
    for folder in folders:
        (root / folder).mkdir(parents=True, exist_ok=True)
    written = {"files": 0, "bytes": 0}

    def write(rel: str, text: str, day: date, seconds: int = 0) -> None:
        data = text.encode("utf-8")
        (root / rel).write_bytes(data)
        stamp = _noon(min(day, vault.today), seconds % 3600)
        os.utime(root / rel, (stamp, stamp))
        written["files"] += 1
        written["bytes"] += len(data)

    notes = _Notes(vault)
    if config:
        write(".infoview/config.toml", config_text(vault), vault.start)
    for person in vault.people:
        write(vault.path("person", person.number), _join(*notes.person(person)[:2]), person.appeared, person.number)
    for call in vault.calls:
        write(
            vault.path("interview", call.number),
            _join(*notes.interview(call)[:2]),
            call.followup_sent or call.day,
            call.number,
        )
    for message in vault.messages:
        write(
            vault.path("outreach", message.number), _join(*notes.outreach(message)[:2]), message.written, message.number
        )
    for rel, text, day in _extra_files(vault):
        write(rel, text, day)
    for folder in folders + [""]:  # folders last: writing into them moved their times
        stamp = _noon(vault.today, 0)
        os.utime(root / folder, (stamp, stamp))
    return written


def _join(front: list[str], body: list[str]) -> str:
    return "\n".join(front + body) + "\n"


def _extra_files(vault: Vault) -> Iterable[tuple[str, str, date]]:
    """Company notes, the home note without front matter, and what must never be read."""
    staff: dict[str, list[Person]] = {}
    for person in vault.people:
        staff.setdefault(person.company, []).append(person)
    for number, (company, industry) in enumerate(vault.companies()):
        kind = ["type: company"] if number % 2 else []  # a type infoview does not know, or none at all
        lines = ["---", *kind, f"industry: {industry}", "---", f"# {company}", "", "## People", ""]
        lines += [f"- [[{p.name}]] ({p.title})" for p in staff[company][:12]]
        yield f"{COMPANIES}/{company}.md", "\n".join(lines) + "\n", vault.start
    home = [
        "# Career conversations",
        "",
        f"People in `{PEOPLE}/`, calls in `{INTERVIEWS}/`, messages in `{OUTREACH}/`.",
    ]
    home += [f"- Where it started: [[{p.name}]]" for p in vault.people[:3]]
    yield "Home.md", "\n".join(home) + "\n", vault.start
    yield ".obsidian/app.json", json.dumps({"newFileFolderPath": PEOPLE, "alwaysUpdateLinks": True}) + "\n", vault.today
    yield ".trash/Deleted Person.md", "---\ntype: person\ncompany: Nowhere Inc\n---\n", vault.today


# -- the truth -----------------------------------------------------------------------------


def expected_answers(vault: Vault) -> dict[str, Any]:
    """What a correct infoview reports on this vault, as of ``vault.today``, from the story alone.

    Names are note names, paths are vault-relative, dates ISO. ``counts``: readable notes per
    kind; ``interview_status``: readable interviews per status (none written means planned);
    ``edges``: distinct [from, to] referral pairs, ``edge_sources`` one row per occurrence;
    ``roots``, ``cycles`` (always none), ``pending`` ({name, referred_by, since}) and
    ``acknowledge`` ({referrer, referred}) as ``infoview referrals`` gives them;
    ``first_interview``, ``done_total``, ``by_month`` and ``by_week`` (zero-filled from the first
    interview to today) and ``outreach`` ({sent, scheduled, conversion}) as ``infoview report``
    gives them; ``messy``: one row per mistake with its path, kind, field, effect and the
    1-based file line ``infoview check`` should name.
    """
    skipped = {key for key, mistake in vault.mistakes.items() if mistake.effect == "skipped"}
    # Neutral notes are readable, so they are counted, but by construction no figure depends on them.
    ignored = skipped | {key for key, mistake in vault.mistakes.items() if mistake.effect == "neutral"}
    calls = [call for call in vault.calls if ("interview", call.number) not in ignored]
    messages = [message for message in vault.messages if ("outreach", message.number) not in ignored]
    readable_calls = [call for call in vault.calls if ("interview", call.number) not in skipped]
    statuses: dict[str, int] = {}
    for call in readable_calls:
        statuses[call.status] = statuses.get(call.status, 0) + 1
    return {
        "generator": {"people": vault.people_count, "seed": vault.seed, "messy": vault.messy},
        "today": vault.today.isoformat(),
        "owner": vault.owner,
        "goals": [{"since": since.isoformat(), "count": count, "per": per} for since, count, per in vault.goals],
        "counts": {
            "person": len(vault.people),
            "interview": len(readable_calls),
            "outreach": sum(1 for m in vault.messages if ("outreach", m.number) not in skipped),
        },
        "interview_status": dict(sorted(statuses.items())),
        **_referral_answers(vault, calls, messages),
        **_cadence_answers(vault, calls, readable_calls),
        "outreach": _outreach_answers(calls, messages),
        "messy": _mistake_rows(vault),
    }


def _referral_answers(vault: Vault, calls: list[Call], messages: list[Message]) -> dict[str, Any]:
    people = vault.people
    sources = [
        {"from": people[r].name, "to": p.name, "source": "referred_by", "path": vault.path("person", p.number)}
        for p in people
        for r in p.referrers
    ]
    sources += [
        {
            "from": people[c.person].name,
            "to": people[n].name,
            "source": "interview",
            "path": vault.path("interview", c.number),
        }
        for c in calls
        for n in c.referrals
    ]
    sources.sort(key=lambda row: (row["from"], row["to"], row["source"], row["path"]))
    pairs = sorted({(row["from"], row["to"]) for row in sources})
    referrers: dict[str, list[str]] = {}
    for source, target in pairs:
        referrers.setdefault(target, []).append(source)
    named_since: dict[str, date] = {}
    for call in calls:
        for number in call.referrals:
            name = people[number].name
            named_since[name] = min(named_since.get(name, call.day), call.day)
    by_name = {person.name: person for person in people}
    has_call = {call.person for call in calls}
    has_done = {call.person for call in calls if call.status == "done"}
    has_sent = {message.person for message in messages if message.sent is not None}
    pending, acknowledge = [], []
    for name in sorted(referrers):
        person = by_name[name]
        if person.number not in has_sent and person.number not in has_call:
            since = named_since.get(name)
            pending.append(
                {"name": name, "referred_by": referrers[name], "since": since.isoformat() if since else None}
            )
        mistake = vault.mistakes.get(("person", person.number))
        thanked = person.thanked is not None and not (mistake is not None and mistake.field == "referrer_thanked")
        if person.number in has_done and not thanked:
            acknowledge += [{"referrer": referrer, "referred": name} for referrer in referrers[name]]
    targets = {target for _, target in pairs}
    return {
        "edges": [list(pair) for pair in pairs],
        "edge_sources": sources,
        "roots": sorted({source for source, _ in pairs if source not in targets}),
        "cycles": [],
        "pending": pending,
        "acknowledge": acknowledge,
    }


def _cadence_answers(vault: Vault, calls: list[Call], readable: list[Call]) -> dict[str, Any]:
    def dated(call: Call) -> bool:
        mistake = vault.mistakes.get(("interview", call.number))
        return mistake is None or mistake.field != "date" or mistake.kind not in ("missing-required", "bad-date")

    days = [call.day for call in readable if dated(call)]
    first = min(days) if days else None
    by_month: dict[str, int] = {}
    by_week: dict[str, int] = {}
    if first is not None:
        month = month_start(first)
        while month <= vault.today:
            by_month[month.strftime("%Y-%m")] = 0
            month = month_start(month, 1)
        week = first - timedelta(days=first.weekday())
        while week <= vault.today:
            by_week[iso_week(week)] = 0
            week += timedelta(days=7)
    done = [call.day for call in calls if call.status == "done"]
    for day in done:
        by_month[day.strftime("%Y-%m")] += 1
        by_week[iso_week(day)] += 1
    return {
        "first_interview": first.isoformat() if first else None,
        "done_total": len(done),
        "by_month": by_month,
        "by_week": by_week,
    }


def _outreach_answers(calls: list[Call], messages: list[Message]) -> dict[str, Any]:
    booked: dict[int, list[date]] = {}
    for call in calls:
        if call.status != "cancelled":
            booked.setdefault(call.person, []).append(call.day)
    sent = [message for message in messages if message.sent is not None]
    scheduled = sum(1 for m in sent if any(m.sent is not None and day >= m.sent for day in booked.get(m.person, ())))
    return {"sent": len(sent), "scheduled": scheduled, "conversion": round(scheduled / len(sent), 6) if sent else 0.0}


def _mistake_rows(vault: Vault) -> list[dict[str, Any]]:
    notes = _Notes(vault)
    rows = []
    for (what, number), mistake in vault.mistakes.items():
        if what == "person":
            line = notes.person(vault.people[number])[2]
        elif what == "interview":
            line = notes.interview(vault.calls[number])[2]
        else:
            line = notes.outreach(vault.messages[number])[2]
        row: dict[str, Any] = {"path": vault.path(what, number), "type": what, "kind": mistake.kind}
        row |= {"field": mistake.field, "line": line, "effect": mistake.effect, "detail": mistake.detail}
        if mistake.value is not None:
            row["value"] = mistake.value
        rows.append(row)
    return sorted(rows, key=lambda row: row["path"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic infoview vault (and, optionally, its truth).")
    parser.add_argument("--people", type=int, required=True, help="number of person notes")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (absent or empty)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--messy", type=float, default=0.0, help="share of notes (0 to 1) with one mistake each")
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY, help="the day the vault is as of")
    parser.add_argument("--truth", type=Path, metavar="FILE", help="also write the expected answers as JSON")
    parser.add_argument("--no-config", action="store_true", help="leave out .infoview/config.toml")
    args = parser.parse_args(argv)
    try:
        vault = build(args.people, args.seed, args.today, args.messy)
        written = write_vault(args.out, vault, config=not args.no_config)
    except (FileExistsError, ValueError) as error:
        parser.error(str(error))
    if args.truth is not None:
        args.truth.write_text(
            json.dumps(expected_answers(vault), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    summary = {"people": len(vault.people), "interviews": len(vault.calls), "outreach": len(vault.messages)}
    print(json.dumps(summary | written | {"messy_notes": len(vault.mistakes)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
