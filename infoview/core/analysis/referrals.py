"""Referral chains: who introduced whom, which names are still waiting, whom to thank. Pure.

A person's place in the tree is their first introduction: their own ``referred_by`` (its first
link), else the earliest interview that named them before you were in touch with them. Everyone
who named them before that first contact recommended them. A name given once you already knew
the person is kept as "also suggested by": it moves nobody, asks for no thanks and no outreach,
and never makes a cycle.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from infoview.core.analysis.practice import Kept, Practice
from infoview.core.model import Link, Note, Problem, name_key


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` named ``target``: in ``target``'s ``referred_by`` or in an interview's ``referrals``.

    ``day`` is when the name was given (the interview's date; for a ``referred_by`` link, the
    earliest interview of ``source`` that named ``target``, else None). ``first`` marks the edge
    that places ``target`` in the tree; ``after_contact`` one given once you already knew them.
    """

    source: str
    target: str
    origin: str  # "referred_by" or "interview"
    path: str
    line: int = 1
    day: date | None = None
    first: bool = False
    after_contact: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "source": self.origin,
            "path": self.path,
            "date": self.day.isoformat() if self.day else None,
            "first": self.first,
        }


@dataclass(frozen=True, slots=True)
class Pending:
    """A name you were given and have not contacted yet."""

    name: str
    referred_by: list[str]
    since: date | None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "referred_by": self.referred_by,
            "since": self.since.isoformat() if self.since else None,
        }


@dataclass(frozen=True, slots=True)
class Thanks:
    """A recommender to tell how their introduction went: you have spoken with the person they named."""

    referrer: str
    referred: str
    spoke: date  # the first done call with ``referred``

    def as_json(self) -> dict[str, str]:
        return {"referrer": self.referrer, "referred": self.referred}


@dataclass
class ReferralGraph:
    """Every edge, and the tree made of first introductions (``parent``/``children``)."""

    edges: list[Edge]
    parent: dict[str, str]
    children: dict[str, list[str]]
    roots: list[str]
    cycles: list[list[str]]
    pending: list[Pending]
    acknowledge: list[Thanks]
    recommenders: dict[str, list[str]] = field(default_factory=dict)
    also_suggested: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def people(self) -> set[str]:
        """Everyone in an edge."""
        return {edge.source for edge in self.edges} | {edge.target for edge in self.edges}

    def as_json(self) -> dict[str, Any]:
        return {
            "edges": [edge.as_json() for edge in self.edges],
            "roots": self.roots,
            "pending": [row.as_json() for row in self.pending],
            "acknowledge": [row.as_json() for row in self.acknowledge],
            "cycles": self.cycles,
            "also_suggested": self.also_suggested,
        }


def sort_key(name: str) -> tuple[str, str]:
    """Names in a stable order: ignoring case and Unicode form, then as written."""
    return (name_key(name), name)


def _target(practice: Practice, link: Link) -> str:
    found = practice.index.resolve_link(link)
    return found.note.name if found.note is not None else link.target


def _raw_edges(practice: Practice) -> tuple[list[Edge], list[Problem]]:
    """Every naming as written, dated, self-referrals set apart as problems."""
    named_on: dict[tuple[str, str], date] = {}
    edges: list[Edge] = []
    for note in practice.index.notes:
        if note.type == "interview":
            edges += _interview_edges(practice, note, named_on)
    for note in practice.index.notes:
        if note.type == "person":
            for link in note.links_for("referred_by"):
                source = _target(practice, link)
                day = named_on.get((source, note.name))
                edges.append(Edge(source, note.name, "referred_by", note.path, link.line, day))
    problems = [
        Problem(edge.path, edge.line, "warning", f"{edge.source} is named as their own referral; remove the self-link")
        for edge in edges
        if edge.source == edge.target
    ]
    unique = {(edge.source, edge.target, edge.origin, edge.path): edge for edge in edges if edge.source != edge.target}
    return list(unique.values()), sorted(set(problems), key=lambda problem: (problem.path, problem.line))


def _interview_edges(practice: Practice, note: Note, named_on: dict[tuple[str, str], date]) -> list[Edge]:
    person = practice.person_name(note)
    if person is None:
        return []
    day = note.when("date")
    edges = []
    for link in note.links_for("referrals"):
        target = _target(practice, link)
        edges.append(Edge(person, target, "interview", note.path, link.line, day))
        if day is not None and ((person, target) not in named_on or day < named_on[(person, target)]):
            named_on[(person, target)] = day
    return edges


