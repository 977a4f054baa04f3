"""The strict YAML loader behind infoview's front matter, and its python-frontmatter handler.

PyYAML's safe loader, hardened: no anchors or aliases (they make exponential "billion laughs"
data), no Python or binary tags, duplicate keys named, keys always text, and scalars resolved
as YAML 1.2 (see ``infoview.core.frontmatter.read_flat``). Imported only when a note needs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode

from infoview.core.frontmatter.read_flat import BOOL_WORDS, DuplicateKeyError, FrontMatterError, read_flat

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


class StrictResolver(yaml.resolver.BaseResolver):
    """Tags only null, booleans and canonical numbers; everything else is text."""


StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
StrictResolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]*[1-9]$"), list("-0123456789")
)


class StrictConstructor(SafeConstructor):
    """SafeConstructor without the surprising types, with text keys and named duplicate keys."""

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return BOOL_WORDS[str(self.construct_scalar(node))]

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
StrictConstructor.add_constructor("tag:yaml.org,2002:bool", StrictConstructor.construct_yaml_bool)  # type: ignore[type-var]


class StrictComposer(Composer):
    """Refuses anchors and aliases: Obsidian never writes them, and they make exponential 'billion laughs' data."""

    peek_event: Callable[[], Any]  # from the parser it is mixed with

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise FrontMatterError(
                event.start_mark.line, "YAML anchors and aliases (& and *) are not supported; write the value out"
            )
        return super().compose_node(parent, index)


class StrictLoader(StrictComposer, _Parser, StrictConstructor, StrictResolver):
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
        raise FrontMatterError(line, f"the YAML tag {name} is not supported; write the value as plain text") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position)
        raise FrontMatterError(
            line,
            f"control character U+{error.character:04X} in the front matter; delete it"
            if isinstance(error.character, int)
            else "unreadable character in the front matter; delete it",
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
    except (ValueError, IndexError, KeyError, OverflowError, TypeError):
        # PyYAML's constructors for explicit tags (!!int, !!float, !!bool) fail with plain errors.
        line = next((number for number, text_line in enumerate(text.split("\n")) if "!!" in text_line), 0)
        raise FrontMatterError(
            line, "a value with a YAML tag (!!int, !!float, ...) does not fit its tag; remove the tag"
        ) from None
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


class FrontMatterHandler(YAMLHandler):
    """python-frontmatter's YAML handler with infoview's strict reader.

    ``frontmatter.loads(text, handler=FrontMatterHandler())`` reads a note as infoview does.
    infoview itself splits notes with its own splitter (python-frontmatter's drops a BOM, a list
    or an unclosed block without a word) and then calls ``load_with_lines``.
    """

    def load(self, fm: str, **kwargs: object) -> Any:
        return self.load_with_lines(fm)[0]

    def load_with_lines(self, fm: str) -> tuple[Any, dict[str, list[int]]]:
        """The data and the 0-based line of each item of each top-level list."""
        flat = read_flat(fm.split("\n"))
        if flat is not None:
            return flat[0], flat[2]
        return load_yaml(fm)
