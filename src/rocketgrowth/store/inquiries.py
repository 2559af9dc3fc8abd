"""Customer inquiries on approved options, and the vendor's one answer to each.

Rows become the CS API's wire dicts here (``inquiryAt`` in KST ``yyyy-MM-dd HH:mm:ss``). Another
vendor's inquiry is reported exactly like a missing one. One answer per inquiry is enforced twice:
the inquiry row is locked while answering (PostgreSQL ``FOR UPDATE``; SQLite writers are serialized
by ``BEGIN IMMEDIATE``), and ``inquiry_replies.inquiry_id`` is unique, so concurrent answers cannot
both be stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from rocketgrowth.clock import format_kst_space, parse_kst
from rocketgrowth.domain.inquiries import AnsweredType
from rocketgrowth.domain.status import ProductStatus
from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.store import tables

__all__ = ("InquiryStore",)

_i = tables.inquiries
_r = tables.inquiry_replies


def _comment(row: Row[Any], *, operator: bool = False) -> dict[str, Any]:
    comment: dict[str, Any] = {
        "inquiryCommentId": row.inquiry_comment_id,
        "inquiryId": row.inquiry_id,
        "content": row.content,
        "inquiryCommentAt": format_kst_space(row.created_at),
    }
    if operator:
        comment["replyBy"] = row.reply_by
    return comment


def _inquiry(row: Row[Any], comments: Sequence[dict[str, Any]], *, operator: bool = False) -> dict[str, Any]:
    """The CS API's inquiry; the operator's view adds ``vendorId`` and ``answered``."""
    inquiry: dict[str, Any] = {"vendorId": row.vendor_id} if operator else {}
    inquiry.update(
        inquiryId=row.inquiry_id,
        productId=row.product_id,
        sellerProductId=row.seller_product_id,
        sellerItemId=row.seller_product_item_id,
        vendorItemId=row.vendor_item_id,
        content=row.content,
        inquiryAt=format_kst_space(row.inquiry_at),
        orderIds=list(row.order_ids) if row.order_ids is not None else None,
        commentDtoList=list(comments),
    )
    if operator:
        inquiry["answered"] = bool(row.answered)
    return inquiry


def _with_comments(conn: Connection, rows: Sequence[Row[Any]], *, operator: bool = False) -> list[dict[str, Any]]:
    """The inquiries of ``rows`` as dicts, each with its answers (one query for all of them)."""
    comments: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    if rows:
        replies = conn.execute(
            select(_r)
            .where(_r.c.inquiry_id.in_([row.inquiry_id for row in rows]))
            .order_by(_r.c.created_at, _r.c.inquiry_comment_id)
        )
        for reply in replies:
            comments[reply.inquiry_id].append(_comment(reply, operator=operator))
    return [_inquiry(row, comments[row.inquiry_id], operator=operator) for row in rows]


def _kst_day_start(day: date) -> datetime:
    """00:00 KST of ``day``, as naive UTC."""
    return parse_kst(day.isoformat())


class InquiryStore:
    """Every read and write of inquiries and answers; callers pass the connection (one transaction)."""

    def list_inquiries(
        self,
        conn: Connection,
        vendor_id: str,
        *,
        answered_type: AnsweredType,
        start: date,
        end: date,
        page_num: int,
        page_size: int,
        vendor_item_id: int | None = None,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the vendor's inquiries asked between the KST dates ``start`` and ``end`` (inclusive),
        newest first, and the number of inquiries matching the filter."""
        where = [
            _i.c.vendor_id == vendor_id,
            _i.c.inquiry_at >= _kst_day_start(start),
            _i.c.inquiry_at < _kst_day_start(end + timedelta(days=1)),
        ]
        if answered_type is not AnsweredType.ALL:
            where.append(_i.c.answered.is_(answered_type is AnsweredType.ANSWERED))
        if vendor_item_id is not None:
            where.append(_i.c.vendor_item_id == vendor_item_id)
        total = conn.execute(select(func.count()).select_from(_i).where(*where)).scalar_one()
        offset = (page_num - 1) * page_size
        if offset >= total:
            return [], total
        rows = conn.execute(
            select(_i)
            .where(*where)
            .order_by(_i.c.inquiry_at.desc(), _i.c.inquiry_id.desc())
            .offset(offset)
            .limit(page_size)
        ).all()
        return _with_comments(conn, rows), total

    def reply_inquiry(
        self,
        conn: Connection,
        vendor_id: str,
        inquiry_id: int,
        *,
        inquiry_comment_id: int,
        content: str,
        reply_by: str,
        now: datetime,
    ) -> dict[str, Any]:
        """Store the vendor's answer (the only one the inquiry can have) and return it as a comment."""
        found = conn.execute(
            select(_i.c.inquiry_id).where(_i.c.inquiry_id == inquiry_id, _i.c.vendor_id == vendor_id).with_for_update()
        ).first()
        if found is None:
            raise NotFound(f"Inquiry [{inquiry_id}] does not exist.", field="inquiryId")
        answered = conn.execute(select(_r.c.inquiry_comment_id).where(_r.c.inquiry_id == inquiry_id)).first()
        if answered is not None:
            raise _already_answered(inquiry_id)
        values = {
            "inquiry_comment_id": inquiry_comment_id,
            "inquiry_id": inquiry_id,
            "vendor_id": vendor_id,
            "content": content,
            "reply_by": reply_by,
            "created_at": now,
        }
        try:
            conn.execute(insert(_r).values(**values))
        except IntegrityError:
            raise _already_answered(inquiry_id) from None
        conn.execute(update(_i).where(_i.c.inquiry_id == inquiry_id).values(answered=True))
        row = conn.execute(select(_r).where(_r.c.inquiry_comment_id == inquiry_comment_id)).one()
        return _comment(row)

    def add_inquiry(
        self,
        conn: Connection,
        *,
        inquiry_id: int,
        vendor_item_id: int,
        content: str,
        now: datetime,
        order_ids: Sequence[int] | None = None,
        inquiry_at: datetime | None = None,
    ) -> dict[str, Any]:
        """A customer asks about an approved option (operator API); returns the operator's view of it."""
        if not content.strip():
            raise Invalid("content: the inquiry text must not be empty.", field="content")
        asked_at = now if inquiry_at is None else inquiry_at
        if asked_at > now:
            raise Invalid(
                f"inquiryAt: {format_kst_space(asked_at)} is later than the sandbox time {format_kst_space(now)}.",
                field="inquiryAt",
            )
        vi, p = tables.vendor_items, tables.products
        item = conn.execute(
            select(vi.c.vendor_id, vi.c.seller_product_id, vi.c.seller_product_item_id, p.c.product_id, p.c.status)
            .join(p, p.c.seller_product_id == vi.c.seller_product_id)
            .where(vi.c.vendor_item_id == vendor_item_id)
        ).first()
        if item is None:
            raise NotFound(f"vendorItemId: no approved option has vendorItemId {vendor_item_id}.", field="vendorItemId")
        if item.status == ProductStatus.DELETED:
            raise Invalid(
                f"vendorItemId: the product of vendorItemId {vendor_item_id} is deleted.", field="vendorItemId"
            )
        conn.execute(
            insert(_i).values(
                inquiry_id=inquiry_id,
                vendor_id=item.vendor_id,
                vendor_item_id=vendor_item_id,
                seller_product_id=item.seller_product_id,
                seller_product_item_id=item.seller_product_item_id,
                product_id=item.product_id,
                content=content,
                inquiry_at=asked_at,
                order_ids=list(order_ids) if order_ids is not None else None,
                answered=False,
            )
        )
        row = conn.execute(select(_i).where(_i.c.inquiry_id == inquiry_id)).one()
        return _inquiry(row, [], operator=True)

    def list_all_inquiries(
        self, conn: Connection, *, vendor_id: str | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """The newest inquiries (of one vendor, or of all), with answers and their authors (operator API)."""
        query = select(_i).order_by(_i.c.inquiry_at.desc(), _i.c.inquiry_id.desc()).limit(limit)
        if vendor_id is not None:
            query = query.where(_i.c.vendor_id == vendor_id)
        return _with_comments(conn, conn.execute(query).all(), operator=True)


def _already_answered(inquiry_id: int) -> Invalid:
    return Invalid(
        f"Inquiry [{inquiry_id}] has already been answered: an inquiry takes one answer, "
        "which can't be edited or deleted.",
        field="inquiryId",
    )
