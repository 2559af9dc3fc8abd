"""List paging (nextToken, businessTypes=rocketGrowth, filters), time frame, history, summary by SKU."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from rocketgrowth.clock import KST
from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY, DEMO_RG_CATEGORY
from tests.api.helpers import PRODUCTS, create, rejected, success
from tests.conftest import LiveServer, VendorKeys, make_vendor, signed_client
from tests.payloads import hybrid_payload, marketplace_payload, rocket_growth_payload

pytestmark = pytest.mark.usefixtures("rendered_stays_current")


def _page(api: httpx.Client, **params: object) -> dict:
    r = api.get(PRODUCTS, params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["code"] == "SUCCESS"
    return body


def _all_ids(api: httpx.Client, vendor_id: str, **params: object) -> list[int]:
    ids: list[int] = []
    token = ""
    while True:
        query = {"vendorId": vendor_id, "maxPerPage": 4, **params}
        if token:
            query["nextToken"] = token
        body = _page(api, **query)
        ids += [row["sellerProductId"] for row in body["data"]]
        token = body["nextToken"]
        if not token:
            return ids


def test_paging_old_and_rocket_growth_formats(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    s = live.services
    mp = [create(api, marketplace_payload(s, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY)) for _ in range(5)]
    rg = [create(api, rocket_growth_payload(s, vendor.vendor_id, DEMO_RG_CATEGORY)) for _ in range(3)]
    hy = [create(api, hybrid_payload(s, vendor.vendor_id, DEMO_RG_CATEGORY, requested=True)) for _ in range(2)]
    assert _all_ids(api, vendor.vendor_id) == sorted(mp + hy)
    assert _all_ids(api, vendor.vendor_id, businessTypes="rocketGrowth") == sorted(rg + hy)
    body = _page(api, vendorId=vendor.vendor_id, businessTypes="rocketGrowth", sellerProductId=hy[0])
    row = body["data"][0]
    item = row["items"][0]
    assert set(item) == {"itemName", "marketPlaceItemData", "rocketGrowthItemData"}
    assert isinstance(item["marketPlaceItemData"]["vendorItemId"], int)
    assert item["marketPlaceItemData"]["vendorItemId"] != item["rocketGrowthItemData"]["vendorItemId"]
    assert row["statusName"] == "승인완료"
    old = _page(api, vendorId=vendor.vendor_id, maxPerPage=1)
    assert "items" not in old["data"][0]
    assert old["nextToken"]
    assert _page(api, vendorId=vendor.vendor_id, businessType="rocketGrowth", maxPerPage=100)["nextToken"] == ""


def test_filters(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    s = live.services
    a = create(api, marketplace_payload(s, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, name="한글 상품 & 특수=문자?"))
    b = create(api, marketplace_payload(s, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, requested=True))
    assert _all_ids(api, vendor.vendor_id, sellerProductName="특수=문자") == [a]
    assert _all_ids(api, vendor.vendor_id, status="APPROVED") == [b]
    assert _all_ids(api, vendor.vendor_id, status="SAVED") == [a]
    assert _all_ids(api, vendor.vendor_id, manufacture="테스트제조사") == [a, b]
    today = datetime.now(UTC).astimezone(KST).strftime("%Y-%m-%d")
    assert _all_ids(api, vendor.vendor_id, createdAt=today) == [a, b]
    assert _all_ids(api, vendor.vendor_id, createdAt="2015-12-17") == []


def test_name_filter_matches_like_wildcards_literally(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    s = live.services
    names = ["세일 50%_할인/특가", "세일 50퍼센트 할인", "세일 50%X할인", "세일 50//할인"]
    ids = [create(api, marketplace_payload(s, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, name=n)) for n in names]
    assert _all_ids(api, vendor.vendor_id, sellerProductName="50%_") == [ids[0]]
    assert _all_ids(api, vendor.vendor_id, sellerProductName="50%") == [ids[0], ids[2]]
    assert _all_ids(api, vendor.vendor_id, sellerProductName="/특") == [ids[0]]
    assert _all_ids(api, vendor.vendor_id, sellerProductName="//") == [ids[3]]
    assert _all_ids(api, vendor.vendor_id, sellerProductName="세일 50") == ids


def test_list_errors(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    assert rejected(api.get(PRODUCTS)) == "Vendor code must be entered."
    assert rejected(api.get(PRODUCTS, params={"vendorId": vendor.vendor_id, "createdAt": "2024/01/01"})) == (
        "Format of createdAt is `yyyy-MM-dd`"
    )
    assert "maxPerPage" in rejected(api.get(PRODUCTS, params={"vendorId": vendor.vendor_id, "maxPerPage": 101}))
    assert "sellerProductName" in rejected(
        api.get(PRODUCTS, params={"vendorId": vendor.vendor_id, "sellerProductName": "가" * 21})
    )
    assert "nextToken" in rejected(api.get(PRODUCTS, params={"vendorId": vendor.vendor_id, "nextToken": "123456789"}))
    assert rejected(api.get(PRODUCTS, params={"vendorId": "A99999999"})) == "업체코드가 잘못 되었습니다."
    assert "status" in rejected(api.get(PRODUCTS, params={"vendorId": vendor.vendor_id, "status": "NOPE"}))


def test_token_is_bound_to_filter_and_vendor(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    for _ in range(3):
        create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY))
    token = _page(api, vendorId=vendor.vendor_id, maxPerPage=1)["nextToken"]
    assert token.isdigit()
    other_filter = {"vendorId": vendor.vendor_id, "nextToken": token, "status": "SAVED"}
    assert "nextToken" in rejected(api.get(PRODUCTS, params=other_filter))
    other = make_vendor(live.services)
    with signed_client(live, other) as api2:
        assert "nextToken" in rejected(api2.get(PRODUCTS, params={"vendorId": other.vendor_id, "nextToken": token}))
    assert _page(api, vendorId=vendor.vendor_id, maxPerPage=1, nextToken=token)["data"]


def test_time_frame(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    pid = create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY))
    now = datetime.now(UTC).astimezone(KST)
    fmt = "%Y-%m-%dT%H:%M:%S"
    params = {
        "vendorId": vendor.vendor_id,
        "createdAtFrom": (now - timedelta(minutes=5)).strftime(fmt),
        "createdAtTo": (now + timedelta(minutes=4)).strftime(fmt),
    }
    rows = success(api.get(f"{PRODUCTS}/time-frame", params=params))
    assert [r["sellerProductId"] for r in rows] == [pid]
    params["createdAtTo"] = (now + timedelta(minutes=6)).strftime(fmt)
    assert rejected(api.get(f"{PRODUCTS}/time-frame", params=params)) == (
        "검색 허용 범위를 초과했습니다. 최대 허용 범위는 10분입니다."
    )


def test_history_pages(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    pid = create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, requested=True))
    first = api.get(f"{PRODUCTS}/{pid}/histories", params={"maxPerPage": 2}).json()
    assert [h["status"] for h in first["data"]] == ["승인완료", "승인대기중"]
    second = api.get(f"{PRODUCTS}/{pid}/histories", params={"maxPerPage": 2, "nextToken": first["nextToken"]}).json()
    assert [h["status"] for h in second["data"]] == ["승인요청", "임시저장"]
    assert second["data"][1]["createdBy"] == "tester"
    assert second["data"][1]["comment"] == "판매자 임시저장"


def test_list_products_by_external_sku(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    pid = create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, sku="SKU-한글 1"))
    rows = success(api.get(f"{PRODUCTS}/external-vendor-sku-codes/SKU-한글 1-0"))
    assert [r["sellerProductId"] for r in rows] == [pid]
    assert rows[0]["statusName"] == "임시저장"
    assert success(api.get(f"{PRODUCTS}/external-vendor-sku-codes/none")) == []
