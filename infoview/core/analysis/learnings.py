"""What the done calls taught: the lines under their "Takeaways" heading (and any heading the
config names), each tied to its call and to the person's company and title, grouped for a
synthesis. Pure: the caller reads the notes' text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from infoview.core.analysis.practice import Interview, Practice
from infoview.core.config import Folders
from infoview.core.errors import UsageError
from infoview.core.filters import Condition, Resolver, normalize_tag
from infoview.core.frontmatter.split import body_of
from infoview.core.making import note_name
from infoview.core.model import Note

GROUPINGS = ("industry", "company", "function", "person", "tag", "year")
TAKEAWAYS = "Takeaways"
SYNTHESIS_FOLDER = "Learnings"  # where --write NAME puts a synthesis note given without a folder
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*\Z")
_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[.\][ \t]+)?(.*)\Z")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"[ \t]*(```|~~~)")
_RULE = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*\Z")  # a thematic break: ---, * * *
_WHOLE_LINK = re.compile(r"\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]\Z")


@dataclass(frozen=True)
class Learning:
    """One excerpt from one done call, with what it takes to group it and link back to it."""

    text: str
    section: str  # the heading it sits under, as written
    interview: str  # the interview's note name, as a link targets it
    path: str
    day: date
    person: str
    company: str | None
    title: str | None
    industry: str | None
    function: str | None
    tags: tuple[str, ...]  # the interview's and the person's tags, normalised

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "section": self.section,
            "interview": self.interview,
            "path": self.path,
            "date": self.day.isoformat(),
            "person": self.person,
            "company": self.company,
            "title": self.title,
            "industry": self.industry,
            "function": self.function,
        }


@dataclass(frozen=True)
class Group:
    """Learnings that share a value of the grouping property (``label`` None: they have none)."""

    label: str | None
    learnings: tuple[Learning, ...]

    @property
    def calls(self) -> int:
        return len({learning.path for learning in self.learnings})


@dataclass(frozen=True)
class LearningGroups:
    """Learnings grouped ``by`` a property (see ``group_learnings``)."""

    by: str
    groups: list[Group]

    def as_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            # A learning under two tags is listed twice but counted once.
            "count": len({learning for group in self.groups for learning in group.learnings}),
            "groups": [
                {"name": group.label, "calls": group.calls, "learnings": [item.as_json() for item in group.learnings]}
                for group in self.groups
            ],
        }


def property_text(note: Note | None, key: str) -> str | None:
    """A person's company, industry or function as text: a value written as a link
    (``"[[Alder Sterile Solutions]]"``) is the note it names, so it groups with the plain spelling."""
    text = note.text(key) if note is not None else None
    if not text or not text.strip():
        return None
    link = _WHOLE_LINK.match(text.strip())
    return link.group(1).strip() if link else text.strip()


def excerpts(body: str, sections: Sequence[str]) -> list[tuple[str, str]]:
    """(heading, excerpt) for each list item or paragraph under a heading that starts with one of
    ``sections`` (ignoring case), up to the next heading of the same or a higher level. Comments
    (a template's prompts) and code blocks are left out; an item's wrapped lines become one line."""
    wanted = tuple(section.casefold() for section in sections)
    found: list[tuple[str, str]] = []
    heading, level = "", 0
    current_words: list[str] = []
    in_fence = False

    def finish() -> None:
        if current_words and heading:
            found.append((heading, " ".join(" ".join(current_words).split())))
        current_words.clear()

    for line in _COMMENT.sub("", body).split("\n"):
        line = line.rstrip("\r")
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if match is not None:
            depth = len(match.group(1))
            if heading and depth > level:
                finish()  # a subheading inside the section: structure, not a learning
                continue
            finish()
            title = match.group(2)
            heading, level = (title, depth) if title.casefold().startswith(wanted) else ("", 0)
            continue
        if not heading or in_fence:
            continue
        item = _ITEM.match(line)
        if item is not None:
            finish()
            current_words.append(item.group(1))
        elif not line.strip() or _RULE.match(line):
            finish()
        else:
            current_words.append(line.strip().removeprefix(">").strip())
    finish()
    return [(section, text) for section, text in found if text]


def _tags(*notes: Note | None) -> tuple[str, ...]:
    found: set[str] = set()
    for note in notes:
        if note is not None:
            found |= {normalize_tag(tag) for tag in note.tags() if tag.strip()}
    return tuple(sorted(found))


def learnings_of(practice: Practice, interview: Interview, text: str, sections: Sequence[str]) -> list[Learning]:
    """The learnings one call's note holds, tied to the call and its person."""
    person = practice.people.get(interview.person)
    return [
        Learning(
            text=excerpt,
            section=heading,
            interview=interview.note.name,
            path=interview.note.path,
            day=interview.day,
            person=interview.person,
            company=property_text(person, "company"),
            title=property_text(person, "title"),
            industry=property_text(person, "industry"),
            function=property_text(person, "function"),
            tags=_tags(interview.note, person),
        )
        for heading, excerpt in excerpts(body_of(text), (TAKEAWAYS, *sections))
    ]


def call_filter(
    practice: Practice,
    *,
    where: Iterable[str] = (),
    tags: Iterable[str] = (),
    since: date | None = None,
    resolve: Resolver | None = None,
) -> Callable[[Interview], bool]:
    """Which done calls to gather from. A ``--where`` test reads the interview's property, or the
    person's when the interview does not have it (so ``industry=Pharma`` works); a ``--tag`` may be
    on either note; ``--since`` is the call's day."""
    conditions = [Condition.parse(text, resolve) for text in where]
    wanted_tags = [normalize_tag(tag) for tag in tags]

    def keep(interview: Interview) -> bool:
        if since is not None and interview.day < since:
            return False
        person = practice.people.get(interview.person)
        for condition in conditions:
            use_person = person is not None and interview.note.get(condition.key) is None
            if not condition(person if use_person and person is not None else interview.note):
                return False
        have = _tags(interview.note, person)
        return all(any(tag == want or tag.startswith(want + "/") for tag in have) for want in wanted_tags)

    return keep


def grep(learnings: Iterable[Learning], text: str | None) -> list[Learning]:
    """Learnings whose excerpt holds ``text``, ignoring case."""
    if not text:
        return list(learnings)
    wanted = text.casefold()
    return [learning for learning in learnings if wanted in learning.text.casefold()]


def _labels(learning: Learning, by: str) -> list[str | None]:
    if by == "person":
        return [learning.person]
    if by == "year":
        return [str(learning.day.year)]
    if by == "tag":
        return list(learning.tags) or [None]
    value: str | None = getattr(learning, by)
    return [value.strip() if value and value.strip() else None]


def group_learnings(learnings: Iterable[Learning], by: str) -> LearningGroups:
    """Learnings grouped by a property, groups in name order (ignoring case) with the ones without
    it last; within a group, oldest call first. A value spelt two ways is one group, named as its
    earliest call spells it."""
    if by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}")
    ordered = sorted(learnings, key=lambda learning: (learning.day, learning.path))
    groups: dict[str | None, list[Learning]] = {}
    names: dict[str | None, str | None] = {}
    for learning in ordered:
        for label in _labels(learning, by):
            key = label.casefold() if label is not None else None
            names.setdefault(key, label)
            groups.setdefault(key, []).append(learning)
    keys = sorted(groups, key=lambda key: (key is None, key or ""))
    return LearningGroups(by, [Group(names[key], tuple(groups[key])) for key in keys])


