"""A vault template that cannot be used stops ``person add`` with the template's name and line,
and no note is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("template", "said"),
    [
        (
            b"---\ntype: person\n---\n\xff\n",
            "Error: .infoview/templates/person.md:1: cannot read the template: 'utf-8' codec",
        ),
        (
            b'---\ntype: person\n---\n{% for i in range(2000) %}{{ "x" * 1000 }}{% endfor %}\n',
            "Error: .infoview/templates/person.md:1: the template wrote more than 1024 KiB",
        ),
        (
            b"---\ntype: person\n---\nline\n{{ 1 // 0 }}\n",
            "Error: .infoview/templates/person.md:5: ZeroDivisionError: integer division or modulo by zero",
        ),
    ],
    ids=["not-utf8", "too-long", "zero-division"],
)
def test_a_template_that_cannot_be_used_names_itself_and_writes_nothing(
    run: Run, vault: Path, template: bytes, said: str
) -> None:
    write_note(vault, ".infoview/templates/person.md", template)
    result = run("--vault", str(vault), "person", "add", "Anna Lee")
    assert result.exit_code == 1
    assert result.stderr.startswith(said)
    assert not (vault / "People").exists()
