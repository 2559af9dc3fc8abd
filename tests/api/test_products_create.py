"""Create and query products: both schemas, Rocket Growth rules, consent, ids like the real ones."""

from __future__ import annotations

import httpx
import pytest

from rocketgrowth.domain.categories import (
    DEMO_MARKETPLACE_CATEGORY,
    DEMO_NOT_RG_CATEGORY,
    DEMO_RG_CATEGORY,
    DEMO_RG_EXPIRY_CATEGORY,
)
from tests.api.helpers import PRODUCTS, create, get, rejected, success
from tests.conftest import LiveServer, VendorKeys, make_vendor, signed_client
from tests.payloads import SKU_INFO, hybrid_payload, marketplace_payload, rocket_growth_payload

pytestmark = pytest.mark.usefixtures("rendered_stays_current")


def _count(api: httpx.Client, vendor_id: str) -> int:
    return int(success(api.get(f"{PRODUCTS}/inflow-status"))["registeredCount"])


def test_create_marketplace_saved_is_flat_without_vendor_item_ids(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, options=2)
    pid = create(api, payload)
    assert len(str(pid)) == 11
    view = get(api, pid)
    assert view["sellerProductId"] == pid
    assert view["statusName"] == "임시저장"
    assert view["productId"] is None
    assert view["deliveryChargeType"] == "FREE"  # flat: shipping at the top level
    assert "marketplaceShippingAndReturnInfo" not in view
    for item in view["items"]:
        assert len(str(item["sellerProductItemId"])) == 11
        assert item["vendorItemId"] is None
        assert item["salePrice"] == 10000
        assert item["maximumBuyCount"] == 100
        assert "rocketGrowthItemData" not in item
        assert item["images"][0]["cdnPath"].startswith("vendor_inventory/images/")


def test_create_requested_is_approved_in_auto_mode(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, requested=True)
    view = get(api, create(api, payload))
    assert view["statusName"] == "승인완료"
    assert isinstance(view["productId"], int)
    assert isinstance(view["items"][0]["vendorItemId"], int)
    history = success(api.get(f"{PRODUCTS}/{view['sellerProductId']}/histories"))
    assert [h["status"] for h in reversed(history)] == ["임시저장", "승인요청", "승인대기중", "승인완료"]
    assert history[0]["createdBy"] == "쿠팡 셀러 시스템"


def test_rocket_growth_product_uses_new_schema_and_issues_barcode(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    payload = rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, requested=True, options=2)
    view = get(api, create(api, payload))
    assert view["statusName"] == "승인완료"
    assert view["registrationType"] == "RFM"
    assert view["rocketGrowthAdditionalInformation"] == {"rfmInboundName": "테스트 입고"}  # legalAgreement write-only
    for item in view["items"]:
        rg = item["rocketGrowthItemData"]
        assert item["marketplaceItemData"] is None
        assert rg["barcode"] == f"S00{rg['sellerProductItemId']}"
        assert rg["priceData"]["salePrice"] == 9000
        assert rg["skuInfo"]["quantityPerBox"] == 1
        assert isinstance(rg["vendorItemId"], int)
        assert "salePrice" not in item


def test_hybrid_option_has_two_sides_with_different_ids(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    payload = hybrid_payload(
        live.services, vendor.vendor_id, DEMO_RG_CATEGORY, requested=True, barcodes=["8801234567893"]
    )
    view = get(api, create(api, payload))
    item = view["items"][0]
    mp, rg = item["marketplaceItemData"], item["rocketGrowthItemData"]
    assert mp["sellerProductItemId"] != rg["sellerProductItemId"]
    assert mp["vendorItemId"] != rg["vendorItemId"]
    assert rg["barcode"] == "8801234567893"
    assert view["marketplaceShippingAndReturnInfo"]["deliveryChargeType"] == "FREE"


def test_hybrid_needs_shipping_block(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    payload = hybrid_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY)
    del payload["marketplaceShippingAndReturnInfo"]
    assert "marketplaceShippingAndReturnInfo" in rejected(api.post(PRODUCTS, json=payload))


def test_reads_every_spelling(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    payload = hybrid_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY)
    payload["additionalInformationForRocketGrowth"] = payload.pop("rocketGrowthAdditionalInformation")
    item = payload["items"][0]
    item["marketPlaceItemData"] = item.pop("marketplaceItemData")
    view = get(api, create(api, payload))
    assert view["items"][0]["marketplaceItemData"]["priceData"]["salePrice"] == 10000


def test_consent_required_for_rocket_growth_only(live: LiveServer) -> None:
    keys = make_vendor(live.services, consent=False)
    with signed_client(live, keys) as api:
        before = _count(api, keys.vendor_id)
        rg = rocket_growth_payload(live.services, keys.vendor_id, DEMO_RG_CATEGORY)
        message = rejected(api.post(PRODUCTS, json=rg))
        assert "WING" in message
        assert "동의" in message
        assert _count(api, keys.vendor_id) == before
        mp = marketplace_payload(live.services, keys.vendor_id, DEMO_MARKETPLACE_CATEGORY)
        create(api, mp)


@pytest.mark.parametrize("value", [None, True, "Y", "true", "agree"])
def test_legal_agreement_must_be_the_string_agree(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, value: object
) -> None:
    payload = rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY)
    payload["rocketGrowthAdditionalInformation"]["legalAgreement"] = value
    message = rejected(api.post(PRODUCTS, json=payload))
    assert message == "로켓그로스 입고 불가 조건을 확인하시고 동의해주세요" or "legalAgreement" in message


