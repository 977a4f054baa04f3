"""Learnings as text: for the terminal, as Markdown linked back to each call, as JSON, and as the
generated block of a synthesis note. Pure; the same learnings give the same bytes."""

from __future__ import annotations

from infoview.core.analysis.learnings import Group, Learning, LearningGroups
from infoview.views.formats import Output, Screen
from infoview.views.style import lines
from infoview.views.text import hanging, pack, to_json

BEGIN = "<!-- infoview learnings: begin"
END = "<!-- infoview learnings: end -->"
NOTHING_MATCHES = "no learnings match: write takeaways under '## Takeaways' right after each call"


def _label(group: Group, by: str) -> str:
    return group.label if group.label is not None else f"No {by}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _count(group: Group) -> str:
    return f"{_plural(len(group.learnings), 'learning')} from {_plural(group.calls, 'call')}"


def role(learning: Learning) -> str:
    """The person's title and company as one phrase: "Head of QA at Novartis"."""
    if learning.title and learning.company:
        return f"{learning.title} at {learning.company}"
    return learning.title or learning.company or ""


def learnings_text(grouped: LearningGroups, screen: Screen) -> Output:
    """Groups for the terminal: each call once, its excerpts below it, wrapped to the width."""
    if not grouped.groups:
        return Output("", NOTHING_MATCHES)
    width, palette = screen.width, screen.colours
    out: list[str] = []
    for group in grouped.groups:
        if out:
            out.append("")
        out.append(palette(f"{_label(group, grouped.by)} · {_count(group)}", "heading"))
        last_call = None
        for learning in group.learnings:
            if learning.path != last_call:
                last_call = learning.path
                about = role(learning)
                out += pack([learning.interview, *([about] if about else [])], width, "  ", "    ")
            out += hanging(learning.text, width, "    • ", "      ") or ["    •"]
    return Output(lines([*out, ""]))


def learnings_markdown(grouped: LearningGroups, _screen: Screen | None = None) -> str:
    """Groups as Markdown sections, every excerpt followed by a link to its call and who said it."""
    lines: list[str] = []
    for group in grouped.groups:
        lines += [f"## {_label(group, grouped.by)}", "", f"{_count(group)}.", ""]
        for learning in group.learnings:
            about = role(learning)
            source = f"[[{learning.interview}]]" + (f", {about}" if about else "")
            lines.append(f"- {learning.text} ({source})")
        lines.append("")
    return "\n".join(lines)


def learnings_json(grouped: LearningGroups, _screen: Screen | None = None) -> str:
    return to_json(grouped.as_json(), depth=4)


def synthesis_block(grouped: LearningGroups, command: str) -> str:
    """The generated part of a synthesis note, between its two marker lines. The opening marker
    says how to refresh it; nothing in it depends on the day it was made."""
    body = learnings_markdown(grouped) or "No learnings match yet: write takeaways right after each call.\n"
    head = f"{BEGIN}: made by `{command}`; run it again to refresh. Edits inside this block are replaced. -->"
    return f"{head}\n{body.rstrip()}\n{END}\n"
