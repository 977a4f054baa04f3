"""Colour that carries meaning, through one helper, and the type that says text is safe to print.

Text from notes can hold escape sequences that would drive the terminal; it is printed escaped
(``printable``). infoview's own colours must not be. ``Styled`` marks text whose note-derived
parts are escaped already and whose only escape codes are infoview's: the command line prints it
as it is and escapes any other text. A ``Palette`` is the only maker of coloured text, and it
escapes what it is given first. Pure: whether colour is wanted is the caller's decision.
"""

from __future__ import annotations

from collections.abc import Iterable

from infoview.views.text import printable

# SGR parameters for each meaning. Colour only adds to the words, which say the same without it.
ROLES: dict[str, str] = {
    "heading": "1",
    "header": "1",
    "error": "1;31",
    "warning": "1;33",
    "overdue": "1;31",
    "today": "33",
    "interviewed": "32",
    "scheduled": "36",
    "contacted": "34",
    "pending": "33",
    "muted": "2",
    # The report's calendar, as GitHub's contribution greens (256-colour codes).
    "heat0": "38;5;240",
    "heat1": "38;5;151",
    "heat2": "38;5;114",
    "heat3": "38;5;34",
    "heat4": "38;5;22",
}


class Styled(str):
    """Text safe to print as it is: anything from a note in it went through ``printable``, and its
    only escape codes are infoview's colours. Make it with a ``Palette``, ``safe`` or ``join``."""

    __slots__ = ()


def safe(text: str, keep: str = "") -> Styled:
    """``text`` escaped for the terminal (``keep``: characters left as they are, such as line breaks)."""
    return text if isinstance(text, Styled) else Styled(printable(text, keep))


def join(parts: Iterable[str], separator: str = "") -> Styled:
    """Pieces joined by infoview's own ``separator`` (a line break is kept); a piece that is not
    ``Styled`` yet is escaped first."""
    return Styled(safe(separator, keep="\n").join(safe(part) for part in parts))


def lines(parts: Iterable[str]) -> Styled:
    """Lines joined by line breaks, each escaped unless ``Styled``."""
    return join(parts, "\n")


class Palette:
    """Paints text in the colour of its meaning, or leaves it plain when colour is off."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, role: str) -> Styled:
        plain = safe(text)
        if not self.colour or not plain:
            return plain
        return Styled(f"\x1b[{ROLES[role]}m{plain}\x1b[0m")


PLAIN = Palette(colour=False)