def _introductions(practice: Practice, edges: list[Edge]) -> list[Edge]:
    """Each edge marked ``first`` (the person's place in the tree) or ``after_contact``."""
    by_target: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        by_target[edge.target].append(edge)
    marked: list[Edge] = []
    for target, incoming in by_target.items():
        own = [edge for edge in incoming if edge.origin == "referred_by"]  # in the order the note lists them
        named = sorted(
            (edge for edge in incoming if edge.origin == "interview"),
            key=lambda edge: (edge.day or date.max, edge.path),
        )
        late = {id(edge) for edge in named if practice.known_before(target, edge.day)}
        first = own[0] if own else next((edge for edge in named if id(edge) not in late), None)
        for edge in incoming:
            marked.append(
                Edge(
                    edge.source,
                    edge.target,
                    edge.origin,
                    edge.path,
                    edge.line,
                    edge.day,
                    first=edge is first,
                    after_contact=id(edge) in late,
                )
            )
    marked.sort(key=lambda edge: (sort_key(edge.source), sort_key(edge.target), edge.origin, edge.path))
    return marked


def build_referrals(practice: Practice) -> ReferralGraph:
    """The referral graph of the vault: its tree of first introductions, cycles, pending names and thanks
    (built once for these notes, however many parts of a command ask, and kept by the cache)."""
    return practice.derived(_build_referrals, KEPT_GRAPH)


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day is not None else 0


def _day(ordinal: int) -> date | None:
    return date.fromordinal(ordinal) if ordinal else None


def _plain_graph(graph: ReferralGraph) -> tuple[Any, ...]:
    """The graph as plain data for the cache: names, paths, numbers, dates as ordinals."""
    return (
        [
            (e.source, e.target, e.origin, e.path, e.line, _ordinal(e.day), e.first, e.after_contact)
            for e in graph.edges
        ],
        graph.parent,
        graph.children,
        graph.roots,
        graph.cycles,
        [(row.name, row.referred_by, _ordinal(row.since)) for row in graph.pending],
        [(row.referrer, row.referred, row.spoke.toordinal()) for row in graph.acknowledge],
        graph.recommenders,
        graph.also_suggested,
        [(problem.path, problem.line, problem.severity, problem.message) for problem in graph.problems],
    )


def _graph_of_plain(plain: Any) -> ReferralGraph | None:
    """The graph ``_plain_graph`` stored; None for data of another shape."""
    try:
        edges, parent, children, roots, cycles, pending, thanks, recommenders, also, problems = plain
        graph = ReferralGraph(
            edges=[Edge(s, t, o, path, line, _day(d), first, late) for s, t, o, path, line, d, first, late in edges],
            parent=dict(parent),
            children={name: list(names) for name, names in children.items()},
            roots=list(roots),
            cycles=[list(cycle) for cycle in cycles],
            pending=[Pending(name, list(sources), _day(since)) for name, sources, since in pending],
            acknowledge=[Thanks(referrer, referred, date.fromordinal(spoke)) for referrer, referred, spoke in thanks],
            recommenders={name: list(names) for name, names in recommenders.items()},
            also_suggested={name: list(names) for name, names in also.items()},
            problems=[Problem(path, line, severity, message) for path, line, severity, message in problems],
        )
    except (TypeError, ValueError, AttributeError, OverflowError):
        return None
    return graph if all(type(name) is str for name in graph.parent) else None


KEPT_GRAPH = Kept("referrals", _plain_graph, _graph_of_plain)


def _build_referrals(practice: Practice) -> ReferralGraph:
    raw, problems = _raw_edges(practice)
    edges = _introductions(practice, raw)
    parent = {edge.target: edge.source for edge in edges if edge.first}
    children: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if edge.first:
            children[edge.source].append(edge.target)
    recommenders: dict[str, list[str]] = defaultdict(list)
    also: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        bucket = also if edge.after_contact else recommenders
        if edge.source not in bucket[edge.target]:
            bucket[edge.target].append(edge.source)
    for name, sources in also.items():  # someone who recommended them is not "also" suggesting them
        also[name] = sorted((source for source in sources if source not in recommenders[name]), key=sort_key)
    roots = sorted((name for name in children if name not in parent), key=sort_key)
    cycles = find_cycles(children)
    problems += [_cycle_problem(cycle, edges) for cycle in cycles]
    return ReferralGraph(
        edges=edges,
        parent=parent,
        children=dict(children),
        roots=roots,
        cycles=cycles,
        pending=_pending(practice, edges, parent, recommenders),
        acknowledge=_acknowledge(practice, parent, recommenders),
        recommenders={name: sorted(sources, key=sort_key) for name, sources in recommenders.items()},
        also_suggested={name: sources for name, sources in also.items() if sources},
        problems=problems,
    )


