"""The synthesis note ``learnings --write`` keeps: never written through a link out of the vault,
never rewritten when it is not text, and created whole when it is new."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview.adapters.learnings import write_synthesis
from infoview.core.errors import InfoviewError


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "v"
    (root / ".infoview").mkdir(parents=True)
    (root / "Learnings").mkdir()
    return root


def test_a_new_synthesis_note_is_created_with_its_title_and_the_block(vault: Path) -> None:
    assert write_synthesis(vault, "Learnings/Pharma.md", "<!-- block -->\n") == ("created", "Learnings/Pharma.md")
    assert (vault / "Learnings/Pharma.md").read_bytes() == b"---\ntype: learnings\n---\n# Pharma\n\n<!-- block -->\n"


def test_a_note_that_is_not_utf8_is_named_with_its_line_and_left_untouched(vault: Path) -> None:
    data = b"---\ntype: learnings\n---\nmine\n\xff\n"
    (vault / "Learnings/Pharma.md").write_bytes(data)
    with pytest.raises(
        InfoviewError, match=r"^Learnings/Pharma.md:5: the note is not UTF-8 text; nothing was written$"
    ):
        write_synthesis(vault, "Learnings/Pharma.md", "<!-- block -->\n")
    assert (vault / "Learnings/Pharma.md").read_bytes() == data


def test_a_link_out_of_the_vault_is_never_written_through(vault: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "mine.md").write_bytes(b"my own file\n")
    (vault / "Learnings/Pharma.md").symlink_to(outside / "mine.md")
    (vault / "Elsewhere").symlink_to(outside)
    for rel in ("Learnings/Pharma.md", "Elsewhere/Fintech.md"):
        with pytest.raises(InfoviewError, match=f"^{rel} would be outside the vault; nothing was written$"):
            write_synthesis(vault, rel, "<!-- block -->\n")
    assert sorted(path.name for path in outside.iterdir()) == ["mine.md"]
    assert (outside / "mine.md").read_bytes() == b"my own file\n"
