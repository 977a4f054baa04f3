"""``infoview bases``: Obsidian Bases in the documented syntax, in the vault's own property names,
the same for the same vault, and never written over a base the user changed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "obsidian-crm"
BASES = ("People.base", "Interviews.base", "Outreach.base")

# From Obsidian's help vault (obsidianmd/obsidian-help, en/Bases/Bases syntax.md, Views.md and
# Functions.md): the top-level keys, the view layouts, the keys the core views use, and the functions.
TOP_LEVEL_KEYS = {"filters", "formulas", "properties", "summaries", "views"}
VIEW_TYPES = {"table", "cards", "list", "map"}
VIEW_KEYS = {"type", "name", "limit", "filters", "order", "groupBy", "summaries"}
FUNCTIONS = {
    # global
    "escapeHTML", "date", "duration", "file", "html", "if", "image", "icon", "link", "list", "max", "min",
    "now", "number", "today",
    # any, date, string, number, list, link, file, object, regular expression
    "isTruthy", "isType", "toString", "format", "time", "relative", "isEmpty", "contains", "containsAll",
    "containsAny", "endsWith", "lower", "replace", "repeat", "reverse", "slice", "split", "startsWith", "title",
    "trim", "abs", "ceil", "floor", "round", "toFixed", "filter", "flat", "join", "map", "reduce", "sort",
    "unique", "asFile", "linksTo", "asLink", "hasLink", "hasProperty", "hasTag", "inFolder", "keys", "values",
    "matches",
}  # fmt: skip
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")

Run = Callable[..., Result]


@pytest.fixture
def crm(run: Run, tmp_path: Path) -> Path:
    vault = tmp_path / "crm"
    shutil.copytree(FIXTURE, vault)
    assert run("adopt", str(vault), "--write").exit_code == 0
    return vault


def write_bases(run: Run, vault: Path) -> Result:
    result = run("--vault", str(vault), "bases")
    assert result.exit_code == 0, result.output
    return result


def filter_statements(node: Any) -> list[str]:
    """Every filter statement in a filter (a string, or an object with exactly one of and, or, not)."""
    if isinstance(node, str):
        return [node]
    assert isinstance(node, dict) and len(node) == 1 and next(iter(node)) in ("and", "or", "not"), node
    return [statement for item in next(iter(node.values())) for statement in filter_statements(item)]


def check_base(text: str) -> None:
    base = yaml.safe_load(text)
    assert isinstance(base, dict) and set(base) <= TOP_LEVEL_KEYS
    statements = filter_statements(base["filters"])
    assert base["views"], "a base without views shows nothing"
    for view in base["views"]:
        assert set(view) <= VIEW_KEYS and view["type"] in VIEW_TYPES and view["name"]
        assert all(isinstance(column, str) for column in view["order"])
        if "filters" in view:
            statements += filter_statements(view["filters"])
    for key, settings in base.get("properties", {}).items():
        assert key.startswith(("note.", "file.", "formula.")) and set(settings) == {"displayName"}
    called = {name for statement in statements for name in _CALL.findall(statement)}
    assert called <= FUNCTIONS, called - FUNCTIONS


def test_bases_use_only_the_documented_syntax_and_the_vaults_names(run: Run, crm: Path) -> None:
    assert write_bases(run, crm).stdout.splitlines() == [f"{name}: written" for name in BASES]
    for name in BASES:
        check_base((crm / name).read_text(encoding="utf-8"))
    people = yaml.safe_load((crm / "People.base").read_text(encoding="utf-8"))
    assert people["views"][0]["order"][:4] == ["file.name", "note.Company", "note.Position", "note.Referred By"]
    assert 'file.inFolder("People")' in people["filters"]["or"]
    interviews = yaml.safe_load((crm / "Interviews.base").read_text(encoding="utf-8"))
    assert 'file.inFolder("Meetings")' in interviews["filters"]["or"]
    views = {view["name"]: view for view in interviews["views"]}
    assert "date(followup) <= today()" in views["Follow-ups due"]["filters"]["and"]
    assert views["This month's calls"]["filters"] == 'date(Date).format("YYYY-MM") == today().format("YYYY-MM")'


def test_bases_are_the_same_for_the_same_vault(run: Run, crm: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(crm, twin)
    write_bases(run, crm)
    write_bases(run, twin)
    assert [(crm / name).read_bytes() for name in BASES] == [(twin / name).read_bytes() for name in BASES]
    assert write_bases(run, crm).stdout.splitlines() == [f"{name}: already up to date" for name in BASES]


def test_a_base_the_user_changed_is_never_overwritten(run: Run, crm: Path) -> None:
    write_bases(run, crm)
    people = crm / "People.base"
    edited = people.read_text(encoding="utf-8").replace('name: "People"', 'name: "My people"')
    people.write_text(edited, encoding="utf-8")
    (crm / "Outreach.base").write_text("views:\n  - type: table\n    name: Mine\n", encoding="utf-8")
    (crm / "Interviews.base").unlink()
    result = write_bases(run, crm)
    assert "People.base: changed by you" in result.stdout and "Outreach.base: changed by you" in result.stdout
    assert "Interviews.base: written" in result.stdout
    assert people.read_text(encoding="utf-8") == edited
    assert (crm / "Outreach.base").read_text(encoding="utf-8") == "views:\n  - type: table\n    name: Mine\n"
