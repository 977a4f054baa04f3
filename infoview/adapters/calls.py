"""Calls: the prep sheet before one, and recording what happened after (done, cancelled, moved, missed)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from infoview.adapters.atomic import create_new
from infoview.adapters.people import add_person, look_alike, person_name
from infoview.adapters.prep import call_context
from infoview.adapters.writes import Workspace, _render_new, edit_note
from infoview.core.analysis.due import followup_day
from infoview.core.analysis.practice import Interview
from infoview.core.analysis.schedule import RESCHEDULED_FROM
from infoview.core.errors import InfoviewError, UsageError
from infoview.core.frontmatter.edit import Changes, WriteRefused, apply_changes
from infoview.core.frontmatter.write import scalar
from infoview.core.making import (
    existing_note,
    interview_file_name,
    iso_moment,
    note_name,
    referrer_of,
)
from infoview.core.model import Note, name_key, shell_word
from infoview.core.schema import CALL_OUTCOMES


@dataclass
class NewCall:
    """The prep sheet written, and the outreach it moved to ``scheduled`` (if any)."""

    path: Path
    scheduled: str | None = None


def new_interview(
    workspace: Workspace, name: str, moment: date | datetime, pitch: str | None, extra: dict[str, str], today: date
) -> NewCall:
    """Write the prep sheet for a call; the person's latest sent message becomes ``scheduled``."""
    person = workspace.person(name)
    pitches = workspace.config.pitches
    if pitch is not None and pitches and pitch not in pitches:
        raise UsageError(f"--pitch {pitch!r}: not in the config; the pitches are {', '.join(sorted(pitches))}")
    context = call_context(
        workspace.vault, workspace.config, workspace.practice, person, iso_moment(moment), pitch, extra, today
    )
    file_name = note_name(interview_file_name(moment, person.name), what="note name")
    path = _render_new(workspace, "interview.md", context, workspace.folder_for("interview") / f"{file_name}.md")
    return NewCall(path, _mark_scheduled(workspace, person.name, moment))


def _mark_scheduled(workspace: Workspace, name: str, moment: date | datetime) -> str | None:
    """The latest message sent to ``name`` before the call now says ``scheduled`` (a minimal edit)."""
    day = moment.date() if isinstance(moment, datetime) else moment
    sent = [m for m in workspace.practice.messages if m.person == name and m.sent is not None and m.sent <= day]
    if not sent or sent[-1].status == "scheduled":
        return None
    latest = sent[-1]
    edit_note(workspace, latest.note, Changes(set={"status": "scheduled"}))
    return latest.note.path


@dataclass
class CallRecord:
    """What ``done`` did, and what the practice says to do next."""

    note: Note
    status: str
    created: list[Path] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    already_known: list[str] = field(default_factory=list)


def _check_outcome(note: Note, status: str, referrals: list[str], new_date: date | datetime | None) -> None:
    if note.type != "interview":
        raise UsageError(f"{note.path} is not an interview note")
    if status not in CALL_OUTCOMES:
        raise UsageError(f"--status {status!r}: one of {', '.join(CALL_OUTCOMES)}")
    if status == "rescheduled" and new_date is None:
        raise UsageError("--status rescheduled needs the new --date")
    if status != "rescheduled" and new_date is not None:
        raise UsageError("--date goes with --status rescheduled (to record a call on another day, set its date)")
    if status != "done" and referrals:
        raise UsageError("--referral goes with a call that happened (--status done)")


def record_call(
    workspace: Workspace,
    note: Note,
    status: str,
    referrals: list[str],
    new_date: datetime | date | None,
    today: date,
    *,
    allow_look_alike: bool = False,
) -> CallRecord:
    """Record what happened to a call. Every check comes before the first write, and a failed
    write undoes the notes this command had created."""
    _check_outcome(note, status, referrals, new_date)
    interview = next((call for call in workspace.practice.interviews if call.note.path == note.path), None)
    if interview is None:
        raise UsageError(f"{note.path} has no person or no date; fix its properties first")
    if status == "done" and interview.day > today:
        raise UsageError(
            f"{note.path} is dated {interview.day.isoformat()}, after today; if the call happened, "
            f"fix its date first: infoview set {shell_word(note.path)} date=YYYY-MM-DD"
        )
    record = CallRecord(note, status)
    if status == "rescheduled":
        assert new_date is not None
        return _reschedule(workspace, note, interview, new_date, record)
    changes = Changes(set={"status": status})
    names: list[str] = []
    if status == "done":
        if not note.get("followup"):
            due = interview.day + timedelta(days=workspace.config.followup_days)
            changes.set["followup"] = scalar(due)
        names = _referral_names(workspace, interview, referrals, allow_look_alike)
        already = {name_key(link.target) for link in note.links_for("referrals")}
        changes.append += [("referrals", scalar(f"[[{name}]]")) for name in names if name_key(name) not in already]
        record.already_known = [name for name in names if workspace.practice.contacted(name)]
        new_names = [name for name in names if name not in record.already_known]
        _check_stubs(workspace, new_names)
        record.created += _stubs(workspace, interview, new_names, today, allow_look_alike)
    try:
        edit_note(workspace, note, changes)
    except InfoviewError as error:
        for path in record.created:  # all or nothing: the people made for this call go too
            path.unlink(missing_ok=True)
        raise InfoviewError(f"{error}; no person note was created either") from None
    if status == "done":
        record.next_steps += _next_steps(workspace, interview, names, record.already_known, today)
    elif status == "no-show":
        record.next_steps.append(f"write to {interview.person} once, kindly, offering another time; people forget")
    return record


