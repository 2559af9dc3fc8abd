"""ProductStore.list_summaries (what list pages read) renders exactly as the whole products do, on SQLite
and PostgreSQL: the same rows, the same order, the same pages, whatever the documents hold."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import insert

from rocketgrowth.domain import render
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from rocketgrowth.store import tables
from rocketgrowth.store.products import SUMMARY_BODY_KEYS, ListFilter
from tests.conftest import make_vendor

#: bodies as the API writes them, and as an imported state may hold them
BODIES: list[dict[str, Any]] = [
    {"sellerProductName": "상품 A", "saleStartedAt": "2024-11-01T00:00:00", "saleEndedAt": "2099-12-31T23:59:59",
     "brand": "브랜드"},
    {"sellerProductName": "no brand", "saleStartedAt": "2024-11-01T00:00:00", "saleEndedAt": "2099-12-31T23:59:59"},
    {"sellerProductName": "null brand", "saleStartedAt": None, "saleEndedAt": None, "brand": None},
    {"sellerProductName": 'quote " and \\ backslash \u0007 \ud55c', "brand": "", "saleStartedAt": "x"},
    {"sellerProductName": "odd values", "brand": 12345678901234567890123, "saleStartedAt": 1.5e3,
     "saleEndedAt": {"nested": [1, 2.0, "three"]}},
    {"brand": True, "saleStartedAt": False, "saleEndedAt": -0},
    {},
]  # fmt: skip


@pytest.fixture(scope="module")
def services(db_url: str) -> Iterator[Services]:
    built = Services.build(Settings(db_url=db_url, rate_limit=0))
    built.db.migrate()
    yield built
    built.db.dispose()


def _insert(services: Services, vendor_id: str, body: dict[str, Any], business_type: str, sides: list[str]) -> None:
    db = services.db
    with db.write() as conn:
        now = services.now(conn)
        (pid,) = db.next_ids(conn, "seller_product_id")
        item_ids = db.next_ids(conn, "seller_product_item_id", len(sides))
        vendor_item_ids = db.next_ids(conn, "vendor_item_id", len(sides))
        document = {**body, "items": [{"itemName": f"옵션 {n}"} for n in range(3)], "notices": ["x" * 500]}
        conn.execute(insert(tables.products).values(
            seller_product_id=pid, vendor_id=vendor_id, status="APPROVED", business_type=business_type,
            seller_product_name=str(body.get("sellerProductName", "")), display_category_code=56137,
            product_id=pid, category_id=None if len(sides) % 2 else 77, requested=False, created_at=now,
            updated_at=now, version=3, body=document, registration_type="RFM",
        ))  # fmt: skip
        conn.execute(
            insert(tables.vendor_items),
            [
                {"seller_product_item_id": item_ids[n], "seller_product_id": pid, "vendor_id": vendor_id,
                 "position": n // 2, "side": side, "item_name": f"옵션 {n // 2}",
                 "vendor_item_id": vendor_item_ids[n] if n % 3 else None, "data": {"modelNo": "M"},
                 "barcode": f"B{item_ids[n]}" if side == "ROCKET_GROWTH" else None}
                for n, side in enumerate(sides)
            ],
        )  # fmt: skip


@pytest.fixture(scope="module")
def vendor_id(services: Services) -> str:
    vendor = make_vendor(services).vendor_id
    shapes = [
        ("HYBRID", ["MARKETPLACE", "ROCKET_GROWTH"] * 3),
        ("ROCKET_GROWTH", ["ROCKET_GROWTH", "ROCKET_GROWTH"]),
        ("MARKETPLACE", ["MARKETPLACE"]),
        ("HYBRID", ["ROCKET_GROWTH", "MARKETPLACE", "MARKETPLACE"]),
    ]
    for n, body in enumerate(BODIES * 2):
        business_type, sides = shapes[n % len(shapes)]
        _insert(services, vendor, body, business_type, sides)
    return vendor


@pytest.mark.parametrize("rocket_growth", [True, False])
@pytest.mark.parametrize("limit", [1, 3, 100])
def test_summary_pages_render_like_whole_products(
    services: Services, vendor_id: str, rocket_growth: bool, limit: int
) -> None:
    row = render.rocket_growth_list_row if rocket_growth else render.list_row
    flt = ListFilter(rocket_growth=rocket_growth)
    after: int | None = None
    pages = 0
    while True:
        with services.db.read() as conn:
            whole = services.products.list_products(conn, vendor_id, flt, after_id=after, limit=limit)
            summaries = services.products.list_summaries(conn, vendor_id, flt, after_id=after, limit=limit)
        assert [row(p) for p in summaries] == [row(p) for p in whole]
        pages += 1
        if len(whole) < limit:
            break
        after = whole[-1].seller_product_id
    assert pages > 1 or limit == 100


@pytest.mark.parametrize("rocket_growth", [True, False])
def test_summary_bodies_hold_what_list_rows_show(services: Services, vendor_id: str, rocket_growth: bool) -> None:
    flt = ListFilter(rocket_growth=rocket_growth)
    with services.db.read() as conn:
        whole = services.products.list_products(conn, vendor_id, flt, after_id=None, limit=100)
        summaries = services.products.list_summaries(conn, vendor_id, flt, after_id=None, limit=100)
    assert len(summaries) == len(whole) > 5
    assert [p.body for p in summaries] == [{k: v for k, v in p.body.items() if k in SUMMARY_BODY_KEYS} for p in whole]
    for summary, product in zip(summaries, whole, strict=True):
        assert type(summary.body.get("brand")) is type(product.body.get("brand"))
