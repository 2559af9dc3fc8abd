"""Category metadata and the checks of one option against it (pure)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rocketgrowth.domain.categories import (
    DEMO_DOCUMENTS_CATEGORY,
    DEMO_FASHION_CATEGORY,
    DEMO_MARKETPLACE_CATEGORY,
    DEMO_NOT_RG_CATEGORY,
    DEMO_RG_CATEGORY,
    DEMO_RG_EXPIRY_CATEGORY,
    Attribute,
    CategoryMeta,
    Certification,
    NoticeCategory,
    NoticeDetail,
    RequiredDocument,
    check_item,
    check_required_documents,
)
from rocketgrowth.errors import Invalid
from rocketgrowth.store.categories import load_builtin

BUILTIN = {n.code: n for n in load_builtin()}

SPEC_EXAMPLE: dict[str, Any] = {
    "isAllowSingleItem": True,
    "attributes": [
        {
            "attributeTypeName": "수량",
            "dataType": "NUMBER",
            "basicUnit": "개",
            "usableUnits": ["개", "개입", "매"],
            "required": "MANDATORY",
            "groupNumber": "NONE",
            "exposed": "EXPOSED",
        },
        {
            "attributeTypeName": "선물포장 타입",
            "required": "OPTIONAL",
            "dataType": "STRING",
            "inputType": "SELECT",
            "inputValues": ["바구니", "보자기"],
            "usableUnits": [],
            "basicUnit": "없음",
            "exposed": "NONE",
            "groupNumber": "NONE",
        },
    ],
    "noticeCategories": [
        {
            "noticeCategoryName": "기타 재화",
            "noticeCategoryDetailNames": [{"noticeCategoryDetailName": "품명 및 모델명", "required": "MANDATORY"}],
        }
    ],
    "requiredDocumentNames": [
        {"templateName": "수입신고필증(병행수입 선택시)", "required": "MANDATORY_PARALLEL_IMPORTED"}
    ],
    "certifications": [
        {"certificationType": "NOT_REQUIRED", "name": "인증대상아님", "dataType": "NONE", "required": "OPTIONAL"}
    ],
    "allowedOfferConditions": ["NEW"],
    "isExpirationDateRequiredForRocketGrowth": False,
}


def meta_of(code: int) -> CategoryMeta:
    raw = BUILTIN[code].meta
    assert raw is not None
    return CategoryMeta.from_wire(raw)


def notices_for(meta: CategoryMeta, name: str | None = None, *, optional: bool = True) -> list[dict[str, str]]:
    category = meta.notice_category(name) if name else meta.notice_categories[0]
    assert category is not None
    return [
        {"noticeCategoryName": category.name, "noticeCategoryDetailName": d.name, "content": "상세페이지 참조"}
        for d in category.details
        if optional or d.mandatory
    ]


def item(meta: CategoryMeta, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"itemName": "옵션", "notices": notices_for(meta), "attributes": []}
    base.update(overrides)
    return base


def attrs(**pairs: str) -> list[dict[str, str]]:
    return [{"attributeTypeName": k.replace("_", " "), "attributeValueName": v} for k, v in pairs.items()]


def rejected(data: dict[str, Any], meta: CategoryMeta, index: int = 0) -> Invalid:
    with pytest.raises(Invalid) as info:
        check_item(data, meta, index=index)
    return info.value


# ---------------------------------------------------------------- the metadata model


def test_spec_example_reads_and_writes_back() -> None:
    meta = CategoryMeta.from_wire(SPEC_EXAMPLE)
    assert meta.allow_single_item is True
    assert meta.expiration_required is False
    quantity = meta.attribute("수량")
    assert quantity is not None
    assert quantity.mandatory
    assert quantity.is_exposed
    assert quantity.input_type is None  # older metadata has no inputType
    wrapping = meta.attribute("선물포장 타입")
    assert wrapping is not None
    assert wrapping.input_values == ("바구니", "보자기")
    wire = meta.to_wire()
    assert set(wire) == set(SPEC_EXAMPLE)
    assert CategoryMeta.from_wire(wire) == meta
    assert wire["attributes"][0] == SPEC_EXAMPLE["attributes"][0]


def test_every_builtin_leaf_has_a_metadata_in_wire_shape() -> None:
    leaves = [n for n in BUILTIN.values() if n.meta is not None]
    assert len(leaves) > 250
    for node in leaves:
        assert node.meta is not None
        meta = CategoryMeta.from_wire(node.meta)
        assert meta.to_wire() == node.meta, node.code
        assert meta.notice_categories, node.code
        assert meta.allowed_offer_conditions, node.code


def test_builtin_catalog_shape() -> None:
    nodes = list(BUILTIN.values())
    assert 300 <= len(nodes) <= 450
    assert {n.depth for n in nodes} == {1, 2, 3, 4}
    assert all(10000 <= n.code <= 99999 for n in nodes)
    assert all(n.names.get("en") and n.names.get("zh-CN") for n in nodes)
    statuses = [n.status for n in nodes]
    assert statuses.count("ACTIVE") > 400
    assert "READY" in statuses
    assert "DISABLED" in statuses
    leaves = [n for n in nodes if n.meta is not None]
    assert any(n.rocket_growth for n in leaves)
    assert any(not n.rocket_growth for n in leaves)
    assert any(n.global_fulfillment for n in leaves)
    expiry = {n.code for n in leaves if n.meta and n.meta["isExpirationDateRequiredForRocketGrowth"]}
    assert DEMO_RG_EXPIRY_CATEGORY in expiry
    assert DEMO_RG_CATEGORY not in expiry


def test_demo_categories_are_what_the_docstring_says() -> None:
    market = meta_of(DEMO_MARKETPLACE_CATEGORY)
    assert not BUILTIN[DEMO_MARKETPLACE_CATEGORY].rocket_growth
    assert market.allow_single_item
    assert not any(a.mandatory for a in market.attributes)
    assert [n.name for n in market.notice_categories] == ["기타 재화"]
    rg = meta_of(DEMO_RG_CATEGORY)
    assert BUILTIN[DEMO_RG_CATEGORY].rocket_growth
    assert not rg.expiration_required
    expiry = meta_of(DEMO_RG_EXPIRY_CATEGORY)
    assert BUILTIN[DEMO_RG_EXPIRY_CATEGORY].rocket_growth
    assert expiry.expiration_required
    assert [n.name for n in expiry.notice_categories] == ["가공식품"]
    assert not BUILTIN[DEMO_NOT_RG_CATEGORY].rocket_growth
    fashion = meta_of(DEMO_FASHION_CATEGORY)
    assert not fashion.allow_single_item
    assert {a.name for a in fashion.attributes if a.mandatory and a.is_exposed} == {"색상", "사이즈"}
    assert any(d.required == "MANDATORY" for d in meta_of(DEMO_DOCUMENTS_CATEGORY).required_documents)


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"attributes": {"x": 1}}, "meta.attributes"),
        ({"attributes": [{"attributeTypeName": "수량", "required": "YES"}]}, "meta.attributes[0].required"),
        ({"attributes": [{"attributeTypeName": ""}]}, "meta.attributes[0].attributeTypeName"),
        ({"isAllowSingleItem": "true"}, "meta.isAllowSingleItem"),
        ({"allowedOfferConditions": ["BROKEN"]}, "meta.allowedOfferConditions"),
        ({"noticeCategories": [{"noticeCategoryName": 3.5}]}, "meta.noticeCategories[0].noticeCategoryName"),
    ],
)
def test_malformed_metadata_names_the_field(patch: dict[str, Any], field: str) -> None:
    data = {**SPEC_EXAMPLE, **patch}
    with pytest.raises(Invalid) as info:
        CategoryMeta.from_wire(data)
    assert info.value.field == field
    assert field in info.value.message


# ---------------------------------------------------------------- attributes


def test_a_complete_option_passes_in_every_demo_category() -> None:
    check_item(item(meta_of(DEMO_MARKETPLACE_CATEGORY)), meta_of(DEMO_MARKETPLACE_CATEGORY), index=0)
    rg = meta_of(DEMO_RG_CATEGORY)
    check_item(item(rg, attributes=attrs(수량="3개", 모_강도="미세모")), rg, index=0)
    food = meta_of(DEMO_RG_EXPIRY_CATEGORY)
    check_item(
        item(food, attributes=attrs(수량="5개", 개당_중량="120g"), notices=notices_for(food, optional=False)),
        food,
        index=0,
    )
    fashion = meta_of(DEMO_FASHION_CATEGORY)
    check_item(item(fashion, attributes=attrs(색상="블랙", 사이즈="M")), fashion, index=0)


def test_missing_mandatory_attribute_is_named() -> None:
    food = meta_of(DEMO_RG_EXPIRY_CATEGORY)
    error = rejected(item(food, attributes=attrs(개당_중량="120g")), food, index=2)
    assert error.message.startswith("필수 구매 옵션이 존재하지 않습니다. Missing Attribute(s)")
    assert "[수량]" in error.message
    assert "(items[2].attributes)" in error.message
    assert error.field == "items[2].attributes"


def test_one_member_of_a_mandatory_group_suffices() -> None:
    cosmetics = meta_of(next(c for c, n in BUILTIN.items() if n.name == "클렌징오일"))
    groups = {a.group_number for a in cosmetics.attributes if a.mandatory}
    assert "1" in groups
    check_item(item(cosmetics, attributes=attrs(수량="1개", 개당_용량="200ml")), cosmetics, index=0)
    check_item(item(cosmetics, attributes=attrs(수량="1개", 개당_중량="50g")), cosmetics, index=0)
    error = rejected(item(cosmetics, attributes=attrs(수량="1개")), cosmetics)
    assert "개당 용량|개당 중량" in error.message


def test_unknown_or_repeated_attribute_is_not_allowed() -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    error = rejected(item(rg, attributes=attrs(수량="1개", 무게="1kg")), rg)
    assert error.message.startswith("유효하지 않은 구매 옵션이 존재합니다. Attribute(s) Not Allowed")
    assert "[무게]" in error.message
    twice = [*attrs(수량="1개"), *attrs(수량="2개")]
    assert "수량(중복)" in rejected(item(rg, attributes=twice), rg).message


@pytest.mark.parametrize(
    ("name", "value"),
    [("수량", "1박스"), ("수량", "0개"), ("수량", "많이"), ("수량", ""), ("모 강도", "초강모")],
)
def test_invalid_value_or_unit(name: str, value: str) -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    rows = [{"attributeTypeName": "수량", "attributeValueName": "1개"}] if name != "수량" else []
    rows.append({"attributeTypeName": name, "attributeValueName": value})
    error = rejected(item(rg, attributes=rows), rg)
    assert error.message.startswith("유효하지 않은 구매 옵션 값 혹은 단위가 존재합니다. Invalid Attribute Value(s)")
    assert f"{name}={value}" in error.message


@pytest.mark.parametrize("value", ["2", "2개", "2 개입", "10매", "1.5세트"])
def test_number_with_a_usable_unit_or_none(value: str) -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    check_item(item(rg, attributes=attrs(수량=value)), rg, index=0)


def test_date_attribute() -> None:
    food = meta_of(DEMO_RG_EXPIRY_CATEGORY)
    base = attrs(수량="1개", 개당_중량="100g")
    check_item(item(food, attributes=[*base, *attrs(제조일자="2025-01-31")], notices=notices_for(food)), food, index=0)
    error = rejected(item(food, attributes=[*base, *attrs(제조일자="어제")]), food)
    assert "제조일자=어제" in error.message


def test_single_item_rules() -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    check_item(item(rg), rg, index=0)  # single-item category: attributes may be omitted
    fashion = meta_of(DEMO_FASHION_CATEGORY)
    error = rejected(item(fashion), fashion)
    assert error.message.startswith("필수 구매 옵션이 존재하지 않습니다. Missing Attribute(s)")
    assert "색상" in error.message


# ---------------------------------------------------------------- notices


def test_unknown_notice_category() -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    rows = [{"noticeCategoryName": "상세정보", "noticeCategoryDetailName": "품명", "content": "x"}]
    error = rejected(item(rg, notices=rows), rg)
    assert error.message.startswith(
        "상품필수 정보 확인:[입력된 카테고리[상세정보]의 상품필수 고지정보를 찾을 수 없습니다.]"
    )


def test_notice_detail_of_another_category() -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    rows = notices_for(rg)
    rows[1]["noticeCategoryDetailName"] = "제조자 및 제조판매업자"
    error = rejected(item(rg, notices=rows), rg)
    assert error.message.startswith(
        "입력된 상품필수 고지정보[제조자 및 제조판매업자]가 카테고리[기타 재화]에서 제공하는 것과 다릅니다."
    )
    assert error.field == "items[0].notices[1]"


def test_notices_must_come_from_one_category() -> None:
    sofa = meta_of(DEMO_NOT_RG_CATEGORY)
    rows = notices_for(sofa, "기타 재화") + notices_for(sofa, "가구(침대/소파/싱크대/DIY제품)")
    assert "하나의 고지 카테고리" in rejected(item(sofa, notices=rows), sofa).message
    check_item(item(sofa, notices=notices_for(sofa, "가구(침대/소파/싱크대/DIY제품)")), sofa, index=0)


def test_missing_mandatory_notice_gives_the_counts() -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    error = rejected(item(rg, notices=notices_for(rg)[:3]), rg)
    assert error.message.startswith(
        "입력된 상품필수 고지정보 갯수[3]가 카테고리[기타 재화]에서 제공하는 갯수[5]와 다릅니다."
    )
    doubled = notices_for(rg) + notices_for(rg)[:1]
    assert "갯수[6]" in rejected(item(rg, notices=doubled), rg).message


def test_optional_notice_details_may_be_omitted_but_content_is_needed() -> None:
    food = meta_of(DEMO_RG_EXPIRY_CATEGORY)
    full, mandatory = notices_for(food), notices_for(food, optional=False)
    assert len(mandatory) < len(full)
    data = item(food, attributes=attrs(수량="1개", 개당_중량="100g"), notices=mandatory)
    check_item(data, food, index=0)
    mandatory[0]["content"] = " "
    assert "내용(content)" in rejected(data, food).message
    assert "상품필수 고지정보를 입력해주세요" in rejected(item(food, notices=[]), food).message


# ---------------------------------------------------------------- offer condition, certifications


def test_offer_condition() -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    check_item(item(rg, offerCondition="NEW"), rg, index=0)
    error = rejected(item(rg, offerCondition="USED_BEST"), rg)
    assert error.message.startswith("상품상태[USED_BEST]는 카테고리에서 허용되지 않습니다.")
    assert error.field == "items[0].offerCondition"
    assert "올바르지 않습니다" in rejected(item(rg, offerCondition="BROKEN"), rg).message
    laptop = meta_of(next(c for c, n in BUILTIN.items() if n.name == "노트북"))
    check_item(
        item(
            laptop,
            offerCondition="USED_GOOD",
            certifications=[{"certificationType": "KC_ELECTRONICS_CONFIRM", "certificationCode": "HU071234-1001"}],
        ),
        laptop,
        index=0,
    )


def test_certifications() -> None:
    laptop = meta_of(next(c for c, n in BUILTIN.items() if n.name == "노트북"))
    error = rejected(item(laptop), laptop)
    assert error.message.startswith("필수 인증정보가 존재하지 않습니다.")
    no_code = [{"certificationType": "KC_ELECTRONICS_CONFIRM", "certificationCode": ""}]
    assert "인증번호" in rejected(item(laptop, certifications=no_code), laptop).message
    other = [{"certificationType": "KC_KID_CONFIRM", "certificationCode": "CB123"}]
    assert "허용되지 않는 인증유형" in rejected(item(laptop, certifications=other), laptop).message
    rg = meta_of(DEMO_RG_CATEGORY)
    check_item(item(rg, certifications=[{"certificationType": "NOT_REQUIRED", "certificationCode": ""}]), rg, index=0)


def test_malformed_lists_are_rejected_not_crashing() -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    assert rejected(item(rg, attributes="수량=1개"), rg).field == "items[0].attributes"
    assert rejected(item(rg, notices=[1, 2]), rg).field == "items[0].notices"


# ---------------------------------------------------------------- documents


def test_required_documents() -> None:
    vitamin = meta_of(DEMO_DOCUMENTS_CATEGORY)
    product: dict[str, Any] = {"items": [{"parallelImported": "NOT_PARALLEL_IMPORTED"}], "requiredDocuments": []}
    with pytest.raises(Invalid) as info:
        check_required_documents(product, vitamin)
    assert info.value.message.startswith("필수 구비서류를 모두 등록 해 주세요")
    assert "건강기능식품 표시·광고 심의필증" in info.value.message
    product["requiredDocuments"] = [
        {"templateName": "건강기능식품 표시·광고 심의필증", "vendorDocumentPath": "http://x/a.pdf"}
    ]
    check_required_documents(product, vitamin)
    no_path = copy.deepcopy(product)
    no_path["requiredDocuments"][0]["vendorDocumentPath"] = ""
    with pytest.raises(Invalid):
        check_required_documents(no_path, vitamin)


def test_parallel_import_and_overseas_documents_only_when_an_option_says_so() -> None:
    rg = meta_of(DEMO_RG_CATEGORY)
    check_required_documents({"items": [{"parallelImported": "NOT_PARALLEL_IMPORTED"}]}, rg)
    with pytest.raises(Invalid) as info:
        check_required_documents({"items": [{}, {"parallelImported": "PARALLEL_IMPORTED"}]}, rg)
    assert "수입신고필증" in info.value.message
    assert "구매대행" not in info.value.message
    with pytest.raises(Invalid) as info:
        check_required_documents({"items": [{"overseasPurchased": "OVERSEAS_PURCHASED"}]}, rg)
    assert "구매대행 증빙서류" in info.value.message
    battery = meta_of(next(c for c, n in BUILTIN.items() if n.name == "보조배터리"))
    check_required_documents({"items": [{}]}, battery)  # battery test reports: condition not on the wire


# ---------------------------------------------------------------- properties

names = st.text(alphabet="가나다라마바사아자차카타파하ABC ", min_size=1, max_size=8).filter(lambda s: s.strip() == s)
units = st.lists(st.sampled_from(["개", "ml", "g", "kg", "매", "L"]), min_size=1, max_size=3, unique=True)


@st.composite
def attributes(draw: st.DrawFn) -> tuple[Attribute, ...]:
    chosen = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    out = []
    for name in chosen:
        kind = draw(st.sampled_from(["NUMBER", "SELECT", "INPUT"]))
        usable = draw(units) if kind == "NUMBER" else []
        values = tuple(draw(st.lists(names, min_size=1, max_size=4, unique=True))) if kind == "SELECT" else ()
        out.append(
            Attribute(
                name=name,
                data_type="NUMBER" if kind == "NUMBER" else "STRING",
                basic_unit=usable[0] if usable else "없음",
                usable_units=tuple(usable),
                required=draw(st.sampled_from(["MANDATORY", "OPTIONAL"])),
                group_number=draw(st.sampled_from(["NONE", "NONE", "1"])),
                exposed=draw(st.sampled_from(["EXPOSED", "NONE"])),
                input_type="SELECT" if kind == "SELECT" else "INPUT",
                input_values=values,
            )
        )
    return tuple(out)


metas = st.builds(
    CategoryMeta,
    allow_single_item=st.booleans(),
    attributes=attributes(),
    notice_categories=st.lists(
        st.builds(
            NoticeCategory,
            name=names,
            details=st.lists(
                st.builds(NoticeDetail, name=names, required=st.sampled_from(["MANDATORY", "OPTIONAL"])),
                min_size=1,
                max_size=5,
                unique_by=lambda d: d.name,
            ).map(tuple),
        ),
        min_size=1,
        max_size=3,
        unique_by=lambda n: n.name,
    ).map(tuple),
    required_documents=st.lists(
        st.builds(RequiredDocument, template_name=names, required=st.sampled_from(["MANDATORY", "OPTIONAL"]))
    ).map(tuple),
    certifications=st.lists(
        st.builds(Certification, certification_type=names, name=names, required=st.just("OPTIONAL"))
    ).map(tuple),
    allowed_offer_conditions=st.lists(
        st.sampled_from(["NEW", "REFURBISHED", "USED_BEST", "USED_GOOD", "USED_NORMAL"]), min_size=1, unique=True
    ).map(tuple),
    expiration_required=st.booleans(),
)


def valid_value(spec: Attribute) -> str:
    if spec.input_type == "SELECT" and spec.input_values:
        return spec.input_values[0]
    if spec.data_type == "NUMBER":
        return f"3{spec.usable_units[-1]}"
    return "값"


@given(metas)
def test_wire_round_trip(meta: CategoryMeta) -> None:
    assert CategoryMeta.from_wire(meta.to_wire()) == meta


@given(metas, st.data())
def test_an_option_with_every_mandatory_attribute_passes_and_without_one_fails(
    meta: CategoryMeta, data: st.DataObject
) -> None:
    category = meta.notice_categories[0]
    notices = [
        {"noticeCategoryName": category.name, "noticeCategoryDetailName": d.name, "content": "참조"}
        for d in category.details
    ]
    rows = [{"attributeTypeName": a.name, "attributeValueName": valid_value(a)} for a in meta.attributes]
    option = {"attributes": rows, "notices": notices, "offerCondition": meta.allowed_offer_conditions[0]}
    check_item(option, meta, index=0)
    alone = [a for a in meta.attributes if a.mandatory and a.group_number == "NONE"]
    if alone:
        dropped = data.draw(st.sampled_from(alone))
        option["attributes"] = [r for r in rows if r["attributeTypeName"] != dropped.name]
        if not option["attributes"] and meta.allow_single_item:
            check_item(option, meta, index=0)  # no attribute at all: a single-item product
        else:
            with pytest.raises(Invalid, match="Missing Attribute"):
                check_item(option, meta, index=0)
