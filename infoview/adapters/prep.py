"""Is a prep sheet written yet? Its body against what the interview template would write for it.

A sheet counts as prepared once it holds any line of the user's own: a line that is not the
template's rendering for that call (bullets included, whatever the config's bio says).
"""

from __future__ import annotations

import re
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


_JINJA_VALUE = re.compile(r"\{\{.*?\}\}")
_JINJA_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}")


def template_line_shapes(source: str) -> list[re.Pattern[str]]:
    """What each line of a template writes, whatever its values: ``- Earlier: [[{{ call.note }}]]``
    gives ``- Earlier: [[.*]]``; a line with a ``{% %}`` tag is known by what comes before the tag.
    A line counts only with words of its own (four letters outside its values), so that a line that
    is all values (a bio) matches nothing."""
    shapes = []
    for line in source.splitlines():
        fixed = _JINJA_TAG.split(line.strip(), maxsplit=1)[0]
        tag = _JINJA_TAG.search(line)
        pieces = _JINJA_VALUE.split(fixed)
        if sum(char.isalpha() for piece in pieces for char in piece) >= 4:
            shapes.append(re.compile(".*".join(re.escape(piece) for piece in pieces) + (".*" if tag else "")))
    return shapes


def own_lines(body: str, scaffold: str, shapes: Sequence[re.Pattern[str]] = ()) -> list[str]:
    """Lines of ``body`` that hold more than list markers and that the template did not write:
    neither a line of its rendering now (``scaffold``) nor of the shape of one of its lines, since
    what it wrote when the sheet was made (earlier calls, learnings) may differ from what it writes today."""
    written_by_template = {line.strip() for line in scaffold.splitlines()}
    return [
        line
        for line in body.splitlines()
        if line.strip() not in written_by_template
        and line.strip().strip(_MARKERS)
        and not any(shape.fullmatch(line.strip()) for shape in shapes)
    ]


def judge_preps(vault: Path, config: Config, practice: Practice, today: date) -> dict[str, bool]:
    """For each call of the next two weeks, whether its prep sheet holds anything of the user's own."""
    calls = calls_to_prepare(practice, today)
    if not calls:
        return {}
    renderer = Renderer.for_vault(vault, config)
    try:
        shapes = template_line_shapes(renderer.source_of("interview.md")[0])
    except TemplateError:
        return dict.fromkeys((call.note.path for call in calls), True)  # cannot tell what is the template's: do not nag
    sheets = _Sheets(vault, config, practice, renderer, shapes, today)
    return {call.note.path: sheets.prepared(call) for call in calls}


class _Sheets:
    """What judging the sheets of one command shares: the template, its line shapes, the notes read."""

    def __init__(
        self,
        vault: Path,
        config: Config,
        practice: Practice,
        renderer: Renderer,
        shapes: list[re.Pattern[str]],
        today: date,
    ) -> None:
        self.vault, self.config, self.practice, self.renderer = vault, config, practice, renderer
        self.shapes, self.today = shapes, today
        self.already_read: dict[str, list[str]] = {}

    def prepared(self, call: Interview) -> bool:
        try:
            body = body_of((self.vault / call.note.path).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            return True  # cannot judge: do not nag
        person = self.practice.people.get(call.person)
        if person is None:
            return bool(own_lines(body, "", self.shapes))
        note = call.note
        extra = {key: note.get(key) for key in ("duration", "channel", "breadth") if note.get(key) is not None}
        moment, pitch = iso_moment(call.moment), note.text("pitch")
        context = call_context(
            self.vault, self.config, self.practice, person, moment, pitch, extra, self.today, self.already_read
        )
        try:
            scaffold = body_of(self.renderer.render("interview.md", context))
        except TemplateError:
            return True  # a broken template cannot say what is the user's: do not nag
        return bool(own_lines(body, scaffold, self.shapes))
