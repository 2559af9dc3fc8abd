"""The Rocket Growth Open API (``rg_open_api``) and the operator's warehouse and orders behind it, through
real HTTP on SQLite and PostgreSQL: consent → create → review → inbound → inspection → orderable stock →
orders → inventory and sales figures; the family's envelope, its parameter errors, keyset paging, its own
rate limit, and the new tables in export → reset → import."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from rocketgrowth.clock import KST, format_kst
from rocketgrowth.domain.categories import DEMO_RG_CATEGORY
from rocketgrowth.errors import RateLimited
from rocketgrowth.ratelimit import create_limiter
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.settings import Settings
from tests.api.helpers import PRODUCTS, create, get, success
from tests.conftest import LiveServer, VendorKeys, make_vendor, pg_database_url, signed_client, start_server
from tests.factories import insert_approved_product
from tests.payloads import rocket_growth_payload

OP = "/sandbox/v1"
REDIS_URL = "redis://127.0.0.1:6379/0"

pytestmark = pytest.mark.usefixtures("rendered_stays_current")


def rg_path(vendor_id: str) -> str:
    return f"/v2/providers/rg_open_api/apis/api/v1/vendors/{vendor_id}/rg"


def rg_ok(response: httpx.Response) -> dict[str, Any]:
    """The family's success envelope: numeric code 200, message SUCCESS."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["code"], body["message"]) == (200, "SUCCESS"), body
    assert isinstance(body, dict)
    return body


