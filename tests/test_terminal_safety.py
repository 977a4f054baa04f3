"""Text from notes and file names never drives the terminal: control characters print escaped."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from helpers import write_note

from infoview.views.text import printable, to_json

Run = Callable[..., Result]

TITLE = "\x1b]0;owned\x07"  # sets the terminal's title
RED = "\x1b[31m"


def hostile_vault(vault: Path) -> None:
    write_note(vault, f"People/{RED}Red.md", '---\ntype: person\ncompany: "Acme\\e]0;owned\\a"\n---\n')
    write_note(vault, "People/Anna.md", '---\ntype: person\nreferred_by: "[[\\e[31mRed]]"\n---\n')
    write_note(
        vault,
        "Interviews/2026-11-03 Anna.md",
        '---\ntype: interview\nperson: "[[Anna]]"\ndate: 2026-11-03\nstatus: done\n'
        'referrals: ["[[Kim\\u202eevil]]"]\n---\n',
    )
    write_note(vault, "People/Evil\nPeople/Forged.md:1: error: forged.md", "---\ntitle: Re: x\n---\n")


def test_control_characters_print_escaped_in_every_text_output(run: Run, vault: Path) -> None:
    hostile_vault(vault)
    commands = [["ls"], ["check"], ["index"], ["due", "--today", "2026-11-20"], ["referrals"], ["report"]]
    for command in commands:
        result = run("--vault", str(vault), *command)
        for stream in (result.stdout, result.stderr):
            assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream, (command, stream)
    listing = run("--vault", str(vault), "ls").stdout
    assert "\\x1b[31mRed" in listing
    check = run("--vault", str(vault), "check").stdout.splitlines()
    assert not [line for line in check if line.startswith("People/Forged.md")]
    assert any(line.startswith("People/Evil\\nPeople/Forged.md:1: error: forged.md:2: error: ") for line in check)
    assert run("--vault", str(vault), "referrals").stdout.count("\\u202e") >= 1


def test_errors_print_names_escaped(run: Run, vault: Path) -> None:
    write_note(vault, f"People/{RED}Bad.md", "---\ntitle: Re: x\n---\n")
    result = run("--vault", str(vault), "set", f"{RED}Bad", "x=1")
    assert result.exit_code != 0 and "\x1b" not in result.stderr
    assert result.stderr.startswith("Error: People/\\x1b[31mBad.md:2: the note cannot be read")


def test_json_stays_exact_json(run: Run, vault: Path) -> None:
    hostile_vault(vault)
    result = run("--vault", str(vault), "ls", "--format", "json")
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    notes = {note["name"]: note for note in json.loads(result.stdout)}
    assert notes[f"{RED}Red"]["properties"]["company"] == f"Acme{TITLE}"
    tricky = {"a\x1bb": ["\x9b\x7f\u2066", "line\nbreak"]}
    assert json.loads(to_json(tricky)) == tricky and printable(to_json(tricky), keep="\n") == to_json(tricky)


def test_printable_escapes_each_control_character_once() -> None:
    assert printable(f"a{TITLE}b\nc") == "a\\x1b]0;owned\\x07b\\nc"
    assert printable("two\nlines\x1b", keep="\n") == "two\nlines\\x1b"
    assert printable("Zoë Ångström · 日本") == "Zoë Ångström · 日本"
