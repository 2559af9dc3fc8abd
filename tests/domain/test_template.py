"""``domain.template``: a template of every kind passes the server's own rules, for every leaf of the
built-in catalog and for generated metadata (Hypothesis); its bad inputs are refused with a clear message."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rocketgrowth.domain.catalog import Catalog
from rocketgrowth.domain.categories import (
    DEMO_DOCUMENTS_CATEGORY,
    DEMO_FASHION_CATEGORY,
    DEMO_MARKETPLACE_CATEGORY,
    DEMO_RG_EXPIRY_CATEGORY,
    Attribute,
    CategoryMeta,
    Certification,
)
from rocketgrowth.domain.product import BusinessType
from rocketgrowth.domain.product_rules import validate_product
from rocketgrowth.domain.template import TemplateKind, product_template
from rocketgrowth.store.categories import load_builtin
from tests.domain.test_categories import metas

VENDOR = "A00012345"
CATALOG = Catalog(load_builtin())
LEAVES = [node.code for node in CATALOG.nodes() if CATALOG.is_leaf(node.code)]
KINDS = {
    TemplateKind.MARKETPLACE: BusinessType.MARKETPLACE,
    TemplateKind.ROCKET_GROWTH: BusinessType.ROCKET_GROWTH,
    TemplateKind.HYBRID: BusinessType.HYBRID,
}


def template(code: int, kind: TemplateKind | str) -> dict[str, object]:
    meta = CATALOG.meta(code)
    assert meta is not None
    return product_template(
        meta,
        display_category_code=code,
        kind=kind,
        vendor_id=VENDOR,
        sale_started_at="2026-01-02T00:00:00",
        rocket_growth_category=CATALOG.is_rocket_growth(code),
    )


def test_every_leaf_and_kind_passes_the_server_rules() -> None:
    checked = 0
    for code in LEAVES:
        meta = CATALOG.meta(code)
        rocket_growth = CATALOG.is_rocket_growth(code)
        for kind, business_type in KINDS.items():
            if kind is not TemplateKind.MARKETPLACE and not rocket_growth:
                continue
            draft = validate_product(
                template(code, kind),
                mode="create",
                meta=meta,
                rocket_growth_category=rocket_growth,
                vendor_id=VENDOR,
                consent=True,
            )
            assert draft.business_type is business_type
            checked += 1
    assert len(LEAVES) > 300
    assert checked > 800


def test_mandatory_attributes_take_the_first_allowed_value() -> None:
    payload = template(DEMO_FASHION_CATEGORY, TemplateKind.ROCKET_GROWTH)
    item = payload["items"][0]  # type: ignore[index]
    values = {a["attributeTypeName"]: a["attributeValueName"] for a in item["attributes"]}
    meta = CATALOG.meta(DEMO_FASHION_CATEGORY)
    assert meta is not None
    size = meta.attribute("사이즈")
    assert size is not None
    assert size.input_values
    assert values["사이즈"] == size.input_values[0]  # SELECT: the first allowed value
    assert values["색상"]  # INPUT: a placeholder
    rg = item["rocketGrowthItemData"]
    assert rg["skuInfo"]["quantityPerBox"] == 1
    assert "marketplaceItemData" not in item
    assert "marketplaceShippingAndReturnInfo" not in payload


def test_number_attributes_carry_an_allowed_unit_and_expiry_is_managed() -> None:
    payload = template(DEMO_RG_EXPIRY_CATEGORY, TemplateKind.HYBRID)
    item = payload["items"][0]  # type: ignore[index]
    meta = CATALOG.meta(DEMO_RG_EXPIRY_CATEGORY)
    assert meta is not None
    assert meta.expiration_required
    for row in item["attributes"]:
        spec = meta.attribute(row["attributeTypeName"])
        assert spec is not None
        assert spec.mandatory
        assert spec.accepts(row["attributeValueName"])
    assert {row["attributeTypeName"] for row in item["attributes"]} >= {"수량", "개당 중량"}
    sku = item["rocketGrowthItemData"]["skuInfo"]
    assert sku["distributionPeriod"] > 0
    assert sku["expiredAtManaged"] is True
    assert payload["marketplaceShippingAndReturnInfo"]["returnCharge"] == 2500  # type: ignore[index]
    notices = {row["noticeCategoryDetailName"] for row in item["notices"]}
    assert notices == set(meta.notice_categories[0].detail_names())


def test_marketplace_is_the_flat_schema_and_documents_are_listed() -> None:
    payload = template(DEMO_MARKETPLACE_CATEGORY, "marketplace")
    assert payload["deliveryChargeType"] == "FREE"
    assert "rocketGrowthAdditionalInformation" not in payload
    assert payload["vendorId"] == VENDOR
    assert payload["requested"] is False
    documents = template(DEMO_DOCUMENTS_CATEGORY, "rocket-growth")["requiredDocuments"]
    assert [d["templateName"] for d in documents] == ["건강기능식품 표시·광고 심의필증"]  # type: ignore[union-attr]


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind 'rocket': one of marketplace, rocket-growth, hybrid"):
        template(DEMO_MARKETPLACE_CATEGORY, "rocket")


def test_a_rocket_growth_kind_on_a_marketplace_only_category_is_refused() -> None:
    assert not CATALOG.is_rocket_growth(DEMO_MARKETPLACE_CATEGORY)
    for kind in ("rocket-growth", "hybrid"):
        with pytest.raises(ValueError, match=f"category {DEMO_MARKETPLACE_CATEGORY} is not a Rocket Growth category"):
            template(DEMO_MARKETPLACE_CATEGORY, kind)


def test_a_category_that_cannot_be_single_gets_an_exposed_attribute() -> None:
    meta = CategoryMeta.from_wire(
        {
            "isAllowSingleItem": False,
            "attributes": [
                {"attributeTypeName": "향", "required": "OPTIONAL", "exposed": "EXPOSED", "inputType": "INPUT"}
            ],
            "noticeCategories": [],
        }
    )
    payload = product_template(
        meta, display_category_code=1, kind="marketplace", vendor_id=VENDOR, sale_started_at="2026-01-02T00:00:00"
    )
    assert payload["items"][0]["attributes"] == [{"attributeTypeName": "향", "attributeValueName": "향 입력"}]  # type: ignore[index]
    validate_product(payload, mode="create", meta=meta, vendor_id=VENDOR)


certifications = st.lists(
    st.builds(
        Certification,
        certification_type=st.sampled_from(["NOT_REQUIRED", "KC_CERTIFICATION", "KC_CONFIRM", "PRESENTED"]),
        data_type=st.sampled_from(["NONE", "CODE"]),
        required=st.sampled_from(["MANDATORY", "RECOMMEND", "OPTIONAL"]),
    ),
    max_size=4,
    unique_by=lambda c: c.certification_type,
)
DATE_ATTRIBUTE = Attribute(name="제조일자", data_type="DATE", required="MANDATORY", input_type="INPUT")


@given(metas, certifications, st.booleans(), st.sampled_from(list(TemplateKind)))
def test_a_template_of_any_metadata_passes_the_server_rules(
    meta: CategoryMeta, certs: list[Certification], with_date: bool, kind: TemplateKind
) -> None:
    meta = dataclasses.replace(
        meta,
        certifications=tuple(certs),
        attributes=meta.attributes + ((DATE_ATTRIBUTE,) if with_date else ()),
    )
    payload = product_template(
        meta, display_category_code=1, kind=kind, vendor_id=VENDOR, sale_started_at="2026-01-02T00:00:00"
    )
    draft = validate_product(
        payload, mode="create", meta=meta, rocket_growth_category=True, vendor_id=VENDOR, consent=True
    )
    assert draft.business_type is KINDS[kind]
