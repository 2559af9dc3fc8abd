"""ProductStore.list_rows (what list pages read) and the views a product query reads are exactly what
rendering the whole products gives, on SQLite and PostgreSQL: the same rows, the same order, the same
pages, whatever the documents hold — for products not rendered yet (written without them, as before
revisions 0003 and 0004), once filled, and after a change of one side."""

from __future__ import annotations

import dataclasses
from typing import Any

import anyio
import orjson
import pytest
from sqlalchemy import func, insert, select

from rocketgrowth import jsontext
from rocketgrowth.domain import render
from rocketgrowth.operations.products import get_product
from rocketgrowth.services import Services
from rocketgrowth.store import tables
from rocketgrowth.store.products import ListFilter
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


def _shown(services: Services, vendor_id: str, rocket_growth: bool) -> list[int]:
    """The ids the list shows, in order, straight from the table: RG and hybrid products in the Rocket
    Growth list, marketplace and hybrid ones in the other."""
    P = tables.products
    types = ["ROCKET_GROWTH", "HYBRID"] if rocket_growth else ["MARKETPLACE", "HYBRID"]
    query = select(P.c.seller_product_id).where(P.c.vendor_id == vendor_id, P.c.business_type.in_(types))
    with services.db.read() as conn:
        return list(conn.execute(query.order_by(P.c.seller_product_id)).scalars())


def _pages(services: Services, vendor_id: str, rocket_growth: bool, limit: int) -> list[tuple[list[Any], list[Any]]]:
    """Each page as (rows kept, rows rendered from whole products), both as parsed JSON."""
    row = render.rocket_growth_list_row if rocket_growth else render.list_row
    flt = ListFilter(rocket_growth=rocket_growth)
    shown = _shown(services, vendor_id, rocket_growth)
    after: int | None = None
    pages = []
    for start in range(0, len(shown) + 1, limit):
        expected = shown[start : start + limit]
        with services.db.read() as conn:
            page = services.products.list_rows(conn, vendor_id, flt, after_id=after, limit=limit)
            kept = services.products.with_rendered_rows(conn, page, rocket_growth=rocket_growth)
            whole = [services.products.get_product(conn, pid) for pid in expected]
        assert [r.seller_product_id for r in kept] == expected
        pages.append(([orjson.loads(r.json or b"") for r in kept],
                      [orjson.loads(jsontext.dumps(row(p))) for p in whole if p is not None]))  # fmt: skip
        if len(expected) < limit:
            return pages
        after = expected[-1]
    return pages


def _missing(services: Services) -> int:
    with services.db.read() as conn:
        return services.products.count_stale(conn)


@pytest.mark.parametrize("rocket_growth", [True, False])
@pytest.mark.parametrize("limit", [1, 3, 100])
def test_list_rows_not_rendered_yet_show_as_whole_products_do(
    services: Services, vendor_id: str, rocket_growth: bool, limit: int
) -> None:
    assert _missing(services) == len(BODIES) * 2
    pages = _pages(services, vendor_id, rocket_growth, limit)
    assert len(pages) > 1 or limit == 100
    for kept, whole in pages:
        assert kept == whole


@pytest.mark.parametrize("rocket_growth", [True, False])
def test_filled_list_rows_are_what_rendering_gives(services: Services, vendor_id: str, rocket_growth: bool) -> None:
    before = _pages(services, vendor_id, rocket_growth, 100)
    with services.db.write() as conn:
        filled = services.products.fill_rendered(conn)
    try:
        assert _missing(services) == 0
        after = _pages(services, vendor_id, rocket_growth, 3)
        assert [row for kept, _ in after for row in kept] == before[0][1]
        assert sum(len(kept) for kept, _ in after) > 5
        for kept, whole in after:
            assert kept == whole
    finally:  # the other tests of the module read rows not rendered yet
        with services.db.write() as conn:
            conn.execute(tables.products.update().values(render_version=None, list_row=None,
                                                         rocket_growth_list_row=None, product_view=None))  # fmt: skip
    assert filled == len(BODIES) * 2


def _views(services: Services, vendor_id: str) -> list[tuple[Any, Any]]:
    """Each product's view as the query answers it and as rendering the whole product gives it."""
    ids = _shown(services, vendor_id, False) + _shown(services, vendor_id, True)
    with services.db.read() as conn:
        vendor = services.vendors.get(conn, vendor_id)
        now = services.now(conn)
        whole = [services.products.get_product(conn, pid) for pid in ids]
    return [(orjson.loads(orjson.dumps(anyio.run(get_product, services, vendor, str(p.seller_product_id), now))),
             orjson.loads(jsontext.dumps(render.product_view(p)))) for p in whole if p is not None]  # fmt: skip


def test_product_views_not_rendered_yet_filled_and_after_a_side_changes(services: Services, vendor_id: str) -> None:
    P = tables.products
    assert _missing(services) == len(BODIES) * 2
    for kept, whole in _views(services, vendor_id):  # none rendered: each rendered from its product
        assert kept == whole
    try:
        with services.db.write() as conn:
            services.products.fill_rendered(conn)
        with services.db.read() as conn:
            assert conn.execute(select(func.count()).where(P.c.product_view.is_(None))).scalar_one() == 0
        views = _views(services, vendor_id)
        assert len(views) > len(BODIES)
        for kept, whole in views:
            assert kept == whole
        # a side's change (price, stock, sale, inbound) renders the product's view again
        pid = _shown(services, vendor_id, True)[0]
        with services.db.write() as conn:
            product = services.products.get_product(conn, pid)
            assert product is not None
            side = product.sides[-1]
            changed = dataclasses.replace(side, sale_price=side.sale_price + 1230, quantity=side.quantity + 7)
            services.products.save_side(conn, product, changed)
        for kept, whole in _views(services, vendor_id):
            assert kept == whole
        assert any(
            str(side.sale_price + 1230) in orjson.dumps(kept).decode() for kept, _ in _views(services, vendor_id)
        )
    finally:  # the other tests of the module read rows not rendered yet
        with services.db.write() as conn:
            conn.execute(P.update().values(render_version=None, list_row=None, rocket_growth_list_row=None,
                                           product_view=None))  # fmt: skip