def _referral_names(
    workspace: Workspace, interview: Interview, referrals: list[str], allow_look_alike: bool
) -> list[str]:
    """The names given, each valid as a note name, as the vault already writes them, once each."""
    names: list[str] = []
    for raw in referrals:
        name = person_name(workspace, note_name(raw, what="--referral"))
        if name_key(name) == name_key(interview.person):
            raise UsageError(f"--referral {raw!r}: that is the person you just talked to")
        similar = None if allow_look_alike else look_alike(workspace, name)
        if similar is not None and name not in workspace.practice.people:
            raise UsageError(
                f"--referral {raw!r}: did you mean {similar.name} ({similar.path})? "
                "Use that name, or add --new if this is a different person"
            )
        if name_key(name) not in {name_key(known) for known in names}:
            names.append(name)
    return names


def _check_stubs(workspace: Workspace, names: list[str]) -> None:
    """Refuse, before anything is written, a new name that a note infoview cannot read already holds."""
    unreadable = workspace.practice.index.unreadable_names
    for name in names:
        path = unreadable.get(name_key(name))
        if path is not None:
            raise InfoviewError(
                f"--referral {name!r}: {path} exists but cannot be read ('infoview check' says why); "
                "fix it and run the command again; nothing was written"
            )


def _stubs(
    workspace: Workspace, interview: Interview, names: list[str], today: date, allow_look_alike: bool
) -> list[Path]:
    created: list[Path] = []
    try:
        for name in names:
            if existing_note(workspace.practice, name) is not None:
                continue
            fields = {"referred_by": interview.person}
            created.append(add_person(workspace, name, fields, {}, today, allow_look_alike=allow_look_alike))
    except InfoviewError:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return created


def _next_steps(
    workspace: Workspace, interview: Interview, names: list[str], known: list[str], today: date
) -> list[str]:
    steps = [f"fill the gaps in your notes and write the takeaways now, while it is fresh ({interview.note.path})"]
    for name in names:
        if name in known:
            steps.append(f"{name} is already known to you: noted as also suggested by {interview.person}")
        else:
            steps.append(f"reach out to {name}, suggested by {interview.person}: infoview reach {shell_word(name)}")
    referrer = referrer_of(workspace.practice, interview.person)
    person = workspace.practice.people.get(interview.person)
    if referrer is not None and person is not None and not person.get("referrer_thanked"):
        steps.append(
            f"tell {referrer['name']}, who suggested {interview.person}, how it went: "
            f"infoview reach --thanks {shell_word(interview.person)}"
        )
    due = followup_day(interview, workspace.config)
    if due is not None:
        steps.append(f"an out-of-the-blue note to {interview.person} is due around {due.isoformat()}")
    return steps


def _reschedule(
    workspace: Workspace, note: Note, interview: Interview, new_date: date | datetime, record: CallRecord
) -> CallRecord:
    """A new day gets a new note (the prep carried over) and the old one says rescheduled; the
    same day only changes the time."""
    new_day = new_date.date() if isinstance(new_date, datetime) else new_date
    if new_day == interview.day:
        edit_note(workspace, note, Changes(set={"date": iso_moment(new_date)}))
        record.status = "moved"
        record.next_steps.append(f"the call is now at {iso_moment(new_date).replace('T', ' ')}")
        return record
    if not os.stat(workspace.vault / note.path).st_mode & stat.S_IWUSR:  # as replace_note will refuse it
        raise WriteRefused(note.path, 1, "the note is read-only")
    moved = _moved(workspace, note, interview, new_date)
    try:
        edit_note(workspace, note, Changes(set={"status": "rescheduled"}))
    except InfoviewError:
        moved.unlink(missing_ok=True)  # all or nothing
        raise
    record.created.append(moved)
    record.next_steps.append(f"the call is now on {iso_moment(new_date).replace('T', ' ')}: {record.created[-1].name}")
    return record


def _moved(workspace: Workspace, note: Note, interview: Interview, new_date: date | datetime) -> Path:
    """The rescheduled call's new note: the old prep carried over, with the new date, and a link
    back to the note it moved from (so a calendar keeps one event for the call)."""
    original = (workspace.vault / note.path).read_bytes()
    changes = Changes(
        set={"date": iso_moment(new_date), "status": "planned", RESCHEDULED_FROM: scalar(f"[[{note.name}]]")}
    )
    moved = apply_changes(note.path, original, changes, workspace.config.folders.kinds(), workspace.config.properties)
    old_heading = interview.moment.isoformat().replace("T", " ")[: len(iso_moment(interview.moment))]
    moved = moved.replace(f"# {old_heading}".encode(), f"# {iso_moment(new_date).replace('T', ' ')}".encode(), 1)
    file_name = note_name(interview_file_name(new_date, interview.person), what="note name")
    target = workspace.folder_for("interview") / f"{file_name}.md"
    if existing_note(workspace.practice, target.stem) is not None or target.exists():
        raise InfoviewError(
            f"{target.relative_to(workspace.vault).as_posix()} already exists; nothing was changed "
            "(if that is the new call, mark this one with: infoview set NOTE status=rescheduled)"
        )
    create_new(target, moved)
    return target
