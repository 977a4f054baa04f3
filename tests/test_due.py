"""infoview due: each thing the practice asks for, when it falls due, soonest first."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]


def practice_vault(vault: Path) -> Path:
    write_note(vault, "People/Bob.md", "---\ntype: person\nsource: alumni page\n---\n")
    write_note(vault, "People/Anna.md", '---\ntype: person\nreferred_by: "[[Bob]]"\n---\n')
    write_note(vault, "People/Carl.md", '---\ntype: person\nreferred_by: "[[Anna]]"\n---\n')
    write_note(vault, "People/Old Friend.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Emma.md", "---\ntype: person\n---\n")
    write_note(vault, "People/Finn.md", "---\ntype: person\n---\n")
    write_note(
        vault,
        "Interviews/2026-01-05 Bob.md",
        '---\ntype: interview\nperson: "[[Bob]]"\ndate: 2026-01-05\nstatus: done\nfollowup: 2026-04-05\n'
        "followup_sent: 2026-04-07\n---\n",
    )
    write_note(
        vault,
        "Interviews/2026-02-10 Anna.md",
        '---\ntype: interview\nperson: "[[Anna]]"\ndate: 2026-02-10\nstatus: done\n'
        'referrals:\n  - "[[Carl]]"\n  - "[[Dana]]"\n---\n',
    )
    write_note(
        vault,
        "Interviews/2025-03-01 Old Friend.md",
        '---\ntype: interview\nperson: "[[Old Friend]]"\ndate: 2025-03-01\nstatus: done\n'
        "followup_sent: 2025-06-01\n---\n",
    )
    write_note(
        vault,
        "Interviews/2026-05-20 Emma.md",
        '---\ntype: interview\nperson: "[[Emma]]"\ndate: 2026-05-20T15:00\nstatus: planned\n---\n',
    )
    write_note(
        vault,
        "Outreach/2026-05-01 Finn.md",
        '---\ntype: outreach\nperson: "[[Finn]]"\ndate: 2026-05-01\nstatus: sent\n---\nHi Finn\n',
    )
    return vault


def due(run: Run, vault: Path, *args: str) -> list[dict[str, str]]:
    result = run("--vault", str(vault), "due", "--today", "2026-05-12", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_kind_of_item_with_its_due_date(run: Run, vault: Path) -> None:
    items = due(run, practice_vault(vault), "--within", "14d")
    assert [(item["kind"], item["name"], item["due"]) for item in items] == [
        ("thank", "Bob", "2026-02-10"),  # Bob suggested Anna, and Anna was interviewed
        ("contact", "Carl", "2026-02-10"),  # named in Anna's interview, never contacted
        ("contact", "Dana", "2026-02-10"),  # named, and has no note yet
        ("reconnect", "Old Friend", "2026-03-01"),  # a year since the last call
        ("nudge", "Finn", "2026-05-08"),  # sent a week ago, no reply
        ("followup", "Anna", "2026-05-11"),  # 90 days after the call, not sent yet
        ("prep", "Emma", "2026-05-19"),  # a call in eight days, prep sheet still empty
    ]


def test_sorted_soonest_first(run: Run, vault: Path) -> None:
    items = due(run, practice_vault(vault), "--within", "14d")
    assert [item["due"] for item in items] == sorted(item["due"] for item in items)
    assert {item["kind"] for item in items} == {"followup", "thank", "contact", "nudge", "reconnect", "prep"}
    assert set(items[0]) == {"kind", "name", "path", "due", "message"}


def test_within_limits_the_horizon_but_keeps_overdue(run: Run, vault: Path) -> None:
    items = due(run, practice_vault(vault), "--within", "3d")
    assert "prep" not in {item["kind"] for item in items}
    assert "thank" in {item["kind"] for item in items}


def test_done_things_drop_off(run: Run, vault: Path) -> None:
    practice_vault(vault)
    write_note(
        vault, "People/Anna.md", '---\ntype: person\nreferred_by: "[[Bob]]"\nreferrer_thanked: 2026-02-12\n---\n'
    )
    write_note(
        vault,
        "Interviews/2026-05-20 Emma.md",
        '---\ntype: interview\nperson: "[[Emma]]"\ndate: 2026-05-20T15:00\nstatus: planned\n---\n'
        "# Prep\nEmma moved from academic physics to device R&D in 2019 and now leads a team of six.\n"
        "Ask about the hiring freeze, the new plant in Cork and what she would do differently.\n",
    )
    write_note(
        vault,
        "Outreach/2026-05-01 Finn.md",
        '---\ntype: outreach\nperson: "[[Finn]]"\ndate: 2026-05-01\nstatus: replied\n---\nHi Finn\n',
    )
    kinds = {item["kind"] for item in due(run, vault, "--within", "14d")}
    assert kinds == {"followup", "contact", "reconnect"}


def test_table_output_and_bad_within(run: Run, vault: Path) -> None:
    practice_vault(vault)
    result = run("--vault", str(vault), "due", "--today", "2026-05-12", "--within", "2w", env={"COLUMNS": "70"})
    first = result.stdout.splitlines()[0].split()
    assert first[0] == "overdue" and first[2] in {"followup", "thank", "contact", "nudge", "reconnect"}
    assert all(len(line) <= 70 or line.startswith("    infoview ") for line in result.stdout.splitlines())
    bad = run("--vault", str(vault), "due", "--within", "soon")
    assert bad.exit_code == 2 and "14d or 2w" in bad.stderr


def test_a_past_planned_call_asks_to_be_recorded(run: Run, vault: Path) -> None:
    write_note(vault, "People/Greta.md", "---\ntype: person\n---\n")
    write_note(
        vault,
        "Interviews/2026-05-05 Greta.md",
        '---\ntype: interview\nperson: "[[Greta]]"\ndate: 2026-05-05\nstatus: planned\n---\n',
    )
    items = due(run, vault)
    assert [(item["kind"], item["due"]) for item in items] == [("record", "2026-05-05")]
    assert "infoview done '2026-05-05 Greta'" in items[0]["message"]


def test_a_waiting_draft_is_pointed_at(run: Run, vault: Path) -> None:
    practice_vault(vault)
    write_note(
        vault, "Outreach/2026-05-10 Carl.md", '---\ntype: outreach\nperson: "[[Carl]]"\nstatus: draft\n---\nHi\n'
    )
    carl = next(item for item in due(run, vault) if item["name"] == "Carl")
    assert "send the draft waiting in Outreach/2026-05-10 Carl.md" in carl["message"]


def test_wide_characters_wrap_within_the_terminal(run: Run, vault: Path) -> None:
    write_note(vault, "People/李小龍 龍.md", '---\ntype: person\nreferred_by: "[[Zoe\u0301 N]]"\n---\n')
    write_note(vault, "People/Zoe\u0301 N.md", "---\ntype: person\n---\n")
    for columns in (50, 80):
        output = run("--vault", str(vault), "due", "--today", "2026-05-12", env={"COLUMNS": str(columns)}).stdout
        from infoview.views.text import display_width

        # A command is never broken: one wider than the terminal has its line to itself.
        lines = output.splitlines()
        assert output and all(display_width(line) <= columns or line.startswith("    infoview ") for line in lines)


COMMAND = re.compile(r"infoview (?:[^()',]|'[^']*'|\"[^\"]*\")+")


def test_every_suggested_command_works(run: Run, vault: Path, tmp_path: Path) -> None:
    """Each item names the command that does it, and that command runs: even for a name with no
    note yet (it is added first), a cancelled call or a call never recorded."""
    practice_vault(vault)
    write_note(
        vault,
        "Interviews/2026-02-01 Gus.md",  # Gus has no person note
        '---\ntype: interview\nperson: "[[Gus]]"\ndate: 2026-02-01\nstatus: done\n---\n',
    )
    write_note(
        vault,
        "Interviews/2026-05-08 Carl.md",
        '---\ntype: interview\nperson: "[[Carl]]"\ndate: 2026-05-08\nstatus: cancelled\n---\n',
    )
    write_note(
        vault,
        "Interviews/2026-05-11 Emma.md",
        '---\ntype: interview\nperson: "[[Emma]]"\ndate: 2026-05-11\nstatus: planned\n---\n',
    )
    listed = due(run, vault, "--within", "30d")
    kinds = {item["kind"] for item in listed}
    assert kinds == {"record", "reschedule", "followup", "thank", "contact", "nudge", "reconnect", "prep"}
    tried = 0
    for item in listed:
        copy = tmp_path / f"copy{tried}"
        shutil.copytree(vault, copy)
        for command in COMMAND.findall(item["message"]):
            words = [word.replace("YYYY-MM-DD", "2026-05-20") for word in shlex.split(command)[1:]]
            result = run("--vault", str(copy), *words)
            assert result.exit_code == 0, f"{item['kind']}: {command}: {result.output}"
            tried += 1
    assert tried >= len(listed) - 1  # every item but the prep sheet names a command
