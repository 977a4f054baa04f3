"""Is a prep sheet written yet? Its body against what the interview template would write for it.

A sheet counts as prepared once it holds any line of the user's own: a line that is not the
template's rendering for that call (bullets included, whatever the config's bio says).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, overload

from infoview.adapters.learnings import learnings_for_prep
from infoview.adapters.templates import Renderer, TemplateError
from infoview.core.analysis.due import calls_to_prepare
from infoview.core.analysis.practice import Interview, Practice
from infoview.core.config import Config
from infoview.core.frontmatter.split import body_of
from infoview.core.making import interview_context, iso_moment, past_interviews, takeaways_of
from infoview.core.model import Note

_MARKERS = "-*+>#[]xX. \t0123456789"  # what is left of a bullet, a number or a box once its words are gone


class _Takeaways(Sequence[str]):
    """One past call's takeaways, read from its note the first time a template looks at them
    (a sheet shows the last few calls, and judging many sheets would otherwise read every colleague's)."""

    def __init__(self, vault: Path, path: str, already_read: dict[str, list[str]]) -> None:
        self._vault, self._path, self._already_read = vault, path, already_read

    @property
    def _lines(self) -> list[str]:
        if self._path not in self._already_read:
            try:
                text = (self._vault / self._path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            self._already_read[self._path] = takeaways_of(text)
        return self._already_read[self._path]

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._lines[index]

    def __len__(self) -> int:
        return len(self._lines)


def read_takeaways(
    vault: Path, practice: Practice, name: str, already_read: dict[str, list[str]] | None = None
) -> dict[str, Sequence[str]]:
    """Takeaways written in earlier calls with this person or their company, each read from its
    note when first looked at (and once for all the sheets of one command that share ``already_read``)."""
    shared = {} if already_read is None else already_read
    return {call["path"]: _Takeaways(vault, call["path"], shared) for call in past_interviews(practice, name, {})}


def call_context(
    vault: Path,
    config: Config,
    practice: Practice,
    person: Note,
    moment: str,
    pitch: str | None,
    extra: dict[str, Any],
    today: date,
    already_read: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """What the interview template sees for a call: the pure context, plus what earlier notes say
    (takeaways of calls with this person, learnings from others at their company or in their industry)."""
    takeaways = read_takeaways(vault, practice, person.name, already_read)
    context = interview_context(practice, config, person, moment, pitch, extra, today, takeaways)
    context["learnings"] = learnings_for_prep(vault, practice, config, person.name)
    return context


def own_lines(body: str, scaffold: str) -> list[str]:
    """Lines of ``body`` that the scaffold did not write and that hold more than list markers."""
    written_by_template = {line.strip() for line in scaffold.splitlines()}
    return [
        line for line in body.splitlines() if line.strip() not in written_by_template and line.strip().strip(_MARKERS)
    ]


def judge_preps(vault: Path, config: Config, practice: Practice, today: date) -> dict[str, bool]:
    """For each call of the next two weeks, whether its prep sheet holds anything of the user's own."""
    calls = calls_to_prepare(practice, today)
    if not calls:
        return {}
    renderer = Renderer.for_vault(vault, config)
    already_read: dict[str, list[str]] = {}
    return {call.note.path: _prepared(vault, config, practice, renderer, call, today, already_read) for call in calls}


def _prepared(
    vault: Path,
    config: Config,
    practice: Practice,
    renderer: Renderer,
    call: Interview,
    today: date,
    already_read: dict[str, list[str]],
) -> bool:
    try:
        body = body_of((vault / call.note.path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return True  # cannot judge: do not nag
    person = practice.people.get(call.person)
    if person is None:
        return bool(own_lines(body, ""))
    extra = {key: call.note.get(key) for key in ("duration", "channel", "breadth") if call.note.get(key) is not None}
    context = call_context(
        vault, config, practice, person, iso_moment(call.moment), call.note.text("pitch"), extra, today, already_read
    )
    try:
        scaffold = body_of(renderer.render("interview.md", context))
    except TemplateError:
        return True  # a broken template cannot say what is the user's: do not nag
    return bool(own_lines(body, scaffold))
