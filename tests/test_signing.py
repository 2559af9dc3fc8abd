"""``signing.parse_signed_date``: its hand-read fast path reads every date exactly as ``strptime`` does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rocketgrowth import signing


def _by_strptime(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _parsed(text: str) -> datetime | None:
    try:
        return signing.parse_signed_date(text)
    except ValueError:
        return None


@given(st.datetimes(min_value=datetime(1969, 1, 1), max_value=datetime(2068, 12, 31, 23, 59, 59)))
def test_a_formatted_date_reads_back(moment: datetime) -> None:
    moment = moment.replace(microsecond=0, tzinfo=UTC)
    assert signing.parse_signed_date(signing.format_signed_date(moment)) == moment


DIGITS = st.text(st.sampled_from("0123456789"), min_size=0, max_size=3)


@given(st.lists(DIGITS, min_size=6, max_size=6), st.sampled_from(["T", "t", " "]), st.sampled_from(["Z", "", "Z "]))
def test_any_date_like_text_reads_as_strptime_reads_it(parts: list[str], sep: str, end: str) -> None:
    text = "".join(parts[:3]) + sep + "".join(parts[3:]) + end
    assert _parsed(text) == _by_strptime(text)


@given(st.text(max_size=20))
def test_any_text_reads_as_strptime_reads_it(text: str) -> None:
    assert _parsed(text) == _by_strptime(text)


@pytest.mark.parametrize(
    "text",
    ["241123T101010Z", "690101T000000Z", "681231T235959Z", "240229T120000Z", "230229T120000Z", "241301T000000Z",
     "2411 3T101010Z", "24113T101010Z", "241123T101010Z\n", "２41123T101010Z", "241123T246060Z"],
)  # fmt: skip
def test_edge_cases_read_as_strptime_reads_them(text: str) -> None:
    assert _parsed(text) == _by_strptime(text)
