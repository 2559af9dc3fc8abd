"""A vendor-item change (quantity, price, original price, stop and resume sale) writes the side's state
and puts the side into the product's kept view without loading or rendering the product: after any
sequence of them, on SQLite and PostgreSQL, each side is what the rule made of it, the kept view is
exactly (as text) what rendering the stored product gives, and the list rows stay what they were — for
products of every shape, with documents an import may hold, and for products whose kept texts another
rendering version wrote (left as they are: no read serves them)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, update

from rocketgrowth import jsontext
from rocketgrowth.domain import render
from rocketgrowth.domain import vendor_items as rules
from rocketgrowth.domain.product import Product, Side
from rocketgrowth.errors import Error
from rocketgrowth.operations import vendor_items as ops
from rocketgrowth.services import Services
from rocketgrowth.store import tables
from tests.conftest import make_vendor

P, V = tables.products, tables.vendor_items

#: (business type, status, the sides at positions 0, 0, 1, 1, 2, 2, …, body of the options, product's body)
SHAPES: list[tuple[str, str, list[str], list[dict[str, Any]], dict[str, Any]]] = [
    ("HYBRID", "APPROVED", ["MARKETPLACE", "ROCKET_GROWTH"] * 3, [{"outboundShippingTimeDay": 2}] * 3,
     {"sellerProductName": "하이브리드", "brand": "브랜드"}),
    ("ROCKET_GROWTH", "APPROVED", ["ROCKET_GROWTH", "ROCKET_GROWTH"],  # two sides of one kind (an import)
     [{"rocketGrowthItemData": {"old": 1}, "marketplaceItemData": None}], {"sellerProductName": "ascii only"}),
    ("MARKETPLACE", "APPROVED", ["MARKETPLACE", "MARKETPLACE"],  # keys the side's fields overwrite
     [{"salePrice": 1, "itemName": "x", "sellerProductItemId": 5, "extra": "끝"}], {"sellerProductName": "마켓"}),
    ("MARKETPLACE", "APPROVED", ["MARKETPLACE", "ROCKET_GROWTH"],  # a side the flat view does not show
     [{}], {"sellerProductName": "플랫"}),
    ("HYBRID", "APPROVED", ["ROCKET_GROWTH", "MARKETPLACE", "MARKETPLACE"],
     [{}, {}], {"sellerProductName": "big", "brand": 12345678901234567890123}),  # written by the standard library
    ("ROCKET_GROWTH", "DELETED", ["ROCKET_GROWTH"], [{}], {"sellerProductName": "삭제"}),
]  # fmt: skip


def _insert(services: Services, vendor_id: str, shape: int, *, approved: bool) -> list[int]:
    """A product of ``SHAPES[shape]``; its vendorItemIds (unapproved sides have one too: the rules refuse them)."""
    business_type, status, sides, items, body = SHAPES[shape]
    db = services.db
    with db.write() as conn:
        now = services.now(conn)
        (pid,) = db.next_ids(conn, "seller_product_id")
        item_ids = db.next_ids(conn, "seller_product_item_id", len(sides))
        vendor_item_ids = db.next_ids(conn, "vendor_item_id", len(sides))
        options = (len(sides) + 1) // 2
        document = {**body, "items": [{"itemName": f"옵션 {n}", **items[n % len(items)]} for n in range(options)]}
        conn.execute(insert(P).values(
            seller_product_id=pid, vendor_id=vendor_id, status=status, business_type=business_type,
            seller_product_name=body["sellerProductName"],
            display_category_code=56137, product_id=pid, requested=True, created_at=now, updated_at=now, version=1,
            body=document, registration_type="RFM",
        ))  # fmt: skip
        conn.execute(
            insert(V),
            [
                {"seller_product_item_id": item_ids[n], "seller_product_id": pid, "vendor_id": vendor_id,
                 "position": n // 2, "side": side, "item_name": f"옵션 {n // 2}" + "'" * (n % 2), "vendor_item_id": vendor_item_ids[n],
                 "item_id": item_ids[n] + 1, "original_price": 20000, "sale_price": 15000, "quantity": 10,
                 "approved": approved or n % 3 != 2, "ever_approved": True,
                 "data": {"modelNo": "M", "stoppedByCoupang": n == 3,
                          "skuInfo": {"width": 1, "fragile": False}} if side == "ROCKET_GROWTH" else {"modelNo": "M"},
                 "barcode": f"B{item_ids[n]}" if side == "ROCKET_GROWTH" else None}
                for n, side in enumerate(sides)
            ],
        )  # fmt: skip
    return vendor_item_ids


@pytest.fixture(scope="module")
def vendor_items(services: Services) -> tuple[str, list[int], list[int]]:
    """A vendor, the vendorItemIds of its products with kept texts, and of its products whose kept texts are
    another version's (``render_version`` 0)."""
    vendor_id = make_vendor(services).vendor_id
    current = [v for shape in range(len(SHAPES)) for v in _insert(services, vendor_id, shape, approved=shape % 2 == 0)]
    with services.db.write() as conn:
        assert services.products.fill_rendered(conn) == len(SHAPES)
    stale = [v for shape in (0, 2) for v in _insert(services, vendor_id, shape, approved=True)]
    with services.db.write() as conn:
        services.products.fill_rendered(conn)
        for n, view in enumerate((None, '{"old":1}')):
            pid = select(V.c.seller_product_id).where(V.c.vendor_item_id == stale[-n]).scalar_subquery()
            conn.execute(update(P).where(P.c.seller_product_id == pid).values(render_version=0, product_view=view))
    return vendor_id, current, stale


