"""Every result's output formats and the view that writes each. A new format is one view function
(``(result, screen) -> text``) and one line in ``FORMATS``; ``--format`` offers it from then on.

Views are named here, not imported: a command loads only the view it prints with, which keeps
start-up (and ``--help``) light. Pure, like every view.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from infoview.views.style import Palette

# result -> format -> "module:function"; the first format is the default.
FORMATS: dict[str, dict[str, str]] = {
    "report": {
        "table": "infoview.views.report:report_text",
        "json": "infoview.views.text:json_view",
        "markdown": "infoview.views.report:report_markdown",
        # The page shows more than the report: this view takes the ReportPage the command gathers
        # around it (what is due needs the prep sheets read from disk).
        "html": "infoview.views.html:report_html",
    },
    "due": {
        "table": "infoview.views.due:due_text",
        "json": "infoview.views.text:json_view",
    },
    "referrals": {
        "tree": "infoview.views.referrals:tree_view",
        "json": "infoview.views.text:json_view",
        "mermaid": "infoview.views.referrals:mermaid_view",
        "dot": "infoview.views.referrals:dot_view",
    },
    "learnings": {
        "text": "infoview.views.learnings:learnings_text",
        "markdown": "infoview.views.learnings:learnings_markdown",
        "json": "infoview.views.learnings:learnings_json",
    },
    "check": {
        "table": "infoview.views.problems:problem_lines",
        "json": "infoview.views.text:json_view",
    },
    "ls": {
        "table": "infoview.views.listing:listing_table",
        "json": "infoview.views.listing:listing_json",
    },
    "import": {
        "table": "infoview.views.imports:import_table",
        "json": "infoview.views.imports:import_json",
    },
    "index": {
        "text": "infoview.views.problems:index_summary",
        "json": "infoview.views.text:json_view",
    },
}


class Screen(NamedTuple):
    """Where the text goes: the terminal's columns (None for a pipe that has not said) and its colours."""

    columns: int | None
    colours: Palette

    @property
    def width(self) -> int:
        """Columns for prose and reports: a pipe gets 80."""
        return self.columns or 80

    @property
    def row_width(self) -> int:
        """Columns for tables and trees: a pipe gets whole rows, for grep."""
        return self.columns or 100_000


class Output(NamedTuple):
    """What a view made: text for standard output (pieces of it, for a long listing) and one line
    for standard error (an empty result said in words, what a drawing left out)."""

    text: str | Iterable[str]
    notice: str = ""


View = Callable[[Any, Screen], "Output | str"]


def formats(result: str) -> tuple[str, ...]:
    """The formats ``result`` can be written in, the default first."""
    return tuple(FORMATS[result])


def view_of(result: str, output_format: str) -> View:
    module, _, function = FORMATS[result][output_format].partition(":")
    view: View = getattr(importlib.import_module(module), function)
    return view


def render(result: str, output_format: str, value: Any, screen: Screen) -> Output:
    """``value`` written in ``output_format`` by the view the registry names for it."""
    made = view_of(result, output_format)(value, screen)
    return made if isinstance(made, Output) else Output(made)
