"""Referral chains drawn as a text tree, a Mermaid flowchart or a Graphviz graph. Pure."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from infoview.core.analysis.practice import Practice
from infoview.core.analysis.referrals import (
    Chain,
    ReferralAnswer,
    ReferralGraph,
    chain_to,
    chains,
    entry_points,
    restricted,
    summarize,
)
from infoview.views.formats import Output, Screen
from infoview.views.style import PLAIN, Palette, Styled, join, lines, safe
from infoview.views.text import clip, display_width, hanging, pack, plural, reading_order

# A person's state in the tree: a colour role (interviewed, scheduled, contacted, pending) and its words.
Status = Callable[[str], tuple[str, str]]

# Mermaid's default limits: past them it draws an error instead of the chart.
MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000
# Room kept for the first line, the comment saying what was left out and the class lines.
_MERMAID_FIXED_TEXT = 1_000


def tree_lines(
    graph: ReferralGraph, roots: Iterable[str], status: Status, width: int | None = None, palette: Palette = PLAIN
) -> list[Styled]:
    """Each root and everyone introduced through it, each person once, under their first introduction;
    a loop of introductions is drawn from one of its people and marked where it closes. A line
    wider than ``width`` keeps its guide lines and ends in an ellipsis instead of breaking."""
    rows: list[tuple[str, str, str, str]] = []  # guide lines, name, colour role, words after the name
    drawn: set[str] = set()
    for root in roots:
        rows.append(("", root, *status(root)))
        drawn.add(root)
        stack: list[tuple[str, str, bool, tuple[str, ...]]] = []
        kids = graph.children.get(root, [])
        for position in range(len(kids) - 1, -1, -1):
            stack.append((kids[position], "", position == len(kids) - 1, (root,)))
        while stack:
            name, prefix, last, path = stack.pop()
            guide = prefix + ("└── " if last else "├── ")
            if name in path:
                rows.append((guide, name, "muted", "(loop: back to the top of this chain)"))
                continue
            if name in drawn:
                rows.append((guide, name, "muted", "(see above)"))
                continue
            drawn.add(name)
            rows.append((guide, name, *status(name)))
            kids = graph.children.get(name, [])
            inner = prefix + ("    " if last else "│   ")
            for position in range(len(kids) - 1, -1, -1):
                stack.append((kids[position], inner, position == len(kids) - 1, (*path, name)))
    return [_tree_line(*row, width, palette) for row in rows]


def _tree_line(guide: str, name: str, role: str, words: str, width: int | None, palette: Palette) -> Styled:
    """One person's line, cut with an ellipsis at ``width`` columns; the state in its colour."""
    name, words = safe(name), safe(words)
    label = f"{name} {words}".rstrip()
    # No character takes more than two columns: a line half the width long needs no measuring (a pipe).
    if width is not None and 2 * (len(guide) + len(label)) > width and display_width(guide + label) > width:
        label = clip(label, max(width - display_width(guide), 2))
    shown_words = label[len(name) + 1 :] if len(label) > len(name) else ""
    return join([guide, label[: len(name)], " " if shown_words else "", palette(shown_words, role)])


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


def mermaid(graph: ReferralGraph, kinds: dict[str, str], comment: str = "") -> str:
    """A flowchart that Obsidian and GitHub render; names go through entity codes, ids are generated.
    ``comment`` becomes a ``%%`` line, which Mermaid does not draw."""
    names = sorted(
        {edge.source for edge in graph.edges} | {edge.target for edge in graph.edges},
        key=lambda name: (name.casefold(), name),
    )
    ids = {name: f"p{position}" for position, name in enumerate(names)}
    lines = ["flowchart LR"]
    if comment:
        lines.append(f"  %% {' '.join(comment.split())}")
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


