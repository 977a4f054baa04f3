"""Property tests for the reader: any input gives a note or a diagnostic, and both readers agree."""

from __future__ import annotations

import string

from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.core.frontmatter.read_flat import DuplicateKeyError, FrontMatterError, read_flat
from infoview.core.frontmatter.read_yaml import load_yaml
from infoview.core.model import parse_date
from infoview.core.parse import parse_note

FOLDERS = {"people": "person", "interviews": "interview", "outreach": "outreach"}
PATHS = st.sampled_from(["People/Anna.md", "Interviews/2024-01-01 Anna.md", "Outreach/x.md", "Home.md"])

# Fragments that hand-written front matter is made of, good and bad.
KEYS = st.sampled_from(
    [
        "type",
        "person",
        "date",
        "status",
        "tags",
        "referred_by",
        "referrals",
        "company",
        "title",
        "aliases",
        "no",
        "1",
        "content",
        "x-y",
        "a b",
    ]
)
SCALARS = st.sampled_from(
    [
        "",
        "Acme",
        "no",
        "yes",
        "on",
        "true",
        "False",
        "null",
        "~",
        "01234",
        "42",
        "-3",
        "4.50",
        "4.5",
        "1e3",
        "12:30",
        "2024-03-05",
        "2024-02-30",
        "2024-03-05T14:00",
        "2024-03-05 14:00:00",
        '"[[Anna Lee]]"',
        "[[Anna Lee]]",
        "'quoted'",
        '"dq"',
        '"esc\\"aped"',
        "Re: intro",
        "Acme #1",
        "# comment",
        "[]",
        "[a, b]",
        '["[[A]]", "[[B]]"]',
        "[a,]",
        "{a: 1}",
        "&anchor x",
        "*alias",
        "!!python/name:os.system",
        "|",
        ">-",
        "'unclosed",
        '"unclosed',
        "[unclosed",
        "@handle",
        "`code`",
        "- item",
        "a\tb",
        "Zoë Ångström",
        "李雷",
        "O'Brien",
        'say "hi"',
        "trailing ",
        "http://x.y/z",
        "%x",
    ]
)
ITEM_INDENTS = st.sampled_from(["", "  ", "    "])


@st.composite
def front_matter_lines(draw: st.DrawFn) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        key = draw(KEYS)
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(SCALARS)}".rstrip() if draw(st.booleans()) else f"{key}: {draw(SCALARS)}")
        else:
            lines.append(f"{key}:")
            indent = draw(ITEM_INDENTS)
            for _ in range(draw(st.integers(0, 3))):
                lines.append(f"{indent}- {draw(SCALARS)}")
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["", "# note", "  indented: x", "\tx", "---x"])))
    return lines


def in_iso_form(value: object) -> object:
    """A loaded value as a note holds it: date-shaped text, alone or in a list, written in ISO form."""
    if isinstance(value, list):
        return [in_iso_form(item) for item in value]
    day = parse_date(value) if isinstance(value, str) else None
    return day.isoformat() if day else value


@given(front_matter_lines())
@settings(max_examples=examples(1500), suppress_health_check=[HealthCheck.too_slow])
def test_fast_reader_agrees_with_the_yaml_loader(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        expected = load_yaml(text)
    except DuplicateKeyError as error:
        try:
            read_flat(lines)
        except DuplicateKeyError as fast_error:
            assert (fast_error.line, fast_error.key) == (error.line, error.key)
        return
    except FrontMatterError:
        assert read_flat(lines) is None
        return
    data, expected_items = expected
    fast = read_flat(lines)
    if fast is None:  # left to the loader: the note still reads exactly as the loader reads it
        front = f"{text}\n"  # in a note, the last front-matter line ends too (block scalars keep it)
        note, _problems = parse_note("Home.md", f"---\n{front}---\n".encode(), FOLDERS)
        loaded = load_yaml(front)[0] or {}
        assert note is not None and note.properties == {key: in_iso_form(value) for key, value in loaded.items()}
        return
    properties, key_lines, item_lines = fast
    assert properties == (data or {})
    assert item_lines == {key: lines for key, lines in expected_items.items() if lines}
    for key, line in key_lines.items():
        assert lines[line].startswith(key)


@given(PATHS, st.binary(max_size=400))
@settings(max_examples=examples(500))
def test_any_bytes_give_a_note_or_a_diagnostic(path: str, data: bytes) -> None:
    note, problems = parse_note(path, data, FOLDERS)
    assert note is not None or any(problem.severity == "error" for problem in problems)
    last_line = data.count(b"\n") + 1
    assert all(1 <= problem.line <= last_line + 1 for problem in problems)


@given(PATHS, front_matter_lines(), st.text(string.printable + "é李<>=", max_size=200), st.sampled_from(["\n", "\r\n"]))
@settings(max_examples=examples(800), suppress_health_check=[HealthCheck.too_slow])
def test_any_front_matter_gives_a_note_or_a_diagnostic(path: str, lines: list[str], body: str, newline: str) -> None:
    text = newline.join(["---", *lines, "---", body])
    note, problems = parse_note(path, text.encode("utf-8"), FOLDERS)
    assert note is not None or any(problem.severity == "error" for problem in problems)
    file_lines = text.replace("\r\n", "\n").count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= file_lines + 1
        assert "\n" not in problem.message
    if note is not None:
        assert note.path == path
