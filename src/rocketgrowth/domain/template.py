"""A product payload to start from, built from a category's metadata; pure.

``product_template`` fills every field a create needs with the first value the category's rules allow,
so the payload passes ``product_rules.validate_product`` (and the server) as it is, and a seller only
replaces the placeholders (names, images, prices, barcode, the return address):

* mandatory attributes (one per numbered group): a SELECT one gets its first allowed value, a NUMBER
  one ``1`` with an allowed unit, a DATE one ``sale_started_at``'s date, any other a placeholder; a
  category that cannot be sold as a single item gets its first exposed attribute too;
* the first notice category with every one of its details (``상품 상세페이지 참조``);
* a mandatory certification (with a placeholder code when it needs one), else ``NOT_REQUIRED``;
* a placeholder link for every MANDATORY document;
* Rocket Growth: ``skuInfo`` with ``quantityPerBox`` 1, and a shelf life when the category's
  ``isExpirationDateRequiredForRocketGrowth`` asks for one;
* marketplace: the flat schema (shipping and return fields at the top level, as the API creates a
  marketplace product); hybrid: ``marketplaceShippingAndReturnInfo``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from rocketgrowth.domain.categories import Attribute, CategoryMeta

__all__ = ("PLACEHOLDER_IMAGE", "TemplateKind", "product_template")

PLACEHOLDER_IMAGE = "https://example.com/images/representation.jpg"
NOTICE_CONTENT = "상품 상세페이지 참조"
#: shelf life (days) a template gives a category whose Rocket Growth stock must manage expiry
SHELF_LIFE_DAYS = 365

#: the shipping and return fields (flat for marketplace, ``marketplaceShippingAndReturnInfo`` for hybrid)
SHIPPING: dict[str, Any] = {
    "deliveryMethod": "SEQUENCIAL",
    "deliveryCompanyCode": "CJGLS",
    "deliveryChargeType": "FREE",
    "deliveryCharge": 0,
    "freeShipOverAmount": 0,
    "deliveryChargeOnReturn": 2500,
    "remoteAreaDeliverable": "N",
    "unionDeliveryType": "UNION_DELIVERY",
    "returnCenterCode": "1000274592",
    "returnChargeName": "반품지",
    "companyContactNumber": "02-1234-5678",
    "returnZipCode": "06164",
    "returnAddress": "서울특별시 강남구 테헤란로 1",
    "returnAddressDetail": "1층",
    "returnCharge": 2500,
    "returnChargeVendor": "N",
    "afterServiceInformation": "A/S 안내 02-1234-5678",
    "afterServiceContactNumber": "02-1234-5678",
    "outboundShippingPlaceCode": 74010,
}
SKU_INFO: dict[str, Any] = {
    "width": 100,
    "length": 100,
    "height": 100,
    "weight": 500,
    "fragile": False,
    "quantityPerBox": 1,
    "distributionPeriod": 0,
    "expiredAtManaged": False,
}


class TemplateKind(StrEnum):
    """Which sides the template's option has."""

    MARKETPLACE = "marketplace"
    ROCKET_GROWTH = "rocket-growth"
    HYBRID = "hybrid"

    @classmethod
    def parse(cls, value: str) -> TemplateKind:
        try:
            return cls(value.strip().lower())
        except ValueError:
            choices = ", ".join(kind.value for kind in cls)
            raise ValueError(f"unknown kind {value!r}: one of {choices}") from None


def _unit(attribute: Attribute) -> str:
    units = [u for u in attribute.usable_units if u and u != "없음"]
    basic = attribute.basic_unit if attribute.basic_unit and attribute.basic_unit != "없음" else ""
    if basic and (not units or basic in units):
        return basic
    return units[0] if units else basic


def attribute_value(attribute: Attribute, *, today: str) -> str:
    """The first value ``attribute.accepts``: SELECT → its first value, NUMBER → 1 and a unit, DATE → today."""
    if attribute.input_type == "SELECT" and attribute.input_values:
        return attribute.input_values[0]
    if attribute.data_type == "NUMBER":
        return f"1{_unit(attribute)}"
    if attribute.data_type == "DATE":
        return today
    return f"{attribute.name} 입력"


def _attributes(meta: CategoryMeta, today: str) -> list[dict[str, Any]]:
    chosen: list[Attribute] = []
    groups: set[str] = set()
    for attribute in meta.attributes:
        if not attribute.mandatory:
            continue
        group = attribute.group_number
        if group not in ("NONE", ""):
            if group in groups:
                continue
            groups.add(group)
        chosen.append(attribute)
    if not chosen and not meta.allow_single_item:
        first = (meta.exposed_attributes or meta.attributes)[:1]
        chosen.extend(first)
    return [{"attributeTypeName": a.name, "attributeValueName": attribute_value(a, today=today)} for a in chosen]


def _notices(meta: CategoryMeta) -> list[dict[str, Any]]:
    if not meta.notice_categories:
        return []
    category = meta.notice_categories[0]
    return [
        {"noticeCategoryName": category.name, "noticeCategoryDetailName": name, "content": NOTICE_CONTENT}
        for name in category.detail_names()
    ]


