"""Referral chains: who led to whom, which names are still waiting, whom to thank. Pure."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from infoview.core.analysis.practice import Practice
from infoview.core.model import Problem, name_key


@dataclass(frozen=True, slots=True, order=True)
class Edge:
    """``source`` led to ``target``: written as ``target``'s ``referred_by`` or in an interview's ``referrals``."""

    source: str
    target: str
    origin: str  # "referred_by" or "interview"
    path: str
    line: int = 1

    def as_json(self) -> dict[str, str]:
        return {"from": self.source, "to": self.target, "source": self.origin, "path": self.path}


@dataclass
class ReferralGraph:
    edges: list[Edge]
    children: dict[str, list[str]]
    parents: dict[str, list[str]]
    roots: list[str]
    cycles: list[list[str]]
    pending: list[dict[str, object]]
    acknowledge: list[dict[str, str]]
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "edges": [edge.as_json() for edge in self.edges],
            "roots": self.roots,
            "pending": self.pending,
            "acknowledge": self.acknowledge,
            "cycles": self.cycles,
        }


def _sort_key(name: str) -> tuple[str, str]:
    return (name_key(name), name)


def build_referrals(practice: Practice) -> ReferralGraph:
    """The referral graph of the vault, its roots, cycles, pending names and recommenders to thank."""
    edges: set[Edge] = set()
    problems: list[Problem] = []
    for note in practice.index.notes:
        if note.type == "person":
            for link in note.links_for("referred_by"):
                found = practice.index.resolve_link(link)
                source = found.note.name if found.note is not None else link.target
                edges.add(Edge(source, note.name, "referred_by", note.path, link.line))
        elif note.type == "interview":
            person = practice.person_name(note)
            if person is None:
                continue
            for link in note.links_for("referrals"):
                found = practice.index.resolve_link(link)
                target = found.note.name if found.note is not None else link.target
                edges.add(Edge(person, target, "interview", note.path, link.line))
    for edge in sorted(edges):
        if edge.source == edge.target:
            problems.append(
                Problem(
                    edge.path,
                    edge.line,
                    "warning",
                    f"{edge.source} is named as their own referral; remove the self-link",
                )
            )
    unique = {(edge.source, edge.target, edge.origin, edge.path): edge for edge in sorted(edges)}
    ordered = sorted(
        (edge for edge in unique.values() if edge.source != edge.target),
        key=lambda edge: (_sort_key(edge.source), _sort_key(edge.target), edge.origin, edge.path),
    )

    children: dict[str, list[str]] = defaultdict(list)
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in ordered:
        if edge.target not in children[edge.source]:
            children[edge.source].append(edge.target)
        if edge.source not in parents[edge.target]:
            parents[edge.target].append(edge.source)
    roots = sorted((name for name in children if not parents.get(name)), key=_sort_key)
    cycles = find_cycles(children)
    for cycle in cycles:
        closing = next(edge for edge in ordered if edge.source == cycle[-1] and edge.target == cycle[0])
        problems.append(
            Problem(
                closing.path,
                closing.line,
                "warning",
                "referral cycle: " + " -> ".join([*cycle, cycle[0]]) + "; one of these links is wrong",
            )
        )
    return ReferralGraph(
        edges=ordered,
        children=dict(children),
        parents=dict(parents),
        roots=roots,
        cycles=cycles,
        pending=_pending(practice, ordered),
        acknowledge=_acknowledge(practice, ordered),
        problems=problems,
    )


def _pending(practice: Practice, edges: list[Edge]) -> list[dict[str, object]]:
    """Names given as referrals with no sent message and no interview yet, oldest first."""
    contacted = {message.person for message in practice.messages if message.sent is not None}
    interviewed = practice.interview_notes_by_person
    given_by: dict[str, list[str]] = defaultdict(list)
    since: dict[str, date] = {}
    for edge in edges:
        if edge.target in contacted or edge.target in interviewed:
            continue
        if edge.source not in given_by[edge.target]:
            given_by[edge.target].append(edge.source)
        if edge.origin == "interview":
            note = practice.index.by_exact_path.get(edge.path)
            day = note.when("date") if note is not None else None
            if day is not None and (edge.target not in since or day < since[edge.target]):
                since[edge.target] = day
    rows = [
        {
            "name": name,
            "referred_by": sorted(sources, key=_sort_key),
            "since": since[name].isoformat() if name in since else None,
        }
        for name, sources in given_by.items()
    ]
    rows.sort(key=lambda row: (row["since"] is None, row["since"] or "", _sort_key(str(row["name"]))))
    return rows


def _acknowledge(practice: Practice, edges: list[Edge]) -> list[dict[str, str]]:
    """Recommenders to thank: the person they suggested has had a done call, and no thanks is recorded."""
    interviewed = {interview.person for interview in practice.done}
    pairs = set()
    for edge in edges:
        person = practice.people.get(edge.target)
        if edge.target in interviewed and (person is None or person.get("referrer_thanked") in (None, "")):
            pairs.add((edge.source, edge.target))
    return [
        {"referrer": source, "referred": target}
        for source, target in sorted(pairs, key=lambda pair: (_sort_key(pair[0]), _sort_key(pair[1])))
    ]


def find_cycles(children: dict[str, list[str]]) -> list[list[str]]:
    """Every elementary cycle found by an iterative depth-first walk, each rotated to start at its
    smallest name; terminates on any graph."""
    cycles: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for start in sorted(children, key=_sort_key):
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, position = stack.pop()
            if position == 0:
                state[node] = 1
                path.append(node)
            kids = children.get(node, [])
            if position < len(kids):
                stack.append((node, position + 1))
                child = kids[position]
                if state.get(child) == 1:
                    cycle = path[path.index(child) :]
                    smallest = min(range(len(cycle)), key=lambda i: _sort_key(cycle[i]))
                    cycles.add(tuple(cycle[smallest:] + cycle[:smallest]))
                elif not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()
    return [list(cycle) for cycle in sorted(cycles, key=lambda cycle: [_sort_key(name) for name in cycle])]


def descendants(graph: ReferralGraph, name: str) -> set[str]:
    """Everyone reached through ``name``'s referrals, at any depth (cycles included once)."""
    seen: set[str] = set()
    stack = list(graph.children.get(name, []))
    while stack:
        current = stack.pop()
        if current in seen or current == name:
            continue
        seen.add(current)
        stack.extend(graph.children.get(current, []))
    return seen


