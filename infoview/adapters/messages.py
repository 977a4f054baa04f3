"""The messages of the practice: the first outreach, the thanks to whoever suggested someone, and the
out-of-the-blue note a few months after a call. Only the outreach becomes a note (the funnel
counts it); thanks and follow-ups are drafts to copy, recorded on the notes they concern once sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from infoview.adapters.prep import read_takeaways
from infoview.adapters.writes import Workspace, _render_new, edit_note
from infoview.core.analysis.practice import Interview
from infoview.core.analysis.referrals import build_referrals
from infoview.core.errors import InfoviewError
from infoview.core.frontmatter.edit import Changes
from infoview.core.frontmatter.split import body_of
from infoview.core.frontmatter.write import scalar
from infoview.core.making import (
    common_context,
    interview_file_name,
    note_name,
    past_interviews,
    person_view,
    referrer_of,
)
from infoview.core.model import shell_word


def draft_outreach(
    workspace: Workspace, name: str, sent: date | None, channel: str | None, today: date
) -> tuple[Path, str, str]:
    """Draft the first message to a person, or reuse their unsent draft: with ``sent`` it is marked sent.

    Returns the note, the message and what happened ("drafted", "sent", "unchanged").
    """
    person = workspace.person(name)
    draft = next(
        (message for message in workspace.practice.messages if message.person == person.name and message.sent is None),
        None,
    )
    if draft is not None:
        path = workspace.vault / draft.note.path
        if sent is not None:
            changes = Changes(set={"date": sent.isoformat(), "status": "sent"})
            if channel:
                changes.set["channel"] = scalar(channel)
            edit_note(workspace, draft.note, changes)
        return path, body_of(path.read_text(encoding="utf-8")).lstrip("\n"), "sent" if sent else "unchanged"
    spoken = workspace.practice.first_done_call.get(person.name)
    if spoken is not None:
        raise InfoviewError(
            f"you already talked with {person.name} ({spoken.isoformat()}); a first message would be odd now. "
            f"For the note a few months after a call: infoview reach --followup {shell_word(person.name)}"
        )
    context = common_context(workspace.config, today)
    context.update(
        {
            "person": person_view(workspace.practice, person.name),
            "date": sent.isoformat() if sent else None,
            "channel": channel,
            "referrer": referrer_of(workspace.practice, person.name),
            "past_interviews": past_interviews(workspace.practice, person.name, {}),
        }
    )
    day = sent or today
    file_name = note_name(interview_file_name(day, person.name), what="note name")
    path = _render_new(workspace, "outreach.md", context, workspace.folder_for("outreach") / f"{file_name}.md")
    return path, body_of(path.read_text(encoding="utf-8")).lstrip("\n"), "sent" if sent else "drafted"


@dataclass
class Draft:
    """A message to copy: to whom, the text, and how sending it was (or is to be) recorded."""

    to: str
    text: str


@dataclass
class Drafts:
    drafts: list[Draft]
    recorded: str  # what --sent wrote, or the command that records it


def _calls_with(workspace: Workspace, name: str) -> list[Interview]:
    return [call for call in workspace.practice.done if call.person == name]


def _call_view(workspace: Workspace, call: Interview, today: date) -> dict[str, Any]:
    takeaways = list(read_takeaways(workspace.vault, workspace.practice, call.person).get(call.note.path, []))
    return {
        "note": call.note.name,
        "path": call.note.path,
        "date": call.day.isoformat(),
        "months_ago": max(0, (today.year - call.day.year) * 12 + today.month - call.day.month),
        "takeaways": takeaways,
    }


def draft_thanks(workspace: Workspace, name: str, sent: date | None, today: date) -> Drafts:
    """The short note to whoever suggested ``name``: what came of their introduction."""
    person = workspace.person(name)
    recommenders = build_referrals(workspace.practice).recommenders.get(person.name, [])
    if not recommenders:
        raise InfoviewError(
            f"nobody is recorded as having suggested {person.name} (their referred_by, or a call that named them "
            "before you were in touch)"
        )
    calls = _calls_with(workspace, person.name)
    drafts = []
    for recommender in recommenders:
        context = common_context(workspace.config, today)
        context.update(
            {
                "recommender": person_view(workspace.practice, recommender),
                "person": person_view(workspace.practice, person.name),
                "calls": [_call_view(workspace, call, today) for call in calls],
            }
        )
        drafts.append(Draft(recommender, workspace.renderer.render("thanks.md", context)))
    if sent is not None:
        edit_note(workspace, person, Changes(set={"referrer_thanked": sent.isoformat()}))
        recorded = f"recorded: referrer_thanked {sent.isoformat()} in {person.path}"
    else:
        recorded = f"once sent: infoview reach --thanks {shell_word(person.name)} --sent"
    return Drafts(drafts, recorded)


def draft_followup(workspace: Workspace, name: str, sent: date | None, today: date) -> Drafts:
    """The out-of-the-blue note a few months after the latest call: what you did with their advice."""
    person = workspace.person(name)
    calls = _calls_with(workspace, person.name)
    if not calls:
        raise InfoviewError(
            f"no call with {person.name} is marked done yet; the follow-up comes a few months after one "
            f"(to write to them first: infoview reach {shell_word(person.name)})"
        )
    latest = calls[-1]
    context = common_context(workspace.config, today)
    context.update(
        {
            "person": person_view(workspace.practice, person.name),
            "call": _call_view(workspace, latest, today),
            "calls": [_call_view(workspace, call, today) for call in calls],
        }
    )
    drafts = [Draft(person.name, workspace.renderer.render("followup.md", context))]
    if sent is not None:
        edit_note(workspace, latest.note, Changes(set={"followup_sent": sent.isoformat()}))
        recorded = f"recorded: followup_sent {sent.isoformat()} in {latest.note.path}"
    else:
        recorded = f"once sent: infoview reach --followup {shell_word(person.name)} --sent"
    return Drafts(drafts, recorded)
