"""Links as Obsidian writes them in properties: ``"[[Anna Lee]]"``, ``"[[People/Anna Lee|Anna]]"``, bare names."""

from __future__ import annotations

import re
from typing import Any, Literal
from urllib.parse import unquote

LinkForm = Literal["quoted", "unquoted", "bare"]
_MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)]*)\)\Z")


def link_target(text: str) -> str:
    """The note a link points at: text before ``|`` and ``#``, without ``.md``; '' for no target."""
    target = text.split("|", 1)[0].split("#", 1)[0].strip()
    if target[-3:].lower() == ".md":
        target = target[:-3].rstrip()
    return target.strip("/")


def parse_link_text(text: str) -> tuple[str, LinkForm] | None:
    """A string property as a link: a wikilink, a Markdown link, or a bare note name."""
    text = text.strip()
    if text.startswith("!"):
        text = text[1:]
    if text.startswith("[[") and text.endswith("]]"):
        target = link_target(text[2:-2])
        return (target, "quoted") if target else None
    markdown = _MARKDOWN_LINK.match(text)
    if markdown:
        target = link_target(unquote(markdown.group(1)))
        return (target, "quoted") if target else None
    target = link_target(text)
    return (target, "bare") if target else None


def _unquoted(value: Any) -> str | None:
    """YAML reads an unquoted ``[[Anna Lee]]`` as ``[["Anna Lee"]]``: recover the text."""
    if isinstance(value, list) and len(value) == 1:
        inner = value[0]
        if isinstance(inner, list) and len(inner) == 1 and isinstance(inner[0], str):
            return inner[0]
    return None


def links_in(value: Any) -> tuple[list[tuple[str, LinkForm, int | None]], list[Any]]:
    """Every link in a property value (target, form, position in a list or None), and the items
    that are not links at all."""
    found: list[tuple[str, LinkForm, int | None]] = []
    rejects: list[Any] = []
    if value is None:
        return found, rejects
    single = _unquoted(value) is not None or not isinstance(value, list)
    items = [value] if single else value
    for position, item in enumerate(items):
        where = None if single else position
        raw = _unquoted(item)
        if raw is not None:
            target = link_target(raw)
            if target:
                found.append((target, "unquoted", where))
            else:
                rejects.append(item)
        elif isinstance(item, str):
            parsed = parse_link_text(item)
            if parsed is None:
                if item.strip():
                    rejects.append(item)
            else:
                found.append((*parsed, where))
        elif item is not None:
            rejects.append(item)
    return found, rejects
