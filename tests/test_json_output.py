"""The JSON that ``ls --format json`` writes in batches is the JSON every other command writes."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from infoview.views.text import json_chunks, json_list_chunks

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(st.lists(values, max_size=12), st.integers(min_value=1, max_value=5))
def test_batched_lines_are_the_same_text_and_read_back(items: list[object], batch: int) -> None:
    batched = "".join(json_list_chunks(items, batch=batch))
    assert batched == "".join(json_chunks(items, depth=1))
    assert json.loads(batched) == json.loads(json.dumps(items, default=date.isoformat))