def longest_chain(graph: ReferralGraph) -> list[str]:
    """The longest referral chain from a root, as names; walks each edge once per root, never loops."""
    best: list[str] = []
    depth: dict[str, int] = {}
    for root in graph.roots:
        stack: list[tuple[str, list[str]]] = [(root, [root])]
        while stack:
            name, chain = stack.pop()
            if depth.get(name, -1) >= len(chain):
                continue  # reached before by a chain at least as long
            depth[name] = len(chain)
            if len(chain) > len(best):
                best = chain
            for child in graph.children.get(name, []):
                if child not in chain:
                    stack.append((child, [*chain, child]))
    return best


def chain_to(graph: ReferralGraph, name: str) -> list[str]:
    """How you got to ``name``: the chain from its root, following the first recommender at each step."""
    chain = [name]
    while graph.parents.get(chain[0]):
        parent = graph.parents[chain[0]][0]
        if parent in chain:
            break
        chain.insert(0, parent)
    return chain


def around(graph: ReferralGraph, name: str) -> ReferralGraph:
    """The part of the graph about one person: the chain that led to them and everyone they led to."""
    keep = set(chain_to(graph, name)) | descendants(graph, name) | {name}
    edges = [edge for edge in graph.edges if edge.source in keep and edge.target in keep]
    children: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    for edge in edges:
        if edge.target not in children.setdefault(edge.source, []):
            children[edge.source].append(edge.target)
        if edge.source not in parents.setdefault(edge.target, []):
            parents[edge.target].append(edge.source)
    return ReferralGraph(
        edges=edges,
        children=children,
        parents=parents,
        roots=[chain_to(graph, name)[0]],
        cycles=[cycle for cycle in graph.cycles if set(cycle) <= keep],
        pending=[row for row in graph.pending if row["name"] in keep],
        acknowledge=[row for row in graph.acknowledge if row["referred"] in keep],
    )


def summarize(graph: ReferralGraph, practice: Practice) -> dict[str, object]:
    """What the referral network has done for you: depth, best doors, how often a call yields names."""
    interviewed = {interview.person for interview in practice.done}
    leaders = []
    for name in graph.children:
        reached = descendants(graph, name)
        calls = len(reached & interviewed)
        if calls:
            leaders.append({"name": name, "interviews": calls, "reached": len(reached)})
    leaders.sort(key=lambda row: (-int(row["interviews"]), -int(row["reached"]), _sort_key(str(row["name"]))))
    done = practice.done
    with_names = sum(1 for interview in done if interview.note.links_for("referrals"))
    chain = longest_chain(graph)
    return {
        "depth": max(len(chain) - 1, 0),
        "longest_chain": chain,
        "leaders": leaders[:10],
        "interviews_with_referrals": with_names,
        "done_interviews": len(done),
        "referral_yield": round(with_names / len(done), 3) if done else None,
    }


def person_states(practice: Practice, today: date) -> dict[str, tuple[str, str]]:
    """Where things stand with each person: (kind, when) with kind interviewed, scheduled,
    contacted or pending; when is the first call (and how many followed), the next call or the
    last message sent."""
    states: dict[str, tuple[str, str]] = {}
    for message in practice.messages:
        if message.sent is not None:
            states[message.person] = ("contacted", message.sent.isoformat())
    for interview in practice.interviews:
        if interview.status == "planned" and interview.day >= today:
            current = states.get(interview.person)
            if current is None or current[0] != "scheduled":
                states[interview.person] = ("scheduled", interview.day.isoformat())
    calls: dict[str, list[date]] = {}
    for interview in practice.done:
        calls.setdefault(interview.person, []).append(interview.day)
    for person, days in calls.items():
        more = f" (+{len(days) - 1} more)" if len(days) > 1 else ""
        states[person] = ("interviewed", days[0].isoformat() + more)
    return states
