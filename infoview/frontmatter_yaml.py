"""Reading front matter the way Obsidian does, without ever losing data silently.

Two readers give the same result. ``read_flat`` handles the flat ``key: value`` lines and
simple lists that Obsidian writes, quickly and by hand; anything else falls back to
``StrictLoader``, a hardened PyYAML loader. Both read YAML 1.2 scalars: only ``true`` and
``false`` are booleans, numbers count only when written canonically (``01234`` and
``+49 176`` stay text), and dates stay text so the caller can type them with a line number.
``FrontMatterHandler`` plugs that loader into python-frontmatter.
"""

from __future__ import annotations

import re
from typing import Any

import frontmatter
import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode

try:  # libyaml's scanner is several times faster; the pure-Python one gives the same results.
    from yaml._yaml import CParser as _Parser

    def _init_parser(loader: Any, stream: str) -> None:
        _Parser.__init__(loader, stream)

except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        pass

    def _init_parser(loader: Any, stream: str) -> None:
        Reader.__init__(loader, stream)
        Scanner.__init__(loader)
        _PyParser.__init__(loader)


class FrontMatterError(ValueError):
    """Raised when front matter cannot be read; ``line`` is 0-based within the front matter."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class DuplicateKeyError(FrontMatterError):
    """Raised for a property written twice; ``first_line`` (0-based) is where it first stands."""

    def __init__(self, line: int, key: str, first_line: int) -> None:
        super().__init__(line, f"duplicate property {key!r}")
        self.key = key
        self.first_line = first_line


NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
BOOL_WORDS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
# No trailing zero in the fraction, so the number reads back exactly as written (``1.10`` stays text).
FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]*[1-9]\Z")


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar under YAML 1.2-style rules."""
    if text in NULL_WORDS:
        return None
    if text in BOOL_WORDS:
        return BOOL_WORDS[text]
    if INT_RE.match(text):
        return int(text)
    if FLOAT_RE.match(text):
        return float(text)
    return text


class StrictResolver(yaml.resolver.BaseResolver):
    """Tags only null, booleans and canonical numbers; everything else is text."""


StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]*[1-9]$"), list("-0123456789")
)


class StrictConstructor(SafeConstructor):
    """SafeConstructor without the surprising types, with text keys and named duplicate keys."""

    def construct_yaml_bool(self, node: ScalarNode) -> bool:  # type: ignore[override]
        return BOOL_WORDS[self.construct_scalar(node)]  # type: ignore[index]

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[str, Any]:  # type: ignore[override]
        if not isinstance(node, MappingNode):
            raise FrontMatterError(node.start_mark.line, "expected a mapping")
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise FrontMatterError(
                    key_node.start_mark.line, "a property name must be plain text, not a list or a mapping"
                )
            key = key_node.value  # keys are text, as JavaScript (and so Obsidian) reads them
            line = key_node.start_mark.line
            if key in mapping:
                raise DuplicateKeyError(line, key, first_line[key])
            first_line[key] = line
            mapping[key] = self.construct_object(value_node, deep=True)
        return mapping


for _tag in ("binary", "set", "omap", "pairs", "timestamp"):
    StrictConstructor.yaml_constructors.pop(f"tag:yaml.org,2002:{_tag}", None)
StrictConstructor.add_constructor("tag:yaml.org,2002:bool", StrictConstructor.construct_yaml_bool)