def _cycle_problem(cycle: list[str], edges: list[Edge]) -> Problem:
    closing = next(edge for edge in edges if edge.first and edge.source == cycle[-1] and edge.target == cycle[0])
    loop = " -> ".join([*cycle, cycle[0]])
    return Problem(
        closing.path,
        closing.line,
        "warning",
        f"referral cycle: {loop}; each is written as introduced by the one before (one of these links is wrong)",
    )


def _pending(
    practice: Practice, edges: list[Edge], parent: dict[str, str], recommenders: dict[str, list[str]]
) -> list[Pending]:
    """Names you were given with no sent message and no interview yet, oldest first."""
    since: dict[str, date] = {}
    for edge in edges:
        if edge.origin == "interview" and edge.day is not None and not edge.after_contact:
            if edge.target not in since or edge.day < since[edge.target]:
                since[edge.target] = edge.day
    rows = [
        Pending(name, sorted(recommenders[name], key=sort_key), since.get(name))
        for name in parent
        if not practice.contacted(name)
    ]
    rows.sort(key=lambda row: (row.since is None, row.since or date.min, sort_key(row.name)))
    return rows


def _acknowledge(practice: Practice, parent: dict[str, str], recommenders: dict[str, list[str]]) -> list[Thanks]:
    """Recommenders to thank: you have had a call with the person they named, and no thanks is recorded."""
    rows = []
    for name in parent:
        spoke = practice.first_done_call.get(name)
        person = practice.people.get(name)
        if spoke is None or (person is not None and person.get("referrer_thanked") not in (None, "")):
            continue
        rows += [Thanks(referrer, name, spoke) for referrer in recommenders[name]]
    rows.sort(key=lambda row: (sort_key(row.referrer), sort_key(row.referred)))
    return rows


def find_cycles(children: dict[str, list[str]]) -> list[list[str]]:
    """The loops of a tree of first introductions, each rotated to start at its smallest name.

    Each person has at most one parent there, so loops never share a person and one depth-first
    walk finds them all; on any other graph it finds at least one loop through every strongly
    connected group, and always terminates."""
    cycles: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for start in sorted(children, key=sort_key):
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
                    smallest = min(range(len(cycle)), key=lambda i: sort_key(cycle[i]))
                    cycles.add(tuple(cycle[smallest:] + cycle[:smallest]))
                elif not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()
    return [list(cycle) for cycle in sorted(cycles, key=lambda cycle: [sort_key(name) for name in cycle])]


def descendants(graph: ReferralGraph, name: str) -> set[str]:
    """Everyone reached through ``name``'s introductions, at any depth (cycles included once)."""
    seen: set[str] = set()
    stack = list(graph.children.get(name, []))
    while stack:
        current = stack.pop()
        if current in seen or current == name:
            continue
        seen.add(current)
        stack.extend(graph.children.get(current, []))
    return seen


def entry_points(graph: ReferralGraph) -> list[str]:
    """Where to start drawing the tree: the roots, then one person of each loop no root reaches."""
    starts = list(graph.roots)
    reached = set(starts).union(*(descendants(graph, root) for root in starts))
    for cycle in graph.cycles:
        if cycle[0] not in reached:
            starts.append(cycle[0])
            reached |= {cycle[0]} | descendants(graph, cycle[0])
    return starts


def longest_chain(graph: ReferralGraph) -> list[str]:
    """The longest chain of introductions from a root, as names; never loops."""
    best: list[str] = []
    depth: dict[str, int] = {}
    for root in entry_points(graph):
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
    """How you got to ``name``: the chain of first introductions from its root."""
    chain = [name]
    while chain[0] in graph.parent:
        parent = graph.parent[chain[0]]
        if parent in chain:
            break
        chain.insert(0, parent)
    return chain


def around(graph: ReferralGraph, name: str) -> ReferralGraph:
    """The part of the graph about one person: the chain that led to them and everyone they led to."""
    keep = set(chain_to(graph, name)) | descendants(graph, name) | {name}
    edges = [edge for edge in graph.edges if edge.source in keep and edge.target in keep]
    children: dict[str, list[str]] = {}
    for edge in edges:
        if edge.first:
            children.setdefault(edge.source, []).append(edge.target)
    return ReferralGraph(
        edges=edges,
        parent={target: source for target, source in graph.parent.items() if target in keep and source in keep},
        children=children,
        roots=[chain_to(graph, name)[0]],
        cycles=[cycle for cycle in graph.cycles if set(cycle) <= keep],
        pending=[row for row in graph.pending if row.name in keep],
        acknowledge=[row for row in graph.acknowledge if row.referred in keep],
        recommenders={key: value for key, value in graph.recommenders.items() if key in keep},
        also_suggested={key: value for key, value in graph.also_suggested.items() if key in keep},
    )


