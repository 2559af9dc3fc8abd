"""Modify (full replace), approval requests, partial query/modify, delete."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY, DEMO_RG_CATEGORY
from rocketgrowth.store import tables
from tests.api.helpers import ITEMS, PRODUCTS, create, get, rejected, success
from tests.conftest import LiveServer, VendorKeys
from tests.payloads import (
    SHIPPING,
    as_update,
    common_item,
    hybrid_payload,
    marketplace_payload,
    meta_of,
    rocket_growth_payload,
)

pytestmark = pytest.mark.usefixtures("rendered_stays_current")


def _approved_marketplace(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, options: int = 2, code: int = DEMO_MARKETPLACE_CATEGORY
) -> dict[str, Any]:
    payload = marketplace_payload(live.services, vendor.vendor_id, code, options=options, requested=True)
    return get(api, create(api, payload))


def test_update_adds_updates_and_deletes_unapproved_options(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, options=3)
    view = get(api, create(api, payload))
    body = as_update(view)
    kept, dropped = body["items"][0], body["items"][2]
    kept["itemName"] = "바뀐 이름"
    kept["salePrice"] = 20000
    kept["originalPrice"] = 25000
    meta = meta_of(live.services, DEMO_MARKETPLACE_CATEGORY)
    added = {**common_item(meta, 7, name="새 옵션"), "originalPrice": 5000, "salePrice": 5000, "maximumBuyCount": 3}
    body["items"] = [kept, body["items"][1], added]
    assert success(api.put(PRODUCTS, json=body)) == view["sellerProductId"]
    after = get(api, view["sellerProductId"])
    names = [i["itemName"] for i in after["items"]]
    assert names == ["바뀐 이름", view["items"][1]["itemName"], "새 옵션"]
    assert after["items"][0]["sellerProductItemId"] == kept["sellerProductItemId"]
    assert after["items"][0]["salePrice"] == 20000  # not approved yet: the modify changes the price
    ids = {i["sellerProductItemId"] for i in after["items"]}
    assert dropped["sellerProductItemId"] not in ids
    assert after["statusName"] == "임시저장"


def test_approved_option_cannot_be_deleted_and_keeps_its_price(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    view = _approved_marketplace(live, vendor, api)
    body = as_update(view)
    body["items"] = body["items"][:1]
    message = rejected(api.put(PRODUCTS, json=body))
    assert message.startswith("vendorItem로 생성된 아이템은 삭제가 불가능합니다.")
    body = as_update(view)
    body["items"][0]["salePrice"] = 99990
    body["items"][0]["originalPrice"] = 99990
    body["requested"] = True
    success(api.put(PRODUCTS, json=body))
    after = get(api, view["sellerProductId"])
    assert after["items"][0]["salePrice"] == 10000  # price of an approved option: vendor-item API only
    assert after["statusName"] == "승인완료"
    assert after["items"][0]["vendorItemId"] == view["items"][0]["vendorItemId"]


def test_modify_rules(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    view = _approved_marketplace(live, vendor, api)
    body = as_update(view)
    body["displayCategoryCode"] = DEMO_RG_CATEGORY
    assert "노출카테고리" in rejected(api.put(PRODUCTS, json=body))
    body = as_update(view)
    body["items"][0]["sellerProductItemId"] = 31999999999
    assert "존재하지 않는 옵션" in rejected(api.put(PRODUCTS, json=body))
    body = as_update(view)
    del body["sellerProductId"]
    assert rejected(api.put(PRODUCTS, json=body)) == "업체상품아이디를 입력해주세요"
    assert get(api, view["sellerProductId"]) == view  # nothing changed by the rejections


def test_approval_request_rules(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    pid = create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY))
    r = api.put(f"{PRODUCTS}/{pid}/approvals")
    assert r.json()["data"] == str(pid)
    assert "승인 요청되었습니다" in r.json()["message"]
    assert get(api, pid)["statusName"] == "승인완료"
    assert "승인요청 가능한 상태가 아닙니다" in rejected(api.put(f"{PRODUCTS}/{pid}/approvals"))
    rg = create(api, rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY))
    assert (
        rejected(api.put(f"{PRODUCTS}/{rg}/approvals")) == "현재 Open API에서는 로켓상품 관련 기능을 제공하지 않습니다"
    )


def test_rocket_growth_enters_review_through_modify(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    pid = create(api, rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY))
    body = as_update(get(api, pid))
    body["requested"] = True
    success(api.put(PRODUCTS, json=body))
    assert get(api, pid)["statusName"] == "승인완료"


def test_adding_rocket_growth_to_a_marketplace_option(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    view = _approved_marketplace(live, vendor, api, options=1, code=DEMO_RG_CATEGORY)
    flat = view["items"][0]
    body = as_update(view)
    item = body["items"][0]
    for key in ("originalPrice", "salePrice", "maximumBuyCount", "sellerProductItemId", "vendorItemId"):
        item.pop(key)
    item["marketplaceItemData"] = {
        "sellerProductItemId": flat["sellerProductItemId"],
        "vendorItemId": flat["vendorItemId"],
        "priceData": {"originalPrice": flat["originalPrice"], "salePrice": flat["salePrice"]},
        "maximumBuyCount": flat["maximumBuyCount"],
    }
    item["rocketGrowthItemData"] = {"priceData": {"originalPrice": 0, "salePrice": 9000}}
    body["marketplaceShippingAndReturnInfo"] = {k: view[k] for k in SHIPPING}
    body["rocketGrowthAdditionalInformation"] = {"rfmInboundName": "추가", "legalAgreement": "AGREE"}
    body["displayCategoryCode"] = view["displayCategoryCode"]
    body["requested"] = True
    success(api.put(PRODUCTS, json=body))
    after = get(api, view["sellerProductId"])
    assert after["registrationType"] == "RFM"
    rg = after["items"][0]["rocketGrowthItemData"]
    assert rg["barcode"] == f"S00{rg['sellerProductItemId']}"
    assert isinstance(rg["vendorItemId"], int)
    assert after["items"][0]["marketplaceItemData"]["vendorItemId"] == flat["vendorItemId"]


def test_barcode_and_sku_locked_after_inbound_and_reused_when_omitted(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    pid = create(
        api, rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, barcodes=["8809000000011"])
    )
    view = get(api, pid)
    rg_item = view["items"][0]["rocketGrowthItemData"]["sellerProductItemId"]
    # before any inbound: the barcode may change; omitted → reused
    body = as_update(view)
    del body["items"][0]["rocketGrowthItemData"]["barcode"]
    del body["items"][0]["rocketGrowthItemData"]["skuInfo"]
    success(api.put(PRODUCTS, json=body))
    kept = get(api, pid)["items"][0]["rocketGrowthItemData"]
    assert kept["barcode"] == "8809000000011"
    assert kept["skuInfo"]["width"] == 100
    with live.services.db.write() as conn:
        conn.execute(
            update(tables.vendor_items)
            .where(tables.vendor_items.c.seller_product_item_id == rg_item)
            .values(inbound_status="CREATED")
        )
    body = as_update(get(api, pid))
    body["items"][0]["rocketGrowthItemData"]["barcode"] = "8809000000028"
    assert "입고" in rejected(api.put(PRODUCTS, json=body))
    body = as_update(get(api, pid))
    body["items"][0]["rocketGrowthItemData"]["skuInfo"]["width"] = 999
    assert "skuInfo" in rejected(api.put(PRODUCTS, json=body))
    body = as_update(get(api, pid))
    del body["items"][0]["rocketGrowthItemData"]["barcode"]
    body["items"][0]["itemName"] = "이름만 변경"
    success(api.put(PRODUCTS, json=body))
    assert get(api, pid)["items"][0]["rocketGrowthItemData"]["barcode"] == "8809000000011"


def test_partial_query_and_modify(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    view = _approved_marketplace(live, vendor, api, options=1)
    pid = view["sellerProductId"]
    partial = success(api.get(f"{PRODUCTS}/{pid}/partial"))
    assert partial["sellerProductId"] == pid
    assert partial["returnCharge"] == 2500
    success(api.put(f"{PRODUCTS}/{pid}/partial", json={"sellerProductId": pid, "returnCharge": 3000}))
    assert get(api, pid)["returnCharge"] == 3000
    assert get(api, pid)["statusName"] == "승인완료"
    bad = {"sellerProductId": pid, "deliveryChargeType": "NOT_FREE", "freeShipOverAmount": 5000}
    assert "유료 배송" in rejected(api.put(f"{PRODUCTS}/{pid}/partial", json=bad))
    rg = create(api, rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY))
    assert "로켓그로스" in rejected(api.get(f"{PRODUCTS}/{rg}/partial"))


def test_delete_rules(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    view = _approved_marketplace(live, vendor, api, options=1)
    pid = view["sellerProductId"]
    assert "삭제가 불가능한 상태" in rejected(api.delete(f"{PRODUCTS}/{pid}"))
    success(api.put(f"{ITEMS}/{view['items'][0]['vendorItemId']}/sales/stop"))
    r = api.delete(f"{PRODUCTS}/{pid}")
    assert success(r) == str(pid)
    assert r.json()["message"] == "삭제되었습니다"
    assert get(api, pid)["statusName"] == "상품삭제"
    assert "삭제" in rejected(api.delete(f"{PRODUCTS}/{pid}"))
    rg = create(api, rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY))
    assert "로켓그로스" in rejected(api.delete(f"{PRODUCTS}/{rg}"))
    draft = create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY))
    success(api.delete(f"{PRODUCTS}/{draft}"))


def test_get_then_put_roundtrip_is_accepted_for_every_shape(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    for payload in (
        marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, requested=True, options=2),
        rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, requested=True, options=2),
        hybrid_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, requested=True, options=2),
    ):
        view = get(api, create(api, payload))
        body = as_update(view)
        body["requested"] = True
        success(api.put(PRODUCTS, json=copy.deepcopy(body)))
        after = get(api, view["sellerProductId"])
        assert after["items"] == view["items"] or len(after["items"]) == len(view["items"])
        assert after["statusName"] == "승인완료"
