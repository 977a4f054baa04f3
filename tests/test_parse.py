"""Reading one note: every way a hand-edited note can go wrong gets a line-numbered answer."""

from __future__ import annotations

import pytest

from infoview.core.model import Note, Problem
from infoview.core.parse import MAX_FRONT_MATTER_CHARS, MAX_NOTE_BYTES, parse_note

FOLDERS = {"people": "person", "interviews": "interview", "outreach": "outreach"}


def read(text: str | bytes, path: str = "People/Anna Lee.md") -> tuple[Note | None, list[Problem]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_note(path, data, FOLDERS)


def only_problem(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_plain_person_note() -> None:
    note, problems = read('---\ntype: person\ncompany: Acme\nreferred_by: "[[Bob Chen]]"\n---\n# Anna\n')
    assert problems == []
    assert note is not None
    assert note.name == "Anna Lee"
    assert note.type == "person"
    assert note.properties == {"type": "person", "company": "Acme", "referred_by": "[[Bob Chen]]"}
    assert [(link.target, link.key, link.line) for link in note.links] == [("Bob Chen", "referred_by", 4)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("NO", "NO"),
        ("y", "y"),
        ("true", True),
        ("false", False),
        ("~", None),
        ("", None),
        ("null", None),
        ("01234", "01234"),
        ("+4917612345", "+4917612345"),
        ("12:30", "12:30"),
        ("1.10", "1.10"),
        ("1e3", "1e3"),
        ("1_000", "1_000"),
        ("0x1F", "0x1F"),
        ("42", 42),
        ("-7", -7),
        ("4.5", 4.5),
        ('"no"', "no"),
        ("'01234'", "01234"),
        ("Acme #1", "Acme"),
        ("Acme#1", "Acme#1"),
    ],
)
def test_scalars_read_as_obsidian_reads_them(value: str, expected: object) -> None:
    note, problems = read(f"---\nfield: {value}\n---\n")
    assert problems == []
    assert note is not None and note.properties["field"] == expected


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T14:00", "2024-03-05T14:00:00"),
        ("2024-03-05 14:00", "2024-03-05T14:00:00"),
        ("2024-03-05 14:00:30", "2024-03-05T14:00:30"),
        ('"2024-03-05T14:00:00+01:00"', "2024-03-05T14:00:00+01:00"),
    ],
)
def test_dates_in_all_obsidian_forms(written: str, stored: str) -> None:
    note, problems = read(f'---\ntype: interview\nperson: "[[Anna]]"\ndate: {written}\n---\n', "Interviews/x.md")
    assert problems == []
    assert note is not None
    assert note.properties["date"] == stored
    assert note.when("date") is not None and note.when("date").isoformat() == "2024-03-05"


def test_impossible_date_is_a_warning_and_ignored() -> None:
    note, problems = read(
        '---\ntype: interview\nperson: "[[Anna]]"\nstatus: done\ndate: 2024-02-30\n---\n', "Interviews/x.md"
    )
    problem = only_problem(problems)
    assert (problem.line, problem.severity) == (5, "warning")
    assert "2024-02-30 is not a real date" in problem.message
    assert note is not None and note.when("date") is None and note.text("status") == "done"


def test_bom_keeps_properties() -> None:
    note, problems = read(b"\xef\xbb\xbf---\ncompany: Acme\n---\nbody\n")
    assert problems == [] and note is not None and note.properties == {"company": "Acme"}


def test_crlf_and_cr_only_line_endings() -> None:
    for newline in ("\r\n", "\r"):
        note, problems = read(newline.join(["---", "company: Acme", "title: Re: intro", "---", ""]))
        problem = only_problem(problems)
        assert problem.line == 3 and note is None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\n- a\n- b\n---\n", 2, "front matter is a list"),
        ("---\njust text\n---\n", 2, "front matter is a single value"),
        ("---\nname: Anna\ncompany: Acme\n", 1, "never closed"),
        ("---\nrole: CTO: Acme\n---\n", 2, 'double quotes: role: "CTO: Acme"'),
        ("---\n\n\nname: Anna\n\ntitle: Re: intro\n---\n", 6, "invalid YAML"),
        ("---\ntags:\n\t- a\n---\n", 3, "tabs"),
        ("---\nname: Anna\ncompany: Acme\nname: Bob\n---\n", 4, "'name' is written twice (first on line 2)"),
        ("---\nbase: &b {company: Acme}\nperson:\n  <<: *b\n---\n", 2, "anchors and aliases"),
        (
            "---\nx: !!python/object/apply:os.system [echo hi]\n---\n",
            2,
            "!!python/object/apply:os.system is not supported",
        ),
        ("---\nx: !foo bar\n---\n", 2, "!foo is not supported"),
        ("---\nx: !!binary aGk=\n---\n", 2, "!!binary is not supported"),
        ("---\nx: !!set {a}\n---\n", 2, "!!set is not supported"),
        ("---\n? [a, b]\n: 1\n---\n", 2, "property name must be plain text"),
        (
            '---\ndate: "2019-12-12T15:15\nstatus: done\nchannel: video\n---\n',
            2,
            "quote opened in date is never closed",
        ),
        ("---\nchecklist: [thank-you, follow-up\nstatus: done\n---\n", 2, "[ opened in checklist is never closed"),
        ("---\nx: " + "[" * 5000 + "\n---\n", 2, "never closed"),
        ("---\nx: [" + "[" * 2000 + "]" * 2001 + "\n---\n", 2, "invalid YAML"),
        ("---\n%YAML 1.2\na: 1\n---\n", 2, "directives"),
        ("---\ntype: interview\nduration: !!int 30 min\n---\n", 3, "does not fit its tag"),
        ("---\nscore: !!float\n---\n", 2, "does not fit its tag"),
        ("---\nok: !!bool yes\n---\n", 2, "does not fit its tag"),
        ("---\na: 1\nb: x\x01y\n---\n", 3, "control character U+0001"),
        ("---\na: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> x\n", 3, "merge conflict"),
    ],
)
def test_unreadable_front_matter_is_skipped_with_its_file_line(text: str, line: int, words: str) -> None:
    note, problems = read(text)
    problem = only_problem(problems)
    assert note is None
    assert (problem.line, problem.severity) == (line, "error")
    assert words in problem.message
    assert problem.path == "People/Anna Lee.md"