class StrictComposer(Composer):
    """Refuses anchors and aliases: Obsidian never writes them, and they make exponential 'billion laughs' data."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise FrontMatterError(
                event.start_mark.line, "YAML anchors and aliases (& and *) are not supported; write the value out"
            )
        return super().compose_node(parent, index)


class StrictLoader(StrictComposer, _Parser, StrictConstructor, StrictResolver):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        _init_parser(self, stream)
        StrictComposer.__init__(self)
        StrictConstructor.__init__(self)
        StrictResolver.__init__(self)


def load_yaml(text: str) -> tuple[Any, dict[str, list[int]]]:
    """Parse front-matter text with the strict loader.

    Returns the data and, for each top-level list, the 0-based line of each item. Raises
    FrontMatterError with a 0-based line.
    """
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        item_lines: dict[str, list[int]] = {}
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and isinstance(value_node, yaml.SequenceNode):
                    item_lines[key_node.value] = [item.start_mark.line for item in value_node.value]
        return (loader.construct_document(node) if node is not None else None), item_lines
    except FrontMatterError:
        raise
    except yaml.constructor.ConstructorError as error:
        line = error.problem_mark.line if error.problem_mark is not None else 0
        tag = re.search(r"tag '([^']*)'", error.problem or "")
        name = tag.group(1).replace("tag:yaml.org,2002:", "!!") if tag else "this"
        raise FrontMatterError(
            line, f"the YAML tag {name} is not supported; write the value as plain text"
        ) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position)
        raise FrontMatterError(
            line, f"control character U+{error.character:04X} in the front matter; delete it"
            if isinstance(error.character, int) else "unreadable character in the front matter; delete it"
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line if mark is not None else 0
        unclosed = _likely_cause(text, line)
        if unclosed is not None:
            raise FrontMatterError(*unclosed) from None
        problem = error.problem or error.context or "invalid YAML"
        raise FrontMatterError(line, f"invalid YAML: {problem}{_yaml_hint(text, line)}") from None
    except yaml.YAMLError as error:
        raise FrontMatterError(0, f"invalid YAML: {error}") from None
    except RecursionError:
        raise FrontMatterError(0, "front matter is nested too deeply") from None
    finally:
        loader.dispose()


def _yaml_hint(text: str, line: int) -> str:
    lines = text.split("\n")
    source = lines[line] if 0 <= line < len(lines) else ""
    if "\t" in source[: len(source) - len(source.lstrip())]:
        return " (indent with spaces, not tabs)"
    key, sep, value = source.partition(":")
    value = value.strip()
    if sep and value and value[0] not in "\"'[{" and (":" in value or value[0] in "@`%"):
        return f' (put the value in double quotes: {key.strip()}: "{value}")'
    return ""


def _likely_cause(text: str, error_line: int) -> tuple[int, str] | None:
    """A quote or bracket opened on a property line and never closed there (or a YAML directive):
    the usual cause of an error that YAML only notices lines later."""
    for number, line in enumerate(text.split("\n")[: error_line + 1]):
        if line.startswith("%"):
            return number, "YAML directives (lines starting with %) are not supported; delete this line"
        key, sep, value = line.partition(":")
        value = value.strip()
        if not sep or not value or line[:1] in " \t#-":
            continue
        if value[0] == '"' and (len(value) == 1 or not re.search(r'(?<!\\)"\s*(#.*)?$', value[1:])):
            return number, f'the quote opened in {key.strip()} is never closed; end the value with "'
        if value[0] == "'" and (len(value) == 1 or not value.rstrip().endswith("'")):
            return number, f"the quote opened in {key.strip()} is never closed; end the value with '"
        if value[0] == "[" and value.count("[") > value.count("]"):
            return number, f"the [ opened in {key.strip()} is never closed; end the list with ]"
        if value[0] == "{" and value.count("{") > value.count("}"):
            return number, f"the {{ opened in {key.strip()} is never closed; end it with }}"
    return None


# --- the fast path -------------------------------------------------------------------------

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*):(?:[ \t]+(.*))?\Z")
_ITEM_LINE = re.compile(r"( *)-(?: +(.*))?\Z")
_PLAIN_START_BAD = frozenset("-?:,[]{}#&*!|>'\"%@`\t ")
_NUMBER_START = frozenset("-0123456789")
_DOUBLE_SIMPLE = re.compile(r'"([^"\\]*)"[ \t]*(?:#.*)?\Z')
_SINGLE_SIMPLE = re.compile(r"'([^']*)'[ \t]*(?:#.*)?\Z")
_FLOW_ITEM = re.compile(r'[ \t]*(?:"([^"\\]*)"|([^,\[\]{}#:]*))[ \t]*(,|\Z)')


class _NotFlat(Exception):
    """The fast reader met YAML it does not handle; the strict loader decides."""


def _plain(text: str) -> Any:
    """An unquoted scalar on one line, with any trailing comment removed."""
    if " #" in text:
        text = text.split(" #", 1)[0].rstrip()
    if ": " in text or text[-1:] == ":" or "\t" in text:
        raise _NotFlat
    if text in NULL_WORDS:
        return None
    if text in BOOL_WORDS:
        return BOOL_WORDS[text]
    if text[0] in _NUMBER_START:
        if INT_RE.match(text):
            return int(text)
        if FLOAT_RE.match(text):
            return float(text)
    return text


def _flow_list(text: str) -> list[Any]:
    """A one-line flow list of simple items: ``[]``, ``[a, b]``, ``["x", y]``."""
    if text[-1] != "]":
        raise _NotFlat
    inner = text[1:-1]
    if not inner.strip():
        return []
    items: list[Any] = []
    position, end = 0, len(inner)
    while position < end:
        match = _FLOW_ITEM.match(inner, position)
        if match is None or match.end() == position:
            raise _NotFlat
        quoted, plain = match.group(1), match.group(2)
        if quoted is not None:
            items.append(quoted)
        else:
            plain = plain.strip()
            if not plain or plain[0] in _PLAIN_START_BAD:
                raise _NotFlat
            items.append(_plain(plain))
        position = match.end()
        if match.group(3) == "," and position == end:
            raise _NotFlat
    return items


def _flat_scalar(text: str) -> Any:
    first = text[0]
    if first not in _PLAIN_START_BAD:
        return _plain(text)
    if first == '"':
        match = _DOUBLE_SIMPLE.match(text)
        if match is None:
            raise _NotFlat
        return match.group(1)
    if first == "'":
        match = _SINGLE_SIMPLE.match(text)
        if match is None:
            raise _NotFlat
        return match.group(1)
    if first == "[" and not text.startswith("[["):
        return _flow_list(text)
    if first == "#":  # the whole value is a comment
        return None
    raise _NotFlat


FlatResult = tuple[dict[str, Any], dict[str, int], dict[str, list[int]]]


def read_flat(lines: list[str]) -> FlatResult | None:
    """Read flat front matter by hand; None when it needs the YAML loader.

    Returns the properties, the 0-based line of each key and of each item of a block list.
    Raises DuplicateKeyError for a key written twice, which is an error whichever reader meets it.
    """
    properties: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    duplicate: DuplicateKeyError | None = None  # raised once the whole block is known to be flat
    count = len(lines)
    index = 0
    try:
        while index < count:
            line = lines[index]
            if not line or line[0] == "#" or line.isspace():
                index += 1
                continue
            key, colon, rest = line.partition(":")
            if not colon or not key.isidentifier() or not key.isascii():
                match = _KEY_LINE.match(line)
                if match is None:
                    return None
                key, rest = match.group(1), " " + (match.group(2) or "")
            if key in key_lines:
                duplicate = duplicate or DuplicateKeyError(index, key, key_lines[key])
            else:
                key_lines[key] = index
            index += 1
            value = rest.strip()
            if value:
                if rest[0] not in " \t":
                    return None
                if value[0] != "#":
                    scalar = properties[key] = _flat_scalar(value)
                    if type(scalar) is list and scalar:
                        item_lines[key] = [index - 1] * len(scalar)
                    continue
            items: list[Any] = []
            lines_of_items: list[int] = []
            indent: str | None = None
            while index < count:
                line = lines[index]
                if not line or line[0] == "#" or line.isspace():
                    index += 1
                    continue
                if line[0] not in " -":
                    break
                item = _ITEM_LINE.match(line)
                if item is None or (indent is not None and item.group(1) != indent):
                    return None
                indent = item.group(1)
                text = (item.group(2) or "").strip()
                items.append(_flat_scalar(text) if text else None)
                lines_of_items.append(index)
                index += 1
            properties[key] = items if indent is not None else None
            if lines_of_items:
                item_lines[key] = lines_of_items
    except _NotFlat:
        return None
    if duplicate is not None:
        raise duplicate
    return properties, key_lines, item_lines


class FrontMatterHandler(frontmatter.YAMLHandler):
    """python-frontmatter handler with infoview's strict reader.

    Usable with ``frontmatter.loads(text, handler=FrontMatterHandler())``; infoview itself calls
    ``load`` directly after its own split, so that nothing is dropped without a message.
    """

    def load(self, fm: str, **kwargs: object) -> Any:
        lines = fm.split("\n")
        flat = read_flat(lines)
        if flat is not None:
            return flat[0]
        return load_yaml(fm)[0]
