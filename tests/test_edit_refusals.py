"""The safe edit refuses, with the note's path and line, every change it cannot make on one line
without touching anything else; and appends to a block list whatever its last line looks like."""

from __future__ import annotations

import pytest

from infoview.core.frontmatter.edit import Changes, WriteRefused, apply_changes

PATH = "People/Anna Lee.md"
MULTILINE = "spans several lines; change it in your editor (or use --append for a list); nothing was changed"


@pytest.mark.parametrize(
    ("data", "changes", "said"),
    [
        (
            b"---\ntype: person\nnotes: |\n  one\n  two\n---\n",
            Changes(set={"notes": "x"}),
            f"{PATH}:3: notes {MULTILINE}",
        ),
        (b"---\ntype: person\ntags: [a,\n  b]\n---\n", Changes(set={"tags": "x"}), f"{PATH}:3: tags {MULTILINE}"),
        (b"---\ntype: person\ntags: >\n  a\n---\n", Changes(append=[("tags", "b")]), f"{PATH}:3: tags {MULTILINE}"),
        (b"---\ntype: person\ntags: {a: 1}\n---\n", Changes(append=[("tags", "b")]), f"{PATH}:3: tags {MULTILINE}"),
        (
            b"---\ntype: person\nstatus: new\n---\n",
            Changes(set={"status": "[[x"}),
            f"{PATH}:1: the edit would make the note unreadable (the [ opened in status is never closed); "
            "nothing was changed",
        ),
        (
            b"---\ntype: person\n---\n\xff\n",
            Changes(set={"status": "warm"}),
            f"{PATH}:4: the note cannot be read (not UTF-8 text (byte 0xff)); nothing was changed",
        ),
    ],
    ids=["block-scalar", "flow-list-over-lines", "folded", "mapping", "unreadable-result", "not-utf8"],
)
def test_a_change_that_cannot_be_made_safely_is_refused_with_the_line(data: bytes, changes: Changes, said: str) -> None:
    with pytest.raises(WriteRefused) as refused:
        apply_changes(PATH, data, changes, {})
    assert str(refused.value) == said


def test_appending_to_a_block_list_keeps_its_items_as_they_are_written() -> None:
    data = b"---\ntype: person\ntags:\n  - a\n  - {b: 1}\n---\nBody\n"
    assert apply_changes(PATH, data, Changes(append=[("tags", "c")]), {}) == (
        b"---\ntype: person\ntags:\n  - a\n  - {b: 1}\n  - c\n---\nBody\n"
    )


def test_appending_to_a_note_whose_front_matter_ends_the_file_keeps_it_without_a_final_newline() -> None:
    data = b"---\ntype: person\ntags:\n  - a\n---"
    assert (
        apply_changes(PATH, data, Changes(append=[("tags", "c")]), {}) == b"---\ntype: person\ntags:\n  - a\n  - c\n---"
    )
