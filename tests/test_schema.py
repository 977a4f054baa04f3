"""The field table and the vault's own property names: any spelling Obsidian users write is read as
infoview's property, and a write never gives a property a second spelling."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from infoview.core.frontmatter.edit import Changes, apply_changes
from infoview.core.parse import body_tags, parse_note
from infoview.core.schema import (
    DEFAULT_NAMES,
    FIELDS,
    KNOWN_PROPERTIES,
    LINK_FIELDS,
    PERSON_FIELDS,
    PropertyNames,
)

FOLDERS = {"people": "person", "meetings": "interview"}


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, str]:
    """A known property and a way a vault may write it: any case, words joined by space, - or _."""
    field = draw(st.sampled_from([name for name in KNOWN_PROPERTIES if name != "type"]))
    words = field.split("_")
    joiner = draw(st.sampled_from([" ", "-", "_"]))
    cased = [draw(st.sampled_from([word, word.upper(), word.capitalize()])) for word in words]
    return field, joiner.join(cased)


@given(spellings())
def test_any_case_and_separator_reads_as_the_property(pair: tuple[str, str]) -> None:
    field, written = pair
    assert DEFAULT_NAMES.field_of(written) == field


@given(spellings(), st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool))
def test_a_set_edits_the_key_as_the_note_spells_it(pair: tuple[str, str], value: str) -> None:
    field, written = pair
    assume(field not in ("person", "date", "referred_by", "referrals"))  # links and dates: the CLI tests
    text = f"---\n{written}: old\nother: kept\n---\nBody\n".encode()
    changed = apply_changes("People/Anna.md", text, Changes(set={field: value}), FOLDERS)
    note, _problems = parse_note("People/Anna.md", changed, FOLDERS)
    assert note is not None
    assert note.keys == (written, "other")  # no second spelling, order kept
    assert note.get(field) == value and note.get(written) == value
    assert changed.endswith(b"other: kept\n---\nBody\n")


def test_the_config_maps_the_vaults_own_names_and_notes_show_them_as_written() -> None:
    names = PropertyNames({"title": ("Position", "Role")})
    note, problems = parse_note("People/Anna.md", b"---\nPosition: Head of QA\nCompany: Acme\n---\n", FOLDERS, names)
    assert note is not None and problems == []
    assert note.get("title") == "Head of QA" and note.get("company") == "Acme"
    assert note.properties == {"Position": "Head of QA", "Company": "Acme"}
    before = b"---\nCompany: Acme\n---\n"
    added = apply_changes("People/Anna.md", before, Changes(set={"title": "Chair"}), FOLDERS, names)
    assert added == b"---\nCompany: Acme\nPosition: Chair\n---\n"  # a new property takes the vault's own name


def test_an_exact_key_wins_over_a_look_alike() -> None:
    note, _problems = parse_note("People/Anna.md", b"---\nCompany: Old\ncompany: New\n---\n", FOLDERS)
    assert note is not None and note.get("company") == "New"


def test_a_meeting_note_reads_its_capitalised_date_and_status() -> None:
    note, problems = parse_note(
        "Meetings/2025-05-20 Tom.md", b'---\nDate: 2025-05-20\nStatus: Done\nPerson: "[[Tom]]"\n---\n', FOLDERS
    )
    assert note is not None and problems == []
    assert note.when("date") is not None and note.text("status") == "Done"
    assert [link.key for link in note.links] == ["person"]


def test_the_table_drives_the_derived_lists() -> None:
    assert LINK_FIELDS["interview"] == ("person", "referrals")
    assert "referrer_thanked" not in PERSON_FIELDS and "company" in PERSON_FIELDS
    assert len({(row.kind, row.name) for row in FIELDS}) == len(FIELDS)  # one row per field of a kind


def test_a_meeting_note_without_person_keeps_the_links_it_names_as_participants() -> None:
    text = b'---\nDate: 2025-05-20\nAttendees: ["[[Tom Baker]]"]\n---\n## Participants\n- [[Sara Lind|Sara]]\n'
    note, problems = parse_note("Meetings/2025-05-20 Sync.md", text, FOLDERS)
    assert note is not None and problems == []  # which one is the person is decided once people are known
    assert [(link.target, link.line) for link in note.links] == [("Tom Baker", 3), ("Sara Lind", 6)]
    declared, problems = parse_note("Meetings/x.md", b"---\ntype: interview\ndate: 2025-05-20\n---\n[[Tom]]\n", FOLDERS)
    assert declared is not None and declared.links == ()
    assert [problem.message for problem in problems] == ['interview note has no person; add a line person: "[[Name]]"']


TAG_NAMES = st.from_regex(r"[a-z][a-z0-9_/-]{0,12}", fullmatch=True)


@given(TAG_NAMES, st.sampled_from(["", "Met at the fair. ", "- "]))
def test_a_body_tag_counts_and_the_same_tag_in_code_does_not(tag: str, before: str) -> None:
    found = body_tags(f"\n{before}#{tag} next\n")
    assert found == (tag,)
    assert body_tags(f"\n```\n{before}#{tag}\n```\nand `#{tag}` inline, [[Note#{tag}]], x#{tag}\n") == ()
