"""Learnings as text: for the terminal, as Markdown linked back to each call, as JSON, and as the
generated block of a synthesis note. Pure; the same learnings give the same bytes."""

from __future__ import annotations

from typing import Any

from infoview.core.analysis.learnings import Group, Learning
from infoview.views.style import PLAIN, Palette, Styled, lines
from infoview.views.text import hanging, pack

BEGIN = "<!-- infoview learnings: begin"
END = "<!-- infoview learnings: end -->"


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


def learnings_text(groups: list[Group], by: str, width: int = 80, palette: Palette = PLAIN) -> Styled:
    """Groups for the terminal: each call once, its excerpts below it, wrapped to the width."""
    out: list[str] = []
    for group in groups:
        if out:
            out.append("")
        out.append(palette(f"{_label(group, by)} · {_count(group)}", "heading"))
        last_call = None
        for learning in group.learnings:
            if learning.path != last_call:
                last_call = learning.path
                about = role(learning)
                out += pack([learning.interview, *([about] if about else [])], width, "  ", "    ")
            out += hanging(learning.text, width, "    • ", "      ") or ["    •"]
    return lines([*out, ""]) if out else Styled("")


def learnings_markdown(groups: list[Group], by: str) -> str:
    """Groups as Markdown sections, every excerpt followed by a link to its call and who said it."""
    lines: list[str] = []
    for group in groups:
        lines += [f"## {_label(group, by)}", "", f"{_count(group)}.", ""]
        for learning in group.learnings:
            about = role(learning)
            source = f"[[{learning.interview}]]" + (f", {about}" if about else "")
            lines.append(f"- {learning.text} ({source})")
        lines.append("")
    return "\n".join(lines)


def learnings_json(groups: list[Group], by: str) -> dict[str, Any]:
    return {
        "by": by,
        # A learning under two tags is listed twice but counted once.
        "count": len({learning for group in groups for learning in group.learnings}),
        "groups": [
            {"name": group.label, "calls": group.calls, "learnings": [item.as_json() for item in group.learnings]}
            for group in groups
        ],
    }


def synthesis_block(groups: list[Group], by: str, command: str) -> str:
    """The generated part of a synthesis note, between its two marker lines. The opening marker
    says how to refresh it; nothing in it depends on the day it was made."""
    body = learnings_markdown(groups, by) or "No learnings match yet: write takeaways right after each call.\n"
    head = f"{BEGIN}: made by `{command}`; run it again to refresh. Edits inside this block are replaced. -->"
    return f"{head}\n{body.rstrip()}\n{END}\n"