def _certifications(meta: CategoryMeta) -> list[dict[str, Any]]:
    """A mandatory certification, else ``NOT_REQUIRED`` when the category lists it (or lists none)."""
    if not meta.certifications:
        return [{"certificationType": "NOT_REQUIRED", "certificationCode": ""}]
    mandatory = [c for c in meta.certifications if c.mandatory]
    chosen = mandatory or [c for c in meta.certifications if c.certification_type == "NOT_REQUIRED"]
    return [
        {"certificationType": c.certification_type, "certificationCode": "인증번호 입력" if c.needs_code else ""}
        for c in chosen[:1]
    ]


def _documents(meta: CategoryMeta) -> list[dict[str, Any]]:
    return [
        {"templateName": d.template_name, "vendorDocumentPath": f"https://example.com/documents/{n}.pdf"}
        for n, d in enumerate(meta.required_documents)
        if d.required == "MANDATORY"
    ]


def _item(meta: CategoryMeta, kind: TemplateKind, today: str) -> dict[str, Any]:
    conditions = meta.allowed_offer_conditions or ("NEW",)
    item: dict[str, Any] = {
        "itemName": "기본 옵션",
        "maximumBuyForPerson": 0,
        "maximumBuyForPersonPeriod": 1,
        "outboundShippingTimeDay": 2,
        "unitCount": 1,
        "adultOnly": "EVERYONE",
        "taxType": "TAX",
        "parallelImported": "NOT_PARALLEL_IMPORTED",
        "overseasPurchased": "NOT_OVERSEAS_PURCHASED",
        "pccNeeded": False,
        "offerCondition": "NEW" if "NEW" in conditions else conditions[0],
        "certifications": _certifications(meta),
        "searchTags": [],
        "images": [{"imageOrder": 0, "imageType": "REPRESENTATION", "vendorPath": PLACEHOLDER_IMAGE}],
        "notices": _notices(meta),
        "attributes": _attributes(meta, today),
        "contents": [{"contentsType": "TEXT", "contentDetails": [{"content": "상품 설명", "detailType": "TEXT"}]}],
    }
    if kind is TemplateKind.MARKETPLACE:
        item.update(
            originalPrice=12000,
            salePrice=10000,
            maximumBuyCount=100,
            emptyBarcode=True,
            emptyBarcodeReason="바코드 없음",
        )
        return item
    sku = dict(SKU_INFO)
    if meta.expiration_required:
        sku.update(distributionPeriod=SHELF_LIFE_DAYS, expiredAtManaged=True)
    item["rocketGrowthItemData"] = {
        "priceData": {"originalPrice": 12000, "salePrice": 10000},
        "emptyBarcode": True,
        "emptyBarcodeReason": "바코드 없음",
        "skuInfo": sku,
    }
    if kind is TemplateKind.HYBRID:
        item["marketplaceItemData"] = {
            "priceData": {"originalPrice": 12000, "salePrice": 10000},
            "maximumBuyCount": 100,
        }
    return item


def product_template(
    meta: CategoryMeta,
    *,
    display_category_code: int,
    kind: TemplateKind | str,
    vendor_id: str,
    sale_started_at: str,
    rocket_growth_category: bool | None = None,
) -> dict[str, Any]:
    """A create payload of ``kind`` for the category ``meta`` describes (``sale_started_at``:
    ``yyyy-MM-dd'T'HH:mm:ss``). ``ValueError`` for an unknown kind, or a Rocket Growth kind on a
    category Rocket Growth does not operate (``rocket_growth_category`` False)."""
    kind = kind if isinstance(kind, TemplateKind) else TemplateKind.parse(kind)
    if kind is not TemplateKind.MARKETPLACE and rocket_growth_category is False:
        raise ValueError(
            f"category {display_category_code} is not a Rocket Growth category (registrationType RFM): "
            "use --kind marketplace or another category"
        )
    today = sale_started_at[:10]
    payload: dict[str, Any] = {
        "displayCategoryCode": display_category_code,
        "sellerProductName": "상품명 입력",
        "vendorId": vendor_id,
        "saleStartedAt": sale_started_at,
        "saleEndedAt": "2099-12-31T23:59:59",
        "displayProductName": "상품명 입력",
        "brand": "브랜드 입력",
        "generalProductName": "상품명 입력",
        "manufacture": "제조사 입력",
        "vendorUserId": vendor_id,
        "requested": False,
    }
    if kind is TemplateKind.MARKETPLACE:
        payload.update(SHIPPING)
    else:
        payload["rocketGrowthAdditionalInformation"] = {"rfmInboundName": "첫 입고", "legalAgreement": "AGREE"}
        if kind is TemplateKind.HYBRID:
            payload["marketplaceShippingAndReturnInfo"] = dict(SHIPPING)
    payload["items"] = [_item(meta, kind, today)]
    documents = _documents(meta)
    if documents:
        payload["requiredDocuments"] = documents
    return payload
