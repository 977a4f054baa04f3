"""The two smallest rules of a note's text: where its front matter ends, and how one value is
written so that it reads back as itself."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from infoview.core.frontmatter.read_yaml import load_yaml
from infoview.core.frontmatter.split import body_of, front_matter_end
from infoview.core.frontmatter.write import scalar

lines = st.lists(st.sampled_from(["---", "--- ", "key: value", "", "- item", "----", "\r", "a---"])).map("\n".join)


@given(st.text() | lines)
def test_the_body_is_always_the_end_of_the_text(text: str) -> None:
    assert text.endswith(body_of(text))


@given(st.text() | lines)
def test_a_byte_order_mark_moves_the_end_by_one_character(text: str) -> None:
    end = front_matter_end(text)
    assert front_matter_end("\ufeff" + text) == (None if end is None else end + 1)


@given(st.lists(st.sampled_from(["key: value", "- item", "", "----", "a: ---"])).map("\n".join), st.text())
def test_front_matter_ends_after_its_closing_line(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n{body}"
    assert body_of(text) == body


def test_an_opening_line_alone_or_unclosed_is_no_front_matter() -> None:
    for text in ("---", "--- ", "---\nkey: value\n", "---\nkey: value\n--"):
        assert front_matter_end(text) is None
        assert body_of(text) == text
    assert body_of("---\nkey: value\n---") == ""


def _read_back(value: Any) -> Any:
    """What infoview reads for a written value: dates stay text, an empty list item is ""."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ["" if item is None else _read_back(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _read_back(item) for key, item in value.items()}
    return value


# A number with a point is read as a number only in this form; "1.0" stays text, as a version would.
PLAIN_DECIMAL = re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]*[1-9]$")
# Control characters are left out: the reader refuses them in front matter (with the line), and
# the writer's quoting does not escape U+007F-U+009F, so such text cannot round-trip this way.
plain = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False).filter(
        lambda number: PLAIN_DECIMAL.match(repr(number)) is not None
    )
    | st.dates()
    | st.datetimes().map(lambda moment: moment.replace(microsecond=0))
    | st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"]))
    | st.sampled_from(["yes", "no", "on", "off", "null", "~", "true", "#tag", "[[Anna Lee]]", "a: b", "2024-02-30"])
)
values = st.recursive(
    plain,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"])), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(values)
def test_a_written_value_reads_back_as_itself(value: Any) -> None:
    data, _ = load_yaml(f"key: {scalar(value)}\n")
    assert data["key"] == _read_back(value)


def test_values_are_written_on_one_line_the_way_obsidian_writes_them() -> None:
    assert scalar(None) == ""
    assert [scalar(True), scalar(False)] == ["true", "false"]
    assert scalar(date(2024, 3, 5)) == "2024-03-05"
    assert scalar(datetime.fromisoformat("2024-03-05T14:30")) == "2024-03-05T14:30:00"
    assert scalar(["Anna", None, "yes"]) == '[Anna, "", "yes"]'
    assert scalar(("a",)) == "[a]"
