"""Every problem of a vault in one place, so that index, check, watch and the dashboard agree. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infoview.core.index import VaultIndex
from infoview.core.model import Problem, sorted_problems


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found in the ``checked`` notes."""

    problems: list[Problem]
    checked: int

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def as_json(self) -> list[dict[str, Any]]:
        return [problem.as_json() for problem in self.problems]


def vault_problems(index: VaultIndex) -> list[Problem]:
    """What is wrong in the vault: unreadable notes and bad properties, links that lead nowhere or to
    several notes, one person in two notes, and referral chains that contradict themselves."""
    if index.known_problems is not None:
        return index.known_problems
    # Imported here: a warm run with nothing changed has the problems already, and starts faster without these.
    from infoview.core.analysis.practice import Practice
    from infoview.core.analysis.referrals import build_referrals

    practice = Practice(index)
    return sorted_problems([*index.problems, *practice.participant_problems, *build_referrals(practice).problems])
