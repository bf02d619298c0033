"""The one JSON layout: `json_text` writes what `json.dumps(…, ensure_ascii=False, indent=2)` writes.

orjson writes zieldsl's JSON (fast); what orjson refuses goes to `json`. Either way the text
must be the same, byte for byte, or `evaluate --json` would change with the library that wrote it.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from zieldsl.json_text import json_text

# zieldsl's JSON values: no floats (figures are decimal strings); any text, including control
# characters, quotes, backslashes, line and paragraph separators and characters beyond the BMP.
_SCALARS = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=5)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=5), max_leaves=40)


def reference(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_the_text_is_that_of_json_dumps(value):
    assert json_text(value) == reference(value)


def test_values_orjson_refuses_are_written_by_json_the_same_way():
    huge = 10**40  # a 6.000-digit number in a CSV file is refused, but the layout must not depend on it
    for value in ({"n": huge}, [-(2**64) - 1], {1: "eins", "zwei": 2}, {"s": "\ud800"}):
        assert json_text(value) == reference(value)


def test_empty_containers_and_nesting_keep_the_layout():
    value = {"agreements": [], "summary": {}, "nested": [[], [{}], {"a": [1, {"b": None}]}]}
    assert json_text(value) == reference(value)
    assert json_text(value).splitlines()[1] == '  "agreements": [],'
