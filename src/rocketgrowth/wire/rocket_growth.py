"""Rocket Growth Open API (``rg_open_api``) responses: warehouse inventory rows and orders.

The family writes one thing two ways, and both are read: an order's ``paidAt`` is epoch milliseconds as
a string in the list (``"1746093162000"``) and ISO-8601 UTC in the detail (``"2024-06-02T17:13:27Z"``),
and an item's price is ``unitSalesPrice`` in the list and ``salesPrice`` in the detail. ``paid_at`` is
always an aware UTC datetime and ``unit_sales_price`` always the price.
"""

from datetime import UTC, datetime
from typing import Any

from pydantic import AliasChoices, Field, field_validator

from rocketgrowth.wire.base import WireModel

__all__ = ("InventoryDetails", "InventorySummary", "Order", "OrderItem", "SalesCount", "paid_at_of")


class InventoryDetails(WireModel):
    total_orderable_quantity: int = 0


class SalesCount(WireModel):
    sales_count_last_thirty_days: int = Field(default=0, alias="SALES_COUNT_LAST_THIRTY_DAYS")


class InventorySummary(WireModel):
    """One Rocket Growth option's units in Coupang's warehouses (``GET …/rg/inventory/summaries``)."""

    vendor_id: str | None = None
    vendor_item_id: int
    #: the seller's SKU code of the option: a number when it is one
    external_sku_id: int | str | None = None
    inventory_details: InventoryDetails = Field(default_factory=InventoryDetails)
    sales_count_map: SalesCount = Field(default_factory=SalesCount)

    @property
    def orderable_quantity(self) -> int:
        return self.inventory_details.total_orderable_quantity

    @property
    def sold_last_thirty_days(self) -> int:
        return self.sales_count_map.sales_count_last_thirty_days


class OrderItem(WireModel):
    vendor_item_id: int
    product_name: str = ""
    sales_quantity: int
    #: ``unitSalesPrice`` (list) or ``salesPrice`` (detail), a number or a numeric string
    unit_sales_price: int = Field(validation_alias=AliasChoices("unitSalesPrice", "salesPrice", "unit_sales_price"))
    currency: str = "KRW"


def paid_at_of(value: Any) -> datetime:
    """Epoch milliseconds (string or number) or ISO-8601 → an aware UTC datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value / 1000, UTC)
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit():
            return datetime.fromtimestamp(int(text) / 1000, UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise ValueError(f"paidAt: neither epoch milliseconds nor an ISO-8601 time: {value!r}")


class Order(WireModel):
    """A Rocket Growth order (``GET …/rg/orders`` rows and ``GET …/rg/order/{orderId}``)."""

    vendor_id: str | None = None
    order_id: int
    paid_at: datetime
    order_items: list[OrderItem] = Field(default_factory=list)

    @field_validator("paid_at", mode="before")
    @classmethod
    def _paid_at(cls, value: Any) -> datetime:
        return paid_at_of(value)