_SIMILAR = ("company", "industry", "function")
RECALLED = 3  # learnings a prep sheet recalls


def _likeness(person: Note | None) -> tuple[str, ...]:
    return tuple((property_text(person, key) or "").strip().casefold() for key in _SIMILAR)


def _rank(wanted: tuple[str, ...], other: tuple[str, ...], day: date, path: str) -> tuple[Any, ...] | None:
    """How worth recalling a call with someone like ``other`` is for a call with someone like
    ``wanted`` (lower first): the same company before the same industry, a same function breaking
    ties, newest first. None when they share neither company nor industry."""
    company, industry, function = wanted
    same_company, same_industry = bool(company) and other[0] == company, bool(industry) and other[1] == industry
    if not (same_company or same_industry):
        return None
    return (not same_company, not (function and other[2] == function), -day.toordinal(), path)


def calls_to_recall(practice: Practice, person: Note, exclude: str) -> list[Interview]:
    """Others' done calls whose learnings ``relevant_to`` could pick for ``person``, in its order:
    reading their notes in this order can stop once ``RECALLED`` of them gave a learning."""
    wanted = _likeness(person)
    table = practice.derived(_RecallTable)
    candidates = {call.note.path: call for call in table.by_company.get(wanted[0], ())}
    candidates.update((call.note.path, call) for call in table.by_industry.get(wanted[1], ()))
    ranked = []
    for call in candidates.values():
        if call.person != exclude:
            rank = _rank(wanted, table.likeness[call.person], call.day, call.note.path)
            if rank is not None:
                ranked.append((rank, call))
    ranked.sort(key=lambda item: item[0])
    return [call for _rank_of_call, call in ranked]


