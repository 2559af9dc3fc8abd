"""``client.rocket_growth``: the Rocket Growth Open API (``rg_open_api``): warehouse inventory and orders.

Calls of this family are paced by their own limiter (``rocket_growth_rate_limit``, 50 calls a minute by
default, the gateway's limit), apart from the other families' per-second pacing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import TYPE_CHECKING

from rocketgrowth.sdk import _operations as ops
from rocketgrowth.sdk.pagination import AsyncPaginator, Page
from rocketgrowth.wire.rocket_growth import InventorySummary, Order

if TYPE_CHECKING:
    from rocketgrowth.sdk._client import AsyncClient, Client

__all__ = ("AsyncRocketGrowth", "RocketGrowth")


class RocketGrowth:
    """Orderable units and 30-day sales per option, and the orders Coupang shipped for the vendor."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def list_inventories(self, *, vendor_item_id: int | str | None = None) -> Page[InventorySummary]:
        """The first page of inventory rows (one option's row when ``vendor_item_id`` is given); iterate it
        for every row of every page."""
        return self._client._paginate(
            ops.list_rocket_growth_inventories(self._client.vendor_id, vendor_item_id=vendor_item_id)
        )

    def list_orders(self, paid_from: date, paid_to: date) -> Iterator[Order]:
        """Every shipped order paid on the KST days ``paid_from`` to ``paid_to``, both included: the range is
        asked for in windows of at most 30 days (the gateway's ``paidDateTo`` is exclusive)."""
        for start, end in ops.rocket_growth_order_windows(paid_from, paid_to):
            yield from self._client._paginate(ops.list_rocket_growth_orders(self._client.vendor_id, start, end))

    def get_order(self, order_id: int | str) -> Order:
        """One order (``paid_at`` aware UTC; ``unit_sales_price`` read from ``salesPrice``)."""
        return self._client._send(ops.get_rocket_growth_order(self._client.vendor_id, order_id))


class AsyncRocketGrowth:
    """The async twin of :class:`RocketGrowth`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    def list_inventories(self, *, vendor_item_id: int | str | None = None) -> AsyncPaginator[InventorySummary]:
        """Inventory rows, paged: ``async for`` walks every page, ``await`` gives the first."""
        factory = ops.list_rocket_growth_inventories(self._client.vendor_id, vendor_item_id=vendor_item_id)
        return self._client._paginate(factory)

    async def list_orders(self, paid_from: date, paid_to: date) -> AsyncIterator[Order]:
        """Every shipped order paid on the KST days ``paid_from`` to ``paid_to``, both included."""
        for start, end in ops.rocket_growth_order_windows(paid_from, paid_to):
            async for row in self._client._paginate(ops.list_rocket_growth_orders(self._client.vendor_id, start, end)):
                yield row

    async def get_order(self, order_id: int | str) -> Order:
        """One order."""
        return await self._client._send(ops.get_rocket_growth_order(self._client.vendor_id, order_id))