Change = Callable[[Services, Any, str, datetime], None]
_AMOUNTS = st.sampled_from(["0", "10", "7500", "14990", "15000", "29990", "30000", "99999", "100000", "15", "-1", "x"])
CHANGES = st.one_of(
    st.builds(lambda q: ("quantity", q), _AMOUNTS),
    st.builds(lambda p, f: ("price", p, f), _AMOUNTS, st.booleans()),
    st.builds(lambda p: ("original_price", p), _AMOUNTS),
    st.just(("stop",)),
    st.just(("resume",)),
)


def _run(services: Services, vendor: Any, vid: int, change: tuple[Any, ...], now: datetime) -> None:
    kind, *args = change
    if kind == "quantity":
        ops.set_vendor_item_quantity(services, vendor, str(vid), args[0], now)
    elif kind == "price":
        ops.set_vendor_item_price(services, vendor, str(vid), args[0], now, force=args[1])
    elif kind == "original_price":
        ops.set_vendor_item_original_price(services, vendor, str(vid), args[0], now)
    elif kind == "stop":
        ops.stop_vendor_item_sale(services, vendor, str(vid), now)
    else:
        ops.resume_vendor_item_sale(services, vendor, str(vid), now)


def _expected(product: Product, side: Side, change: tuple[Any, ...]) -> Side:
    """What the rule makes of ``side`` (raises as the operation does)."""
    kind, *args = change
    if kind in ("quantity", "price", "original_price") and not args[0].lstrip("-").isdigit():
        raise Error("not a number")
    if kind == "quantity":
        return rules.set_quantity(product, side, int(args[0]))
    if kind == "price":
        return rules.set_price(product, side, int(args[0]), force=args[1])
    if kind == "original_price":
        return rules.set_original_price(product, side, int(args[0]))
    return rules.stop_sale(product, side) if kind == "stop" else rules.resume_sale(product, side)


def _stored(services: Services, vid: int) -> tuple[Product, Any]:
    """The product holding ``vid`` and its row's version, update time and kept texts."""
    with services.db.read() as conn:
        product = services.products.get_product_of_vendor_item(conn, vid)
        assert product is not None
        row = conn.execute(
            select(P.c.version, P.c.updated_at, P.c.render_version, P.c.list_row, P.c.rocket_growth_list_row,
                   P.c.product_view).where(P.c.seller_product_id == product.seller_product_id)
        ).one()  # fmt: skip
    return product, row


