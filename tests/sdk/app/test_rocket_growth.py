"""``client.rocket_growth`` against the real app in process (sync and async): inventory rows across
pages, orders over an inclusive range longer than the gateway's 30-day window, one order, both forms of
``paidAt`` and of the price, and the family's own pacing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from rocketgrowth.clock import KST
from rocketgrowth.operations import rocket_growth as rg_ops
from rocketgrowth.operations import sandbox as sandbox_ops
from rocketgrowth.sdk import BadRequestError, Client, NotFoundError
from rocketgrowth.sdk import _operations as ops
from rocketgrowth.sdk._ratelimit import DEFAULT_ROCKET_GROWTH_RATE
from rocketgrowth.services import Services
from rocketgrowth.store import tables
from rocketgrowth.wire.rocket_growth import InventorySummary, Order
from tests.conftest import VendorKeys
from tests.factories import insert_approved_product
from tests.sdk.app.conftest import Both, collect

pytestmark = pytest.mark.anyio


def stock(services: Services, vendor_id: str, options: int, units: int) -> list[int]:
    """Approved Rocket Growth options with ``units`` accepted units each; their vendorItemIds."""
    vids = insert_approved_product(
        services, vendor_id, options=options, business_type="ROCKET_GROWTH", side="ROCKET_GROWTH"
    )
    V = tables.vendor_items
    with services.db.read() as conn:
        query = select(V.c.vendor_item_id, V.c.seller_product_item_id).where(V.c.vendor_item_id.in_(vids))
        items = {row.vendor_item_id: row.seller_product_item_id for row in conn.execute(query)}
    for vid in vids:
        sandbox_ops.create_inbound(services, str(items[vid]), units)
        sandbox_ops.set_inbound_inspection(services, str(items[vid]), "PASSED")
    return vids


def kst_today(services: Services) -> date:
    with services.db.read() as conn:
        return services.now(conn).replace(tzinfo=UTC).astimezone(KST).date()


def place(services: Services, vendor_id: str, vid: int, day: date, quantity: int = 1) -> int:
    paid = f"{day.isoformat()}T{'00:00:01' if day.day % 2 else '23:59:59'}"
    return int(
        rg_ops.create_rocket_growth_order(services, vendor_id, [rg_ops.OrderItem(vid, quantity)], paid_at=paid)[
            "orderId"
        ]
    )


class TestRocketGrowth:
    async def test_inventory_rows_across_pages(self, sdk: Both, services: Services, keys: VendorKeys) -> None:
        vids = stock(services, keys.vendor_id, 55, 3)
        page = await sdk.rocket_growth.list_inventories()
        assert len(page.items) == 50
        assert page.has_next_page()
        rows = await collect(page)
        assert [row.vendor_item_id for row in rows] == sorted(vids)
        assert all(isinstance(row, InventorySummary) and row.orderable_quantity == 3 for row in rows)
        one = await collect(await sdk.rocket_growth.list_inventories(vendor_item_id=vids[7]))
        assert [(row.vendor_item_id, row.sold_last_thirty_days) for row in one] == [(vids[7], 0)]

    async def test_orders_over_an_inclusive_range_longer_than_a_window(
        self, sdk: Both, services: Services, keys: VendorKeys
    ) -> None:
        (vid,) = stock(services, keys.vendor_id, 1, 20)
        today = kst_today(services)
        first, last = today - timedelta(days=44), today - timedelta(days=1)
        inside = [place(services, keys.vendor_id, vid, day) for day in (first, first + timedelta(days=29),
                                                                      first + timedelta(days=30), last)]  # fmt: skip
        place(services, keys.vendor_id, vid, first - timedelta(days=1))
        place(services, keys.vendor_id, vid, today)
        orders = await collect(await sdk.rocket_growth.list_orders(first, last))
        assert [order.order_id for order in orders] == inside
        assert all(order.paid_at.tzinfo is not None for order in orders)
        assert orders[0].paid_at.astimezone(KST).date() == first
        assert orders[-1].paid_at.astimezone(KST).date() == last
        assert orders[0].order_items[0].unit_sales_price == 15000

        detail = await sdk.rocket_growth.get_order(inside[0])
        assert isinstance(detail, Order)
        assert detail.paid_at == orders[0].paid_at
        assert detail.order_items[0].unit_sales_price == 15000
        assert detail.raw["orderItems"][0]["salesPrice"] == 15000
        with pytest.raises(BadRequestError):
            await sdk.rocket_growth.get_order(99_999_999_999)
        with pytest.raises(ValueError, match="before"):
            await collect(await sdk.rocket_growth.list_orders(last, first))

    async def test_another_vendors_path_is_not_found(self, sdk: Both) -> None:
        with pytest.raises(NotFoundError):
            await sdk._send(ops.get_rocket_growth_order("A0OTHER", 12345678901))


def test_windows_are_at_most_30_days_with_an_exclusive_end() -> None:
    assert ops.rocket_growth_order_windows(date(2024, 1, 1), date(2024, 1, 1)) == [("20240101", "20240102")]
    assert ops.rocket_growth_order_windows(date(2024, 1, 1), date(2024, 2, 14)) == [
        ("20240101", "20240131"),
        ("20240131", "20240215"),
    ]


def test_both_forms_of_paid_at_and_price() -> None:
    listed = Order.model_validate({"vendorId": "A1", "orderId": 70000000000, "paidAt": "1746093162000",
                                   "orderItems": [{"vendorItemId": 1, "productName": "p", "salesQuantity": 2,
                                                   "unitSalesPrice": "27800", "currency": "KRW"}]})  # fmt: skip
    detail = Order.model_validate({"vendorId": "A1", "orderId": 70000000000, "paidAt": "2024-06-02T17:13:27Z",
                                   "orderItems": [{"vendorItemId": 1, "productName": "p", "salesQuantity": 2,
                                                   "salesPrice": 15000, "currency": "KRW"}]})  # fmt: skip
    assert listed.paid_at == datetime(2025, 5, 1, 9, 52, 42, tzinfo=UTC)
    assert detail.paid_at == datetime(2024, 6, 2, 17, 13, 27, tzinfo=UTC)
    assert (listed.order_items[0].unit_sales_price, detail.order_items[0].unit_sales_price) == (27800, 15000)
    assert Order.model_validate({"orderId": 1, "paidAt": 1746093162000}).paid_at == listed.paid_at


def test_the_family_is_paced_at_50_a_minute_apart_from_the_others() -> None:
    client = Client(access_key="a", secret_key="s", vendor_id="A0PACED", base_url="http://127.0.0.1:9")
    rg_call = ops.get_rocket_growth_order("A0PACED", 12345678901)
    product_call = ops.get("15000000001")
    assert client._limiter_for(rg_call) is client._rocket_growth_limiter
    assert client._limiter_for(product_call) is client._limiter
    assert client._rocket_growth_limiter.rate == DEFAULT_ROCKET_GROWTH_RATE == pytest.approx(50 / 60)
    waits = [client._rocket_growth_limiter.reserve() for _ in range(3)]
    assert waits[0] == 0.0
    assert waits[2] == pytest.approx(2 * 60 / 50, abs=0.05)
    assert client._limiter.reserve() == 0.0  # the product family's bucket is untouched
    client.close()
