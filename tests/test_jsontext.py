"""jsontext: orjson where it gives the standard library's results, the standard library elsewhere."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rocketgrowth import jsontext

#: JSON values as the API and imported states can hold them: integers of any size, text with lone
#: surrogates, finite floats
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _same(a: Any, b: Any) -> bool:
    """Equal, with the types of the standard library's reading (1 and 1.0 differ; -0.0 keeps its sign)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return bool(a == b)


@given(VALUES)
def test_a_column_reads_back_what_the_standard_library_would(value: Any) -> None:
    text = jsontext.dumps_column(value)
    assert _same(jsontext.loads_column(text), json.loads(json.dumps(value)))
    assert _same(json.loads(text), json.loads(json.dumps(value)))  # plain JSON, whoever reads it


def test_integers_beyond_64_bits_and_lone_surrogates_take_the_standard_library() -> None:
    for value in ({"brand": 12345678901234567890123}, [-(2**63) - 1], {"name": "\ud800"}):
        text = jsontext.dumps_column(value)
        assert text.startswith(" ")
        assert jsontext.loads_column(text) == value
    assert jsontext.loads_column('{"n":18446744073709551615,"m":-9223372036854775808}') == {
        "n": 2**64 - 1,
        "m": -(2**63),
    }


def test_text_the_standard_library_wrote_before_still_reads() -> None:
    assert jsontext.loads_column('{"a": 1, "b": "\\ud55c"}') == {"a": 1, "b": "한"}
    assert math.isnan(jsontext.loads_column('{"a": NaN}')["a"])
    assert jsontext.loads_column(b'{"a":"\\ud800"}') == {"a": "\ud800"}


def test_a_number_sqlite_hands_back_as_a_number_is_a_type_error_as_for_json_loads() -> None:
    """SQLAlchemy's SQLite JSON type keeps such a number when the reader raises TypeError."""
    with pytest.raises(TypeError):
        jsontext.loads_column(0)  # type: ignore[arg-type]


@given(VALUES)
def test_responses_are_json_the_standard_library_reads_the_same(value: Any) -> None:
    assert _same(json.loads(jsontext.dumps(value)), json.loads(json.dumps(value)))
