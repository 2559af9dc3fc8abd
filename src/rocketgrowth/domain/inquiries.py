"""Customer-inquiry (CS API) rules: the query's filters and window, the answer's fields.

Pure: used by the server and by the SDK's preflight, so a request gets the same message either way.
Messages follow the CS gateway's Spring style (``answeredType can't be null``) and name the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from rocketgrowth.clock import parse_kst
from rocketgrowth.domain.fields import MAX_NUMBER, parse_number
from rocketgrowth.errors import Invalid

__all__ = (
    "DEFAULT_PAGE_SIZE",
    "MAX_ID",
    "MAX_PAGE_SIZE",
    "MAX_WINDOW_DAYS",
    "AnsweredType",
    "InquiryQuery",
    "Reply",
    "parse_inquiry_at",
    "parse_inquiry_id",
    "parse_inquiry_query",
    "parse_reply",
    "total_pages",
)

DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
#: ``inquiryEndAt - inquiryStartAt`` may be at most this many days
MAX_WINDOW_DAYS = 7
#: the largest id a BIGINT column holds
MAX_ID = MAX_NUMBER


class AnsweredType(StrEnum):
    """The ``answeredType`` filter: upper case only, as the gateway reads it."""

    ALL = "ALL"
    ANSWERED = "ANSWERED"
    NOANSWER = "NOANSWER"


@dataclass(frozen=True, slots=True)
class InquiryQuery:
    """A validated ``onlineInquiries`` query; ``start``/``end`` are KST dates, both inclusive."""

    answered_type: AnsweredType
    start: date
    end: date
    page_num: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    vendor_item_id: int | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """A validated answer body."""

    content: str
    vendor_id: str
    reply_by: str


def _answered_type(value: str | None) -> AnsweredType:
    # the gateway binds the enum case-sensitively: an unknown spelling reads as absent
    if value is None or value not in AnsweredType.__members__:
        raise Invalid("answeredType can't be null", field="answeredType")
    return AnsweredType(value)


def _date(name: str, value: str | None) -> date:
    if value is None or value == "":
        raise Invalid(f"{name} can't be null", field=name)
    try:
        if len(value) != 10:
            raise ValueError(value)
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise Invalid(f"Format of {name} is `yyyy-MM-dd`: {value}", field=name) from None
    if not 1970 <= day.year <= 9998:
        raise Invalid(f"{name} is out of range: {value}", field=name)
    return day


def _number(name: str, value: str, *, minimum: int = 1, maximum: int = MAX_ID) -> int:
    return parse_number(value, name, minimum=minimum, maximum=maximum)


def parse_inquiry_id(value: str) -> int:
    """The ``{inquiryId}`` of a path: a positive number."""
    return _number("inquiryId", value)


def parse_inquiry_query(
    *,
    answered_type: str | None,
    inquiry_start_at: str | None,
    inquiry_end_at: str | None,
    vendor_item_id: str | None = None,
    page_num: str | None = None,
    page_size: str | None = None,
) -> InquiryQuery:
    """Read the query parameters as sent (strings); raise ``Invalid`` naming the first bad one."""
    answered = _answered_type(answered_type)
    start = _date("inquiryStartAt", inquiry_start_at)
    end = _date("inquiryEndAt", inquiry_end_at)
    if end < start:
        raise Invalid(
            f"inquiryEndAt({end.isoformat()}) must not be before inquiryStartAt({start.isoformat()})",
            field="inquiryEndAt",
        )
    if end - start > timedelta(days=MAX_WINDOW_DAYS):
        raise Invalid(
            f"The period between inquiryStartAt and inquiryEndAt must be {MAX_WINDOW_DAYS} days or less "
            f"({start.isoformat()} ~ {end.isoformat()})",
            field="inquiryEndAt",
        )
    page = _number("pageNum", page_num) if page_num else 1
    size = _number("pageSize", page_size, maximum=MAX_PAGE_SIZE) if page_size else DEFAULT_PAGE_SIZE
    item = _number("vendorItemId", vendor_item_id) if vendor_item_id else None
    return InquiryQuery(answered, start, end, page, size, item)


def _text(body: Mapping[str, Any], name: str) -> str:
    value = body.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise Invalid(f"{name} can't be null", field=name)
    if not isinstance(value, str):
        raise Invalid(f"{name} must be a string", field=name)
    return value


def parse_reply(body: Mapping[str, Any]) -> Reply:
    """Read an answer body ``{content, vendorId, replyBy}``: all three required, all strings."""
    return Reply(content=_text(body, "content"), vendor_id=_text(body, "vendorId"), reply_by=_text(body, "replyBy"))


def parse_inquiry_at(value: str) -> datetime:
    """An operator-given ``inquiryAt`` in Korea time (``yyyy-MM-dd HH:mm:ss`` or ``yyyy-MM-dd'T'HH:mm:ss``)
    → naive UTC."""
    try:
        if len(value) != 19:
            raise ValueError(value)
        return parse_kst(value.replace(" ", "T", 1))
    except (ValueError, OverflowError):
        raise Invalid(f"Format of inquiryAt is `yyyy-MM-dd HH:mm:ss` (KST): {value}", field="inquiryAt") from None


def total_pages(total: int, page_size: int) -> int:
    return (total + page_size - 1) // page_size