def _side(services: Services, vid: int) -> Side:
    with services.db.read() as conn:
        item = services.products.get_vendor_item(conn, vid)
    assert item is not None
    return item.side


def _check_rendered(product: Product, row: Any) -> None:
    """The kept texts are, as text, what rendering the stored product gives."""
    assert row.render_version == render.RENDER_VERSION
    assert row.product_view == jsontext.dumps(render.product_view(product)).decode()
    assert row.list_row == jsontext.dumps(render.list_row(product)).decode()
    if product.is_rocket_growth:
        assert row.rocket_growth_list_row == jsontext.dumps(render.rocket_growth_list_row(product)).decode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.integers(min_value=0, max_value=10**6), CHANGES), min_size=1, max_size=8))
def test_changes_keep_the_sides_and_the_kept_view_exact(
    services: Services, vendor_items: tuple[str, list[int], list[int]], steps: list[tuple[int, tuple[Any, ...]]]
) -> None:
    vendor_id, current, stale = vendor_items
    with services.db.read() as conn:
        vendor = services.vendors.get(conn, vendor_id)
    for pick, change in steps:
        vid = (current + stale)[pick % len(current + stale)]
        before, row_before = _stored(services, vid)
        side = _side(services, vid)  # (not always one of ``before.sides``: an import's second side of one kind)
        now = row_before.updated_at + timedelta(seconds=1)
        try:
            expected: Side | None = _expected(before, side, change)
        except Error:
            expected = None
        try:
            _run(services, vendor, vid, change, now)
        except Error:
            assert expected is None, change
        else:
            assert expected is not None, change
        after, row_after = _stored(services, vid)
        assert _side(services, vid) == (expected or side)
        assert [s for s in after.sides if s.vendor_item_id != vid] == [
            s for s in before.sides if s.vendor_item_id != vid
        ]
        assert after.body == before.body
        if expected is None:
            assert row_after == row_before
        else:
            assert (row_after.version, row_after.updated_at) == (row_before.version + 1, now)
        if vid in current:
            _check_rendered(after, row_after)
        else:  # another version's texts stay as they were: a read renders the product itself
            assert row_after[2:] == row_before[2:]


def test_unknown_and_other_vendors_items_are_not_found(
    services: Services, vendor_items: tuple[str, list[int], list[int]]
) -> None:
    current = vendor_items[1]
    other = make_vendor(services).vendor_id
    with services.db.read() as conn:
        stranger = services.vendors.get(conn, other)
        before = _stored(services, current[0])
    for vid in (current[0], 99):
        with pytest.raises(Error, match=f"vendoritemid {vid} not found"):
            ops.set_vendor_item_price(services, stranger, str(vid), "15000", datetime(2030, 1, 1), force=False)
    assert _stored(services, current[0]) == before


def test_concurrent_changes_of_one_side_lose_no_update(
    services: Services, vendor_items: tuple[str, list[int], list[int]]
) -> None:
    """Each change writes the side's whole state from what it read: it reads the side only once it holds
    the product's lock (PostgreSQL), so two writers of one side never undo each other's change."""
    vendor_id, current, _ = vendor_items
    vid = current[0]
    with services.db.read() as conn:
        vendor = services.vendors.get(conn, vendor_id)
    now = datetime(2030, 1, 1)
    ops.set_vendor_item_price(services, vendor, str(vid), "10000", now, force=True)
    ops.resume_vendor_item_sale(services, vendor, str(vid), now)

    def quantities() -> None:
        for q in range(1, 41):
            ops.set_vendor_item_quantity(services, vendor, str(vid), str(q), now)

    def prices() -> None:
        for n in range(40):
            ops.set_vendor_item_price(services, vendor, str(vid), str(10000 + 10 * (n % 2)), now, force=False)
            (ops.stop_vendor_item_sale if n % 2 else ops.resume_vendor_item_sale)(services, vendor, str(vid), now)

    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(quantities), pool.submit(prices)]:
            done.result()
    side = _side(services, vid)
    assert (side.quantity, side.sale_price, side.on_sale) == (40, 10010, False)
    product, row = _stored(services, vid)
    _check_rendered(product, row)
