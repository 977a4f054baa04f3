"""What an import does, contact by contact: a table for people, JSON for scripts, and a line
that sums it up. Pure."""

from __future__ import annotations

from infoview.core.contacts import ImportRun, Step
from infoview.views.formats import Output, Screen
from infoview.views.style import Styled
from infoview.views.table import render_table
from infoview.views.text import plural, to_json


def import_table(run: ImportRun, screen: Screen) -> Output:
    return Output(_table(run.steps, screen) if run.steps else "", _summary(run))


def import_json(run: ImportRun, _screen: Screen | None = None) -> Output:
    return Output(to_json(run.as_json(), depth=2), _summary(run))


def _table(steps: list[Step], screen: Screen) -> Styled:
    def detail(step: Step) -> str:
        if step.action == "update":
            return "fills " + ", ".join(step.fills)
        if step.action == "exists":
            return "already in the vault"
        if step.action == "create":
            return step.contact.connection or ""
        return step.reason

    rows = [
        [step.action, step.name, step.contact.title or "", step.contact.company or "", detail(step)] for step in steps
    ]
    headers = ["action", "name", "title", "company", "detail"]
    return render_table(headers, rows, screen.row_width, screen.colours, keep=1)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _summary(run: ImportRun) -> str:
    """One line for standard error: what was (or would be) done, and how to do it."""
    steps, read, write, update = run.steps, run.read, run.written, run.update
    counts = {action: sum(1 for step in steps if step.action == action) for action in _ACTIONS}
    create, fill = ("created", "updated") if write else ("would create", "would update")
    parts = [f"{create} {_people(counts['create'])}"]
    if update:
        parts.append(f"{fill} {_people(counts['update'])}")
    if counts["exists"]:
        hint = "" if update else " (--update fills their empty properties)"
        parts.append(f"{_people(counts['exists'])} already in the vault{hint}")
    if counts["repeat"]:
        parts.append(f"{counts['repeat']} repeated in the file")
    if counts["skip"]:
        parts.append(f"{counts['skip']} left out (names that cannot be note names)")
    line = f"{len(steps)} of {plural(read, 'contact')} match: " + ", ".join(parts)
    if not write and (counts["create"] or counts["update"]):
        line += "; nothing written: add --write to do it"
    return line


_ACTIONS = ("create", "update", "exists", "repeat", "skip")
