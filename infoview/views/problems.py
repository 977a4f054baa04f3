"""Problems as ``path:line: severity: message`` lines, what ``check`` found, and what ``index`` read. Pure."""

from __future__ import annotations

from infoview.core.index import IndexRun
from infoview.core.model import Problem
from infoview.core.problems import CheckResult
from infoview.views.formats import Output, Screen
from infoview.views.style import Palette, Styled, join, lines
from infoview.views.text import plural

KIND_WORDS = {
    "person": ("person", "people"),
    "interview": ("interview", "interviews"),
    "outreach": ("outreach", "outreach"),
    "other": ("other", "other"),
}


def problem_line(problem: Problem, colours: Palette) -> Styled:
    """A problem as one ``path:line: severity: message`` line, the severity coloured."""
    severity = colours(problem.severity, "error" if problem.severity == "error" else "warning")
    return join([problem.path, f":{problem.line}: ", severity, ": ", problem.message])


def problem_lines(result: CheckResult, screen: Screen) -> Output:
    """Every problem on a line of its own; the verdict for standard error."""
    found = result.problems
    verdict = "no problems" if not found else f"{plural(result.errors, 'error')}, {plural(result.warnings, 'warning')}"
    text = lines([problem_line(problem, screen.colours) for problem in found]) if found else ""
    return Output(text, f"checked {plural(result.checked, 'note')}: {verdict}")


def index_summary(run: IndexRun, _screen: Screen | None = None) -> str:
    """What was read, in words: the notes by kind, what changed, what was left out."""
    summary, changes = run.summary, run.changes
    kinds = ", ".join(
        f"{summary.counts[kind]} {one if summary.counts[kind] == 1 else many}"
        for kind, (one, many) in KIND_WORDS.items()
        if summary.counts.get(kind)
    )
    out = [f"{plural(summary.notes, 'note')} ({kinds or 'none yet'})"]
    if changes.rebuilt:
        out.append(f"read all {plural(changes.read, 'file')}")
    elif changes.any:
        parts = [
            f"{len(items)} {label}"
            for items, label in (
                (changes.added, "added"),
                (changes.modified, "changed"),
                (changes.renamed, "renamed"),
                (changes.deleted, "deleted"),
            )
            if items
        ]
        out.append(f"read {plural(changes.read, 'file')}: {', '.join(parts)}")
    else:
        out.append("nothing changed since the last run")
    if summary.skipped or run.errors or run.warnings:
        out.append(
            f"{summary.skipped} left out, {plural(run.errors, 'error')}, {plural(run.warnings, 'warning')} "
            "(listed above; 'infoview check' lists them again)"
        )
    return "\n".join(out)
