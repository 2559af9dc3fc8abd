"""The product aggregate: a product, its options, and each option's sellable sides.

An option ("item" on the wire) is sold through the marketplace (seller delivery), through Rocket
Growth (Coupang's warehouse), or both (hybrid); each side has its own sellerProductItemId and, once
approved, its own vendorItemId. Price, stock, sale state and barcode belong to the side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from rocketgrowth.domain.status import ProductStatus

__all__ = (
    "BusinessType",
    "InboundStatus",
    "Option",
    "Product",
    "Side",
    "SideKind",
    "auto_barcode",
    "business_type_of",
)


class SideKind(StrEnum):
    MARKETPLACE = "MARKETPLACE"
    ROCKET_GROWTH = "ROCKET_GROWTH"


class BusinessType(StrEnum):
    MARKETPLACE = "MARKETPLACE"
    ROCKET_GROWTH = "ROCKET_GROWTH"
    HYBRID = "HYBRID"


class InboundStatus(StrEnum):
    """Rocket Growth inbound state of a side (no public endpoint: the operator API sets it)."""

    CREATED = "CREATED"
    INSPECTION_PASSED = "INSPECTION_PASSED"
    INSPECTION_FAILED = "INSPECTION_FAILED"


def auto_barcode(seller_product_item_id: int) -> str:
    """Coupang-issued Rocket Growth barcode: ``S00`` + the side's sellerProductItemId."""
    return f"S00{seller_product_item_id}"


@dataclass(frozen=True, slots=True)
class Side:
    kind: SideKind
    seller_product_item_id: int
    vendor_item_id: int | None = None
    item_id: int | None = None
    barcode: str | None = None
    external_vendor_sku: str | None = None
    original_price: int = 0
    sale_price: int = 0
    quantity: int = 0
    on_sale: bool = True
    approved: bool = False
    ever_approved: bool = False
    inbound_status: InboundStatus | None = None
    #: rest of the block: modelNo, skuInfo, emptyBarcode, emptyBarcodeReason
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def locked(self) -> bool:
        """Barcode and skuInfo are fixed once an inbound exists."""
        return self.inbound_status is not None


@dataclass(frozen=True, slots=True)
class Option:
    position: int
    item_name: str
    marketplace: Side | None = None
    rocket_growth: Side | None = None

    @property
    def sides(self) -> tuple[Side, ...]:
        return tuple(s for s in (self.marketplace, self.rocket_growth) if s is not None)


@dataclass(frozen=True, slots=True)
class Product:
    seller_product_id: int
    vendor_id: str
    status: ProductStatus
    business_type: BusinessType
    display_category_code: int
    #: product-level document: wire fields, ``marketplaceShippingAndReturnInfo``,
    #: ``rocketGrowthAdditionalInformation`` and ``items`` (each option's common fields)
    body: Mapping[str, Any]
    options: tuple[Option, ...]
    created_at: datetime
    updated_at: datetime
    requested: bool = False
    product_id: int | None = None
    category_id: int | None = None
    registration_type: str = "NORMAL"
    version: int = 1

    @property
    def sides(self) -> tuple[Side, ...]:
        return tuple(s for o in self.options for s in o.sides)

    @property
    def is_rocket_growth(self) -> bool:
        return self.business_type is not BusinessType.MARKETPLACE


def business_type_of(has_marketplace: bool, has_rocket_growth: bool) -> BusinessType:
    if has_rocket_growth and has_marketplace:
        return BusinessType.HYBRID
    if has_rocket_growth:
        return BusinessType.ROCKET_GROWTH
    return BusinessType.MARKETPLACE
