"""``client.inquiries``: customers' product inquiries (CS API: query v5, reply v4)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rocketgrowth.sdk import _operations as ops
from rocketgrowth.sdk.pagination import AsyncPaginator, Page
from rocketgrowth.wire.envelope import Ack
from rocketgrowth.wire.inquiries import Inquiry

if TYPE_CHECKING:
    from rocketgrowth.sdk._client import AsyncClient, Client

__all__ = ("AsyncInquiries", "Inquiries")


class Inquiries:
    """List inquiries (``pageNum`` pages) and answer them (once each: a reply is never retried)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def list(
        self,
        *,
        answered_type: str = "ALL",
        inquiry_start_at: date | str | None = None,
        inquiry_end_at: date | str | None = None,
        page_size: int | None = None,
        vendor_item_id: int | str | None = None,
    ) -> Page[Inquiry]:
        """The first page (``ALL``, ``ANSWERED``, ``NOANSWER``; KST days, at most 7 apart: the last 7 by default);
        iterate it for every page."""
        factory = ops.inquiries_list(
            self._client.vendor_id,
            answered_type=answered_type,
            inquiry_start_at=inquiry_start_at,
            inquiry_end_at=inquiry_end_at,
            page_size=page_size,
            vendor_item_id=vendor_item_id,
        )
        return self._client._paginate(factory)

    def reply(self, inquiry_id: int | str, content: str, *, reply_by: str) -> Ack:
        """Answer an inquiry as WING user ``reply_by``. Not retried: after a failure, check ``ANSWERED``."""
        return self._client._send(ops.inquiries_reply(self._client.vendor_id, inquiry_id, content, reply_by))


class AsyncInquiries:
    """The async twin of :class:`Inquiries`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    def list(
        self,
        *,
        answered_type: str = "ALL",
        inquiry_start_at: date | str | None = None,
        inquiry_end_at: date | str | None = None,
        page_size: int | None = None,
        vendor_item_id: int | str | None = None,
    ) -> AsyncPaginator[Inquiry]:
        """Inquiries, paged: ``async for`` walks every page, ``await`` gives the first."""
        factory = ops.inquiries_list(
            self._client.vendor_id,
            answered_type=answered_type,
            inquiry_start_at=inquiry_start_at,
            inquiry_end_at=inquiry_end_at,
            page_size=page_size,
            vendor_item_id=vendor_item_id,
        )
        return self._client._paginate(factory)

    async def reply(self, inquiry_id: int | str, content: str, *, reply_by: str) -> Ack:
        """Answer an inquiry as WING user ``reply_by``; never retried."""
        return await self._client._send(ops.inquiries_reply(self._client.vendor_id, inquiry_id, content, reply_by))