def test_quantity_per_box_must_be_one(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    payload = rocket_growth_payload(
        live.services, vendor.vendor_id, DEMO_RG_CATEGORY, sku_info={**SKU_INFO, "quantityPerBox": 2}
    )
    assert "quantityPerBox" in rejected(api.post(PRODUCTS, json=payload))


def test_expiry_category_needs_distribution_period(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    payload = rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_EXPIRY_CATEGORY, sku_info=SKU_INFO)
    assert "distributionPeriod" in rejected(api.post(PRODUCTS, json=payload))
    ok = rocket_growth_payload(
        live.services, vendor.vendor_id, DEMO_RG_EXPIRY_CATEGORY,
        sku_info={**SKU_INFO, "distributionPeriod": 180, "expiredAtManaged": True},
    )  # fmt: skip
    create(api, ok)


def test_expired_at_managed_follows_distribution_period(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    payload = rocket_growth_payload(
        live.services, vendor.vendor_id, DEMO_RG_CATEGORY, sku_info={**SKU_INFO, "distributionPeriod": 30}
    )
    assert "expiredAtManaged" in rejected(api.post(PRODUCTS, json=payload))


def test_rocket_growth_needs_a_rocket_growth_category(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    payload = rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY)
    payload["displayCategoryCode"] = DEMO_NOT_RG_CATEGORY
    assert "로켓그로스" in rejected(api.post(PRODUCTS, json=payload))


def test_duplicate_barcode_is_refused_and_nothing_is_stored(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    first = rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, barcodes=["4006381333931"])
    create(api, first)
    before = _count(api, vendor.vendor_id)
    again = rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, barcodes=["4006381333931"])
    assert rejected(api.post(PRODUCTS, json=again)).startswith("중복된 바코드가 존재합니다.")
    assert _count(api, vendor.vendor_id) == before
    twice = rocket_growth_payload(
        live.services, vendor.vendor_id, DEMO_RG_CATEGORY, options=2, barcodes=["5012345678900", "5012345678900"]
    )
    assert "중복된 바코드" in rejected(api.post(PRODUCTS, json=twice))


def test_other_vendor_may_reuse_a_barcode(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    create(api, rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, barcodes=["9780201379624"]))
    other = make_vendor(live.services)
    with signed_client(live, other) as api2:
        create(
            api2, rocket_growth_payload(live.services, other.vendor_id, DEMO_RG_CATEGORY, barcodes=["9780201379624"])
        )


def test_wrong_vendor_id_in_body(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY)
    payload["vendorId"] = "A99999999"
    assert rejected(api.post(PRODUCTS, json=payload)) == "업체코드가 잘못 되었습니다."


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda p: p.pop("sellerProductName"), "sellerProductName"),
        (lambda p: p.update(displayProductName="가" * 101), "displayProductName"),
        (lambda p: p["items"][0].update(salePrice=10005), "10원 단위"),
        (lambda p: p["items"][0].update(salePrice="abc"), "items[0].salePrice"),
        (lambda p: p["items"][0].update(images=[]), "images"),
        (lambda p: p.update(deliveryChargeType="FREE", deliveryCharge=2500), "무료 배송"),
        (lambda p: p.update(saleEndedAt="2100-01-01T00:00:00"), "2099"),
        (lambda p: p.update(displayCategoryCode=1), "카테고리"),
        (lambda p: p["items"].append(dict(p["items"][0])), "중복된 아이템 이름"),
        (lambda p: p.update(items="nope"), "items"),
        (lambda p: p["items"][0].update(adultOnly="KIDS"), "adultOnly"),
    ],
)
def test_invalid_payloads_name_the_field_and_store_nothing(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, change: object, needle: str
) -> None:
    payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY)
    change(payload)  # type: ignore[operator]
    before = _count(api, vendor.vendor_id)
    assert needle in rejected(api.post(PRODUCTS, json=payload))
    assert _count(api, vendor.vendor_id) == before


def test_malformed_json_body(api: httpx.Client) -> None:
    r = api.post(PRODUCTS, content=b'{"sellerProductName": ', headers={"Content-Type": "application/json"})
    assert rejected(r).startswith("입력값에 오류가 있습니다.")


def test_non_numeric_and_foreign_ids(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    assert rejected(api.get(f"{PRODUCTS}/abc")) == "업체상품아이디[abc]는 숫자형으로 입력해주세요"
    assert "숫자형" in rejected(api.get(f"{PRODUCTS}/-5"))
    pid = create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY))
    other = make_vendor(live.services)
    with signed_client(live, other) as api2:
        r = api2.get(f"{PRODUCTS}/{pid}")
        assert rejected(r) == "업체코드가 잘못 되었습니다."
        assert "테스트" not in r.text
    assert "존재하지 않습니다" in rejected(api.get(f"{PRODUCTS}/99999999999"))


def test_inflow_status(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    data = success(api.get(f"{PRODUCTS}/inflow-status"))
    assert data == {"vendorId": vendor.vendor_id, "restricted": False, "registeredCount": 0, "permittedCount": None}
    create(api, marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY))
    assert success(api.get(f"{PRODUCTS}/inflow-status"))["registeredCount"] == 1
