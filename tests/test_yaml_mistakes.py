"""Front matter that YAML cannot read is named by ``check`` with the line and what to change;
the note is left out and the rest of the vault still counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]
LEFT_OUT = "; the note is left out until this is fixed"


def test_each_yaml_mistake_is_one_line_with_its_place_and_its_fix(run: Run, vault: Path) -> None:
    notes = {
        "People/Brace.md": ("key: {x: 1\nother: 2\n", "3: error: the { opened in key is never closed; end it with }"),
        "People/Tag.md": (
            "key: !!int abc\n",
            "3: error: a value with a YAML tag (!!int, !!float, ...) does not fit its tag; remove the tag",
        ),
        "People/Binary.md": (
            "key: !!binary x\n",
            "3: error: the YAML tag !!binary is not supported; write the value as plain text",
        ),
        "People/Deep.md": ("key: " + "[" * 5000 + "]" * 5000 + "\n", "3: error: invalid YAML: exceeded maximum"),
    }
    for path, (front, _said) in notes.items():
        write_note(vault, path, f"---\ntype: person\n{front}---\n")
    write_note(vault, "People/Anna Lee.md", "---\ntype: person\ncompany: Acme\n---\n")
    result = run("--vault", str(vault), "check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for path, (_front, said) in notes.items():
        assert [line for line in lines if line.startswith(f"{path}:")] == [
            line for line in lines if line.startswith(f"{path}:{said}") and line.endswith(LEFT_OUT)
        ]
        assert any(line.startswith(f"{path}:{said}") for line in lines), (path, lines)
    assert "checked 1 note: 4 errors, 0 warnings" in result.output
