"""Output formats come from one registry: every format it lists works from the command line, and
a format added there (one view, one line) is offered and used without touching the command."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result

from infoview.cli import main
from infoview.views.formats import FORMATS, formats

TODAY = "2026-11-01"
# What each registered result is: the command that prints it, and what it needs besides --format.
COMMANDS = {
    "report": ["report", "--today", TODAY],
    "due": ["due", "--today", TODAY],
    "referrals": ["referrals", "--today", TODAY],
    "learnings": ["learnings"],
    "check": ["check"],
    "ls": ["ls", "--type", "person"],
    "index": ["index"],
}
Run = Callable[..., Result]


def _format_choices(words: list[str]) -> tuple[str, ...]:
    command: click.Command = main
    for word in words:
        assert isinstance(command, click.Group)
        command = command.commands[word]
    option = next(param for param in command.params if param.name == "output_format")
    assert isinstance(option.type, click.Choice)
    return tuple(option.type.choices)


@pytest.mark.parametrize("result", sorted(FORMATS))
def test_every_registered_view_is_a_view_function(result: str) -> None:
    for output_format, where in FORMATS[result].items():
        module, _, function = where.partition(":")
        assert module.startswith("infoview.views."), (result, output_format)
        assert callable(getattr(importlib.import_module(module), function)), where


def test_each_command_offers_exactly_the_registered_formats() -> None:
    commands = {result: words[:1] for result, words in COMMANDS.items()} | {"import": ["import", "linkedin"]}
    assert set(commands) == set(FORMATS)
    for result, words in commands.items():
        assert _format_choices(words) == formats(result)


@pytest.mark.parametrize(
    ("result", "output_format"), [(result, name) for result in sorted(COMMANDS) for name in FORMATS[result]]
)
def test_every_format_prints_from_the_example_vault(
    run: Run, example_vault: Path, result: str, output_format: str
) -> None:
    outcome = run("--vault", str(example_vault), *COMMANDS[result], "--format", output_format)
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.strip(), f"{result} --format {output_format} said nothing"
    if output_format == "json":
        json.loads(outcome.stdout)


def test_a_format_added_to_the_registry_is_offered_and_used(example_vault: Path, tmp_path: Path) -> None:
    """A view module and one line in FORMATS: `due --format csv` works, and nothing else changed."""
    views = tmp_path / "csv_views"
    views.mkdir()
    (views / "due_csv.py").write_text(
        "def due_csv(agenda, screen):\n"
        "    return '\\n'.join(f'{item.due},{item.kind},{item.name}' for item in agenda.items)\n",
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(views)!r})\n"
        "from infoview.views.formats import FORMATS\n"
        "FORMATS['due']['csv'] = 'due_csv:due_csv'\n"
        "from infoview.cli import main\n"
        f"main(['--vault', {str(example_vault)!r}, 'due', '--today', {TODAY!r}, '--format', 'csv'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    listed = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "infoview",
                "--vault",
                str(example_vault),
                "due",
                "--today",
                TODAY,
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert done.stdout.splitlines() == [f"{item['due']},{item['kind']},{item['name']}" for item in listed]
