"""Vendor-item operations: inventory, quantity, price, sale state and discount base price of one
approved option side, by its vendorItemId (marketplace or Rocket Growth)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from rocketgrowth.domain import fields
from rocketgrowth.domain import vendor_items as rules
from rocketgrowth.domain.product import Side
from rocketgrowth.errors import NotFound
from rocketgrowth.services import Services
from rocketgrowth.store.products import VendorItem
from rocketgrowth.store.vendors import Vendor

__all__ = (
    "get_vendor_item_inventory",
    "resume_vendor_item_sale",
    "set_vendor_item_original_price",
    "set_vendor_item_price",
    "set_vendor_item_quantity",
    "stop_vendor_item_sale",
)

VENDOR_ITEM_ID = "옵션ID"


def _vendor_item(
    services: Services, conn: Any, vendor: Vendor, vid: int, action: str, *, for_update: bool
) -> VendorItem:
    """The vendor's side ``vid`` (another vendor's is as unknown as a missing one)."""
    item = services.products.get_vendor_item(conn, vid, for_update=for_update)
    if item is None or item.vendor_id != vendor.vendor_id:
        raise NotFound(rules.not_found_message(vid, action), field="vendorItemId")
    return item


def get_vendor_item_inventory(services: Services, vendor: Vendor, vendor_item_id: str) -> dict[str, Any]:
    vid = fields.parse_path_id(vendor_item_id, VENDOR_ITEM_ID)
    with services.db.read() as conn:
        return rules.inventory_view(_vendor_item(services, conn, vendor, vid, rules.INVENTORY, for_update=False).side)


def _change(
    services: Services,
    vendor: Vendor,
    vendor_item_id: str,
    now: datetime,
    action: str,
    apply: Callable[[VendorItem, Side], Side],
) -> None:
    """Change one side by its rule ``apply``: the side and what the rule reads of its product are read (its
    product locked), the side's state written and put into the product's kept view; the product itself is
    neither loaded nor rendered."""
    vid = fields.parse_path_id(vendor_item_id, VENDOR_ITEM_ID)
    with services.db.write() as conn:
        item = _vendor_item(services, conn, vendor, vid, action, for_update=True)
        services.products.save_vendor_item(conn, item, apply(item, item.side), now)


#: the largest price a path may carry (12 digits, as before: the rules check the real bounds)
MAX_PRICE = 10**12 - 1


def _number(text: str, name: str, label: str) -> int:
    return fields.parse_number(text, name, maximum=MAX_PRICE, message=f"{label}[{{value}}]는 숫자형으로 입력해주세요")


def set_vendor_item_quantity(
    services: Services, vendor: Vendor, vendor_item_id: str, quantity: str, now: datetime
) -> None:
    q = _number(quantity, "quantity", "재고수량")
    _change(services, vendor, vendor_item_id, now, rules.QUANTITY, lambda p, s: rules.set_quantity(p, s, q))


def set_vendor_item_price(
    services: Services, vendor: Vendor, vendor_item_id: str, price: str, now: datetime, *, force: bool
) -> None:
    value = _number(price, "price", "판매가격")
    _change(services, vendor, vendor_item_id, now, rules.PRICE, lambda p, s: rules.set_price(p, s, value, force=force))


def set_vendor_item_original_price(
    services: Services, vendor: Vendor, vendor_item_id: str, original_price: str, now: datetime
) -> None:
    value = _number(original_price, "originalPrice", "할인율 기준가격")
    _change(
        services, vendor, vendor_item_id, now, rules.ORIGINAL_PRICE, lambda p, s: rules.set_original_price(p, s, value)
    )


def resume_vendor_item_sale(services: Services, vendor: Vendor, vendor_item_id: str, now: datetime) -> None:
    _change(services, vendor, vendor_item_id, now, rules.RESUME, rules.resume_sale)


def stop_vendor_item_sale(services: Services, vendor: Vendor, vendor_item_id: str, now: datetime) -> None:
    _change(services, vendor, vendor_item_id, now, rules.STOP, rules.stop_sale)
