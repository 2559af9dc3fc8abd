"""The pure product rules (the very code the server and the SDK's preflight run)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rocketgrowth.domain.product import BusinessType
from rocketgrowth.domain.product_rules import LEGAL_AGREEMENT_MESSAGE, problems, validate_product
from rocketgrowth.errors import ConsentRequired, Invalid
from tests.payloads import SHIPPING, SKU_INFO

IMAGE = [{"imageOrder": 0, "imageType": "REPRESENTATION", "vendorPath": "https://img.example.com/a.jpg"}]


def item(n: int = 0, **extra: Any) -> dict[str, Any]:
    return {
        "itemName": f"옵션{n}",
        "maximumBuyForPerson": 0,
        "maximumBuyForPersonPeriod": 1,
        "outboundShippingTimeDay": 1,
        "unitCount": 1,
        "adultOnly": "EVERYONE",
        "taxType": "TAX",
        "parallelImported": "NOT_PARALLEL_IMPORTED",
        "overseasPurchased": "NOT_OVERSEAS_PURCHASED",
        "pccNeeded": False,
        "images": IMAGE,
        "attributes": [{"attributeTypeName": "수량", "attributeValueName": f"{n + 1}개"}],
        **extra,
    }


def flat(**extra: Any) -> dict[str, Any]:
    return {
        "displayCategoryCode": 56137,
        "sellerProductName": "상품",
        "vendorId": "A00012345",
        "saleStartedAt": "2024-01-01T00:00:00",
        "saleEndedAt": "2099-01-01T00:00:00",
        "vendorUserId": "me",
        "requested": False,
        **SHIPPING,
        "items": [item(0, originalPrice=13000, salePrice=10000, maximumBuyCount=10)],
        **extra,
    }


def rocket(**extra: Any) -> dict[str, Any]:
    block = {"priceData": {"originalPrice": 0, "salePrice": 9000}, "skuInfo": dict(SKU_INFO)}
    return {
        **{k: v for k, v in flat().items() if k not in SHIPPING},
        "rocketGrowthAdditionalInformation": {"rfmInboundName": "입고", "legalAgreement": "AGREE"},
        "items": [item(0, rocketGrowthItemData=block)],
        **extra,
    }


def test_flat_payload_is_a_marketplace_draft() -> None:
    draft = validate_product(flat(), mode="create")
    assert draft.business_type is BusinessType.MARKETPLACE
    option = draft.options[0]
    assert option.marketplace is not None
    assert (option.marketplace.sale_price, option.marketplace.quantity) == (10000, 10)
    assert draft.body["marketplaceShippingAndReturnInfo"]["deliveryMethod"] == "SEQUENCIAL"
    assert "salePrice" not in draft.body["items"][0]


def test_rocket_growth_draft_keeps_only_the_inbound_name() -> None:
    draft = validate_product(rocket(), mode="create", consent=True, rocket_growth_category=True)
    assert draft.business_type is BusinessType.ROCKET_GROWTH
    assert draft.body["rocketGrowthAdditionalInformation"] == {"rfmInboundName": "입고"}
    assert draft.body["marketplaceShippingAndReturnInfo"] is None


@pytest.mark.parametrize("value", [[None], 50, "x", {"a": 1}])
def test_rocket_growth_block_ignores_a_stock_it_does_not_declare(value: Any) -> None:
    """A Rocket Growth side's stock comes from its inbounds: ``maximumBuyCount`` is no member of
    ``rocketGrowthItemData``, so whatever it holds there is ignored (it reached the database: found by
    ``tests/api/test_hostile_input.py`` as a 500 on PostgreSQL)."""
    payload = rocket()
    payload["items"][0]["rocketGrowthItemData"]["maximumBuyCount"] = value
    draft = validate_product(payload, mode="create", consent=True, rocket_growth_category=True)
    side = draft.options[0].rocket_growth
    assert side is not None
    assert side.quantity == 0


def test_consent_then_agreement() -> None:
    with pytest.raises(ConsentRequired):
        validate_product(rocket(), mode="create", consent=False)
    payload = rocket()
    payload["rocketGrowthAdditionalInformation"]["legalAgreement"] = "Y"
    with pytest.raises(Invalid, match=LEGAL_AGREEMENT_MESSAGE):
        validate_product(payload, mode="create", consent=True)


def test_update_needs_the_product_id() -> None:
    assert problems(flat(), mode="update") == ["업체상품아이디를 입력해주세요"]
    assert problems(flat(sellerProductId="15000000001"), mode="update") == []


def test_vendor_mismatch() -> None:
    assert problems(flat(), mode="create", vendor_id="A00000001") == ["업체코드가 잘못 되었습니다."]


@pytest.mark.parametrize(
    ("path", "value", "needle"),
    [
        (("items", 0, "salePrice"), 10001, "10원 단위"),
        (("items", 0, "originalPrice"), 5000, "할인율기준가"),
        (("deliveryChargeType",), "NOT_FREE", None),
        (("freeShipOverAmount",), 5000, "무료 배송"),
        (("returnCharge",), 1000, "100%~150%"),
        (("saleStartedAt",), "2100-01-01T00:00:00", "판매시작일시"),
        (("items", 0, "images"), [], "images"),
        (("items", 0, "searchTags"), ["x" * 21], "searchTags[0]"),
        (("items", 0, "offerDescription"), "중고 설명", "offerDescription"),
    ],
)
def test_rules_name_the_problem(path: tuple[Any, ...], value: Any, needle: str | None) -> None:
    payload = flat()
    target: Any = payload
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    found = problems(payload, mode="create")
    if needle is None:
        assert found == []
    else:
        assert found
        assert needle in found[0]


def test_sku_info_rules() -> None:
    def with_sku(**sku: Any) -> list[str]:
        payload = rocket()
        payload["items"][0]["rocketGrowthItemData"]["skuInfo"].update(sku)
        return problems(payload, mode="create")

    assert "quantityPerBox" in with_sku(quantityPerBox=3)[0]
    assert "expiredAtManaged" in with_sku(distributionPeriod=10)[0]
    assert with_sku(distributionPeriod=10, expiredAtManaged=True) == []
    assert "width" in with_sku(width=None)[0]


def test_hybrid_needs_shipping_and_every_item_a_block() -> None:
    payload = rocket()
    payload["items"][0]["marketplaceItemData"] = {
        "priceData": {"originalPrice": 0, "salePrice": 9000},
        "maximumBuyCount": 1,
    }
    assert "marketplaceShippingAndReturnInfo" in problems(payload, mode="create")[0]
    payload["marketplaceShippingAndReturnInfo"] = dict(SHIPPING)
    assert problems(payload, mode="create") == []
    payload["items"].append(item(1))
    assert "rocketGrowthItemData 또는 marketplaceItemData" in problems(payload, mode="create")[0]


def test_duplicate_names_barcodes_and_exposed_options() -> None:
    payload = flat()
    payload["items"].append(copy.deepcopy(payload["items"][0]))
    assert "중복된 아이템 이름" in problems(payload, mode="create")[0]
    payload["items"][1]["itemName"] = "다른 이름"
    assert "구매옵션" in problems(payload, mode="create")[0]
    rg = rocket()
    second = copy.deepcopy(rg["items"][0])
    second["itemName"] = "둘"
    second["attributes"] = [{"attributeTypeName": "수량", "attributeValueName": "2개"}]
    rg["items"].append(second)
    for i in rg["items"]:
        i["rocketGrowthItemData"]["barcode"] = "8801234567893"
    assert "중복된 바코드" in problems(rg, mode="create")[0]


@settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(sorted(flat())),
    value=st.one_of(st.none(), st.integers(), st.text(max_size=30), st.booleans(), st.lists(st.integers(), max_size=2)),
)
def test_any_top_level_change_passes_or_is_invalid(key: str, value: Any) -> None:
    """Whatever a field holds, the rules answer with a message (never another exception)."""
    payload = flat()
    payload[key] = value
    for message in problems(payload, mode="create"):
        assert isinstance(message, str)
        assert message
