"""report --redact: the practice's figures to share, with no name, company or note path of the vault in them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from infoview.core.analysis.redact import Pseudonyms

Run = Callable[..., Result]
TODAY = "2026-12-05"
FORMATS = ("table", "json", "markdown", "html")


def report(run: Run, vault: Path, output_format: str, *extra: str) -> str:
    result = run("--vault", str(vault), "report", "--format", output_format, "--today", TODAY, *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def secrets_of(run: Run, vault: Path) -> set[str]:
    """Every person (a note, an alias or a name only given as a referral), company and note path."""
    notes = json.loads(run("--vault", str(vault), "ls", "--format", "json").stdout)
    graph = json.loads(run("--vault", str(vault), "referrals", "--format", "json").stdout)
    found = {edge[end] for edge in graph["edges"] for end in ("from", "to")}
    for note in notes:
        found.add(note["path"])
        if note["type"] in ("person", "interview", "outreach"):
            found.add(note["name"])
        properties = note["properties"]
        found.update(properties.get("aliases") or [])
        if properties.get("company"):
            found.add(properties["company"])
    return found


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_name_company_or_path_of_the_vault_is_left(run: Run, example_vault: Path, output_format: str) -> None:
    secrets = secrets_of(run, example_vault)
    assert {"Lucía Fernández", "Corvane Pharma", "Interviews/2026-03-19 Lucía Fernández.md"} <= secrets
    plain = report(run, example_vault, output_format)
    assert any(secret.casefold() in plain.casefold() for secret in secrets)  # without --redact, people are named
    shared = report(run, example_vault, output_format, "--redact").casefold()
    left = sorted(secret for secret in secrets if secret.casefold() in shared)
    assert left == []
    assert re.search(r"Person [A-Z2-7]{6}", report(run, example_vault, output_format, "--redact"))


def test_the_figures_stay_and_only_the_names_change(run: Run, example_vault: Path) -> None:
    plain = json.loads(report(run, example_vault, "json"))
    shared = json.loads(report(run, example_vault, "json", "--redact"))
    assert {key: value for key, value in shared.items() if key != "upcoming"} == {
        key: value for key, value in plain.items() if key != "upcoming"
    }
    assert [row["date"] for row in shared["upcoming"]] == [row["date"] for row in plain["upcoming"]]
    assert [row["name"] for row in plain["upcoming"]] == ["Valentina Greco", "Dmitri Volkov"]
    assert all(re.fullmatch(r"Person [A-Z2-7]{6}", row["name"]) for row in shared["upcoming"])


def test_pseudonyms_are_stable_in_a_vault_and_differ_between_vaults(
    run: Run, example_vault: Path, tmp_path: Path
) -> None:
    first = report(run, example_vault, "html", "--redact")
    assert report(run, example_vault, "html", "--redact") == first
    other = tmp_path / "other"
    shutil.copytree(example_vault, other)
    (other / ".infoview" / "redact.key").unlink()
    again = report(run, other, "html", "--redact")
    assert set(re.findall(r"Person [A-Z2-7]{6}", again)).isdisjoint(re.findall(r"Person [A-Z2-7]{6}", first))


def test_the_key_stays_out_of_git(run: Run, example_vault: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(example_vault)], check=True)
    report(run, example_vault, "table", "--redact")
    assert (example_vault / ".infoview" / "redact.key").is_file()
    status = subprocess.run(
        ["git", "-C", str(example_vault), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".infoview/config.toml" in status and "redact.key" not in status


def test_a_damaged_key_is_an_error_that_says_what_to_do(run: Run, example_vault: Path) -> None:
    (example_vault / ".infoview").mkdir(exist_ok=True)
    (example_vault / ".infoview" / "redact.key").write_text("not hex\n", encoding="ascii")
    result = run("--vault", str(example_vault), "report", "--redact", "--today", TODAY)
    assert result.exit_code == 1 and "redact.key: not a key infoview wrote; delete it" in result.stderr


def test_free_text_loses_whole_names_only() -> None:
    names = Pseudonyms(b"k" * 32, people=["Al", "Patrick O'Neil"], companies=["Acme"], paths=["People/Al.md"])
    text = names.scrub('also call Al at ACME about People/Al.md: infoview reach "Patrick O\'Neil"')
    patrick = names.person("Patrick O'Neil")
    assert text == (
        f"also call {names.person('Al')} at {names.company('Acme')} about {names.path('People/Al.md')}: "
        f'infoview reach "{patrick}"'
    )
    assert names.person("al") == names.person("Al") != names.person("Alice")
    uk = Pseudonyms(b"k" * 32, people=["Anna (UK)", "Anna"])
    assert uk.scrub("Anna (UK), then Anna's friend") == f"{uk.person('Anna (UK)')}, then {uk.person('Anna')}'s friend"
