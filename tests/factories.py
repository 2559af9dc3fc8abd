"""Test data written straight into the store: plain functions with keyword overrides."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from rocketgrowth.services import Services
from rocketgrowth.store import tables


def insert_approved_product(
    services: Services,
    vendor_id: str,
    *,
    options: int = 2,
    status: str = "APPROVED",
    business_type: str = "MARKETPLACE",
    side: str = "MARKETPLACE",
    seller_product_name: str = "테스트 상품",
    display_category_code: int = 56137,
    **product_overrides: Any,
) -> list[int]:
    """An approved product with ``options`` options, each with its vendorItemId; returns the vendorItemIds."""
    db = services.db
    with db.write() as conn:
        now = services.now(conn)
        (seller_product_id,) = db.next_ids(conn, "seller_product_id")
        (product_id,) = db.next_ids(conn, "product_id")
        item_ids = db.next_ids(conn, "seller_product_item_id", options)
        vendor_item_ids = db.next_ids(conn, "vendor_item_id", options)
        coupang_item_ids = db.next_ids(conn, "item_id", options)
        names = [f"옵션 {n + 1}" for n in range(options)]
        product: dict[str, Any] = {
            "seller_product_id": seller_product_id,
            "vendor_id": vendor_id,
            "status": status,
            "business_type": business_type,
            "seller_product_name": seller_product_name,
            "display_category_code": display_category_code,
            "product_id": product_id,
            "requested": True,
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "body": {"sellerProductName": seller_product_name, "items": [{"itemName": n} for n in names]},
        }
        product.update(product_overrides)
        conn.execute(insert(tables.products).values(product))
        conn.execute(
            insert(tables.vendor_items),
            [
                {
                    "seller_product_item_id": item_ids[n],
                    "seller_product_id": seller_product_id,
                    "vendor_id": vendor_id,
                    "position": n,
                    "side": side,
                    "item_name": names[n],
                    "vendor_item_id": vendor_item_ids[n],
                    "item_id": coupang_item_ids[n],
                    "original_price": 20000,
                    "sale_price": 15000,
                    "quantity": 100,
                    "on_sale": True,
                    "approved": True,
                    "ever_approved": True,
                    "data": {},
                }
                for n in range(options)
            ],
        )
    return vendor_item_ids
