"""Is a prep sheet written yet? Its body against what the interview template would write for it.

A sheet counts as prepared once it holds any line of the user's own: a line that is not the
template's rendering for that call (bullets included, whatever the config's bio says).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from infoview.adapters.learnings import learnings_for_prep
from infoview.adapters.templates import Renderer, TemplateError
from infoview.core.analysis.due import calls_to_prepare
from infoview.core.analysis.practice import Interview, Practice
from infoview.core.config import Config
from infoview.core.frontmatter.split import body_of
from infoview.core.making import interview_context, iso_moment, past_interviews, takeaways_of
from infoview.core.model import Note

_MARKERS = "-*+>#[]xX. \t0123456789"  # what is left of a bullet, a number or a box once its words are gone


def read_takeaways(vault: Path, practice: Practice, name: str) -> dict[str, list[str]]:
    """Takeaways written in earlier calls with this person or their company (read from those notes)."""
    found = {}
    for call in past_interviews(practice, name, {}):
        try:
            found[call["path"]] = takeaways_of((vault / call["path"]).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
    return found


def call_context(
    vault: Path,
    config: Config,
    practice: Practice,
    person: Note,
    moment: str,
    pitch: str | None,
    extra: dict[str, Any],
    today: date,
) -> dict[str, Any]:
    """What the interview template sees for a call: the pure context, plus what earlier notes say
    (takeaways of calls with this person, learnings from others at their company or in their industry)."""
    context = interview_context(
        practice, config, person, moment, pitch, extra, today, read_takeaways(vault, practice, person.name)
    )
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
    return {call.note.path: _prepared(vault, config, practice, renderer, call, today) for call in calls}


def _prepared(
    vault: Path, config: Config, practice: Practice, renderer: Renderer, call: Interview, today: date
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
        vault, config, practice, person, iso_moment(call.moment), call.note.text("pitch"), extra, today
    )
    try:
        scaffold = body_of(renderer.render("interview.md", context))
    except TemplateError:
        return True  # a broken template cannot say what is the user's: do not nag
    return bool(own_lines(body, scaffold))
