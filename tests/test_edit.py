"""Safe writes: set and done change only what they mean to, or refuse and leave the note as it was."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import Result
from helpers import examples, write_note
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.core.frontmatter.edit import Changes, WriteRefused, apply_changes
from infoview.core.frontmatter.read_flat import FLOAT_RE, INT_RE
from infoview.core.frontmatter.write import scalar, text_value
from infoview.core.model import parse_date
from infoview.core.parse import parse_note

Run = Callable[..., Result]
FOLDERS = {"people": "person", "interviews": "interview", "outreach": "outreach"}

HAND_EDITED = (
    "\ufeff---\r\n"
    "# person note, edited by hand\r\n"
    "type: person\r\n"
    'name: "Zoë Ångström"\r\n'
    "company: Acme   # current employer\r\n"
    'aliases: [Zoe, "Z. A."]\r\n'
    "zip: '01234'\r\n"
    "rating: 4.50\r\n"
    "tags:\r\n"
    "    - pharma\r\n"
    "    - warm\r\n"
    "empty:\r\n"
    "---\r\n"
    "\r\n"
    "Body with trailing spaces   \r\n"
    "and no final newline"
).encode("utf-8")


def test_setting_one_property_changes_one_line() -> None:
    result = apply_changes("People/Zoë.md", HAND_EDITED, Changes(set={"company": "Initech"}), FOLDERS)
    assert result == HAND_EDITED.replace(
        b"company: Acme   # current employer", b"company: Initech   # current employer"
    )


def test_new_property_goes_before_the_closing_line_with_the_file_newline() -> None:
    result = apply_changes("People/Zoë.md", HAND_EDITED, Changes(set={"status": "warm"}), FOLDERS)
    assert result == HAND_EDITED.replace(b"empty:\r\n---", b"empty:\r\nstatus: warm\r\n---")


def test_append_to_a_block_list_keeps_its_indentation() -> None:
    result = apply_changes("People/Zoë.md", HAND_EDITED, Changes(append=[("tags", "met-2024")]), FOLDERS)
    assert result == HAND_EDITED.replace(b"    - warm\r\n", b"    - warm\r\n    - met-2024\r\n")


def test_append_to_a_flow_list() -> None:
    result = apply_changes("People/Zoë.md", HAND_EDITED, Changes(append=[("aliases", '"Zo"')]), FOLDERS)
    assert result == HAND_EDITED.replace(b'aliases: [Zoe, "Z. A."]', b'aliases: [Zoe, "Z. A.", "Zo"]')


def test_unset_removes_the_property_and_its_list() -> None:
    result = apply_changes("People/Zoë.md", HAND_EDITED, Changes(unset=["tags"]), FOLDERS)
    assert result == HAND_EDITED.replace(b"tags:\r\n    - pharma\r\n    - warm\r\n", b"")


def test_note_without_front_matter_gets_one() -> None:
    result = apply_changes("People/A.md", b"Just text\n", Changes(set={"type": "person"}), FOLDERS)
    assert result == b"---\ntype: person\n---\nJust text\n"


def test_no_change_gives_the_same_bytes() -> None:
    assert apply_changes("People/Zoë.md", HAND_EDITED, Changes(set={"company": "Acme"}), FOLDERS) == HAND_EDITED


@pytest.mark.parametrize(
    ("text", "key", "line", "words"),
    [
        (b"---\na: 1\n---\nbody\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> o\n", "a", 5, "merge conflict"),
        (b"---\na: 1\na: 2\n---\n", "a", 3, "written twice"),
        (b"---\nbio: |\n  line one\n  line two\n---\n", "bio", 2, "spans several lines"),
        (b'---\ntitle: "a long\n  title"\n---\n', "title", 2, "spans several lines"),
        (b"---\nlist: [a,\n  b]\n---\n", "list", 2, "spans several lines"),
        (b"---\na: 1\n", "a", 1, "never closed"),
    ],
)
def test_unsafe_notes_are_refused(text: bytes, key: str, line: int, words: str) -> None:
    with pytest.raises(WriteRefused) as refused:
        apply_changes("People/x.md", text, Changes(set={key: "2"}), FOLDERS)
    assert refused.value.line == line and words in str(refused.value)


KEYS = st.sampled_from(["company", "status", "title", "x_note", "followup"])


def read_back(value: str, typed: bool) -> object:
    """What a value typed on the command line (typed) or written from a template reads back as."""
    moment = parse_date(value)
    if moment:
        return moment.isoformat() if isinstance(moment, datetime) else value
    if typed and INT_RE.match(value):
        return int(value)
    if typed and FLOAT_RE.match(value):
        return float(value)
    if typed and value in ("true", "false"):
        return value == "true"
    return value


VALUES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@given(KEYS, VALUES, st.sampled_from([b"\n", b"\r\n"]), st.booleans())
@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
def test_any_value_round_trips_and_nothing_else_moves(key: str, value: str, newline: bytes, bom: bool) -> None:
    original = (b"\xef\xbb\xbf" if bom else b"") + newline.join(
        [
            b"---",
            b"type: person",
            b"company: Acme # employer",
            b'title: "Re: intro"',
            b"tags: [a, b]",
            b"---",
            b"Body  ",
            b"end",
        ]
    )
    updated = apply_changes("People/P.md", original, Changes(set={key: text_value(value)}), FOLDERS)
    note, problems = parse_note("People/P.md", updated, FOLDERS)
    assert note is not None and not [problem for problem in problems if problem.severity == "error"]
    before, _ = parse_note("People/P.md", original, FOLDERS)
    assert before is not None
    assert note.get(key) == read_back(value, typed=True)
    assert {k: v for k, v in note.properties.items() if k != key} == {
        k: v for k, v in before.properties.items() if k != key
    }
    assert updated.endswith(newline + b"Body  " + newline + b"end")
    assert updated.startswith(b"\xef\xbb\xbf---" if bom else b"---")


@given(VALUES)
@settings(max_examples=examples(300))
def test_scalar_reads_back_as_the_same_text(value: str) -> None:
    note, problems = parse_note("P.md", f"---\nx: {scalar(value)}\n---\n".encode(), {})
    assert note is not None, problems
    assert note.get("x") == read_back(value, typed=False)


class TestOnDisk:
    def test_mode_symlink_and_mtime(self, run: Run, vault: Path) -> None:
        target = write_note(vault, "Archive/Real Anna.md", "---\ntype: person\ncompany: Acme\n---\nBody\n")
        target.chmod(0o640)
        link = vault / "People" / "Anna.md"
        link.parent.mkdir()
        os.symlink(target, link)
        result = run("--vault", str(vault), "set", "People/Anna.md", "company=Initech")
        assert result.exit_code == 0, result.output
        assert link.is_symlink() and os.readlink(link) == str(target)
        assert target.read_text() == "---\ntype: person\ncompany: Initech\n---\nBody\n"
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        before = target.stat().st_mtime_ns
        again = run("--vault", str(vault), "set", "People/Anna.md", "company=Initech")
        assert "nothing written" in again.stdout and target.stat().st_mtime_ns == before

    def test_read_only_note_is_refused(self, run: Run, vault: Path) -> None:
        path = write_note(vault, "People/Anna.md", "---\ntype: person\n---\n")
        path.chmod(0o444)
        result = run("--vault", str(vault), "set", "People/Anna.md", "company=X")
        assert result.exit_code == 1 and "read-only" in result.stderr
        assert path.read_text() == "---\ntype: person\n---\n"

    def test_a_note_saved_meanwhile_is_not_overwritten(
        self, run: Run, vault: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import infoview.adapters.writes

        path = write_note(vault, "People/Anna.md", "---\ntype: person\n---\n")
        real_apply = infoview.adapters.writes.apply_changes

        def editor_saves_meanwhile(*args: object, **kwargs: object) -> bytes:
            result = real_apply(*args, **kwargs)  # type: ignore[arg-type]
            path.write_text("---\ntype: person\nstatus: saved in Obsidian\n---\n")
            return result

        monkeypatch.setattr(infoview.adapters.writes, "apply_changes", editor_saves_meanwhile)
        result = run("--vault", str(vault), "set", "People/Anna.md", "company=X")
        assert result.exit_code == 1 and "changed on disk" in result.stderr
        assert path.read_text() == "---\ntype: person\nstatus: saved in Obsidian\n---\n"
        assert [p.name for p in path.parent.iterdir()] == ["Anna.md"]

    def test_values_become_links_and_are_typed(self, run: Run, vault: Path) -> None:
        path = write_note(
            vault, "Interviews/2024-01-01 Anna.md", '---\ntype: interview\nperson: "[[Anna]]"\ndate: 2024-01-01\n---\n'
        )
        write_note(vault, "People/Anna.md", "---\ntype: person\n---\n")
        result = run(
            "--vault",
            str(vault),
            "set",
            "2024-01-01 Anna",
            "status=done",
            "duration=45",
            "mood=no",
            "--append",
            "referrals=Carl Diaz",
        )
        assert result.exit_code == 0, result.output
        assert path.read_text() == (
            '---\ntype: interview\nperson: "[[Anna]]"\ndate: 2024-01-01\nstatus: done\n'
            'duration: 45\nmood: "no"\nreferrals:\n  - "[[Carl Diaz]]"\n---\n'
        )

    def test_newline_in_a_value_is_refused_before_anything(self, run: Run, vault: Path) -> None:
        path = write_note(vault, "People/Anna.md", "---\ntype: person\n---\n")
        result = run("--vault", str(vault), "set", "People/Anna.md", "company=Acme\nstatus: done")
        assert result.exit_code == 2 and "line break" in result.stderr
        assert path.read_text() == "---\ntype: person\n---\n"


class TestSetRules:
    def test_conflicting_changes_are_usage_errors(self, run: Run, vault: Path) -> None:
        path = write_note(vault, "People/Anna.md", "---\ntype: person\nstatus: warm\n---\n")
        for args in (("status=a", "status=b"), ("status=x", "--unset", "status"), ("--append", "tags=a", "tags=b")):
            result = run("--vault", str(vault), "set", "People/Anna.md", *args)
            assert result.exit_code == 2 and "more than one change" in result.stderr
        assert path.read_text() == "---\ntype: person\nstatus: warm\n---\n"

    def test_append_skips_what_is_there_and_refuses_single_values(self, run: Run, vault: Path) -> None:
        path = write_note(
            vault,
            "Interviews/x.md",
            '---\ntype: interview\nperson: "[[A]]"\ndate: 2024-01-01\ncompany: Acme\n'
            'referrals:\n  - "[[Eva Schmidt]]"\n---\n',
        )
        before = path.read_bytes()
        same = run("--vault", str(vault), "set", "Interviews/x.md", "--append", "referrals=eva schmidt")
        assert "nothing written" in same.stdout and path.read_bytes() == before
        single = run("--vault", str(vault), "set", "Interviews/x.md", "--append", "company=Globex")
        assert single.exit_code == 1 and "holds one value, not a list" in single.stderr
        assert path.read_bytes() == before

    def test_questionable_values_are_written_with_a_warning(self, run: Run, vault: Path) -> None:
        write_note(vault, "Interviews/x.md", '---\ntype: interview\nperson: "[[A]]"\ndate: 2024-01-01\n---\n')
        result = run("--vault", str(vault), "set", "Interviews/x.md", "status=held", "duration=thirty")
        assert result.exit_code == 0 and "updated" in result.stdout
        assert (
            "status: held is not one of planned" in result.stderr
            and "duration: thirty is not a whole number of minutes" in result.stderr
        )

    def test_a_note_that_cannot_be_read_is_refused_with_its_line(self, run: Run, vault: Path) -> None:
        path = write_note(
            vault, "People/Nia.md", "---\ntype: person\n<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> x\n---\n"
        )
        before = path.read_bytes()
        for reference in ("People/Nia.md", "Nia", str(path)):
            result = run("--vault", str(vault), "set", reference, "status=x")
            assert result.exit_code == 1, result.output
            assert "People/Nia.md:3: the note cannot be read (unresolved merge conflict)" in result.stderr
        assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("line", "after"),
    [
        (b"company: # fill in later", b"company: Acme # fill in later"),
        (b"company: 'Old'#c", b"company: Acme #c"),
        (b"company: ~", b"company: Acme"),
    ],
)
def test_what_follows_a_value_survives_and_the_value_reads_back(line: bytes, after: bytes) -> None:
    original = b"---\ntype: person\n" + line + b"\n---\nBody\n"
    updated = apply_changes("People/P.md", original, Changes(set={"company": "Acme"}), FOLDERS)
    assert updated == original.replace(line, after)
    note, _ = parse_note("People/P.md", updated, FOLDERS)
    assert note is not None and note.get("company") == "Acme"


def test_append_to_an_empty_or_null_list() -> None:
    for written in (b"referred_by:", b"referred_by: ~", b"referred_by: null", b"referred_by: []"):
        original = b"---\ntype: person\n" + written + b"\n---\n"
        updated = apply_changes("People/P.md", original, Changes(append=[("referred_by", '"[[Bob]]"')]), FOLDERS)
        note, _ = parse_note("People/P.md", updated, FOLDERS)
        assert note is not None and note.get("referred_by") == ["[[Bob]]"], updated


def test_append_to_an_unquoted_link_keeps_it_as_a_link() -> None:
    original = b"---\ntype: interview\nperson: '[[Anna]]'\ndate: 2026-01-02\nreferrals: [[Ivan Petrov]]  # given\n---\n"
    updated = apply_changes("Interviews/x.md", original, Changes(append=[("referrals", '"[[Jo Park]]"')]), FOLDERS)
    assert updated == original.replace(b"[[Ivan Petrov]]", b'["[[Ivan Petrov]]", "[[Jo Park]]"]')
    note, _ = parse_note("Interviews/x.md", updated, FOLDERS)
    assert note is not None and [link.target for link in note.links_for("referrals")] == ["Ivan Petrov", "Jo Park"]


def test_append_that_would_lose_a_link_is_refused_with_the_fix() -> None:
    original = b"---\ntype: interview\nperson: '[[Anna]]'\ndate: 2026-01-02\nreferrals: [ [Ivan] ]\n---\n"
    with pytest.raises(WriteRefused, match=r'lose the link to Ivan; write each link in quotes, "\[\[Ivan\]\]"'):
        apply_changes("Interviews/x.md", original, Changes(append=[("referrals", '"[[Jo Park]]"')]), FOLDERS)
