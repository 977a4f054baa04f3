"""The note merge: two devices' edits of one note combine property by property, losing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Merge, examples, note_merger
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from infoview.core.frontmatter.edit import Changes, WriteRefused, apply_changes
from infoview.core.frontmatter.write import text_value
from infoview.core.merge import MergeResult, merge_note
from infoview.core.parse import parse_note

INTERVIEW = (
    b"---\n"
    b"type: interview\n"
    b'person: "[[Anna Lee]]"\n'
    b"date: 2026-12-03\n"
    b"status: planned   # done after the call\n"
    b"tags:\n"
    b"  - pharma\n"
    b"---\n"
    b"## Notes\n"
    b"\n"
    b"She moved from QA to process development.\n"
    b"\n"
    b"## Takeaways\n"
    b"\n"
    b"Ask about tech transfer.\n"
)


@pytest.fixture
def merge(tmp_path: Path) -> Merge:
    return note_merger(tmp_path, "Interviews/2026-12-03 Anna Lee.md")


def test_status_on_one_side_and_a_tag_on_the_other_merge_cleanly(merge: Merge) -> None:
    ours = INTERVIEW.replace(b"status: planned ", b"status: done    ")
    theirs = INTERVIEW.replace(b"  - pharma\n", b"  - pharma\n  - warm\n")
    result = merge(INTERVIEW, ours, theirs)
    assert result.clean
    assert result.data == ours.replace(b"  - pharma\n", b"  - pharma\n  - warm\n")


def test_the_same_property_changed_two_ways_conflicts_on_its_own_lines(merge: Merge) -> None:
    ours = INTERVIEW.replace(b"status: planned ", b"status: done    ").replace(b"date: 2026-12-03", b"date: 2026-12-04")
    theirs = INTERVIEW.replace(b"status: planned ", b"status: cancelled")
    result = merge(INTERVIEW, ours, theirs)
    assert result.conflicts == ["status"]
    lines = result.data.decode().split("\n")
    assert lines[3:10] == [
        "date: 2026-12-04",
        "<<<<<<< ours",
        "status: done      # done after the call",
        "=======",
        "status: cancelled  # done after the call",
        ">>>>>>> theirs",
        "tags:",
    ]
    note, problems = parse_note("Interviews/x.md", result.data, {})
    assert note is None
    assert [(problem.line, problem.severity) for problem in problems] == [(5, "error")]
    assert "merge conflict" in problems[0].message


def test_bodies_merge_as_text_beside_a_property_merge(merge: Merge) -> None:
    ours = INTERVIEW.replace(b"status: planned ", b"status: done    ").replace(b"QA", b"quality assurance")
    theirs = INTERVIEW.replace(b"  - pharma\n", b"  - pharma\n  - warm\n").replace(
        b"tech transfer.", b"tech transfer and scale-up."
    )
    result = merge(INTERVIEW, ours, theirs)
    assert result.clean
    assert result.data == ours.replace(b"  - pharma\n", b"  - pharma\n  - warm\n").replace(
        b"tech transfer.", b"tech transfer and scale-up."
    )


def test_the_same_body_line_changed_two_ways_conflicts_in_the_body(merge: Merge) -> None:
    ours = INTERVIEW.replace(b"QA", b"quality")
    theirs = INTERVIEW.replace(b"QA", b"QC").replace(b"status: planned ", b"status: done    ")
    result = merge(INTERVIEW, ours, theirs)
    assert result.conflicts == ["body"]
    assert b"status: done" in result.data and b"<<<<<<< ours\nShe moved from quality" in result.data
    note, problems = parse_note("Interviews/x.md", result.data, {})
    assert note is not None and note.get("status") == "done"
    assert [problem.severity for problem in problems] == ["warning"]


def test_lists_keep_both_sides_additions_and_removals(merge: Merge) -> None:
    base = b"---\ntype: person\ntags:\n  - pharma\n  - warm\n  - lab\naliases: [Anna, A. Lee]\n---\n"
    ours = b"---\ntype: person\ntags:\n  - pharma\n  - lab\n  - Boston\naliases: [Anna]\n---\n"
    theirs = b"---\ntype: person\ntags:\n  - pharma\n  - warm\n  - lab\n  - '#Mentor'\naliases: [Anna, Annie]\n---\n"
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.data == (
        b"---\ntype: person\ntags:\n  - pharma\n  - lab\n  - Boston\n  - '#Mentor'\naliases: [Anna, Annie]\n---\n"
    )


def test_a_link_added_on_both_sides_is_kept_once(merge: Merge) -> None:
    base = b'---\ntype: interview\nreferrals:\n  - "[[Bob Chen]]"\n---\n'
    ours = base + b""
    ours = ours.replace(b'  - "[[Bob Chen]]"\n', b'  - "[[Bob Chen]]"\n  - "[[Carl Diaz]]"\n')
    theirs = base.replace(b'  - "[[Bob Chen]]"\n', b'  - "[[Bob Chen]]"\n  - "[[carl diaz|Carl]]"\n  - "[[Dana Wu]]"\n')
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.data == ours.replace(b'  - "[[Carl Diaz]]"\n', b'  - "[[Carl Diaz]]"\n  - "[[Dana Wu]]"\n')


def test_properties_added_on_both_sides_keep_ours_first_and_line_endings(merge: Merge) -> None:
    base = b"\xef\xbb\xbf---\r\ntype: person\r\ncompany: Acme # employer\r\n---\r\nBody\r\n"
    ours = base.replace(b"---\r\nBody", b"title: Director\r\n---\r\nBody")
    theirs = base.replace(b"company: Acme", b"company: Initech").replace(b"---\r\nBody", b"email: a@b.c\n---\r\nBody")
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.data == (
        b"\xef\xbb\xbf---\r\ntype: person\r\ncompany: Initech # employer\r\n"
        b"title: Director\r\nemail: a@b.c\r\n---\r\nBody\r\n"
    )


def test_a_note_already_holding_conflict_markers_merges_as_text(merge: Merge) -> None:
    base = b"---\ntype: person\n---\nline\n"
    ours = b"---\ntype: person\n---\n<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n"
    theirs = b"---\ntype: person\ncompany: Acme\n---\nline\n"
    result = merge(base, ours, theirs)
    assert result.clean and result.data == b"---\ntype: person\ncompany: Acme\n---\n" + ours.split(b"---\n")[2]
    result = merge(base, ours, theirs.replace(b"line", b"other line"))
    assert result.conflicts == ["note"] and result.data.count(b"<<<<<<<") == 2


def no_text_merge(base: bytes, ours: bytes, theirs: bytes) -> tuple[bytes, bool]:
    raise AssertionError("only properties changed: no text merge is needed")


# --- the property: edits of different keys on two devices merge as if made one after the other ---

BASES = [
    INTERVIEW,
    (
        "\ufeff---\r\n"
        "# edited by hand\r\n"
        "type: person\r\n"
        "company: Acme   # current employer\r\n"
        'aliases: [Zoe, "Z. A."]\r\n'
        "zip: '01234'\r\n"
        "tags:\r\n"
        "    - pharma\r\n"
        "    - warm\r\n"
        "empty:\r\n"
        "# trailing comment\r\n"
        "---\r\n"
        "Body  \r\n"
        "end"
    ).encode(),
    b'---\ntype: person\nreferred_by: "[[Bob Chen]]"\ntitle: "Re: intro"\nstatus: warm\n---\n',
]
KEYS = ["company", "status", "title", "zip", "tags", "aliases", "referred_by", "empty", "date", "x_new", "y_new"]
LIST_KEYS = {"tags", "aliases", "referred_by", "x_new", "y_new"}
WORDS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda text: text.strip() == text
)
VALUES = st.one_of(WORDS, st.sampled_from(["done", "2026-12-03", "[[Carl Diaz]]", "no", "01234", "Re: x"]))


@st.composite
def edits(draw: st.DrawFn, keys: list[str]) -> Changes:
    """Random changes to the given keys, as `set`, `set --unset` and `set --append` make them."""
    changes = Changes()
    for key in keys:
        kind = draw(st.sampled_from(["set", "unset", "append"] if key in LIST_KEYS else ["set", "unset"]))
        if kind == "set":
            changes.set[key] = text_value(draw(VALUES))
        elif kind == "unset":
            changes.unset.append(key)
        else:
            changes.append.append((key, text_value(draw(VALUES))))
    return changes


@st.composite
def two_sides(draw: st.DrawFn) -> tuple[bytes, Changes, Changes]:
    base = draw(st.sampled_from(BASES))
    keys = draw(st.permutations(KEYS))
    split = draw(st.integers(0, len(keys)))
    ours_keys = keys[: draw(st.integers(0, split))]
    theirs_keys = keys[split : split + draw(st.integers(0, len(keys) - split))]
    return base, draw(edits(ours_keys)), draw(edits(theirs_keys))


@given(two_sides())
@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_edits_of_different_keys_merge_as_if_made_in_turn(sides: tuple[bytes, Changes, Changes]) -> None:
    base, ours_changes, theirs_changes = sides
    path = "People/P.md"
    try:
        ours = apply_changes(path, base, ours_changes, {})
        theirs = apply_changes(path, base, theirs_changes, {})
    except WriteRefused:  # `set` refuses this edit too (a block list set to one value): not an edit to merge
        assume(False)

    result = merge_note(path, base, ours, theirs, no_text_merge)
    assert result.clean
    assert result.data == apply_changes(path, ours, theirs_changes, {})
    swapped = merge_note(path, base, theirs, ours, no_text_merge)
    assert swapped.clean
    assert swapped.data == apply_changes(path, theirs, ours_changes, {})


def test_a_key_added_on_both_sides_at_different_places_is_written_once(merge: Merge) -> None:
    base = b"---\ntype: person\ncompany: Acme\n---\n"
    ours = b"---\ntype: person\ntitle: Director\ncompany: Acme\n---\n"
    theirs = b"---\ntype: person\ncompany: Acme\ntitle: Director\n---\n"
    assert merge(base, ours, theirs) == MergeResult(ours)
    theirs = theirs.replace(b"company: Acme", b"company: Initech")
    result = merge(base, ours, theirs)
    assert result.clean and result.data == b"---\ntype: person\ntitle: Director\ncompany: Initech\n---\n"


def test_a_property_removed_on_one_side_and_changed_on_the_other_conflicts(merge: Merge) -> None:
    base = b"---\ntype: person\ncompany: Acme\ntitle: Engineer\n---\n"
    ours = b"---\ntype: person\ntitle: Engineer\n---\n"
    theirs = b"---\ntype: person\ncompany: Initech\ntitle: Engineer\n---\n"
    result = merge(base, ours, theirs)
    assert result.conflicts == ["company"]
    assert result.data == (
        b"---\ntype: person\n<<<<<<< ours\n=======\ncompany: Initech\n>>>>>>> theirs\ntitle: Engineer\n---\n"
    )


TAGS = st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=4, unique=True)


@given(TAGS, TAGS, TAGS, st.booleans())
@settings(max_examples=examples(200), deadline=None)
def test_tags_added_and_removed_on_both_sides_all_count(
    base_tags: list[str], ours_added: list[str], theirs_added: list[str], flow: bool
) -> None:
    def note(tags: list[str]) -> bytes:
        listed = f"tags: [{', '.join(tags)}]\n" if flow else "tags:\n" + "".join(f"  - {tag}\n" for tag in tags)
        return f"---\ntype: person\n{listed}---\nBody\n".encode()

    ours_new = [tag for tag in ours_added if tag not in base_tags]
    theirs_new = [tag for tag in theirs_added if tag not in base_tags]
    ours_tags = base_tags[1:] + ours_new  # our device removed the first tag
    theirs_tags = base_tags[:-1] + theirs_new  # theirs removed the last one

    result = merge_note("P.md", note(base_tags), note(ours_tags), note(theirs_tags), no_text_merge)
    assert result.clean
    merged, _problems = parse_note("P.md", result.data, {})
    assert merged is not None
    expected = [*base_tags[1:-1], *ours_new, *(tag for tag in theirs_new if tag not in ours_new)]
    assert (merged.get("tags") or []) == expected
    assert result.data.endswith(b"---\nBody\n")