def test_billion_laughs_is_refused_fast() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        levels.append(f"{name}: &{name} [" + ", ".join(f"*{previous}" for _ in range(9)) + "]")
    note, problems = read("---\n" + "\n".join(levels) + "\n---\n")
    assert note is None and only_problem(problems).line == 2


def test_odd_keys_are_kept_as_text() -> None:
    note, problems = read("---\ncontent: x\nhandler: y\nno: n\n1: one\n2024-01-01: d\n~: nothing\n---\n")
    assert problems == []
    assert note is not None
    assert note.properties == {"content": "x", "handler": "y", "no": "n", "1": "one", "2024-01-01": "d", "~": "nothing"}


def test_non_utf8_names_the_line() -> None:
    note, problems = read(b"---\ncompany: Acme\n---\nline one\ncaf\xe9\n")
    problem = only_problem(problems)
    assert note is None and problem.line == 5 and "not UTF-8" in problem.message


def test_utf16_and_nul_bytes_are_not_text() -> None:
    note, problems = read("---\na: 1\n---\n".encode("utf-16"))
    assert note is None and only_problem(problems).severity == "error"
    note, problems = read(b"---\na: 1\n---\nx\x00y\n")
    problem = only_problem(problems)
    assert note is None and problem.line == 4 and "NUL" in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_are_named_with_the_fix(encoding: str) -> None:
    text = "---\na: 1\n---\n"
    bom = "" if encoding in ("utf-16", "utf-32") else "\ufeff"  # the plain codecs write their own
    note, problems = read((bom + text).encode(encoding))
    problem = only_problem(problems)
    assert note is None and problem.line == 1
    assert problem.message.startswith(f"saved as {encoding[:6].upper()}; save it as UTF-8")


