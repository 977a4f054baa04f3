"""git's merge driver needs git itself only to merge two edited bodies; without it on PATH it
says so and leaves git's copy of the note as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]
FRONT = "---\ntype: person\ncompany: Acme\n---\n"


def test_without_git_two_body_edits_are_refused_and_ours_is_untouched(run: Run, tmp_path: Path) -> None:
    base = write_note(tmp_path, "base.md", FRONT + "Met at the fair.\n")
    ours = write_note(tmp_path, "ours.md", FRONT + "Met at the fair.\nAsk about QA.\n")
    theirs = write_note(tmp_path, "theirs.md", FRONT + "Introduced by Carl.\nMet at the fair.\n")
    (tmp_path / "no-git").mkdir()
    result = run(
        "merge-driver", str(base), str(ours), str(theirs), "People/Anna Lee.md", env={"PATH": str(tmp_path / "no-git")}
    )
    assert result.exit_code != 0
    assert "git is not installed or not on PATH; it is needed to merge note bodies" in result.output
    assert "Traceback" not in result.output
    assert ours.read_text(encoding="utf-8") == FRONT + "Met at the fair.\nAsk about QA.\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["base.md", "no-git", "ours.md", "theirs.md"]


def test_without_git_a_property_on_each_side_still_merges(run: Run, tmp_path: Path) -> None:
    base = write_note(tmp_path, "base.md", FRONT + "Met at the fair.\n")
    ours = write_note(tmp_path, "ours.md", FRONT.replace("Acme", "Initech") + "Met at the fair.\n")
    theirs = write_note(tmp_path, "theirs.md", FRONT.replace("---\n", "---\nstatus: warm\n", 1) + "Met at the fair.\n")
    (tmp_path / "no-git").mkdir()
    result = run(
        "merge-driver", str(base), str(ours), str(theirs), "People/Anna Lee.md", env={"PATH": str(tmp_path / "no-git")}
    )
    assert result.exit_code == 0, result.output
    assert (
        ours.read_text(encoding="utf-8") == "---\nstatus: warm\ntype: person\ncompany: Initech\n---\nMet at the fair.\n"
    )
