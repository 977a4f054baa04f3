"""The note merge on the notes people really have: no front matter, Windows line endings, flow
lists with comments, values written two ways, and sides that cannot be read as properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Merge, note_merger


@pytest.fixture
def merge(tmp_path: Path) -> Merge:
    return note_merger(tmp_path, "People/Anna Lee.md")


def test_front_matter_added_on_one_side_to_a_plain_note_keeps_the_other_sides_body_edit(merge: Merge) -> None:
    base = b"Met at the fair.\n\nAsk about QA.\n"
    ours = base.replace(b"QA", b"QA and PD")
    theirs = b"---\ntype: person\n---\n" + base
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.data == b"---\ntype: person\n---\n" + ours


def test_unclosed_front_matter_on_one_side_merges_as_text(merge: Merge) -> None:
    base = b"---\ntype: person\n---\nA\n"
    ours = b"---\ntype: person\ncompany: Acme\nA\n"
    theirs = b"---\ntype: person\n---\nA\nB\n"
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.data == b"---\ntype: person\ncompany: Acme\nA\nB\n"


def test_a_side_that_is_not_yaml_conflicts_on_the_whole_note(merge: Merge) -> None:
    result = merge(b"---\nstatus: new\n---\n", b"---\nstatus: [new\n---\n", b"---\nstatus: old\n---\n")
    assert result.conflicts == ["note"]
    assert b"<<<<<<< ours\nstatus: [new\n=======\nstatus: old\n>>>>>>> theirs\n" in result.data


def test_the_same_value_written_two_ways_is_no_conflict_and_keeps_ours(merge: Merge) -> None:
    result = merge(b"---\nstatus: new\n---\nA\n", b"---\nstatus: done\n---\nA\n", b'---\nstatus: "done"\n---\nA\n')
    assert result.clean and result.data == b"---\nstatus: done\n---\nA\n"


def test_tags_removed_on_our_side_keep_the_tag_their_side_added(merge: Merge) -> None:
    result = merge(b"---\ntags: [a]\n---\n", b"---\n---\n", b"---\ntags: [a, b]\n---\n")
    assert result.clean and result.data == b"---\ntags:\n  - b\n---\n"


def test_a_flow_list_keeps_its_comment_and_takes_their_block_items(merge: Merge) -> None:
    base = b"---\ntags: [a, b]  # mine\n---\n"
    ours = b"---\ntags: [a, b, c]  # mine\n---\n"
    theirs = b"---\ntags:\n  - a\n  - d\n---\n"
    result = merge(base, ours, theirs)
    assert result.clean and result.data == b"---\ntags: [a, c, d]  # mine\n---\n"


def test_a_block_item_their_side_added_is_written_as_they_wrote_it(merge: Merge) -> None:
    base = b"---\ntags:\n  - a\n---\n"
    ours = b"---\ntags:\n  - a\n  - b\n---\n"
    theirs = b"---\ntags:\n  -   c\n  - a\n---\n"
    result = merge(base, ours, theirs)
    assert result.clean and result.data == b"---\ntags:\n  - a\n  - b\n  - c\n---\n"


def test_a_list_turned_into_a_mapping_conflicts_on_that_key(merge: Merge) -> None:
    result = merge(b"---\ntags: [a]\n---\n", b"---\ntags: {x: 1}\n---\n", b"---\ntags: [a, b]\n---\n")
    assert result.conflicts == ["tags"]
    assert result.data == b"---\n<<<<<<< ours\ntags: {x: 1}\n=======\ntags: [a, b]\n>>>>>>> theirs\n---\n"


def test_their_lines_take_our_line_endings(merge: Merge) -> None:
    base = b"---\r\nstatus: new\r\ncompany: x\r\n---\r\n"
    ours = b"---\r\nstatus: done\r\ncompany: x\r\n---\r\n"
    theirs = b"---\nstatus: new\ncompany: y\n---\n"
    result = merge(base, ours, theirs)
    assert result.clean and result.data == b"---\r\nstatus: done\r\ncompany: y\r\n---\r\n"