class _RecallTable:
    """Done calls grouped by their person's company and industry, each person's likeness worked out once."""

    def __init__(self, practice: Practice) -> None:
        self.likeness: dict[str, tuple[str, ...]] = {}
        self.by_company: dict[str, list[Interview]] = {}
        self.by_industry: dict[str, list[Interview]] = {}
        for call in practice.done:
            if call.person not in self.likeness:
                self.likeness[call.person] = _likeness(practice.people.get(call.person))
            company, industry, _function = self.likeness[call.person]
            if company:
                self.by_company.setdefault(company, []).append(call)
            if industry:
                self.by_industry.setdefault(industry, []).append(call)


def relevant_to(
    person: Note | None, learnings: Iterable[Learning], limit: int = RECALLED, exclude: str | None = None
) -> list[Learning]:
    """The learnings from others most worth recalling before a call with ``person`` (``_rank``);
    one per call before a second from any call, so the few lines shown come from different conversations."""
    if person is None:
        return []
    wanted = _likeness(person)
    scored = []
    for position, learning in enumerate(learnings):
        kept = (learning.company, learning.industry, learning.function)
        other = tuple((value or "").strip().casefold() for value in kept)
        rank = None if learning.person == exclude else _rank(wanted, other, learning.day, learning.path)
        if rank is not None:
            scored.append(((*rank, position), learning))
    scored.sort(key=lambda item: item[0])
    first_of_each: list[Learning] = []
    rest: list[Learning] = []
    seen: set[str] = set()
    for _rank_of_learning, learning in scored:
        (rest if learning.path in seen else first_of_each).append(learning)
        seen.add(learning.path)
    return (first_of_each + rest)[:limit]


def synthesis_path(name: str, folders: Folders, dashboard: str) -> str:
    """Where ``--write NAME`` keeps a synthesis note, relative to the vault: a bare name goes into
    ``Learnings/``; a name with ``/`` or ending in ``.md`` is a path from the vault's top. Never a folder whose notes
    are read as people, interviews or outreach, the templates folder or the dashboard."""
    text = name.strip().replace("\\", "/")
    is_path = "/" in text or text.casefold().endswith(".md")
    text = text[:-3] if text.casefold().endswith(".md") else text
    parts = text.split("/") if is_path else [SYNTHESIS_FOLDER, text]
    if any(part in ("", ".", "..") for part in parts):
        raise UsageError(f"--write {name!r}: give a name, or a path inside the vault like {SYNTHESIS_FOLDER}/Pharma.md")
    for part in parts:
        note_name(part, what=f"--write {name!r}:")
    kinds = folders.kinds()
    taken = [part for part in parts[:-1] if part.casefold() in kinds]
    if parts[0].casefold() == folders.templates.casefold():
        taken.append(parts[0])
    if taken:
        raise UsageError(
            f"--write {name!r}: notes in {taken[0]}/ count as {kinds.get(taken[0].casefold(), 'template')} notes; "
            f"keep the synthesis elsewhere, like --write {SYNTHESIS_FOLDER}/{parts[-1]}"
        )
    rel = "/".join(parts) + ".md"
    if rel.casefold() == dashboard.casefold():
        raise UsageError(f"--write {name!r}: that is the dashboard note; choose another name")
    return rel
