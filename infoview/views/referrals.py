"""Referral chains drawn as a text tree, a Mermaid flowchart or a Graphviz graph. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from infoview.core.analysis.referrals import ReferralGraph

Status = Callable[[str], str]


def tree_lines(graph: ReferralGraph, roots: Iterable[str], status: Status) -> list[str]:
    """Each root and everyone introduced through it, each person once, under their first introduction;
    a loop of introductions is drawn from one of its people and marked where it closes."""
    lines: list[str] = []
    drawn: set[str] = set()
    for root in roots:
        lines.append(f"{root} {status(root)}".rstrip())
        drawn.add(root)
        stack: list[tuple[str, str, bool, tuple[str, ...]]] = []
        kids = graph.children.get(root, [])
        for position in range(len(kids) - 1, -1, -1):
            stack.append((kids[position], "", position == len(kids) - 1, (root,)))
        while stack:
            name, prefix, last, path = stack.pop()
            branch = "└── " if last else "├── "
            if name in path:
                lines.append(f"{prefix}{branch}{name} (loop: back to the top of this chain)")
                continue
            if name in drawn:
                lines.append(f"{prefix}{branch}{name} (see above)")
                continue
            drawn.add(name)
            lines.append(f"{prefix}{branch}{name} {status(name)}".rstrip())
            kids = graph.children.get(name, [])
            inner = prefix + ("    " if last else "│   ")
            for position in range(len(kids) - 1, -1, -1):
                stack.append((kids[position], inner, position == len(kids) - 1, (*path, name)))
    return lines


def _pairs(graph: ReferralGraph) -> list[tuple[str, str, bool]]:
    """Each (source, target) once: solid when it is the person's first introduction, else dashed
    (another recommendation, or a name given once you already knew them)."""
    first = {(edge.source, edge.target) for edge in graph.edges if edge.first}
    pairs: dict[tuple[str, str], bool] = {}
    for edge in graph.edges:
        pairs[(edge.source, edge.target)] = (edge.source, edge.target) in first
    return [(source, target, solid) for (source, target), solid in pairs.items()]


def _mermaid_label(name: str) -> str:
    escaped = "".join(f"#{ord(char)};" if char in '"<>#&[]{}|`' else char for char in name)
    return f'"{escaped}"'


def mermaid(graph: ReferralGraph, kinds: dict[str, str]) -> str:
    """A flowchart that Obsidian and GitHub render; names go through entity codes, ids are generated."""
    names = sorted(
        {edge.source for edge in graph.edges} | {edge.target for edge in graph.edges},
        key=lambda name: (name.casefold(), name),
    )
    ids = {name: f"p{position}" for position, name in enumerate(names)}
    lines = ["flowchart LR"]
    for name in names:
        lines.append(f"  {ids[name]}[{_mermaid_label(name)}]")
    for source, target, first in _pairs(graph):
        lines.append(f"  {ids[source]} {'-->' if first else '-.->'} {ids[target]}")
    styles = {
        "interviewed": "fill:#2da44e,color:#fff",
        "scheduled": "fill:#9be9a8",
        "contacted": "fill:#ddf4ff",
        "pending": "fill:#fff,stroke-dasharray:4 3",
    }
    for kind, style in styles.items():
        members = [ids[name] for name in names if kinds.get(name) == kind]
        if members:
            lines.append(f"  classDef {kind} {style}")
            lines.append(f"  class {','.join(members)} {kind}")
    return "\n".join(lines) + "\n"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot(graph: ReferralGraph, kinds: dict[str, str]) -> str:
    """The referral graph in Graphviz's DOT language."""
    names = sorted(
        {edge.source for edge in graph.edges} | {edge.target for edge in graph.edges},
        key=lambda name: (name.casefold(), name),
    )
    fills = {"interviewed": "#2da44e", "scheduled": "#9be9a8", "contacted": "#ddf4ff", "pending": "#ffffff"}
    lines = ["digraph referrals {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fillcolor="#ffffff"];']
    for name in names:
        fill = fills.get(kinds.get(name, ""), "#ffffff")
        ink = ', fontcolor="#ffffff"' if kinds.get(name) == "interviewed" else ""
        lines.append(f"  {_dot_quote(name)} [fillcolor={_dot_quote(fill)}{ink}];")
    for source, target, first in _pairs(graph):
        style = "" if first else " [style=dashed]"
        lines.append(f"  {_dot_quote(source)} -> {_dot_quote(target)}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"
