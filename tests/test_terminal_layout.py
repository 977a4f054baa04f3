"""What a person sees in a terminal 40, 60, 80 or 120 columns wide: nothing breaks inside a word, a
date, a path or a command; the name column keeps its room; colour only where it means something."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_note

from infoview.views.text import display_width

Run = Callable[..., Result]
TODAY = "2026-12-05"
WIDTHS = (40, 60, 80, 120)
COMMAND = re.compile(r"infoview(?: (?:'[^']*'|\"[^\"]*\"|[^\s'\"(),]+))+")


def shown(run: Run, vault: Path, width: int, *args: str, env: dict[str, str] | None = None) -> list[str]:
    result = run("--vault", str(vault), *args, env={"COLUMNS": str(width), **(env or {})})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_fits_without_breaking_a_date(run: Run, example_vault: Path, width: int) -> None:
    lines = shown(run, example_vault, width, "report", "--today", TODAY)
    assert all(display_width(line) <= width for line in lines), [line for line in lines if len(line) > width]
    title = "\n".join(lines[: lines.index("")])
    assert title.startswith("infoview report · 2026-12-05") and "2023-01-17 to 2026-12-05" in title
    assert not [line for line in lines if re.search(r"\b\d{4}-\d{1,2}$", line)]  # no date cut at a line end
    months = lines[lines.index("Done calls by month") + 1 :]
    headers = [line.split() for line in months if line.startswith("YEAR")]
    assert all(header[-1] == "TOTAL" for header in headers)
    assert {month for header in headers for month in header[1:-1]} == {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    }  # fmt: skip
    if width >= 60:
        assert any(line.endswith("66 calls from 2023-01-17 to 2026-12-05") for line in lines)
        assert headers == [["YEAR", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                            "DEC", "TOTAL"]]  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS)
def test_the_calendar_names_the_current_month(run: Run, example_vault: Path, width: int) -> None:
    lines = shown(run, example_vault, width, "report", "--today", TODAY)
    calendar = lines[lines.index("Last 12 months") + 1]
    assert calendar.rstrip().endswith("Dec")


@pytest.mark.parametrize("width", WIDTHS)
def test_referral_trees_cut_labels_and_keep_their_guides(run: Run, example_vault: Path, width: int) -> None:
    lines = shown(run, example_vault, width, "referrals", "--today", TODAY)
    tree = lines[: lines.index("")]
    assert all(display_width(line) <= width for line in lines)
    # Every line of a tree is a person: a root, or a guide line then a name; never a word's remainder.
    starts = ("├── ", "└── ", "│   ", "    ")
    assert all(line[0].isalpha() or line.startswith(starts) for line in tree)
    assert any(line.endswith("…") for line in tree) == (width < 120)
    assert "│   │   └── Mehmet Yılm" in "\n".join(tree) or "│                       └── Mehmet Y" in "\n".join(tree)
    chain = [line for line in lines if line.startswith("Longest chain")]
    assert chain and chain[0].startswith("Longest chain: 8 links: Tobias")


def test_a_chain_of_one_link_says_so(run: Run, vault: Path) -> None:
    write_note(vault, "People/Ann.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Bo.md", '---\ntype: person\nreferred_by: "[[Ann]]"\n---\n')
    lines = shown(run, vault, 80, "referrals", "--today", TODAY)
    assert "Longest chain: 1 link: Ann → Bo" in lines


@pytest.mark.parametrize("width", WIDTHS)
def test_ls_keeps_names_whole_and_sorted_as_people_read_them(run: Run, vault: Path, width: int) -> None:
    names = ["zeta", "Zoë Ångström", "Émile Roy", "anna", "Ünïcødé", "classDef", "Bob"]
    for name in names:
        write_note(vault, f"People/{name}.md", "---\ntype: person\ncompany: A company with a long name\n---\n")
    write_note(vault, "Interviews/2026-03-19 Lucía Fernández.md", "---\ntype: interview\ndate: 2026-03-19\n---\n")
    lines = shown(run, vault, width, "ls")
    assert all(display_width(line) <= width for line in lines)
    assert lines[0].startswith("NAME")
    listed = [line.split("  ")[0].rstrip() for line in lines[1:]]
    assert listed == ["2026-03-19 Lucía Fernández", "anna", "Bob", "classDef", "Émile Roy", "Ünïcødé", "zeta",
                      "Zoë Ångström"]  # fmt: skip
    if width >= 80:
        assert lines[0].split() == ["NAME", "TYPE", "DATE", "STATUS", "DETAIL"]


@pytest.mark.parametrize("width", WIDTHS)
def test_due_never_breaks_a_command(run: Run, example_vault: Path, width: int) -> None:
    items = json.loads(run("--vault", str(example_vault), "due", "--today", TODAY, "--format", "json").stdout)
    lines = shown(run, example_vault, width, "due", "--today", TODAY)
    commands = [command for item in items for command in COMMAND.findall(item["message"])]
    assert len(commands) >= len(items) - 1
    for command in commands:
        assert f"    {command}" in lines, command
    paths = {item["path"] for item in items if item["path"] and item["path"] in item["message"]}
    paths |= {"Outreach/2024-11-21 Rosa Lindgren.md"}
    for path in paths:  # a path is never broken either
        assert any(path in line for line in lines), path
    # Prose fits; only a command, or a path too long for the width, may reach past it.
    prose = [line for line in lines if not line.startswith("    infoview ")]
    assert all(display_width(line) <= width or any(path in line for path in paths) for line in prose)
    assert "    infoview reach 'Astrid Nilsen'" in lines


def test_quotes_in_hints_read_naturally(run: Run, vault: Path) -> None:
    write_note(vault, "People/Rae.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Patrick O'Neil.md", '---\ntype: person\nreferred_by: "[[Rae]]"\n---\n')
    lines = shown(run, vault, 60, "due", "--today", TODAY, "--within", "3650d")
    assert '    infoview reach "Patrick O\'Neil"' in lines


class TestColour:
    def test_meaning_is_coloured_when_asked(self, run: Run, example_vault: Path) -> None:
        due = "\n".join(shown(run, example_vault, 80, "--color", "always", "due", "--today", TODAY))
        assert "\x1b[1;31moverdue 2023-11-21\x1b[0m" in due
        listing = shown(run, example_vault, 80, "ls", "--color", "always")  # the option also after the command
        assert listing[0].startswith("\x1b[1mNAME")
        tree = "\n".join(shown(run, example_vault, 120, "--color", "always", "referrals", "--today", TODAY))
        assert "\x1b[32m✓ interviewed" in tree and "\x1b[33m○ not contacted yet\x1b[0m" in tree

    def test_no_colour_in_a_pipe_for_no_color_or_never(self, run: Run, example_vault: Path) -> None:
        for options, env in (([], {}), (["--color", "never"], {}), ([], {"NO_COLOR": "1"})):
            for command in (["due", "--today", TODAY], ["ls"], ["report", "--today", TODAY], ["referrals"]):
                assert "\x1b" not in "\n".join(shown(run, example_vault, 80, *options, *command, env=env))

    def test_the_flag_wins_over_no_color(self, run: Run, example_vault: Path) -> None:
        report = shown(run, example_vault, 80, "--color", "always", "report", "--today", TODAY, env={"NO_COLOR": "1"})
        assert report[0].startswith("\x1b[1minfoview report")

    def test_colour_never_lets_a_note_drive_the_terminal(self, run: Run, vault: Path) -> None:
        write_note(
            vault,
            "People/\x1b[31mRed.md",
            '---\ntype: person\ncompany: "Acme\\e]0;owned\\a"\nindustry: "Pharma\\e]0;owned\\a"\n---\n',
        )
        write_note(vault, "People/Kim.md", '---\ntype: person\nreferred_by: "[[\\e[31mRed]]"\n---\n')
        for day, status in (("2026-11-03", "done"), ("2026-12-09", "planned")):
            write_note(
                vault,
                f"Interviews/{day} Red.md",
                f'---\ntype: interview\nperson: "[[\\e[31mRed]]"\ndate: {day}\nstatus: {status}\n---\n',
            )
        commands = (["ls"], ["referrals"], ["due", "--today", TODAY], ["check"], ["report", "--today", TODAY])
        for command in commands:
            result = run("--vault", str(vault), "--color", "always", *command)
            for stream in (result.stdout, result.stderr):
                assert "\x1b[31mRed" not in stream and "\x1b]0" not in stream and "\x07" not in stream, command
        assert "\\x1b[31mRed" in run("--vault", str(vault), "--color", "always", "ls").stdout
        report = run("--vault", str(vault), "--color", "always", "report", "--today", TODAY).stdout
        assert "Pharma\\x1b]0;owned\\x07 1" in report and "2026-12-09  \\x1b[31mRed" in report


def test_referral_trees_start_in_reading_order(run: Run, vault: Path) -> None:
    for root in ("zed", "Émile", "bob", "Anna"):
        write_note(vault, f"People/{root}.md", "---\ntype: person\n---\n")
        write_note(vault, f"People/{root} friend.md", f'---\ntype: person\nreferred_by: "[[{root}]]"\n---\n')
    lines = shown(run, vault, 80, "referrals", "--today", TODAY)
    roots = [line.split(" ")[0] for line in lines[: lines.index("")] if not line.startswith(("├", "└"))]
    assert roots == ["Anna", "bob", "Émile", "zed"]
    as_json = json.loads(run("--vault", str(vault), "referrals", "--format", "json").stdout)
    assert as_json["roots"] == ["Anna", "bob", "zed", "Émile"]  # scripts keep the order they had


def test_an_error_stays_on_one_line(run: Run, vault: Path) -> None:
    write_note(vault, "People/Evil\nError: forged.md", "---\ntitle: Re: x\n---\n")
    result = run("--vault", str(vault), "set", "Evil\nError: forged", "x=1")
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: People/Evil\\nError: forged.md:2:")
