"""Vendor-item operations: inventory, quantity, price, sale state and discount base price of one
approved option side, by its vendorItemId (marketplace or Rocket Growth)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rocketgrowth.domain import fields
from rocketgrowth.domain import vendor_items as rules
from rocketgrowth.domain.product import Product, Side
from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.services import Services
from rocketgrowth.store.vendors import Vendor

__all__ = (
    "get_inventory",
    "resume_sale",
    "set_original_price",
    "set_price",
    "set_quantity",
    "stop_sale",
)

VENDOR_ITEM_ID = "옵션ID"


def _find(product: Product, vendor_item_id: int) -> Side:
    return next(s for s in product.sides if s.vendor_item_id == vendor_item_id)


def _load(services: Services, conn: Any, vendor: Vendor, vendor_item_id: int, *, for_update: bool) -> Product:
    product = services.products.get_product_of_vendor_item(conn, vendor_item_id, for_update=for_update)
    if product is None or product.vendor_id != vendor.vendor_id:
        raise NotFound(rules.not_found_message(vendor_item_id))
    return product


def get_inventory(services: Services, vendor: Vendor, vendor_item_id: str) -> dict[str, Any]:
    vid = fields.parse_path_id(vendor_item_id, VENDOR_ITEM_ID)
    with services.db.read() as conn:
        return rules.inventory_view(_find(_load(services, conn, vendor, vid, for_update=False), vid))


def _change(
    services: Services, vendor: Vendor, vendor_item_id: str, now: datetime, apply: Callable[[Product, Side], Side]
) -> None:
    vid = fields.parse_path_id(vendor_item_id, VENDOR_ITEM_ID)
    with services.db.write() as conn:
        product = _load(services, conn, vendor, vid, for_update=True)
        side = apply(product, _find(product, vid))
        services.products.save_side(conn, dataclasses.replace(product, updated_at=now), side)


def _number(text: str, label: str) -> int:
    value = text.strip()
    if not (value.isascii() and value.lstrip("-").isdigit()) or len(value) > 12:
        raise Invalid(f"{label}[{text}]는 숫자형으로 입력해주세요")
    return int(value)


def set_quantity(services: Services, vendor: Vendor, vendor_item_id: str, quantity: str, now: datetime) -> None:
    q = _number(quantity, "재고수량")
    _change(services, vendor, vendor_item_id, now, lambda p, s: rules.set_quantity(p, s, q))


def set_price(
    services: Services, vendor: Vendor, vendor_item_id: str, price: str, now: datetime, *, force: bool
) -> None:
    value = _number(price, "판매가격")
    _change(services, vendor, vendor_item_id, now, lambda p, s: rules.set_price(p, s, value, force=force))


def set_original_price(
    services: Services, vendor: Vendor, vendor_item_id: str, original_price: str, now: datetime
) -> None:
    value = _number(original_price, "할인율 기준가격")
    _change(services, vendor, vendor_item_id, now, lambda p, s: rules.set_original_price(p, s, value))


def resume_sale(services: Services, vendor: Vendor, vendor_item_id: str, now: datetime) -> None:
    _change(services, vendor, vendor_item_id, now, rules.resume_sale)


def stop_sale(services: Services, vendor: Vendor, vendor_item_id: str, now: datetime) -> None:
    _change(services, vendor, vendor_item_id, now, rules.stop_sale)
