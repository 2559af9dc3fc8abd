"""``client.vendor_items``: stock, price and sale state of one option (vendorItemId), both channels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rocketgrowth.sdk import _operations as ops
from rocketgrowth.wire.envelope import Ack
from rocketgrowth.wire.vendor_items import Inventory

if TYPE_CHECKING:
    from rocketgrowth.sdk._client import AsyncClient, Client

__all__ = ("AsyncVendorItems", "VendorItems")


class VendorItems:
    """Changes that apply at once to an approved option (marketplace or Rocket Growth vendorItemId)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def get_inventory(self, vendor_item_id: int | str) -> Inventory:
        """Stock, sale price and sale state."""
        return self._client._send(ops.get_inventory(vendor_item_id))

    def set_quantity(self, vendor_item_id: int | str, quantity: int) -> Ack:
        """Set the stock (Rocket Growth stock is the warehouse's)."""
        return self._client._send(ops.set_quantity(vendor_item_id, quantity))

    def set_price(self, vendor_item_id: int | str, price: int, *, force: bool = False) -> Ack:
        """Set the sale price (10-won units); ``force`` lifts the −50 %…+100 % guard."""
        return self._client._send(ops.set_price(vendor_item_id, price, force=force))

    def resume_sale(self, vendor_item_id: int | str) -> Ack:
        """Resume the sale."""
        return self._client._send(ops.resume_sale(vendor_item_id))

    def stop_sale(self, vendor_item_id: int | str) -> Ack:
        """Stop the sale."""
        return self._client._send(ops.stop_sale(vendor_item_id))

    def set_original_price(self, vendor_item_id: int | str, original_price: int) -> Ack:
        """Set the base price the discount is shown against."""
        return self._client._send(ops.set_original_price(vendor_item_id, original_price))


class AsyncVendorItems:
    """The async twin of :class:`VendorItems`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get_inventory(self, vendor_item_id: int | str) -> Inventory:
        """Stock, sale price and sale state."""
        return await self._client._send(ops.get_inventory(vendor_item_id))

    async def set_quantity(self, vendor_item_id: int | str, quantity: int) -> Ack:
        """Set the stock."""
        return await self._client._send(ops.set_quantity(vendor_item_id, quantity))

    async def set_price(self, vendor_item_id: int | str, price: int, *, force: bool = False) -> Ack:
        """Set the sale price; ``force`` lifts the −50 %…+100 % guard."""
        return await self._client._send(ops.set_price(vendor_item_id, price, force=force))

    async def resume_sale(self, vendor_item_id: int | str) -> Ack:
        """Resume the sale."""
        return await self._client._send(ops.resume_sale(vendor_item_id))

    async def stop_sale(self, vendor_item_id: int | str) -> Ack:
        """Stop the sale."""
        return await self._client._send(ops.stop_sale(vendor_item_id))

    async def set_original_price(self, vendor_item_id: int | str, original_price: int) -> Ack:
        """Set the base price the discount is shown against."""
        return await self._client._send(ops.set_original_price(vendor_item_id, original_price))
