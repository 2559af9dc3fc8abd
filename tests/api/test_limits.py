"""``api.limits``: the scan for escapes of NUL and lone surrogates finds exactly what the look-behind
pattern it replaced found (that pattern was tried at every byte of a body), and the depth of a body
without escapes, found without the pattern for strings, is the one the pattern gives."""

from __future__ import annotations

import re
from itertools import accumulate

from hypothesis import example, given
from hypothesis import strategies as st

from rocketgrowth.api.limits import _STRING, _suspect_escape, json_depth

#: the pattern before: a \u0000 or \ud800-\udfff escape behind an even run of backslashes
REFERENCE = re.compile(rb"(?<!\\)(?:\\\\)*\\u(?:0000|[dD][89abAB][0-9a-fA-F]{2}|[dD][c-fC-F][0-9a-fA-F]{2})")

PIECES = st.sampled_from([b"\\", b"\\\\", b"u", b"0000", b"d800", b"DBFF", b"dc00", b"D7FF", b"e000", b"00",
                          b"a", b'"', b"x", "가".encode(), b"\\u", b"\\ud83d", b"\\u0000"])  # fmt: skip


@given(st.lists(PIECES, max_size=30).map(b"".join))
@example(b'{"a": "\\u0000"}')
@example(b'{"a": "\\\\u0000"}')
@example(b'{"a": "\\\\\\u0000"}')
@example(b'{"a": "\\ud83d\\ude00"}')
@example(b"\\u0000")
@example(b"")
def test_finds_what_the_reference_pattern_finds(body: bytes) -> None:
    assert _suspect_escape(body) == (REFERENCE.search(body) is not None)


@given(st.binary(max_size=200))
def test_any_bytes(body: bytes) -> None:
    assert _suspect_escape(body) == (REFERENCE.search(body) is not None)


def _depth_by_pattern(body: bytes) -> int:
    """``json_depth`` as it was: strings found by the pattern whatever the body holds."""
    brackets = _STRING.sub(b"", body).translate(None, bytes(b for b in range(256) if b not in b"[]{}"))
    return max(accumulate(map({ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}.__getitem__, brackets)),
               default=0)  # fmt: skip


DEPTH_PIECES = st.sampled_from([b"[", b"]", b"{", b"}", b'"', b'"a"', b'"[["', b'"}"', b":", b",", b"1", b"x", b"\\",
                                b'\\"', "가".encode()])  # fmt: skip


@given(st.lists(DEPTH_PIECES, max_size=60).map(b"".join))
@example(b'{"a": "[[[[", "b": [[1]]}')
@example(b'{"a": "unterminated [[[')
@example(b'"\\"[[[" [[')
def test_json_depth_is_what_the_pattern_gives(body: bytes) -> None:
    assert json_depth(body) == _depth_by_pattern(body)
