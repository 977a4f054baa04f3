"""The practice loop's writes: a person, an outreach draft, a prep sheet, a finished call, a property.

Each action renders from the templates, checks the note it made can be read back, and writes
through fsio: new notes never overwrite anything, edits change only the lines they mean to.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from infoview.adapters.atomic import ChangedOnDisk, ReadOnlyNote, create_new, replace_note
from infoview.adapters.templates import Renderer, TemplateError
from infoview.core.analysis.practice import Interview, Practice
from infoview.core.config import Config
from infoview.core.errors import InfoviewError, UsageError
from infoview.core.frontmatter.edit import Changes, WriteRefused, apply_changes
from infoview.core.frontmatter.write import scalar
from infoview.core.index import VaultIndex
from infoview.core.making import (
    PERSON_FIELDS,
    common_context,
    existing_note,
    interview_file_name,
    note_name,
    past_interviews,
    person_view,
    referrer_of,
    similar_names,
    takeaways_of,
    typed,
)
from infoview.core.model import CALL_OUTCOMES, Note, Problem, name_key, shell_word
from infoview.core.parse import parse_note


@dataclass
class Workspace:
    """The vault, its config and its notes as one action sees them."""

    vault: Path
    config: Config
    practice: Practice

    @property
    def renderer(self) -> Renderer:
        folder = _folder(self.vault, self.config.folders.templates)
        return Renderer(self.vault / folder, folder)

    def folder_for(self, kind: str) -> Path:
        configured = {
            "person": self.config.folders.people,
            "interview": self.config.folders.interviews,
            "outreach": self.config.folders.outreach,
        }[kind]
        return self.vault / _folder(self.vault, configured)

    def person(self, name: str) -> Note:
        found = self.practice.index.resolve(name)
        if found.ambiguous:
            paths = ", ".join(note.path for note in found.candidates)
            raise UsageError(f"{name!r} matches several notes ({paths}); give the path instead")
        if found.note is None or found.note.type != "person":
            unreadable = _unreadable(self.practice.index, name_key(name))
            if unreadable is not None:
                raise _cannot_read(unreadable)
            close = similar_names(name, list(self.practice.people))
            if close:
                raise UsageError(f"no person named {name!r}; did you mean {' or '.join(close)}?")
            raise UsageError(f"no person named {name!r}; add them first: infoview person add {shell_word(name)}")
        return found.note


def _folder(vault: Path, configured: str) -> str:
    """The folder's name as it exists on disk (matched ignoring case), else as configured."""
    try:
        with os.scandir(vault) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name.casefold() == configured.casefold():
                    return entry.name
    except OSError:
        pass
    return configured


def _render_new(workspace: Workspace, template: str, context: dict[str, Any], target: Path) -> Path:
    """Render a note, check it reads back as the kind it should be, and create it (never overwriting)."""
    text = workspace.renderer.render(template, context)
    rel = target.relative_to(workspace.vault).as_posix()
    note, problems = parse_note(rel, text.encode("utf-8"), workspace.config.folders.kinds())
    errors = [problem for problem in problems if problem.severity == "error"]
    if note is None or errors:
        message = (errors or problems)[0].message.split(";")[0]
        raise TemplateError(f"{template}: the rendered note cannot be read back ({message}); fix the template")
    existing = existing_note(workspace.practice, target.stem)
    taken = _taken_in_folder(target)
    if existing is not None or taken is not None:
        path = existing.path if existing is not None else f"{Path(rel).parent.as_posix()}/{taken}"
        unreadable = _unreadable(workspace.practice.index, name_key(path.removesuffix(".md")))
        why = f" (and cannot be read: {_reason(unreadable)})" if unreadable is not None else ""
        raise InfoviewError(f"{path} already exists{why}; nothing was written")
    _inside(workspace.vault, target)
    try:
        create_new(target, text.encode("utf-8"))
    except FileExistsError:
        raise InfoviewError(f"{rel} already exists; nothing was written") from None
    except OSError as error:
        raise InfoviewError(
            f"{rel}: cannot create the note ({_write_failure(error, rel)}); nothing was written"
        ) from None
    return target