def test_size_caps() -> None:
    note, problems = read(b"---\na: 1\n---\n" + b"x" * MAX_NOTE_BYTES)
    assert note is None and "larger than 5 MiB" in only_problem(problems).message
    keys = "\n".join(f"k{number}: {'v' * 60}" for number in range(MAX_FRONT_MATTER_CHARS // 60))
    note, problems = read(f"---\n{keys}\n---\n")
    assert note is None and "larger than 64 KiB" in only_problem(problems).message


def test_front_matter_not_on_first_line_is_body() -> None:
    note, problems = read("\n---\ncompany: Acme\n---\n")
    problem = only_problem(problems)
    assert note is not None and note.properties == {}
    assert (problem.line, problem.severity) == (2, "warning")


def test_four_dashes_are_not_front_matter() -> None:
    note, problems = read("----\ncompany: Acme\n----\n")
    assert note is not None and note.properties == {}
    assert "exactly three dashes" in only_problem(problems).message


def test_invisible_space_in_a_key_warns() -> None:
    note, problems = read("---\nname\u00a0: Anna\n---\n")
    assert note is not None and only_problem(problems).line == 2


def test_toml_front_matter_warns() -> None:
    note, problems = read('+++\ncompany = "Acme"\n+++\n')
    assert note is not None and note.properties == {}
    assert "TOML" in only_problem(problems).message


def test_json_like_first_line_is_just_body() -> None:
    note, problems = read('{"company": "Acme"}\n')
    assert problems == [] and note is not None and note.properties == {}


def test_empty_and_missing_front_matter() -> None:
    for text in ("", "# Just a heading\n", "---\n---\n", "---\n# only a comment\n---\nbody"):
        note, problems = read(text)
        assert problems == [] and note is not None and note.properties == {}


def test_rules_and_setext_headings_in_body_are_body() -> None:
    note, problems = read("---\na: 1\n---\nTitle\n-----\n\n---\nmore\n=======\n")
    assert problems == [] and note is not None and note.properties == {"a": 1}


class TestConflictMarkers:
    def test_in_front_matter_skips_the_note(self) -> None:
        text = "---\ntype: person\n<<<<<<< HEAD\nstatus: warm\n=======\nstatus: cold\n>>>>>>> laptop\n---\n"
        note, problems = read(text)
        problem = only_problem(problems)
        assert note is None and problem.line == 3 and "merge conflict" in problem.message

    def test_from_line_one_skips_the_note(self) -> None:
        text = "<<<<<<< HEAD\n---\na: 1\n---\n=======\n---\na: 2\n---\n>>>>>>> other\n"
        note, problems = read(text)
        assert note is None and only_problem(problems).line == 1

    def test_straddling_the_closing_line_skips_the_note(self) -> None:
        text = "---\na: 1\n<<<<<<< HEAD\nb: 2\n---\nmine\n=======\nb: 3\n---\ntheirs\n>>>>>>> other\n"
        note, problems = read(text)
        assert note is None and only_problem(problems).line == 3

    def test_in_body_only_warns(self) -> None:
        text = "---\ncompany: Acme\n---\nnotes\n<<<<<<< HEAD\nmine\n||||||| base\nold\n=======\ntheirs\n>>>>>>> x\n"
        note, problems = read(text)
        problem = only_problem(problems)
        assert note is not None and note.properties == {"company": "Acme"}
        assert (problem.line, problem.severity) == (5, "warning")

    def test_lone_equals_line_is_a_heading(self) -> None:
        note, problems = read("---\na: 1\n---\nTitle\n=======\n")
        assert problems == [] and note is not None


class TestLinks:
    def test_unquoted_link_is_read_and_flagged(self) -> None:
        note, problems = read("---\nreferred_by: [[Anna Lee]]\n---\n")
        assert note is not None and [link.target for link in note.links] == ["Anna Lee"]
        problem = only_problem(problems)
        assert problem.line == 2 and '"[[Anna Lee]]"' in problem.message

    def test_unquoted_links_in_a_list_name_each_item_line(self) -> None:
        text = '---\ntype: interview\nperson: "[[A]]"\ndate: 2024-01-01\nreferrals:\n  - "[[B]]"\n  - [[C|Cee]]\n---\n'
        note, problems = read(text, "Interviews/x.md")
        assert note is not None and [(link.target, link.line) for link in note.links] == [("A", 3), ("B", 6), ("C", 7)]
        assert only_problem(problems).line == 7

    def test_bare_name_is_read_and_flagged(self) -> None:
        note, problems = read("---\ntype: interview\nperson: Anna Lee\ndate: 2024-01-01\n---\n", "Interviews/x.md")
        assert note is not None and note.links[0].target == "Anna Lee"
        assert "write it as" in only_problem(problems).message

    @pytest.mark.parametrize(
        "written",
        [
            '"[[Anna Lee]]"',
            '"[[Anna Lee|Anna]]"',
            '"[[People/Anna Lee]]"',
            '"[[Anna Lee#Notes]]"',
            '"[[Anna Lee.md]]"',
            '"[Anna](Anna%20Lee.md)"',
            '"![[Anna Lee]]"',
        ],
    )
    def test_link_forms(self, written: str) -> None:
        note, problems = read(f"---\nreferred_by: {written}\n---\n")
        assert problems == [] and note is not None
        assert note.links[0].target in ("Anna Lee", "People/Anna Lee")


class TestKinds:
    def test_folder_gives_the_kind_at_any_depth_ignoring_case(self) -> None:
        note, _ = read("---\ncompany: Acme\n---\n", "work/people/Anna.md")
        assert note is not None and note.type == "person"

    def test_type_property_wins(self) -> None:
        note, _ = read("---\ntype: company\n---\n", "People/Acme.md")
        assert note is not None and note.type is None and note.properties["type"] == "company"

    def test_missing_required_fields(self) -> None:
        note, problems = read("---\ntype: interview\nstatus: done\n---\n", "Notes/x.md")
        assert note is not None
        assert sorted(problem.message.split(";")[0] for problem in problems) == [
            "interview note has no date",
            "interview note has no person",
        ]

    def test_unknown_status_and_breadth_warn(self) -> None:
        text = '---\nperson: "[[A]]"\ndate: 2024-01-01\nstatus: finished\nbreadth: broad\nduration: half an hour\n---\n'
        note, problems = read(text, "Interviews/x.md")
        assert note is not None
        assert [problem.line for problem in problems] == [4, 5, 6]


def test_the_python_frontmatter_handler_reads_as_infoview_does() -> None:
    import frontmatter

    from infoview.core.frontmatter.read_yaml import FrontMatterHandler

    post = frontmatter.loads("---\nzip: 01234\nanswer: no\nwhen: 2024-03-05\n---\nBody", handler=FrontMatterHandler())
    assert post.metadata == {"zip": "01234", "answer": "no", "when": "2024-03-05"} and post.content == "Body"
    with pytest.raises(ValueError, match="anchors"):
        frontmatter.loads("---\na: &x 1\nb: *x\n---\n", handler=FrontMatterHandler())
