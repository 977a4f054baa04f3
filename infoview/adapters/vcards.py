"""Contact cards (vCard 3 and 4, as phones and address books export them) read into contacts.

vobject does the reading (folded lines, escapes, parameters, structured names); infoview cuts the
file into cards first, so every message names the line where its card begins and one broken card
leaves the others readable."""

from __future__ import annotations

import re
from typing import Any

import vobject

from infoview.core.contacts import Contact, ExportError
from infoview.core.model import Problem


def _cards(path: str, text: str) -> list[tuple[int, str]]:
    """Each BEGIN:VCARD ... END:VCARD block with the line it begins on."""
    cards: list[tuple[int, str]] = []
    start = 0
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        word = line.strip().upper()
        if word == "BEGIN:VCARD" and not lines:
            start = number
        if start:
            lines.append(line)
        if word == "END:VCARD" and start:
            cards.append((start, "\r\n".join(lines) + "\r\n"))
            start, lines = 0, []
    if start:
        cards.append((start, ""))  # never closed: reported by the caller
    if not cards:
        raise ExportError(path, 1, "no BEGIN:VCARD line; export your contacts as a vCard (.vcf) file")
    return cards


def _text(card: Any, key: str) -> str | None:
    """A property's text (the first, or the one marked preferred), whitespace tidied."""
    found = card.contents.get(key, [])
    preferred = [item for item in found if _preferred(item.params)]
    for item in preferred + found:
        value = item.value
        if isinstance(value, list):  # ORG: organisation; unit; ...
            value = value[0] if value else ""
        text = " ".join(str(value).split())
        if text:
            return text
    return None


def _preferred(params: dict[str, list[str]]) -> bool:
    types = [kind.casefold() for kind in params.get("TYPE", [])]
    return "pref" in types or bool(params.get("PREF"))


def _name(card: Any) -> str | None:
    name = _text(card, "fn")
    if name:
        return name
    for item in card.contents.get("n", []):
        # Without a prefix or suffix: "Dr." or "Jr." would end a file name in a dot.
        parts = [item.value.given, item.value.additional, item.value.family]
        joined = " ".join(" ".join(part) if isinstance(part, list) else part for part in parts)
        if joined.strip():
            return " ".join(joined.split())
    return None


def _linkedin(card: Any) -> str | None:
    """A LinkedIn profile: a URL on linkedin.com, or iOS's X-SOCIALPROFILE of type linkedin."""
    for key in ("url", "x-socialprofile"):
        for item in card.contents.get(key, []):
            value = str(item.value).strip()
            kinds = [kind.casefold() for kind in item.params.get("TYPE", [])]
            if "linkedin.com/" in value.casefold() or (key == "x-socialprofile" and "linkedin" in kinds):
                return value
    return None


def _contact(card: Any, line: int, file_name: str) -> Contact | None:
    name = _name(card)
    if name is None:
        return None
    return Contact(
        name=name,
        line=line,
        company=_text(card, "org"),
        title=_text(card, "title") or _text(card, "role"),
        email=_text(card, "email"),
        linkedin=_linkedin(card),
        source="contacts",
        connection=f"in my contacts ({file_name})",
    )


def read_vcards(path: str, text: str) -> tuple[list[Contact], list[Problem]]:
    """The named cards of a vCard file, and a warning for each card left out."""
    contacts: list[Contact] = []
    problems: list[Problem] = []
    file_name = path.replace("\\", "/").rsplit("/", 1)[-1]
    for line, chunk in _cards(path, text):
        if not chunk:
            problems.append(Problem(path, line, "warning", "this vCard never ends (no END:VCARD line); left out"))
            continue
        try:
            card = vobject.readOne(chunk)
        except Exception as error:  # noqa: BLE001 - vobject raises many kinds for bad input; each is one bad card
            # vobject's own line numbers count from the card and are off; the card's line is given instead.
            reason = re.sub(r"^At line \d+:\s*", "", " ".join(str(error).split())) or type(error).__name__
            problems.append(Problem(path, line, "warning", f"this vCard cannot be read ({reason}); left out"))
            continue
        contact = _contact(card, line, file_name)
        if contact is None:
            problems.append(
                Problem(path, line, "warning", "a vCard with no name (no FN or N); give it a name or leave it out")
            )
            continue
        contacts.append(contact)
    return contacts, problems