def _write_failure(error: OSError, rel: str) -> str:
    """Why a write failed, in words about the vault (never the temporary file's path)."""
    folder = Path(rel).parent.as_posix()
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {folder} is read-only" if folder != "." else "the vault's folder is read-only"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full: {error.strerror}"
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long for this file system"
    return error.strerror or str(error)


def _taken_in_folder(target: Path) -> str | None:
    """A file in the target's folder with the same name ignoring case and Unicode form (even one
    infoview could not read); those are one file on macOS and Windows."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return None
    wanted = name_key(target.name)
    return next((name for name in names if name_key(name) == wanted), None)


def _inside(vault: Path, target: Path) -> None:
    root = os.path.realpath(vault)
    real = os.path.realpath(target.parent)
    if os.path.commonpath([root, real]) != root:
        rel = os.path.relpath(target, vault)
        raise InfoviewError(
            f"{Path(rel).as_posix()}: its folder is a link that leads outside the vault; nothing was written"
        )


def add_person(workspace: Workspace, name: str, fields: dict[str, Any], extra: dict[str, str], today: date) -> Path:
    name = note_name(name)
    referred = fields.get("referred_by")
    if referred:
        found = workspace.practice.index.resolve(referred)
        fields["referred_by"] = found.note.name if found.note is not None else note_name(referred, what="--referred-by")
    context = common_context(workspace.config, today)
    context.update({field: None for field in PERSON_FIELDS})
    context.update({key: value for key, value in fields.items() if value not in (None, "")})
    extra_values = {key: typed(value) for key, value in extra.items()}
    context.update({"name": name, "extra": extra_values, **extra_values})
    context["referrer"] = person_view(workspace.practice, fields["referred_by"]) if referred else None
    return _render_new(workspace, "person.md", context, workspace.folder_for("person") / f"{name}.md")


def _person_name(workspace: Workspace, name: str) -> str:
    """An existing person's exact note name, or the name as given for someone without a note yet."""
    found = workspace.practice.index.resolve(name)
    return found.note.name if found.note is not None else name


def draft_outreach(
    workspace: Workspace, name: str, sent: date | None, channel: str | None, today: date
) -> tuple[Path, str, str]:
    """Draft the message to a person, or reuse their unsent draft: with ``sent`` it is marked sent.

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
        return path, _body_of(path.read_text(encoding="utf-8")), "sent" if sent else "unchanged"
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
    return path, _body_of(path.read_text(encoding="utf-8")), "sent" if sent else "drafted"


def _body_of(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end >= 0:
            return text[text.find("\n", end + 4) + 1 :].lstrip("\n")
    return text


def new_interview(
    workspace: Workspace, name: str, moment: date | datetime, pitch: str | None, extra: dict[str, str], today: date
) -> Path:
    person = workspace.person(name)
    pitches = workspace.config.pitches
    if pitch is not None and pitches and pitch not in pitches:
        raise UsageError(f"--pitch {pitch!r}: not in the config; the pitches are {', '.join(sorted(pitches))}")
    past = past_interviews(workspace.practice, person.name, _takeaways(workspace, person.name))
    context = common_context(workspace.config, today)
    context.update(
        {
            "person": person_view(workspace.practice, person.name),
            "name": person.name,
            "date": _iso(moment),
            "pitch": pitch,
            "pitch_text": pitches.get(pitch or "", None),
            "referrer": referrer_of(workspace.practice, person.name),
            "past_interviews": past,
            "breadth": extra.get("breadth") or person.text("breadth"),
            "duration": None,
            "channel": None,
            "company": person.text("company"),
            "title": person.text("title"),
            "extra": {key: typed(value) for key, value in extra.items()},
        }
    )
    context.update(context["extra"])
    file_name = note_name(interview_file_name(moment, person.name), what="note name")
    return _render_new(workspace, "interview.md", context, workspace.folder_for("interview") / f"{file_name}.md")


def _iso(moment: date | datetime) -> str:
    """A date, or a date-time to the minute as Obsidian writes it (seconds only when there are some)."""
    if isinstance(moment, datetime) and not moment.second and not moment.microsecond:
        return moment.isoformat(timespec="minutes")
    return moment.isoformat()


def _takeaways(workspace: Workspace, name: str) -> dict[str, list[str]]:
    """Takeaways written in earlier calls with this person or their company (read from those notes)."""
    found = {}
    for call in past_interviews(workspace.practice, name, {}):
        try:
            found[call["path"]] = takeaways_of((workspace.vault / call["path"]).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    return found


def find_note(workspace: Workspace, reference: str, kind: str | None = None) -> Note:
    """A note named as in a link ("2026-12-03 Anna Lee") or by its path in the vault; for an
    interview, a person's name finds their one planned call."""
    index = workspace.practice.index
    reference = _vault_relative(workspace.vault, reference)
    key = name_key(reference.removesuffix(".md") if reference.endswith(".md") else reference)
    unreadable = _unreadable(index, key)
    if unreadable is not None:
        raise _cannot_read(unreadable)
    note = index.by_path.get(key.replace("\\", "/"))
    candidates = [note] if note is not None else list(index.by_name.get(key, []))
    if kind == "interview" and len(candidates) == 1 and candidates[0].type == "person":
        planned = [
            call
            for call in workspace.practice.interviews_by_person.get(candidates[0].name, [])
            if call.status == "planned"
        ]
        if len(planned) == 1:
            return planned[0].note
        if planned:
            raise UsageError(
                f"{candidates[0].name} has {len(planned)} planned calls: "
                + ", ".join(f'"{call.note.name}"' for call in planned)
                + "; name one"
            )
        raise UsageError(f"{candidates[0].name} has no planned call; name the interview note")
    if not candidates:
        raise UsageError(f"no note named {reference!r}; use the note's name as in a link or its path in the vault")
    if len(candidates) > 1:
        raise UsageError(
            f"{reference!r} matches several notes ({', '.join(n.path for n in candidates)}); give the path"
        )
    return candidates[0]


