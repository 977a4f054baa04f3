"""Calls as a calendar sees them: a rescheduled call and the note it moved to are one event. Pure.

When a call moves to another day, ``done --status rescheduled`` writes a new note that says
``rescheduled_from: "[[old note]]"``. Following those links from the first note gives the chain of
one call; the event keeps the first note's identity and takes the latest note's day and status.
"""

from __future__ import annotations

from dataclasses import dataclass

from infoview.core.analysis.practice import Interview, Practice
from infoview.core.links import parse_link_text

RESCHEDULED_FROM = "rescheduled_from"


@dataclass(frozen=True, slots=True)
class CallChain:
    """One call through its moves: ``notes`` oldest first; the first gives its identity, the last its state."""

    notes: tuple[Interview, ...]

    @property
    def first(self) -> Interview:
        return self.notes[0]

    @property
    def latest(self) -> Interview:
        return self.notes[-1]


def _moved_from(practice: Practice, interview: Interview, by_path: dict[str, Interview]) -> str | None:
    """The path of the note this call was moved from, when its ``rescheduled_from`` names one."""
    raw = interview.note.text(RESCHEDULED_FROM)
    parsed = parse_link_text(raw) if raw else None
    if parsed is None:
        return None
    found = practice.index.resolve(parsed[0], prefer="interview")
    if found.note is None or found.note.path not in by_path or found.note.path == interview.note.path:
        return None
    return found.note.path


def call_chains(practice: Practice) -> list[CallChain]:
    """Every interview in exactly one chain, in the order of their first notes. When two notes
    claim to follow the same one, the earlier continues the chain and the later starts its own."""
    by_path = {interview.note.path: interview for interview in practice.interviews}
    next_note: dict[str, str] = {}
    for interview in practice.interviews:  # date order: the earliest successor wins
        previous = _moved_from(practice, interview, by_path)
        if previous is not None and previous not in next_note:
            next_note[previous] = interview.note.path
    continued = set(next_note.values())
    chains: list[CallChain] = []
    placed: set[str] = set()
    starts = [i for i in practice.interviews if i.note.path not in continued]
    leftovers = [i for i in practice.interviews if i.note.path in continued]  # only reached here when in a loop
    for start in [*starts, *leftovers]:
        if start.note.path in placed:
            continue
        notes = [start]
        placed.add(start.note.path)
        path = next_note.get(start.note.path)
        while path is not None and path not in placed:
            notes.append(by_path[path])
            placed.add(path)
            path = next_note.get(path)
        chains.append(CallChain(tuple(notes)))
    return chains