def _dot_label(name: str) -> str:
    """Graphviz reads entities such as ``&amp;`` in labels: an ``&`` of the name is written as one."""
    return _dot_quote(name.replace("&", "&amp;"))


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
        lines.append(f"  {_dot_quote(name)} [label={_dot_label(name)}, fillcolor={_dot_quote(fill)}{ink}];")
    for source, target, first in _pairs(graph):
        style = "" if first else " [style=dashed]"
        lines.append(f"  {_dot_quote(source)} -> {_dot_quote(target)}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Selection:
    """The people a drawing keeps, chosen chain by chain, and what that leaves out."""

    graph: ReferralGraph  # the part drawn
    people: int  # in the whole graph
    links: int
    chains: int
    drawn_chains: int
    partial: bool  # the largest chain alone was too big and is drawn from its start, level by level

    @property
    def complete(self) -> bool:
        return len(self.graph.people) == self.people and len(_pairs(self.graph)) == self.links

    def left_out(self) -> str:
        """What is not drawn, in a sentence ('' when everything is)."""
        if self.complete:
            return ""
        people = self.people - len(self.graph.people)
        chain_count = self.chains - self.drawn_chains + (1 if self.partial else 0)
        links = self.links - len(_pairs(self.graph))
        chain_words = "chain" if chain_count == 1 else "chains"
        return (
            f"not drawn: {people:,} of {self.people:,} people and {links:,} of {self.links:,} links, "
            f"in {chain_count:,} {chain_words}"
            + (" (the largest chain is cut after the levels that fit)" if self.partial else "")
        )


class _Budget:
    """Links and characters still free in a Mermaid drawing, counted as chains are added."""

    def __init__(self, graph: ReferralGraph, max_links: int, max_text: int | None) -> None:
        self.touching: dict[str, list[tuple[str, str]]] = {}
        for source, target, _first in _pairs(graph):
            self.touching.setdefault(source, []).append((source, target))
            self.touching.setdefault(target, []).append((source, target))
        self.id_length = len(f"p{len(graph.people)}")
        self.links = max_links
        self.text = None if max_text is None else max_text - _MERMAID_FIXED_TEXT
        self.kept: set[str] = set()

    def cost(self, people: Iterable[str]) -> tuple[int, int]:
        """Links and characters that adding ``people`` would use (an upper bound for characters)."""
        group = set(people)
        together = self.kept | group
        pairs = {pair for name in group for pair in self.touching.get(name, []) if set(pair) <= together}
        # A node line and its place in a class line; an edge line with the longer arrow.
        text = sum(len(_mermaid_label(name)) + 2 * self.id_length + 6 for name in group)
        return len(pairs), text + len(pairs) * (2 * self.id_length + 9)

    def take(self, people: Iterable[str]) -> bool:
        group = set(people)
        links, text = self.cost(group)
        if links > self.links or (self.text is not None and text > self.text):
            return False
        self.links -= links
        if self.text is not None:
            self.text -= text
        self.kept |= group
        return True


def select_chains(
    graph: ReferralGraph, candidates: list[Chain] | None, max_links: int, max_text: int | None
) -> Selection:
    """The largest chains (of ``candidates``, default all) that fit ``max_links`` links and
    ``max_text`` characters of Mermaid; when not even the largest fits, its first levels."""
    everyone = chains(graph)
    budget = _Budget(graph, max_links, max_text)
    drawn = 0
    for chain in everyone if candidates is None else candidates:
        drawn += 1 if budget.take(chain.people) else 0
    partial = False
    pool = everyone if candidates is None else candidates
    if not budget.kept and pool:
        partial = True
        for name in _by_level(graph, pool[0]):
            if not budget.take([name]):
                break
    return Selection(
        graph=restricted(graph, budget.kept),
        people=len(graph.people),
        links=len(_pairs(graph)),
        chains=len(everyone),
        drawn_chains=drawn,
        partial=partial,
    )


def _by_level(graph: ReferralGraph, chain: Chain) -> list[str]:
    """A chain's people from its start, level by level (breadth first)."""
    order: list[str] = []
    seen = {chain.start}
    queue = deque([chain.start])
    while queue:
        name = queue.popleft()
        order.append(name)
        for child in graph.children.get(name, []):
            if child not in seen and child in chain.people:
                seen.add(child)
                queue.append(child)
    return order


def mermaid_within_limits(
    graph: ReferralGraph,
    kinds: dict[str, str],
    candidates: list[Chain] | None = None,
    max_links: int = MERMAID_MAX_EDGES,
) -> tuple[str, Selection]:
    """A flowchart Mermaid will draw (at most ``max_links`` links, and never over 500 links or
    50,000 characters): the largest chains that fit; a ``%%`` line says what was left out."""
    selection = select_chains(graph, candidates, min(max_links, MERMAID_MAX_EDGES), MERMAID_MAX_TEXT)
    left_out = selection.left_out()
    comment = f"{left_out}; infoview referrals lists everyone" if left_out else ""
    return mermaid(selection.graph, kinds, comment), selection


STATUS_WORDS = {
    "interviewed": "interviewed",
    "scheduled": "scheduled",
    "contacted": "contacted",
    "pending": "not contacted yet",
}


STATUS_MARKS = {"interviewed": "✓", "scheduled": "◷", "contacted": "✉", "pending": "○"}
LEGEND = {
    "interviewed": "interviewed",
    "scheduled": "call scheduled",
    "contacted": "message sent",
    "pending": "not contacted yet",
}


def tree_view(answer: ReferralAnswer, screen: Screen) -> Output:
    """The chains as trees that fit the screen (a pipe gets whole lines, for grep), each state in
    its colour; then the legend and what the trees add up to."""
    graph, practice, states, person = answer.whole, answer.practice, answer.states, answer.person
    width, colours = screen.row_width, screen.colours

    def status(who: str) -> tuple[str, str]:
        kind, when = states.get(who, ("pending", ""))
        label = f"{STATUS_MARKS[kind]} {STATUS_WORDS[kind]} {when}".rstrip()
        note = practice.people.get(who)
        source = note.text("source") if note is not None and who not in graph.parent else None
        also = graph.also_suggested.get(who)
        if also:
            label += f" · also suggested by {', '.join(also)}"
        return kind, f"· via {source} · {label}" if source else label

    out: list[str] = []
    if person is not None:
        first, *rest = chain_to(graph, person)
        out += pack([f"How you got here: {first}", *rest], width, separator=" → ")
        out.append("")
        out += tree_lines(graph, [person], status, width, colours)
        return Output(lines(out))
    starts = entry_points(graph)  # the roots, then a person of each loop no root reaches
    roots = sorted(starts[: len(graph.roots)], key=reading_order)
    out += tree_lines(graph, roots + starts[len(graph.roots) :], status, width, colours)
    out.append("")
    out += _legend(width, colours)
    out += _summary_lines(graph, practice, width)
    return Output(
        lines([*out, ""])
    )  # the summary's blank last line stays (a text ending in a line break gets no other)


def _legend(width: int, colours: Palette) -> list[Styled]:
    """What each mark means, in the marks' colours, as many to a line as fit."""
    out: list[Styled] = []
    shown: list[Styled] = []
    used = 0
    for kind, words in LEGEND.items():
        entry = f"{STATUS_MARKS[kind]} {words}"
        if shown and used + 2 + len(entry) > width:
            out.append(join(shown, "  "))
            shown, used = [], 0
        shown.append(colours(entry, kind))
        used += (2 if used else 0) + len(entry)
    out.append(join(shown, "  "))
    return out


def mermaid_view(answer: ReferralAnswer, _screen: Screen | None = None) -> Output:
    """A Mermaid flowchart, always within Mermaid's limits; what is left out is said on stderr."""
    return _drawing(answer, "mermaid")


def dot_view(answer: ReferralAnswer, _screen: Screen | None = None) -> Output:
    """A Graphviz graph, of the chosen chains when ``--since`` or ``--limit`` asks."""
    return _drawing(answer, "dot")


def _drawing(answer: ReferralAnswer, output_format: str) -> Output:
    graph, kinds, since, limit = answer.shown, answer.kinds, answer.since, answer.limit
    candidates = None if since is None else [chain for chain in chains(graph) if chain.latest and chain.latest >= since]
    if output_format == "mermaid":
        text, selection = mermaid_within_limits(graph, kinds, candidates, limit or MERMAID_MAX_EDGES)
    elif candidates is None and limit is None:
        return Output(dot(graph, kinds))
    else:
        selection = select_chains(graph, candidates, limit or len(graph.edges), None)
        text = dot(selection.graph, kinds)
    left_out = selection.left_out()
    if not left_out:
        return Output(text)
    choose = "" if since or limit else "; choose with --since YYYY-MM-DD or --limit LINKS"
    return Output(text, f"{output_format}: {left_out}{choose}; 'infoview referrals' lists everyone")


def _summary_lines(graph: ReferralGraph, practice: Practice, width: int) -> list[str]:
    """What the trees add up to, wrapped under hanging indents (a chain breaks between names)."""
    summary = summarize(graph, practice)
    lines = [""]
    if summary.longest_chain:
        first, *rest = summary.longest_chain
        lines += pack([f"Longest chain: {plural(summary.depth, 'link')}: {first}", *rest], width, separator=" → ")
    if summary.leaders:
        lines.append("Doors opened (calls reached through each person's introductions, at any depth):")
        lines += [f"  {row.name}: {plural(row.interviews, 'call')}" for row in summary.leaders[:5]]
    if summary.referral_yield is not None:
        lines.append(
            f"Calls that gave at least one name: {summary.interviews_with_referrals} of "
            f"{summary.done_interviews} ({round(summary.referral_yield * 100)}%)"
        )
    if graph.pending:
        lines.append("Never contacted yet (oldest first):")
        for row in graph.pending:
            since = f" since {row.since.isoformat()}" if row.since else ""
            lines.append(f"  {row.name}, suggested by {', '.join(row.referred_by)}{since}")
    if graph.acknowledge:
        lines.append("Thank them: you spoke with the person they suggested:")
        lines += [f"  {row.referrer} (for {row.referred})" for row in graph.acknowledge]
    if graph.cycles:
        lines.append(
            "Loops (each is written as introduced by the one before; a referred_by link is probably wrong): "
            + "; ".join(" → ".join([*cycle, cycle[0]]) for cycle in graph.cycles)
        )
    wrapped = []
    for line in lines:
        indent = line[: len(line) - len(line.lstrip(" "))]
        wrapped += hanging(line, width, indent, indent + "  ") or [""]
    return wrapped