def _vault_relative(vault: Path, reference: str) -> str:
    """A path given from the shell (``./People/Anna.md``, absolute) as a path in the vault; other text as is."""
    if not reference.endswith(".md") or "/" not in reference.replace("\\", "/"):
        return reference
    path = Path(reference)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(vault.resolve()).as_posix()
    except (ValueError, OSError):
        return reference


def _unreadable(index: VaultIndex, key: str) -> Problem | None:
    """The problem that kept a note with this name or path out of the index, if one did (an error
    in the note, or a file that cannot be opened)."""
    for problem in index.file_problems:
        if problem.path in index.by_exact_path or not (problem.severity == "error" or "left out" in problem.message):
            continue
        stem = problem.path.removesuffix(".md")
        if key in (name_key(stem), name_key(stem.rsplit("/", 1)[-1])):
            return problem
    return None


def _reason(problem: Problem) -> str:
    return problem.message.split(";")[0]


def _cannot_read(problem: Problem) -> WriteRefused:
    return WriteRefused(problem.path, problem.line, f"the note cannot be read ({_reason(problem)})")


def edit_note(workspace: Workspace, note: Note, changes: Changes) -> bool:
    """Apply property changes to one note; False when it already says exactly that."""
    target = workspace.vault / note.path
    _inside(workspace.vault, target)
    real = os.path.realpath(target)
    root = os.path.realpath(workspace.vault)
    if os.path.commonpath([root, real]) != root:
        raise WriteRefused(note.path, 1, "the note is a link to a file outside the vault")
    try:
        original = target.read_bytes()
    except OSError as error:
        raise InfoviewError(f"{note.path}: cannot read the note: {error.strerror}") from None
    updated = apply_changes(note.path, original, changes, workspace.config.folders.kinds())
    try:
        return replace_note(target, original, updated)
    except ChangedOnDisk:
        raise WriteRefused(
            note.path, 1, "the note changed on disk while infoview was writing; run the command again"
        ) from None
    except ReadOnlyNote:
        raise WriteRefused(note.path, 1, "the note is read-only") from None
    except OSError as error:
        raise WriteRefused(note.path, 1, f"cannot write the note: {_write_failure(error, note.path)}") from None


@dataclass
class CallRecord:
    """What ``done`` did, and what the practice says to do next."""

    note: Note
    status: str
    created: list[Path] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)


