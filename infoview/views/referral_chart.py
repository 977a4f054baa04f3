"""The referral chains drawn as a tree in SVG, laid out by hand: a row per person in the order of
the chain, each person indented one step under whoever introduced them and joined to them by an
elbow line, so that chains of any depth fit the page. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from infoview.core.analysis.referrals import ReferralGraph, chains, sort_key
from infoview.views.referrals import LEGEND, STATUS_MARKS
from infoview.views.svg import chart, path, rect, shorten, text
from infoview.views.text import plural

# More people than this make a drawing nobody reads; the largest chains are kept.
MAX_TREE_PEOPLE = 150
INDENT = 28
BOX_WIDTH = 250
BOX_HEIGHT = 22
ROW = 28
# Each state's mark and words, as the text tree's legend shows them.
MARKS, WORDS = STATUS_MARKS, LEGEND


@dataclass
class _Layout:
    """Where each person sits (depth, row), and the links to draw between them."""

    place: dict[str, tuple[int, int]] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)
    loops: list[tuple[str, str]] = field(default_factory=list)  # a link back to someone above on the same branch

    def put(self, graph: ReferralGraph, start: str) -> None:
        """Place ``start`` and everyone introduced through it, depth first, each person once."""
        stack: list[tuple[str, int, tuple[str, ...]]] = [(start, 0, ())]
        while stack:
            name, depth, branch = stack.pop()
            self.place[name] = (depth, len(self.place))
            kids = sorted(graph.children.get(name, []), key=sort_key)
            for child in reversed(kids):
                if child in branch or child == name:
                    self.loops.append((name, child))
                elif child not in self.place:  # one first introduction each: a person is reached once
                    self.links.append((name, child))
                    stack.append((child, depth + 1, (*branch, name)))


def _kept(graph: ReferralGraph) -> tuple[list[str], int, int]:
    """The starts of the chains drawn (largest first), and the people and chains left out."""
    starts: list[str] = []
    drawn = 0
    left_people = left_chains = 0
    for chain in chains(graph):
        if drawn + len(chain.people) > MAX_TREE_PEOPLE:
            left_people += len(chain.people)
            left_chains += 1
            continue
        drawn += len(chain.people)
        starts.append(chain.start)
    return starts, left_people, left_chains


def referral_trees(graph: ReferralGraph, kinds: dict[str, str], doors: dict[str, int]) -> tuple[list[str], str]:
    """An SVG for each chain drawn (largest first, so pages break between chains), and a sentence
    saying what was left out ('' when everyone is drawn)."""
    starts, left_people, left_chains = _kept(graph)
    drawings = []
    for number, start in enumerate(starts, 1):  # chains share nobody: each person has one first introduction
        layout = _Layout()
        layout.put(graph, start)
        drawings.append(_drawing(f"referrals-{number}", start, layout, kinds, doors))
    left_out = (
        f"Not drawn: {left_people:,} more {'person' if left_people == 1 else 'people'} in "
        f"{left_chains:,} smaller {'chain' if left_chains == 1 else 'chains'}."
        if left_people
        else ""
    )
    return drawings, left_out


def _drawing(chart_id: str, start: str, layout: _Layout, kinds: dict[str, str], doors: dict[str, int]) -> str:
    body = []
    for source, target in layout.links:
        (depth, row), (_child_depth, child_row) = layout.place[source], layout.place[target]
        x = _left(depth) + INDENT / 2
        body.append(
            path([(x, _top(row) + BOX_HEIGHT), (x, _middle(child_row)), (_left(depth + 1), _middle(child_row))], "link")
        )
    for source, target in layout.loops:
        depth, row = layout.place[source]
        body.append(text(_left(depth) + BOX_WIDTH + 8, _middle(row) + 4, f"↺ loop back to {target}", "label loop"))
    for name, (depth, row) in layout.place.items():
        body += _node(name, depth, row, kinds.get(name, "pending"), doors.get(name, 0))
    deepest = max((depth for depth, _row in layout.place.values()), default=0)
    width = _left(deepest) + BOX_WIDTH + (260 if layout.loops else 10)
    description = (
        f"{plural(len(layout.place), 'person', 'people')} reached from {start} by first introductions, "
        f"{deepest} {'step' if deepest == 1 else 'steps'} deep at most"
        + (f"; {plural(len(layout.loops), 'loop')} marked" if layout.loops else "")
        + "."
    )
    return chart(chart_id, width, len(layout.place) * ROW + 6, f"Referral chain from {start}", description, body)


def _left(depth: int) -> float:
    return 4 + depth * INDENT


def _top(row: int) -> float:
    return 4 + row * ROW


def _middle(row: int) -> float:
    return _top(row) + BOX_HEIGHT / 2


def _node(name: str, depth: int, row: int, kind: str, doors: int) -> list[str]:
    x, y = _left(depth), _top(row)
    tip = f"{name}: {WORDS.get(kind, kind)}" + (
        f"; {plural(doors, 'call')} reached through their introductions" if doors else ""
    )
    badge = f" · {doors}" if doors else ""
    label = f"{MARKS.get(kind, '○')} {shorten(name, 32 - len(badge))}{badge}"
    return [
        rect(x, y, BOX_WIDTH, BOX_HEIGHT, f"node {kind}", tip, rounded=5),
        text(x + 7, y + 15, label, f"name {kind}"),
    ]
