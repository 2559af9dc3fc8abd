"""Product payloads as real clients send them, filled from the category's live metadata.

Plain functions with keyword overrides: ``marketplace_payload``, ``rocket_growth_payload``,
``hybrid_payload``; each option gets attributes and notices that satisfy the category's metadata.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the SDK-only test venv has no server
    from rocketgrowth.services import Services

_counter = itertools.count(1)

SHIPPING: dict[str, Any] = {
    "deliveryMethod": "SEQUENCIAL",
    "deliveryCompanyCode": "KGB",
    "deliveryChargeType": "FREE",
    "deliveryCharge": 0,
    "freeShipOverAmount": 0,
    "deliveryChargeOnReturn": 2500,
    "remoteAreaDeliverable": "N",
    "unionDeliveryType": "UNION_DELIVERY",
    "returnCenterCode": "1000274592",
    "returnChargeName": "반품지_1",
    "companyContactNumber": "02-1234-678",
    "returnZipCode": "135-090",
    "returnAddress": "서울특별시 강남구 삼성동",
    "returnAddressDetail": "333",
    "returnCharge": 2500,
    "returnChargeVendor": "N",
    "afterServiceInformation": "A/S안내 1544-1255",
    "afterServiceContactNumber": "1544-1255",
    "outboundShippingPlaceCode": 74010,
}

SKU_INFO: dict[str, Any] = {
    "width": 100,
    "length": 200,
    "height": 50,
    "weight": 500,
    "netWeight": 450,
    "fragile": False,
    "quantityPerBox": 1,
    "distributionPeriod": 0,
    "expiredAtManaged": False,
}


def meta_of(services: Services, code: int) -> dict[str, Any]:
    with services.db.read() as conn:
        meta = services.categories.meta(conn, code)
    assert meta is not None, f"category {code} has no metadata"
    return dict(meta.to_wire())


def _value(attr: Mapping[str, Any], n: int) -> str:
    values = attr.get("inputValues") or []
    if attr.get("inputType") == "SELECT" and values:
        return str(values[n % len(values)])
    unit = attr.get("basicUnit") or "없음"
    usable = attr.get("usableUnits") or []
    if attr.get("dataType") == "NUMBER":
        suffix = "" if unit == "없음" else (unit if not usable or unit in usable else usable[0])
        return f"{n + 1}{suffix}"
    return f"옵션{n + 1}"


def attributes_for(meta: Mapping[str, Any], n: int) -> list[dict[str, Any]]:
    """Mandatory attributes (one per group) plus every exposed attribute, with values distinct per ``n``."""
    out: list[dict[str, Any]] = []
    groups: set[str] = set()
    for attr in meta.get("attributes", []):
        group = str(attr.get("groupNumber") or "NONE")
        mandatory = attr.get("required") == "MANDATORY"
        if mandatory and group != "NONE":
            if group in groups:
                continue
            groups.add(group)
        if mandatory or (attr.get("exposed") == "EXPOSED" and group == "NONE"):
            out.append({"attributeTypeName": attr["attributeTypeName"], "attributeValueName": _value(attr, n)})
    return out


def notices_for(meta: Mapping[str, Any]) -> list[dict[str, Any]]:
    category = meta["noticeCategories"][0]
    return [
        {
            "noticeCategoryName": category["noticeCategoryName"],
            "noticeCategoryDetailName": d["noticeCategoryDetailName"],
            "content": "상품 상세페이지 참조",
        }
        for d in category["noticeCategoryDetailNames"]
    ]


def common_item(meta: Mapping[str, Any], n: int, *, name: str | None = None) -> dict[str, Any]:
    conditions = meta.get("allowedOfferConditions") or ["NEW"]
    return {
        "itemName": name or f"옵션 {n + 1}",
        "maximumBuyForPerson": 0,
        "maximumBuyForPersonPeriod": 1,
        "outboundShippingTimeDay": 1,
        "unitCount": 1,
        "adultOnly": "EVERYONE",
        "taxType": "TAX",
        "parallelImported": "NOT_PARALLEL_IMPORTED",
        "overseasPurchased": "NOT_OVERSEAS_PURCHASED",
        "pccNeeded": False,
        "offerCondition": "NEW" if "NEW" in conditions else conditions[0],
        "certifications": [{"certificationType": "NOT_REQUIRED", "certificationCode": ""}],
        "searchTags": ["검색어1", "테스트"],
        "images": [{"imageOrder": 0, "imageType": "REPRESENTATION", "vendorPath": f"https://img.example.com/{n}.jpg"}],
        "notices": notices_for(meta),
        "attributes": attributes_for(meta, n),
        "contents": [{"contentsType": "TEXT", "contentDetails": [{"content": "<p>상세</p>", "detailType": "TEXT"}]}],
    }


def _head(vendor_id: str, code: int, requested: bool, name: str | None) -> dict[str, Any]:
    serial = next(_counter)
    return {
        "displayCategoryCode": code,
        "sellerProductName": name or f"테스트 상품 {serial}",
        "vendorId": vendor_id,
        "saleStartedAt": "2024-11-01T00:00:00",
        "saleEndedAt": "2099-12-31T23:59:59",
        "displayProductName": "테스트 상품",
        "brand": "테스트브랜드",
        "generalProductName": "테스트 상품",
        "manufacture": "테스트제조사",
        "vendorUserId": "tester",
        "requested": requested,
    }


def marketplace_payload(
    services: Services, vendor_id: str, code: int, *, options: int = 1, requested: bool = False,
    name: str | None = None, sku: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The existing flat schema: shipping at the top level, price and stock on each item."""
    meta = meta_of(services, code)
    items = []
    for n in range(options):
        item = common_item(meta, n)
        item.update(
            {"originalPrice": 13000, "salePrice": 10000, "maximumBuyCount": 100, "emptyBarcode": True,
             "emptyBarcodeReason": "상품확인불가_바코드없음사유", "externalVendorSku": f"{sku}-{n}" if sku else None}
        )  # fmt: skip
        items.append({k: v for k, v in item.items() if v is not None})
    return {**_head(vendor_id, code, requested, name), **SHIPPING, "items": items}


