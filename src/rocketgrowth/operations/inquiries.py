"""Customer inquiry operations: the CS API's list and reply (the caller's own inquiries) and the operator's
side (a customer asks; every inquiry with its answers). Each runs in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from rocketgrowth.domain.inquiries import (
    parse_inquiry_at,
    parse_inquiry_id,
    parse_inquiry_query,
    parse_reply,
    total_pages,
)
from rocketgrowth.domain.product_rules import WRONG_VENDOR_MESSAGE
from rocketgrowth.errors import Invalid
from rocketgrowth.services import Services
from rocketgrowth.store.vendors import Vendor

__all__ = ("add_inquiry", "list_all_inquiries", "list_inquiries", "reply_inquiry")


def list_inquiries(
    services: Services,
    vendor: Vendor,
    *,
    vendor_id: str | None = None,
    answered_type: str | None = None,
    inquiry_start_at: str | None = None,
    inquiry_end_at: str | None = None,
    vendor_item_id: str | None = None,
    page_num: str | None = None,
    page_size: str | None = None,
) -> dict[str, Any]:
    """The caller's product inquiries asked between two KST dates (at most 7 days apart), newest first: the
    CS API's ``data`` (``content`` and ``pagination``). The values are the query's, as sent."""
    if vendor_id is not None and vendor_id != vendor.vendor_id:
        raise Invalid(WRONG_VENDOR_MESSAGE, field="vendorId")
    query = parse_inquiry_query(
        answered_type=answered_type,
        inquiry_start_at=inquiry_start_at,
        inquiry_end_at=inquiry_end_at,
        vendor_item_id=vendor_item_id,
        page_num=page_num,
        page_size=page_size,
    )
    with services.db.read() as conn:
        content, total = services.inquiries.list_inquiries(
            conn,
            vendor.vendor_id,
            answered_type=query.answered_type,
            start=query.start,
            end=query.end,
            page_num=query.page_num,
            page_size=query.page_size,
            vendor_item_id=query.vendor_item_id,
        )
    pagination = {
        "currentPage": query.page_num,
        "totalPages": total_pages(total, query.page_size),
        "totalElements": total,
        "countPerPage": query.page_size,
    }
    return {"content": content, "pagination": pagination}


def reply_inquiry(
    services: Services, vendor: Vendor, inquiry_id: str, body: Mapping[str, Any], now: datetime
) -> dict[str, Any]:
    """Answer one of the caller's inquiries: once, for good (an answer can't be edited or deleted). Returns
    the answer as a comment."""
    number = parse_inquiry_id(inquiry_id)
    reply = parse_reply(body)
    if reply.vendor_id != vendor.vendor_id:
        raise Invalid(WRONG_VENDOR_MESSAGE, field="vendorId")
    with services.db.write() as conn:
        (comment_id,) = services.db.next_ids(conn, "inquiry_comment_id")
        return services.inquiries.reply_inquiry(
            conn,
            vendor.vendor_id,
            number,
            inquiry_comment_id=comment_id,
            content=reply.content,
            reply_by=reply.reply_by,
            now=now,
        )


def add_inquiry(
    services: Services,
    vendor_item_id: int,
    content: str,
    *,
    order_ids: Sequence[int] | None = None,
    inquiry_at: str | None = None,
) -> dict[str, Any]:
    """A customer asks about an approved option; ``inquiry_at`` (KST) defaults to the sandbox time. Returns
    the operator's view of the new inquiry."""
    asked_at = parse_inquiry_at(inquiry_at) if inquiry_at is not None else None
    with services.db.write() as conn:
        (inquiry_id,) = services.db.next_ids(conn, "inquiry_id")
        return services.inquiries.add_inquiry(
            conn,
            inquiry_id=inquiry_id,
            vendor_item_id=vendor_item_id,
            content=content,
            now=services.now(conn),
            order_ids=order_ids,
            inquiry_at=asked_at,
        )


def list_all_inquiries(services: Services, vendor_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The newest inquiries, of one vendor (which must exist) or of all, with their answers and who wrote
    them."""
    with services.db.read() as conn:
        if vendor_id is not None:
            services.vendors.get(conn, vendor_id)
        return services.inquiries.list_all_inquiries(conn, vendor_id=vendor_id, limit=limit)
