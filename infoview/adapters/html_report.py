"""The HTML report: gathered from the vault (what is due needs the prep sheets read) and written
to the file the user named, never over a note or a file infoview did not write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from infoview.adapters.atomic import atomic_write
from infoview.adapters.prep import judge_preps
from infoview.core.analysis.due import due_items
from infoview.core.analysis.practice import Practice
from infoview.core.analysis.redact import (
    Pseudonyms,
    pseudonyms_for,
    redact_by_person,
    redact_due,
    redact_graph,
)
from infoview.core.analysis.referrals import build_referrals, doors_opened, person_kinds
from infoview.core.analysis.report import Report
from infoview.core.config import Config
from infoview.core.errors import InfoviewError
from infoview.views.html import GENERATOR, ReportPage, report_html

DUE_WITHIN_DAYS = 14


def html_report(
    vault: Path, config: Config, practice: Practice, report: Report, today: date, names: Pseudonyms | None = None
) -> str:
    """The page for ``report``, with the referral chains and what is due in the next two weeks;
    with ``names``, everyone in them by pseudonym (``report`` is then redacted already)."""
    graph = build_referrals(practice)
    prepared = judge_preps(vault, config, practice, today)
    kinds = person_kinds(graph, practice, today)
    doors = {name: leader.interviews for name, leader in doors_opened(graph, practice).items()}
    due = due_items(practice, graph, config, today, DUE_WITHIN_DAYS, prepared)
    if names is not None:
        known = pseudonyms_for(names.key, practice, graph)  # every name a message of the due list may hold
        graph, due = redact_graph(graph, known), redact_due(due, known)
        kinds, doors = redact_by_person(kinds, known), redact_by_person(doors, known)
    return report_html(ReportPage(report=report, graph=graph, kinds=kinds, doors=doors, due=due))


def write_output(target: Path, data: bytes, marker: bytes, force: bool) -> None:
    """Write a file the user named with ``-o``. An existing file is replaced only when infoview
    wrote it (its first bytes hold ``marker``) and it is not a note, or with ``--force``."""
    if target.is_dir():
        raise InfoviewError(f"-o {target}: that is a folder; name a file")
    if not target.parent.is_dir():
        raise InfoviewError(f"-o {target}: the folder {target.parent} does not exist")
    if target.exists() and not force:
        if target.suffix.casefold() == ".md":
            raise InfoviewError(f"-o {target}: that is a note; nothing was written (name another file, or add --force)")
        with open(target, "rb") as handle:
            head = handle.read(4096)
        if marker not in head:
            raise InfoviewError(
                f"-o {target}: the file exists and infoview did not write it; nothing was written "
                "(name another file, or add --force to replace it)"
            )
    atomic_write(target, data)


def write_html_report(target: Path, text: str, force: bool) -> None:
    write_output(target, text.encode("utf-8"), GENERATOR.encode(), force)