def _rg_block(n: int, barcode: str | None, sku_info: Mapping[str, Any] | None, sku: str | None) -> dict[str, Any]:
    block: dict[str, Any] = {"priceData": {"originalPrice": 0, "salePrice": 9000}, "modelNo": f"M-{n}"}
    if barcode:
        block["barcode"] = barcode
    if sku_info is not None:
        block["skuInfo"] = dict(sku_info)
    if sku:
        block["externalVendorSku"] = f"{sku}-{n}"
    return block


def rocket_growth_payload(
    services: Services, vendor_id: str, code: int, *, options: int = 1, requested: bool = False,
    barcodes: list[str] | None = None, sku_info: Mapping[str, Any] | None = None, hybrid: bool = False,
    name: str | None = None, sku: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The new schema: ``rocketGrowthItemData`` on each item (and ``marketplaceItemData`` when hybrid)."""
    meta = meta_of(services, code)
    needs_expiry = bool(meta.get("isExpirationDateRequiredForRocketGrowth"))
    info = dict(sku_info) if sku_info is not None else dict(SKU_INFO)
    if sku_info is None and needs_expiry:
        info.update({"distributionPeriod": 365, "expiredAtManaged": True})
    items = []
    for n in range(options):
        item = common_item(meta, n)
        barcode = barcodes[n] if barcodes else None
        item["rocketGrowthItemData"] = _rg_block(n, barcode, info, sku)
        item["marketplaceItemData"] = (
            {"priceData": {"originalPrice": 12000, "salePrice": 10000}, "maximumBuyCount": 50} if hybrid else None
        )
        items.append(item)
    payload = {
        **_head(vendor_id, code, requested, name),
        "rocketGrowthAdditionalInformation": {"rfmInboundName": "테스트 입고", "legalAgreement": "AGREE"},
        "items": items,
    }
    if hybrid:
        payload["marketplaceShippingAndReturnInfo"] = dict(SHIPPING)
    return payload


def hybrid_payload(services: Services, vendor_id: str, code: int, **kwargs: Any) -> dict[str, Any]:
    return rocket_growth_payload(services, vendor_id, code, hybrid=True, **kwargs)


def as_update(view: Mapping[str, Any]) -> dict[str, Any]:
    """A query result turned into a modify body, as ``products.edit`` does (GET → change → PUT)."""
    body = copy.deepcopy(dict(view))
    if "rocketGrowthAdditionalInformation" in body and any(i.get("rocketGrowthItemData") for i in body["items"]):
        body["rocketGrowthAdditionalInformation"] = {
            **(body["rocketGrowthAdditionalInformation"] or {}),
            "legalAgreement": "AGREE",
        }
    return body