def record_call(
    workspace: Workspace, note: Note, status: str, referrals: list[str], new_date: datetime | date | None, today: date
) -> CallRecord:
    """Record what happened to a call. Every check comes before the first write."""
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
            changes.set["followup"] = scalar(interview.day + timedelta(days=workspace.config.followup_days))
        for raw in referrals:
            name = _person_name(workspace, note_name(raw, what="--referral"))
            if name_key(name) == name_key(interview.person):
                raise UsageError(f"--referral {raw!r}: that is the person you just talked to")
            if name_key(name) not in {name_key(known) for known in names}:
                names.append(name)
        already = {name_key(link.target) for link in note.links_for("referrals")}
        for name in names:
            if name_key(name) not in already:
                changes.append.append(("referrals", scalar(f"[[{name}]]")))
    if status == "done":
        record.created += _stubs(workspace, interview, names, today)  # new notes first: they harm nothing
    edit_note(workspace, note, changes)
    if status == "done":
        record.next_steps += _next_steps(workspace, interview, names, today)
    elif status == "no-show":
        record.next_steps.append(f"write to {interview.person} once, kindly, offering another time; people forget")
    return record


def _reschedule(
    workspace: Workspace, note: Note, interview: Interview, new_date: date | datetime, record: CallRecord
) -> CallRecord:
    """A new day gets a new note (the prep carried over) and the old one says rescheduled; the
    same day only changes the time."""
    new_day = new_date.date() if isinstance(new_date, datetime) else new_date
    if new_day == interview.day:
        edit_note(workspace, note, Changes(set={"date": _iso(new_date)}))
        record.status = "moved"
        record.next_steps.append(f"the call is now at {_iso(new_date).replace('T', ' ')}")
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
    record.next_steps.append(f"the call is now on {_iso(new_date).replace('T', ' ')}: {record.created[-1].name}")
    return record


def _stubs(workspace: Workspace, interview: Interview, names: list[str], today: date) -> list[Path]:
    created = []
    for name in names:
        if existing_note(workspace.practice, name) is not None:
            continue
        created.append(add_person(workspace, name, {"referred_by": interview.person}, {}, today))
    return created


def _next_steps(workspace: Workspace, interview: Interview, names: list[str], today: date) -> list[str]:
    steps = [f"fill the gaps in your notes and write the takeaways now, while it is fresh ({interview.note.path})"]
    for name in names:
        steps.append(f"reach out to {name}, suggested by {interview.person}: infoview reach {shell_word(name)}")
    referrer = referrer_of(workspace.practice, interview.person)
    person = workspace.practice.people.get(interview.person)
    if referrer is not None and person is not None and not person.get("referrer_thanked"):
        steps.append(
            f"thank {referrer['name']}, who suggested {interview.person}, now that you have spoken; "
            f"then: infoview set {shell_word(person.path)} referrer_thanked={today.isoformat()}"
        )
    due = interview.day + timedelta(days=workspace.config.followup_days)
    steps.append(f"an out-of-the-blue note to {interview.person} is due around {due.isoformat()}")
    return steps


def _moved(workspace: Workspace, note: Note, interview: Interview, new_date: date | datetime) -> Path:
    """The rescheduled call's new note: the old prep carried over, with the new date."""
    original = (workspace.vault / note.path).read_bytes()
    changes = Changes(set={"date": _iso(new_date), "status": "planned"})
    moved = apply_changes(note.path, original, changes, workspace.config.folders.kinds())
    old_heading = interview.moment.isoformat().replace("T", " ")[: len(_iso(interview.moment))]
    moved = moved.replace(f"# {old_heading}".encode(), f"# {_iso(new_date).replace('T', ' ')}".encode(), 1)
    file_name = note_name(interview_file_name(new_date, interview.person), what="note name")
    target = workspace.folder_for("interview") / f"{file_name}.md"
    if existing_note(workspace.practice, target.stem) is not None or target.exists():
        raise InfoviewError(
            f"{target.relative_to(workspace.vault).as_posix()} already exists; nothing was changed "
            "(if that is the new call, mark this one with: infoview set NOTE status=rescheduled)"
        )
    create_new(target, moved)
    return target
