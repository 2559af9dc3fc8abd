"""Vendor-item APIs on marketplace and Rocket Growth vendorItemIds."""

from __future__ import annotations

import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY, DEMO_RG_CATEGORY
from tests.api.helpers import ITEMS, create, get, rejected, success, vendor_item_ids
from tests.conftest import LiveServer, VendorKeys, make_vendor, signed_client
from tests.payloads import hybrid_payload, marketplace_payload

pytestmark = pytest.mark.usefixtures("rendered_stays_current")


@pytest.fixture
def items(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> list[int]:
    """[marketplace vendorItemId, hybrid marketplace, hybrid RG] of approved products."""
    mp = get(
        api,
        create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, requested=True)),
    )
    hy = get(api, create(api, hybrid_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, requested=True)))
    return vendor_item_ids(mp) + vendor_item_ids(hy)


def test_inventory_quantity_sale_and_prices(api: httpx.Client, items: list[int]) -> None:
    for vid in items:
        inv = success(api.get(f"{ITEMS}/{vid}/inventories"))
        assert inv["sellerItemId"] == vid
        assert inv["onSale"] is True
        r = api.put(f"{ITEMS}/{vid}/quantities/77")
        assert r.json() == {"code": "SUCCESS", "message": "재고 변경을 완료했습니다.", "data": None}
        assert success(api.put(f"{ITEMS}/{vid}/prices/{inv['salePrice'] + 1000}")) is None
        success(api.put(f"{ITEMS}/{vid}/sales/stop"))
        inv = success(api.get(f"{ITEMS}/{vid}/inventories"))
        assert (inv["amountInStock"], inv["onSale"]) == (77, False)
        assert api.put(f"{ITEMS}/{vid}/sales/resume").json()["message"] == "판매가 재개되었습니다."
        r = api.put(f"{ITEMS}/{vid}/original-prices/50000")
        assert r.json()["message"] == "할인율 기준가격이 변경되었습니다."


def test_price_rules(api: httpx.Client, items: list[int]) -> None:
    vid = items[0]
    assert "10원 단위" in rejected(api.put(f"{ITEMS}/{vid}/prices/10005"))
    assert "최대 50% 인하/최대 100%인상" in rejected(api.put(f"{ITEMS}/{vid}/prices/30000"))
    assert "최대 50% 인하" in rejected(api.put(f"{ITEMS}/{vid}/prices/4990"))
    success(api.put(f"{ITEMS}/{vid}/prices/30000", params={"forceSalePriceUpdate": "true"}))
    assert success(api.get(f"{ITEMS}/{vid}/inventories"))["salePrice"] == 30000
    assert rejected(api.put(f"{ITEMS}/{vid}/quantities/100000")) == "유효하지 않은 재고수량입니다."
    assert "숫자형" in rejected(api.put(f"{ITEMS}/{vid}/quantities/abc"))
    assert "10원 단위" in rejected(api.put(f"{ITEMS}/{vid}/original-prices/15"))


def test_prices_on_the_product_view(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    view = get(api, create(api, hybrid_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, requested=True)))
    rg = view["items"][0]["rocketGrowthItemData"]
    success(api.put(f"{ITEMS}/{rg['vendorItemId']}/prices/12000"))
    after = get(api, view["sellerProductId"])["items"][0]
    assert after["rocketGrowthItemData"]["priceData"]["salePrice"] == 12000
    assert after["marketplaceItemData"]["priceData"]["salePrice"] == 10000


def test_unknown_foreign_and_malformed_vendor_items(live: LiveServer, api: httpx.Client, items: list[int]) -> None:
    # the quantity change's documented text (`Failed to change the inventory. [vendoritemid … not found]`),
    # each API in its own words; never a parser's internal message
    unknown = 79999999999
    for method, path, action in (
        ("PUT", "quantities/10", "재고변경"),
        ("PUT", "prices/10000", "가격변경"),
        ("PUT", "original-prices/10000", "할인율 기준가격 변경"),
        ("PUT", "sales/resume", "판매재개"),
        ("PUT", "sales/stop", "판매중지"),
        ("GET", "inventories", "재고조회"),
    ):
        message = rejected(api.request(method, f"{ITEMS}/{unknown}/{path}"))
        assert message == f"{action}에 실패했습니다. [vendoritemid {unknown} not found]"
    assert rejected(api.get(f"{ITEMS}/x1/inventories")) == "옵션ID[x1]는 숫자형으로 입력해주세요"
    other = make_vendor(live.services)
    with signed_client(live, other) as api2:
        r = api2.put(f"{ITEMS}/{items[0]}/prices/20000")
        assert rejected(r) == f"가격변경에 실패했습니다. [vendoritemid {items[0]} not found]"
        assert "amountInStock" not in api2.get(f"{ITEMS}/{items[0]}/inventories").text
    assert success(api.get(f"{ITEMS}/{items[0]}/inventories"))["salePrice"] == 10000


def test_unapproved_option_has_no_vendor_item(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    view = get(api, create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY)))
    assert vendor_item_ids(view) == []


def test_a_write_waits_for_another_process_off_the_event_loop(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, items: list[int]
) -> None:
    """SQLite writes run on the event loop, but one that finds the write lock taken by another process
    waits for it in the thread pool: meanwhile the server keeps answering, and the write then succeeds."""
    if not live.services.db.is_sqlite:
        pytest.skip("SQLite's write lock")
    vid = items[0]
    price = success(api.get(f"{ITEMS}/{vid}/inventories"))["salePrice"] + 10
    other = sqlite3.connect(live.services.db.engine.url.database or "", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with signed_client(live, vendor) as writer, ThreadPoolExecutor(1) as pool:
        try:
            pending = pool.submit(writer.put, f"{ITEMS}/{vid}/prices/{price}")
            time.sleep(0.3)
            # answered while the write still waits for the lock, with what was there before it
            assert success(api.get(f"{ITEMS}/{vid}/inventories"))["salePrice"] == price - 10
            assert not pending.done()
        finally:
            other.rollback()
            other.close()
        assert success(pending.result(timeout=30)) is None
    assert success(api.get(f"{ITEMS}/{vid}/inventories"))["salePrice"] == price
