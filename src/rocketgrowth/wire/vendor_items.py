"""Vendor-item (option) responses."""

from pydantic import Field

from rocketgrowth.wire.base import WireModel

__all__ = ("Inventory",)


class Inventory(WireModel):
    """``GET /vendor-items/{vendorItemId}/inventories``: stock, price and sale state of one option.

    ``seller_item_id`` echoes the vendorItemId (it is not the sellerProductItemId).
    """

    seller_item_id: int | None = None
    amount_in_stock: int | None = None
    sale_price: int | None = None
    on_sale: bool | None = None
    best_price_guaranteed_3p: bool | None = Field(default=None, alias="bestPriceGuaranteed3P")
