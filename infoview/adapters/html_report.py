"""The HTML report, gathered from the vault: what is due needs the prep sheets read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
from infoview.views.html import ReportPage

DUE_WITHIN_DAYS = 14


def report_page(
    vault: Path, config: Config, practice: Practice, report: Report, today: date, names: Pseudonyms | None = None
) -> ReportPage:
    """What the page for ``report`` shows beside it: the referral chains and what is due in the next
    two weeks; with ``names``, everyone in them by pseudonym (``report`` is then redacted already)."""
    graph = build_referrals(practice)
    prepared = judge_preps(vault, config, practice, today)
    kinds = person_kinds(graph, practice, today)
    doors = {name: leader.interviews for name, leader in doors_opened(graph, practice).items()}
    due = due_items(practice, graph, config, today, DUE_WITHIN_DAYS, prepared)
    if names is not None:
        known = pseudonyms_for(names.key, practice, graph)  # every name a message of the due list may hold
        graph, due = redact_graph(graph, known), redact_due(due, known)
        kinds, doors = redact_by_person(kinds, known), redact_by_person(doors, known)
    return ReportPage(report=report, graph=graph, kinds=kinds, doors=doors, due=due)
