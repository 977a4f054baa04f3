"""Writing values into front matter the way Obsidian writes them: plain when no reader could
misread them, double-quoted otherwise. Pure."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from infoview.core.frontmatter.read_flat import BOOL_WORDS, FLOAT_RE, INT_RE, NULL_WORDS
from infoview.core.model import parse_date

_PLAIN = re.compile(r"[^\W\d_][\w .,'()/&+-]*\Z")
_PLAIN_IN_LIST = re.compile(r"[^\W\d_][\w .'()/&+-]*\Z")
# YAML 1.1 readers (PyYAML, older tools) turn these into booleans: quote them for everyone.
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off"})


def needs_quotes(text: str, in_list: bool = False) -> bool:
    """Whether plain text would be read back as something else (or break the line or the list)."""
    if not (_PLAIN_IN_LIST if in_list else _PLAIN).match(text) or text != text.strip():
        return True
    lowered = text.lower()
    return lowered in _YAML11_WORDS or text in BOOL_WORDS or text in NULL_WORDS or lowered in ("true", "false", "null")


# Characters YAML refuses raw even inside double quotes: written as \uXXXX escapes, which read back as themselves.
_YAML_REFUSES = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")


def quote(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return (
        _YAML_REFUSES.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)
        if _YAML_REFUSES.search(quoted)
        else quoted
    )


def scalar(value: Any, in_list: bool = False) -> str:
    """One value as YAML text on one line, read back as the same value by infoview and Obsidian."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(item, in_list=True) if item is not None else '""' for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{quote(str(key))}: {scalar(item, in_list=True)}" for key, item in value.items()) + "}"
    text = str(value)
    if parse_date(text):
        return text
    return quote(text) if needs_quotes(text, in_list) else text


def text_value(text: str) -> str:
    """A value typed on the command line, as YAML: numbers, booleans and dates as such, links and
    risky text quoted. ``"no"`` stays text (quoted), as Obsidian reads it."""
    if parse_date(text) or INT_RE.match(text) or FLOAT_RE.match(text) or text in ("true", "false"):
        return text
    return quote(text) if needs_quotes(text) else text