@dataclass(frozen=True, slots=True)
class Leader:
    """Someone whose introductions opened doors: calls held with the people reached through them."""

    name: str
    interviews: int
    reached: int

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "interviews": self.interviews, "reached": self.reached}


@dataclass(frozen=True, slots=True)
class ReferralSummary:
    """What the referral network has done for you."""

    longest_chain: list[str]
    leaders: list[Leader]
    interviews_with_referrals: int
    done_interviews: int

    @property
    def depth(self) -> int:
        return max(len(self.longest_chain) - 1, 0)

    @property
    def referral_yield(self) -> float | None:
        return round(self.interviews_with_referrals / self.done_interviews, 3) if self.done_interviews else None

    def as_json(self) -> dict[str, Any]:
        return {
            "depth": self.depth,
            "longest_chain": self.longest_chain,
            "leaders": [leader.as_json() for leader in self.leaders],
            "interviews_with_referrals": self.interviews_with_referrals,
            "done_interviews": self.done_interviews,
            "referral_yield": self.referral_yield,
        }


def doors_opened(graph: ReferralGraph, practice: Practice) -> dict[str, Leader]:
    """Everyone whose introductions led to at least one call, at any depth."""
    interviewed = {interview.person for interview in practice.done}
    opened = {}
    for name in graph.children:
        reached = descendants(graph, name)
        calls = len(reached & interviewed)
        if calls:
            opened[name] = Leader(name, calls, len(reached))
    return opened


def summarize(graph: ReferralGraph, practice: Practice) -> ReferralSummary:
    """Depth, the people whose introductions led to the most calls, how often a call yields names."""
    leaders = sorted(
        doors_opened(graph, practice).values(), key=lambda row: (-row.interviews, -row.reached, sort_key(row.name))
    )
    done = practice.done
    with_names = sum(1 for interview in done if interview.note.links_for("referrals"))
    return ReferralSummary(longest_chain(graph), leaders[:10], with_names, len(done))


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


def person_kinds(graph: ReferralGraph, practice: Practice, today: date) -> dict[str, str]:
    """Each person of the graph's state, for drawing: interviewed, scheduled, contacted or pending."""
    states = person_states(practice, today)
    return {name: states.get(name, ("pending", ""))[0] for name in graph.people}


@dataclass(frozen=True, slots=True)
class Chain:
    """One tree of first introductions, from a root (or from one person of a loop no root reaches)."""

    start: str
    people: frozenset[str]
    latest: date | None  # the most recent dated introduction within it


def chains(graph: ReferralGraph) -> list[Chain]:
    """Every chain once, the largest first (then the most recent, then by name): the order in which
    a drawing that cannot show everything keeps them."""
    named_on: dict[str, date] = {}
    for edge in graph.edges:
        if edge.day is not None and (edge.target not in named_on or edge.day > named_on[edge.target]):
            named_on[edge.target] = edge.day
    found: list[Chain] = []
    placed: set[str] = set()
    for start in entry_points(graph):
        people = frozenset(({start} | descendants(graph, start)) - placed)
        placed |= people
        days = [named_on[name] for name in people if name in named_on]
        found.append(Chain(start, people, max(days) if days else None))
    found.sort(key=lambda chain: (-len(chain.people), -(chain.latest or date.min).toordinal(), sort_key(chain.start)))
    return found


def restricted(graph: ReferralGraph, keep: set[str]) -> ReferralGraph:
    """The graph with only the people in ``keep`` (and the edges between them)."""
    edges = [edge for edge in graph.edges if edge.source in keep and edge.target in keep]
    children: dict[str, list[str]] = {}
    for edge in edges:
        if edge.first:
            children.setdefault(edge.source, []).append(edge.target)
    return ReferralGraph(
        edges=edges,
        parent={target: source for target, source in graph.parent.items() if target in keep and source in keep},
        children=children,
        roots=[root for root in graph.roots if root in keep],
        cycles=[cycle for cycle in graph.cycles if set(cycle) <= keep],
        pending=[row for row in graph.pending if row.name in keep],
        acknowledge=[row for row in graph.acknowledge if row.referred in keep],
        recommenders={key: value for key, value in graph.recommenders.items() if key in keep},
        also_suggested={key: value for key, value in graph.also_suggested.items() if key in keep},
    )


@dataclass(frozen=True)
class ReferralAnswer:
    """What ``referrals`` shows: the chains (all, or around ``person``), each person's state and
    kind as of the day asked, and what a drawing is limited to (chains introduced ``since``, ``limit`` links)."""

    whole: ReferralGraph
    shown: ReferralGraph
    practice: Practice
    person: str | None
    states: dict[str, tuple[str, str]]
    kinds: dict[str, str]
    since: date | None = None
    limit: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {**self.shown.as_json(), **summarize(self.shown, self.practice).as_json()}
