"""The HTML report, gathered from the vault: what is due needs the prep sheets read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from infoview.adapters.prep import judge_preps
from infoview.core.analysis.due import due_items
from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import build_referrals, doors_opened, person_kinds
from infoview.core.analysis.report import Report
from infoview.core.config import Config
from infoview.views.html import ReportPage, report_html

DUE_WITHIN_DAYS = 14


def html_report(vault: Path, config: Config, practice: Practice, report: Report, today: date) -> str:
    """The page for ``report``, with the referral chains and what is due in the next two weeks."""
    graph = build_referrals(practice)
    prepared = judge_preps(vault, config, practice, today)
    page = ReportPage(
        report=report,
        graph=graph,
        kinds=person_kinds(graph, practice, today),
        doors={name: leader.interviews for name, leader in doors_opened(graph, practice).items()},
        due=due_items(practice, graph, config, today, DUE_WITHIN_DAYS, prepared),
    )
    return report_html(page)