def rg_rejected(response: httpx.Response, status: int = 400) -> str:
    """The family's error envelope: ``{"code": <status>, "message": …}``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == status, body
    return str(body["message"])


def operator() -> httpx.Client:
    return httpx.Client(timeout=30)


def stocked(live: LiveServer, api: httpx.Client, vendor_id: str, units: list[int]) -> list[int]:
    """An approved Rocket Growth product with one option per entry of ``units``, each with that many units
    received and accepted; returns their vendorItemIds."""
    payload = rocket_growth_payload(live.services, vendor_id, DEMO_RG_CATEGORY, options=len(units), requested=True)
    view = get(api, create(api, payload))
    ids = []
    with httpx.Client(base_url=live.base_url, timeout=30) as client:
        for item, count in zip(view["items"], units, strict=True):
            block = item["rocketGrowthItemData"]
            success(client.post(f"{OP}/vendor-items/{block['sellerProductItemId']}/inbound", json={"quantity": count}))
            success(
                client.put(f"{OP}/vendor-items/{block['sellerProductItemId']}/inspection", json={"result": "PASSED"})
            )
            ids.append(block["vendorItemId"])
    return ids


def order(live: LiveServer, vendor_id: str, items: list[tuple[int, int]], **extra: Any) -> httpx.Response:
    body = {"vendorId": vendor_id, "items": [{"vendorItemId": v, "quantity": q} for v, q in items], **extra}
    return httpx.post(f"{live.base_url}{OP}/rocket-growth/orders", json=body, timeout=30, verify=tls_context())


def kst_today(live: LiveServer) -> date:
    with live.services.db.read() as conn:
        return live.services.now(conn).replace(tzinfo=UTC).astimezone(KST).date()


def ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


def inventory(api: httpx.Client, vendor_id: str, **params: Any) -> dict[int, dict[str, Any]]:
    rows = rg_ok(api.get(f"{rg_path(vendor_id)}/inventory/summaries", params=params))["data"]
    return {row["vendorItemId"]: row for row in rows}


def all_orders(api: httpx.Client, vendor_id: str, first: date, end: date) -> list[dict[str, Any]]:
    """Every order of the window, following nextToken."""
    out: list[dict[str, Any]] = []
    params = {"paidDateFrom": ymd(first), "paidDateTo": ymd(end)}
    while True:
        body = rg_ok(api.get(f"{rg_path(vendor_id)}/orders", params=params))
        out.extend(body["data"])
        if not body.get("nextToken"):
            assert "nextToken" not in body
            return out
        params["nextToken"] = body["nextToken"]


# --- the journey ------------------------------------------------------------------------------


def test_stock_orders_and_figures_through_the_seller_api(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    first, second = stocked(live, api, vendor.vendor_id, [10, 4])
    rows = inventory(api, vendor.vendor_id)
    assert rows[first] == {
        "vendorId": vendor.vendor_id,
        "vendorItemId": first,
        "externalSkuId": None,
        "inventoryDetails": {"totalOrderableQuantity": 10},
        "salesCountMap": {"SALES_COUNT_LAST_THIRTY_DAYS": 0},
    }
    assert rows[second]["inventoryDetails"]["totalOrderableQuantity"] == 4
    today = kst_today(live)
    paid = datetime.combine(today - timedelta(days=1), datetime.min.time()).replace(hour=13, minute=5, second=7)
    placed = success(order(live, vendor.vendor_id, [(first, 3), (second, 1)], paidAt=paid.isoformat()))
    order_id = placed["orderId"]
    assert isinstance(order_id, int)
    assert len(str(order_id)) >= 11

    paid_utc = paid.replace(tzinfo=KST).astimezone(UTC)
    listed = all_orders(api, vendor.vendor_id, today - timedelta(days=1), today)
    assert listed == [
        {
            "vendorId": vendor.vendor_id,
            "orderId": order_id,
            "paidAt": str(int(paid_utc.timestamp() * 1000)),
            "orderItems": [
                {"vendorItemId": first, "productName": listed[0]["orderItems"][0]["productName"], "salesQuantity": 3,
                 "unitSalesPrice": 9000, "currency": "KRW"},
                {"vendorItemId": second, "productName": listed[0]["orderItems"][1]["productName"], "salesQuantity": 1,
                 "unitSalesPrice": 9000, "currency": "KRW"},
            ],
        }
    ]  # fmt: skip
    assert listed[0]["orderItems"][0]["productName"]
    # paidDateTo is exclusive: the order's own day as paidDateTo leaves it out
    assert all_orders(api, vendor.vendor_id, today - timedelta(days=3), today - timedelta(days=1)) == []

    detail = rg_ok(api.get(f"{rg_path(vendor.vendor_id)}/order/{order_id}"))["data"]
    assert detail["paidAt"] == paid_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [(i["vendorItemId"], i["salesQuantity"], i["salesPrice"]) for i in detail["orderItems"]] == [
        (first, 3, 9000),
        (second, 1, 9000),
    ]
    assert "unitSalesPrice" not in detail["orderItems"][0]

    rows = inventory(api, vendor.vendor_id)
    assert rows[first]["inventoryDetails"]["totalOrderableQuantity"] == 7
    assert rows[first]["salesCountMap"]["SALES_COUNT_LAST_THIRTY_DAYS"] == 3
    # one option asked for: that row only, nextToken ignored
    assert list(inventory(api, vendor.vendor_id, vendorItemId=second, nextToken="garbage")) == [second]
    assert inventory(api, vendor.vendor_id, vendorItemId=1) == {}

    with operator() as client:
        items = success(client.get(f"{live.base_url}{OP}/rocket-growth-items"))
        mine = {i["vendorItemId"]: i for i in items if i["vendorId"] == vendor.vendor_id}
        figures = [(mine[v]["receivedQuantity"], mine[v]["acceptedQuantity"], mine[v]["orderableQuantity"],
                    mine[v]["soldLastThirtyDays"]) for v in (first, second)]  # fmt: skip
        assert figures == [(10, 10, 7, 3), (4, 4, 3, 1)]
        orders = success(client.get(f"{live.base_url}{OP}/rocket-growth/orders", params={"vendorId": vendor.vendor_id}))
        assert [(o["orderId"], o["status"], o["paidAt"]) for o in orders] == [(order_id, "SHIPPED", format_kst(
            paid_utc.replace(tzinfo=None)))]  # fmt: skip


def test_an_order_shows_once_shipped_and_a_cancel_gives_the_units_back(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    (item,) = stocked(live, api, vendor.vendor_id, [5])
    today = kst_today(live)
    pending = success(order(live, vendor.vendor_id, [(item, 2)], shipped=False))["orderId"]
    later = success(order(live, vendor.vendor_id, [(item, 3)], shipped=False))["orderId"]
    assert inventory(api, vendor.vendor_id)[item]["inventoryDetails"]["totalOrderableQuantity"] == 0
    assert all_orders(api, vendor.vendor_id, today, today + timedelta(days=1)) == []
    assert "orderId" in rg_rejected(api.get(f"{rg_path(vendor.vendor_id)}/order/{pending}"))
    with operator() as client:
        shipped = success(client.post(f"{live.base_url}{OP}/rocket-growth/orders/{pending}/ship"))
        assert shipped["status"] == "SHIPPED"
        assert "PAID" in client.post(f"{live.base_url}{OP}/rocket-growth/orders/{pending}/ship").json()["message"]
        assert "PAID" in client.post(f"{live.base_url}{OP}/rocket-growth/orders/{pending}/cancel").json()["message"]
        cancelled = success(client.post(f"{live.base_url}{OP}/rocket-growth/orders/{later}/cancel"))
        assert cancelled["status"] == "CANCELLED"
        unknown = client.post(f"{live.base_url}{OP}/rocket-growth/orders/99999999999/ship")
        assert unknown.status_code == 400
        assert "no order" in unknown.json()["message"]
        assert "orderId" in client.post(f"{live.base_url}{OP}/rocket-growth/orders/12/cancel").json()["message"]
    assert [o["orderId"] for o in all_orders(api, vendor.vendor_id, today, today + timedelta(days=1))] == [pending]
    rows = inventory(api, vendor.vendor_id)
    assert rows[item]["inventoryDetails"]["totalOrderableQuantity"] == 3
    assert rows[item]["salesCountMap"]["SALES_COUNT_LAST_THIRTY_DAYS"] == 2


def test_a_rejected_order_changes_nothing(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    (item,) = stocked(live, api, vendor.vendor_id, [3])
    other = make_vendor(live.services)
    with signed_client(live, other) as other_api:
        (foreign,) = stocked(live, other_api, other.vendor_id, [3])
    (marketplace,) = insert_approved_product(live.services, vendor.vendor_id, options=1)
    future = (datetime.now(KST) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S")
    refusals = [
        ([(item, 4)], {}, "orderable"),
        ([(foreign, 1)], {}, "not an approved Rocket Growth option"),
        ([(marketplace, 1)], {}, "not an approved Rocket Growth option"),
        ([(item, 1), (item, 1)], {}, "once"),
        ([(item, 1)], {"paidAt": "2024-13-01T00:00:00"}, "paidAt"),
        ([(item, 1)], {"paidAt": future}, "after sandbox now"),
        ([(item, 0)], {}, "quantity"),
        ([], {}, "items"),
        ([(item, 1)], {"shipped": "soon"}, "shipped"),
    ]
    for items, extra, named in refusals:
        response = order(live, vendor.vendor_id, items, **extra)
        assert response.status_code == 400, (items, extra, response.text)
        assert named in response.json()["message"], (named, response.json())
    assert order(live, "A0NOBODY", [(item, 1)]).status_code == 400
    assert inventory(api, vendor.vendor_id)[item]["inventoryDetails"]["totalOrderableQuantity"] == 3
    with operator() as client:
        orders = success(client.get(f"{live.base_url}{OP}/rocket-growth/orders", params={"vendorId": vendor.vendor_id}))
        assert orders == []
        assert client.get(f"{live.base_url}{OP}/rocket-growth/orders", params={"status": "LOST"}).status_code == 400


# --- the family's parameters ------------------------------------------------------------------


def test_bad_parameters_get_the_familys_400(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    base = rg_path(vendor.vendor_id)
    cases = [
        ({"paidDateFrom": "2024-01-01", "paidDateTo": "20240105"}, "paidDateFrom"),
        ({"paidDateFrom": "20241301", "paidDateTo": "20241305"}, "paidDateFrom"),
        ({"paidDateFrom": "20240110", "paidDateTo": "20240101"}, "paidDateTo"),
        ({"paidDateFrom": "20240110", "paidDateTo": "20240110"}, "paidDateTo"),
        ({"paidDateFrom": "20240101", "paidDateTo": "20240201"}, "30 days"),
        ({"paidDateTo": "20240105"}, "paidDateFrom"),
        ({"paidDateFrom": "20240101"}, "paidDateTo"),
        ({"paidDateFrom": "20240101", "paidDateTo": "20240131", "nextToken": "12345678901234"}, "nextToken"),
        ({"paidDateFrom": "20240101", "paidDateTo": "20240131", "nextToken": "abc"}, "nextToken"),
    ]
    for params, named in cases:
        assert named in rg_rejected(api.get(f"{base}/orders", params=params)), params
    # exactly 30 days is allowed
    assert rg_ok(api.get(f"{base}/orders", params={"paidDateFrom": "20240101", "paidDateTo": "20240131"}))["data"] == []
    for bad in ("abc", "123", "1" * 30, "-12345678901"):
        assert "orderId" in rg_rejected(api.get(f"{base}/order/{bad}")), bad
    assert "vendorItemId" in rg_rejected(api.get(f"{base}/inventory/summaries", params={"vendorItemId": "x"}))
    assert "nextToken" in rg_rejected(api.get(f"{base}/inventory/summaries", params={"nextToken": "99999999999"}))
    # another vendor's path: refused as the other families refuse it
    other = make_vendor(live.services)
    assert rg_rejected(api.get(f"{rg_path(other.vendor_id)}/inventory/summaries"), 404) == "Not Found"


def test_another_sellers_order_is_refused_without_its_data(
    live: LiveServer, api: httpx.Client, vendor: VendorKeys
) -> None:
    other = make_vendor(live.services)
    with signed_client(live, other) as other_api:
        (item,) = stocked(live, other_api, other.vendor_id, [2])
        order_id = success(order(live, other.vendor_id, [(item, 1)]))["orderId"]
        assert rg_ok(other_api.get(f"{rg_path(other.vendor_id)}/order/{order_id}"))["data"]["orderId"] == order_id
    message = rg_rejected(api.get(f"{rg_path(vendor.vendor_id)}/order/{order_id}"))
    assert str(item) not in message
    assert other.vendor_id not in message


# --- paging -----------------------------------------------------------------------------------


def test_orders_and_inventory_page_with_next_tokens(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    items = stocked(live, api, vendor.vendor_id, [400, 400])
    with operator() as client:
        simulated = success(client.post(f"{live.base_url}{OP}/rocket-growth/simulate",
                                        json={"vendorId": vendor.vendor_id, "days": 10, "ordersPerDay": 13, "seed": 7}))  # fmt: skip
    assert simulated == {"orders": 130}
    today = kst_today(live)
    listed = all_orders(api, vendor.vendor_id, today - timedelta(days=12), today + timedelta(days=1))
    assert len(listed) == 130
    assert len({o["orderId"] for o in listed}) == 130
    keys = [(int(o["paidAt"]), o["orderId"]) for o in listed]
    assert keys == sorted(keys)
    sold = sum(line["salesQuantity"] for o in listed for line in o["orderItems"])
    rows = inventory(api, vendor.vendor_id)
    assert sum(rows[v]["inventoryDetails"]["totalOrderableQuantity"] for v in items) == 800 - sold
    assert sum(rows[v]["salesCountMap"]["SALES_COUNT_LAST_THIRTY_DAYS"] for v in items) == sold
    # a token is bound to its vendor and window
    first_page = rg_ok(api.get(f"{rg_path(vendor.vendor_id)}/orders",
                               params={"paidDateFrom": ymd(today - timedelta(days=12)), "paidDateTo": ymd(today + timedelta(days=1))}))  # fmt: skip
    token = first_page["nextToken"]
    assert token.isdigit()
    assert len(token) > 20
    other_window = {"paidDateFrom": ymd(today - timedelta(days=11)), "paidDateTo": ymd(today + timedelta(days=1)),
                    "nextToken": token}  # fmt: skip
    assert "nextToken" in rg_rejected(api.get(f"{rg_path(vendor.vendor_id)}/orders", params=other_window))

    # inventory: 60 more options, in pages of 50, each once, by vendorItemId
    more = insert_approved_product(live.services, vendor.vendor_id, options=60, business_type="ROCKET_GROWTH",
                                   side="ROCKET_GROWTH")  # fmt: skip
    seen: list[int] = []
    params: dict[str, str] = {}
    pages = 0
    while True:
        body = rg_ok(api.get(f"{rg_path(vendor.vendor_id)}/inventory/summaries", params=params))
        seen.extend(row["vendorItemId"] for row in body["data"])
        pages += 1
        if "nextToken" not in body:
            break
        params["nextToken"] = body["nextToken"]
    assert pages == 2
    assert seen == sorted([*items, *more])


def test_simulation_is_deterministic_and_never_oversells(live: LiveServer) -> None:
    plans = []
    for _ in range(2):
        keys = make_vendor(live.services)
        with signed_client(live, keys) as api:
            items = stocked(live, api, keys.vendor_id, [4, 3])
            with operator() as client:
                done = success(client.post(f"{live.base_url}{OP}/rocket-growth/simulate",
                                           json={"vendorId": keys.vendor_id, "days": 5, "ordersPerDay": 10, "seed": 3}))  # fmt: skip
            today = kst_today(live)
            listed = all_orders(api, keys.vendor_id, today - timedelta(days=6), today + timedelta(days=1))
            assert len(listed) == done["orders"]
            rows = inventory(api, keys.vendor_id)
            assert [rows[v]["inventoryDetails"]["totalOrderableQuantity"] for v in items] == [0, 0]
            plans.append([(items.index(o["orderItems"][0]["vendorItemId"]), o["orderItems"][0]["salesQuantity"])
                          for o in listed])  # fmt: skip
    assert plans[0] == plans[1]
    assert sum(q for _, q in plans[0]) == 7


# --- rate limit -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def limited(db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=db_url, rate_limit=0, rg_rate_limit=3))
    yield server
    server.stop()


def test_the_family_has_its_own_per_minute_limit(limited: LiveServer) -> None:
    keys = make_vendor(limited.services)
    with signed_client(limited, keys) as api:
        for _ in range(3):
            rg_ok(api.get(f"{rg_path(keys.vendor_id)}/inventory/summaries"))
        over = api.get(f"{rg_path(keys.vendor_id)}/inventory/summaries")
        assert over.status_code == 429
        assert int(over.headers["Retry-After"]) >= 1
        # the product family's limit is another one
        assert api.get(PRODUCTS, params={"vendorId": keys.vendor_id}).status_code == 200


def test_the_per_minute_limit_is_shared_through_redis() -> None:
    pytest.importorskip("redis")
    from tests.conftest import require_service

    require_service("Redis", "127.0.0.1", 6379)
    vendor_id = f"A{uuid.uuid4().hex[:10]}"

    async def run() -> int:
        workers = [create_limiter(4, REDIS_URL, period=60.0, name="rl-rg") for _ in range(2)]
        passed = 0
        try:
            for n in range(8):
                try:
                    await workers[n % 2].check(vendor_id)
                    passed += 1
                except RateLimited:
                    pass
        finally:
            for worker in workers:
                await worker.aclose()
        return passed

    assert asyncio.run(run()) == 4


# --- state ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def own(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server on a database of its own (its test resets it)."""
    if db_url.startswith("sqlite"):
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('rg-state')}/rocketgrowth.db"])
    else:
        urls = pg_database_url()
    url = next(urls)
    server = start_server(Settings(db_url=url, rate_limit=0, rg_rate_limit=0))
    yield server
    server.stop()
    for _ in urls:  # drops the PostgreSQL database
        pass


