"""The CS API's query and answer rules, without I/O."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rocketgrowth.domain.inquiries import (
    AnsweredType,
    InquiryQuery,
    parse_inquiry_at,
    parse_inquiry_id,
    parse_inquiry_query,
    parse_reply,
    total_pages,
)
from rocketgrowth.errors import Invalid


def query(**params: str | None) -> InquiryQuery:
    values: dict[str, Any] = {"answered_type": "ALL", "inquiry_start_at": "2026-03-01", "inquiry_end_at": "2026-03-08"}
    values.update(params)
    return parse_inquiry_query(**values)


def test_defaults() -> None:
    assert query() == InquiryQuery(AnsweredType.ALL, date(2026, 3, 1), date(2026, 3, 8), 1, 10, None)


def test_values_are_read() -> None:
    parsed = query(answered_type="NOANSWER", page_num="3", page_size="50", vendor_item_id="70000000001")
    assert (parsed.answered_type, parsed.page_num, parsed.page_size, parsed.vendor_item_id) == (
        AnsweredType.NOANSWER,
        3,
        50,
        70000000001,
    )


def test_window_is_at_most_seven_days() -> None:
    assert query(inquiry_end_at="2026-03-08").end == date(2026, 3, 8)
    with pytest.raises(Invalid, match="7 days or less") as caught:
        query(inquiry_end_at="2026-03-09")
    assert caught.value.field == "inquiryEndAt"


def test_answered_type_is_case_sensitive() -> None:
    for value in ("all", "Answered", None, "ANY"):
        with pytest.raises(Invalid, match=r"^answeredType can't be null$"):
            query(answered_type=value)


@given(st.text(max_size=12) | st.from_regex(r"0[0-9]{1,3}", fullmatch=True))
def test_any_page_number_is_read_or_refused(text: str) -> None:
    # a whole number written as the API writes one: ASCII digits, no leading zero (``fields.parse_number``)
    if text.isascii() and text.isdigit() and not text.startswith("0") and int(text) < 2**63:
        assert query(page_num=text).page_num == int(text)
    elif text:
        with pytest.raises(Invalid, match="pageNum") as caught:
            query(page_num=text)
        assert caught.value.field == "pageNum"
    else:
        assert query(page_num=text).page_num == 1


def test_reply_needs_three_strings() -> None:
    reply = parse_reply({"content": "답변\n입니다", "vendorId": "A00010028", "replyBy": "wanger"})
    assert (reply.content, reply.vendor_id, reply.reply_by) == ("답변\n입니다", "A00010028", "wanger")
    with pytest.raises(Invalid, match=r"^replyBy can't be null$"):
        parse_reply({"content": "x", "vendorId": "A00010028"})
    with pytest.raises(Invalid, match=r"^content must be a string$"):
        parse_reply({"content": ["x"], "vendorId": "A00010028", "replyBy": "me"})


def test_inquiry_id() -> None:
    assert parse_inquiry_id("158421449") == 158421449
    for bad in ("", "0", "-3", "1e3", "١٢"):
        with pytest.raises(Invalid, match="inquiryId"):
            parse_inquiry_id(bad)


def test_inquiry_at_is_kst() -> None:
    assert parse_inquiry_at("2026-03-02 09:00:00") == datetime(2026, 3, 2, 0, 0, 0)
    assert parse_inquiry_at("2026-03-02T09:00:00") == datetime(2026, 3, 2, 0, 0, 0)
    for bad in ("2026-03-02", "2026-03-02 9:00:00", "0001-01-01 00:00:00"):
        with pytest.raises(Invalid, match="inquiryAt"):
            parse_inquiry_at(bad)


@pytest.mark.parametrize(("total", "size", "pages"), [(0, 10, 0), (1, 10, 1), (10, 10, 1), (11, 10, 2), (7, 3, 3)])
def test_total_pages(total: int, size: int, pages: int) -> None:
    assert total_pages(total, size) == pages
