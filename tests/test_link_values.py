"""What counts as a link in a property value: quoted, unquoted (YAML's nested list) or bare, with
its position in a list; and what is left over for ``check`` to report."""

from __future__ import annotations

from datetime import date

from infoview.core.dates import add_days
from infoview.core.links import links_in


def test_links_in_a_list_keep_their_positions_and_blank_items_are_no_reject() -> None:
    value = ["[[Anna Lee]]", "", "Carl Diaz", 3, None, {"a": 1}, "  "]
    assert links_in(value) == ([("Anna Lee", "quoted", 0), ("Carl Diaz", "bare", 2)], [3, {"a": 1}])


def test_an_unquoted_link_is_found_alone_or_in_a_list_and_an_empty_one_is_rejected() -> None:
    assert links_in([["Anna Lee"]]) == ([("Anna Lee", "unquoted", None)], [])
    assert links_in([[["Anna Lee"]], [[" "]]]) == ([("Anna Lee", "unquoted", 0)], [[[" "]]])
    assert links_in([[[" "]]]) == ([], [[[" "]]])


def test_an_alias_is_not_part_of_the_target() -> None:
    assert links_in("[[Anna Lee|Anna]]") == ([("Anna Lee", "quoted", None)], [])
    assert links_in(None) == ([], [])


def test_a_date_moved_off_the_calendar_is_none_not_an_error() -> None:
    assert add_days(date(9999, 12, 30), 5) is None
    assert add_days(date(1, 1, 2), -5) is None
    assert add_days(date(2026, 12, 5), 90) == date(2027, 3, 5)