def test_export_reset_import_carry_stock_and_orders(own: LiveServer) -> None:
    keys = make_vendor(own.services)
    base = own.base_url
    with signed_client(own, keys) as api, operator() as client:
        (item,) = stocked(own, api, keys.vendor_id, [6])
        order_id = success(order(own, keys.vendor_id, [(item, 2)]))["orderId"]
        state = success(client.get(f"{base}{OP}/state"))
        assert [r["order_id"] for r in state["tables"]["rocket_growth_orders"]] == [order_id]
        assert state["tables"]["rocket_growth_stock"][0]["orderable"] == 4
        assert state["sequences"]["order_id"] > order_id
        deleted = success(client.post(f"{base}{OP}/reset", json={"keepVendors": True}))["deleted"]
        assert deleted["rocket_growth_orders"] == 1
        assert deleted["rocket_growth_order_items"] == 1
        assert "orderId" in rg_rejected(api.get(f"{rg_path(keys.vendor_id)}/order/{order_id}"))
        # a broken snapshot is refused whole
        broken = {**state, "tables": {**state["tables"], "rocket_growth_order_items": [
            {**state["tables"]["rocket_growth_order_items"][0], "order_id": 1}]}}  # fmt: skip
        assert client.put(f"{base}{OP}/state", json=broken).status_code == 400
        success(client.put(f"{base}{OP}/state", json=state))
        assert rg_ok(api.get(f"{rg_path(keys.vendor_id)}/order/{order_id}"))["data"]["orderId"] == order_id
        assert inventory(api, keys.vendor_id)[item]["inventoryDetails"]["totalOrderableQuantity"] == 4
        # ids are never issued again
        again = success(order(own, keys.vendor_id, [(item, 1)]))["orderId"]
        assert again > order_id
        # an export of an earlier version (without the Rocket Growth tables) still imports
        old = {**state, "tables": {k: v for k, v in state["tables"].items() if not k.startswith("rocket_growth")}}
        success(client.put(f"{base}{OP}/state", json=old))
        assert inventory(api, keys.vendor_id)[item]["inventoryDetails"]["totalOrderableQuantity"] == 0
