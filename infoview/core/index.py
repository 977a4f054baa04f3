"""The vault's notes in memory: lookups by name, link resolution and vault-wide problems. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from infoview.core.model import Link, Note, Problem, loose_key, name_key, shell_word, sorted_problems
from infoview.core.schema import PARTICIPANT


@dataclass
class Changes:
    """What a refresh found different from the cache."""

    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    read: int = 0
    rebuilt: bool = False

    @property
    def any(self) -> bool:
        return bool(self.added or self.modified or self.deleted or self.renamed)


@dataclass
class Summary:
    """What ``index`` and ``check`` report (the notes, and every problem), kept so that a run with
    nothing changed reads no note."""

    notes: int
    counts: dict[str, int]
    skipped: int
    problems: list[Problem]


@dataclass
class IndexRun:
    """What ``infoview index`` reports: the notes read and what changed since the last run."""

    summary: Summary
    changes: Changes

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.summary.problems if problem.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.summary.problems) - self.errors

    def as_json(self) -> dict[str, Any]:
        changes = self.changes
        return {
            "notes": self.summary.notes,
            "counts": self.summary.counts,
            "read": changes.read,
            "added": sorted(changes.added),
            "modified": sorted(changes.modified),
            "deleted": sorted(changes.deleted),
            "renamed": [{"from": old, "to": new} for old, new in sorted(changes.renamed)],
            "skipped": self.summary.skipped,
            "errors": self.errors,
            "warnings": self.warnings,
        }


class Resolution(NamedTuple):
    """Where a link leads: ``note`` when exactly one note matches, else every candidate (none or several)."""

    note: Note | None
    candidates: tuple[Note, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.note is None and len(self.candidates) > 1


class VaultIndex:
    """All readable notes (sorted by path) and the problems met while reading them."""

    def __init__(
        self,
        notes: list[Note],
        file_problems: list[Problem],
        known_problems: list[Problem] | None = None,
        kept: dict[str, Any] | None = None,
    ) -> None:
        self.notes = sorted(notes, key=lambda note: note.path)
        self.file_problems = file_problems
        self._resolved: dict[tuple[str, str | None], Resolution] = {}
        # From the cache, when no note has changed since it was written: facts derived from all the
        # notes (where each link to a person led, whom each call is with, the referral graph), as
        # plain data, so that a warm run derives none of them again.
        self.kept = kept or {}
        self._known_links: dict[str, tuple[str, tuple[str, ...]]] = self.kept.get("links") or {}
        # Every problem of the vault as the cache last found them (see ``infoview.core.problems``).
        self.known_problems = known_problems
        # What analyses derived from these notes in this process, shared by every Practice over them.
        self.derived: dict[Any, Any] = {}
        self._to_keep: dict[str, Callable[[], Any]] = {}

    def keep(self, name: str, plain: Callable[[], Any]) -> None:
        """Offer a derived fact to the cache, as plain data made only if the cache is written."""
        self._to_keep[name] = plain

    def facts_to_keep(self) -> dict[str, Any]:
        """What the cache keeps beside the notes (see ``kept``)."""
        return {"links": self.link_table(), **{name: plain() for name, plain in self._to_keep.items()}}

    @cached_property
    def by_exact_path(self) -> dict[str, Note]:
        return {note.path: note for note in self.notes}

    def link_table(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Every person link resolved so far: target to (note path or "", candidate paths)."""
        return {
            target: (
                found.note.path if found.note is not None else "",
                tuple(candidate.path for candidate in found.candidates),
            )
            for (target, prefer), found in self._resolved.items()
            if prefer == "person"
        }

    @cached_property
    def by_name(self) -> dict[str, list[Note]]:
        names: dict[str, list[Note]] = {}
        for note in self.notes:
            key = name_key(note.name)
            bucket = names.get(key)
            if bucket is None:
                names[key] = [note]
            else:
                bucket.append(note)
        return names

    @cached_property
    def by_alias(self) -> dict[str, list[Note]]:
        aliases: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            if note.get("aliases") is None and note.get("alias") is None:
                continue
            for alias in note.strings("aliases") + note.strings("alias"):
                key = name_key(alias.strip())
                if key and note not in aliases[key]:
                    aliases[key].append(note)
        return dict(aliases)

    @cached_property
    def by_path(self) -> dict[str, Note]:
        return {name_key(note.path[:-3]): note for note in self.notes}

    def resolve(self, target: str, prefer: str | None = "person") -> Resolution:
        """Resolve a link target as Obsidian does: a path from the vault root, else a note name
        anywhere (ignoring case and Unicode form), else a unique alias. Among several notes of that
        name, one of the ``prefer`` type wins; otherwise the link is ambiguous."""
        memo = (target, prefer)
        found = self._resolved.get(memo)
        if found is None:
            known = self._known_links.get(target) if prefer == "person" else None
            if known is not None:
                paths = self.by_exact_path
                found = Resolution(paths.get(known[0]), tuple(paths[path] for path in known[1] if path in paths))
            else:
                found = self._resolve(target, prefer)
            self._resolved[memo] = found
        return found

    def _resolve(self, target: str, prefer: str | None) -> Resolution:
        key = name_key(target)
        if "/" in key:
            # A path link: among the notes of that name, the one at that path (or ending with it).
            candidates = self.by_name.get(key.rsplit("/", 1)[-1], ())
            paths = [(name_key(note.path[:-3]), note) for note in candidates]
            exact = [note for path, note in paths if path == key]
            if exact:
                return Resolution(exact[0])
            matches = tuple(note for path, note in paths if path.endswith("/" + key))
            return Resolution(matches[0] if len(matches) == 1 else None, matches)
        for table_name in ("by_name", "by_alias"):  # aliases only when no note has the name
            matches = tuple(getattr(self, table_name).get(key, ()))
            if len(matches) == 1:
                return Resolution(matches[0], matches)
            if matches:
                preferred = [note for note in matches if prefer is not None and note.type == prefer]
                if len(preferred) == 1:
                    return Resolution(preferred[0], matches)
                return Resolution(None, matches)
        return Resolution(None)

    def resolve_link(self, link: Link) -> Resolution:
        return self.resolve(link.target)

    @cached_property
    def link_problems(self) -> list[Problem]:
        """Links to people that lead nowhere or to more than one note."""
        problems = []
        resolve = self.resolve
        for note in self.notes:
            for target, key, line, _form in note.raw_links:
                if key == PARTICIPANT:
                    continue  # a body link may lead anywhere, as in any note
                found = resolve(target)
                if found.note is not None:
                    continue
                if len(found.candidates) > 1:
                    paths = ", ".join(candidate.path for candidate in found.candidates)
                    problems.append(
                        Problem(
                            note.path,
                            line,
                            "warning",
                            f'{key}: "[[{target}]]" matches several notes ({paths}); '
                            "link with the folder, like [[People/Name]]",
                        )
                    )
                elif name_key(target) in self.unreadable_names:
                    problems.append(
                        Problem(
                            note.path,
                            line,
                            "warning",
                            f'{key}: "[[{target}]]" is {self.unreadable_names[name_key(target)]}, '
                            "which cannot be read; fix that note (its own error says how)",
                        )
                    )
                else:
                    problems.append(
                        Problem(
                            note.path,
                            line,
                            "warning",
                            f'{key}: "[[{target}]]" matches no note; fix the name or '
                            f"add the person with: infoview person add {shell_word(target)}",
                        )
                    )
        return problems

    @cached_property
    def unreadable_names(self) -> dict[str, str]:
        """Note names (keys) of files left out of the index, to their paths."""
        return {
            name_key(problem.path.rsplit("/", 1)[-1].removesuffix(".md")): problem.path
            for problem in self.file_problems
            if problem.severity == "error" and problem.path not in self.by_exact_path
        }

    @cached_property
    def duplicate_problems(self) -> list[Problem]:
        """People whose names differ only by case, accents or Unicode form: one person, two notes."""
        groups: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            if note.type == "person":
                groups[loose_key(note.name)].append(note)
        problems = []
        for people in groups.values():
            for note in people[1:]:
                first = people[0]
                if note.name == first.name:
                    how = "has the same name as"
                elif name_key(note.name) == name_key(first.name):
                    how = "differs only by case or Unicode form from"
                else:
                    how = "differs only by accents or case from"
                problems.append(
                    Problem(
                        note.path,
                        1,
                        "warning",
                        f"{how} {first.path}; two notes for one person confuse links, counts and sync "
                        "(merge them, or rename one)",
                    )
                )
        return problems

    @cached_property
    def problems(self) -> list[Problem]:
        """The problems of the notes and their links, once, in a stable order."""
        return sorted_problems([*self.file_problems, *self.link_problems, *self.duplicate_problems])
