"""Category metadata and the checks a product option must pass against it.

Pure rules, shared by the server (product create/modify) and the SDK's offline preflight:
``CategoryMeta.from_wire`` reads the ``data`` object of the category metadata API
(``GET /meta/category-related-metas/display-category-codes/{code}``, 7 keys), ``check_item`` checks
one option (``items[index]``, wire camelCase) and ``check_required_documents`` the product's
``requiredDocuments``. Every failure raises ``rocketgrowth.errors.Invalid`` with the gateway's
Korean message (or one in the same style) and ``field`` naming where.

Demo categories of the built-in catalog (``scripts/gen_categories.py``), for tests and examples:

``DEMO_MARKETPLACE_CATEGORY`` = 77721  생활용품 > 주문제작/인쇄 > 주문제작 스티커
    Not Rocket Growth. ``isAllowSingleItem`` true; no mandatory attribute (optional: 사이즈 INPUT
    EXPOSED, 수량 NUMBER 개, 선물포장 타입 SELECT 바구니/보자기/상자); notice category "기타 재화"
    (5 MANDATORY details: 품명 및 모델명, 인증/허가 사항, 제조국(원산지), 제조자(수입자),
    소비자상담 관련 전화번호); certifications NOT_REQUIRED / PRESENTED_IN_DETAIL_PAGE (optional);
    offer condition NEW only.
``DEMO_RG_CATEGORY`` = 63162  생활용품 > 욕실용품 > 칫솔/치약 > 칫솔
    Rocket Growth (RFM), no expiry. ``isAllowSingleItem`` true (attributes may be omitted); when
    attributes are sent, 수량 (NUMBER, 개/개입/매/세트/팩) is MANDATORY; optional 색상 (INPUT) and
    모 강도 (SELECT 미세모/부드러운모/보통모/강모), all EXPOSED; notice "기타 재화"; NEW only.
``DEMO_RG_EXPIRY_CATEGORY`` = 58417  식품 > 가공식품 > 라면/면류 > 봉지라면
    Rocket Growth with ``isExpirationDateRequiredForRocketGrowth`` true. When attributes are sent:
    수량 (개) and 개당 중량 (NUMBER, g/kg) MANDATORY; optional 맛 (INPUT, EXPOSED), 제조일자 (DATE).
    Notice "가공식품" (12 details, 10 MANDATORY; 유전자변형식품에 해당하는 경우의 표시 and
    수입식품 문구 OPTIONAL); NEW only.
``DEMO_NOT_RG_CATEGORY`` = 81503  홈인테리어 > 가구 > 거실가구 > 소파
    Not Rocket Growth (furniture). No mandatory attribute (색상, 사이즈, 소재 optional); notice
    "가구(침대/소파/싱크대/DIY제품)" or "기타 재화"; NEW only.
``DEMO_FASHION_CATEGORY`` = 69230  패션의류잡화 > 여성패션 > 여성의류 > 티셔츠
    Rocket Growth and CGF. ``isAllowSingleItem`` false: 색상 (INPUT) and 사이즈 (SELECT XS…3XL,
    FREE, 44…115, 24…36) MANDATORY EXPOSED; notice "의류" (9 details).
``DEMO_DOCUMENTS_CATEGORY`` = 73350  식품 > 건강식품 > 비타민
    Rocket Growth, expiry required; MANDATORY document "건강기능식품 표시·광고 심의필증";
    notice "건강기능식품".
``DEMO_DISABLED_CATEGORY`` = 52790  식품 > 주류 > 와인 (status DISABLED: validity false)

Every leaf also lists the documents "수입신고필증(병행수입 선택시)" (MANDATORY_PARALLEL_IMPORTED) and
"구매대행 증빙서류(구매대행 선택시)" (MANDATORY_OVERSEAS_PURCHASED).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rocketgrowth.errors import Invalid

__all__ = (
    "DEMO_DISABLED_CATEGORY",
    "DEMO_DOCUMENTS_CATEGORY",
    "DEMO_FASHION_CATEGORY",
    "DEMO_MARKETPLACE_CATEGORY",
    "DEMO_NOT_RG_CATEGORY",
    "DEMO_RG_CATEGORY",
    "DEMO_RG_EXPIRY_CATEGORY",
    "OFFER_CONDITIONS",
    "Attribute",
    "CategoryMeta",
    "Certification",
    "NoticeCategory",
    "NoticeDetail",
    "RequiredDocument",
    "check_item",
    "check_required_documents",
)

DEMO_MARKETPLACE_CATEGORY = 77721
DEMO_RG_CATEGORY = 63162
DEMO_RG_EXPIRY_CATEGORY = 58417
DEMO_NOT_RG_CATEGORY = 81503
DEMO_FASHION_CATEGORY = 69230
DEMO_DOCUMENTS_CATEGORY = 73350
DEMO_DISABLED_CATEGORY = 52790

OFFER_CONDITIONS = ("NEW", "REFURBISHED", "USED_BEST", "USED_GOOD", "USED_NORMAL")
MANDATORY = "MANDATORY"
OPTIONAL = "OPTIONAL"
_REQUIRED = (MANDATORY, OPTIONAL)
_EXPOSED = ("EXPOSED", "NONE")
_CERT_REQUIRED = (MANDATORY, "RECOMMEND", OPTIONAL)
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(\S.*?)?\s*$")
_DATE = re.compile(r"^\s*\d{4}[-./]?\d{2}[-./]?\d{2}\s*$")


# ---------------------------------------------------------------- the metadata


class _Reader:
    """Typed access to one wire object, with errors that name the field."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, Mapping):
            raise _malformed(where, "객체(object)여야 합니다")
        self.data = data
        self.where = where

    def text(self, key: str, *, default: str | None = None, choices: Sequence[str] = ()) -> str:
        value = self.data.get(key, default)
        if value is None and default is not None:
            value = default
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise _malformed(f"{self.where}.{key}", "문자열이어야 합니다")
        value = str(value)
        if choices and value not in choices:
            raise _malformed(f"{self.where}.{key}", f"값[{value}]은(는) {', '.join(choices)} 중 하나여야 합니다")
        return value

    def flag(self, key: str, *, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise _malformed(f"{self.where}.{key}", "true 또는 false여야 합니다")
        return value

    def texts(self, key: str) -> tuple[str, ...] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _malformed(f"{self.where}.{key}", "문자열 배열이어야 합니다")
        return tuple(value)

    def objects(self, key: str) -> list[_Reader]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _malformed(f"{self.where}.{key}", "배열이어야 합니다")
        return [_Reader(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(value)]


def _malformed(where: str, what: str) -> Invalid:
    return Invalid(f"카테고리 메타 형식이 올바르지 않습니다: {where} {what}.", field=where)


@dataclass(frozen=True, slots=True)
class Attribute:
    """One purchase option (``exposed`` EXPOSED) or search attribute (NONE) of a category."""

    name: str
    data_type: str = "STRING"
    basic_unit: str = "없음"
    usable_units: tuple[str, ...] = ()
    required: str = OPTIONAL
    group_number: str = "NONE"
    exposed: str = "NONE"
    input_type: str | None = "INPUT"
    input_values: tuple[str, ...] | None = ()

    @property
    def mandatory(self) -> bool:
        return self.required == MANDATORY

    @property
    def is_exposed(self) -> bool:
        return self.exposed == "EXPOSED"

    def accepts(self, value: str) -> bool:
        """Whether ``attributeValueName`` is a valid value (and unit) for this attribute."""
        value = value.strip()
        if not value:
            return False
        if self.input_type == "SELECT" and self.input_values:
            return value in self.input_values
        if self.data_type == "NUMBER":
            match = _NUMBER.match(value)
            if match is None or float(match.group(1).replace(",", ".")) <= 0:
                return False
            unit = (match.group(2) or "").strip()
            units = {u.lower() for u in (*self.usable_units, self.basic_unit) if u and u != "없음"}
            return not unit or unit.lower() in units
        if self.data_type == "DATE":
            return _DATE.match(value) is not None
        return True

    @classmethod
    def from_wire(cls, reader: _Reader) -> Attribute:
        name = reader.text("attributeTypeName")
        if not name.strip():
            raise _malformed(f"{reader.where}.attributeTypeName", "비어 있을 수 없습니다")
        return cls(
            name=name,
            data_type=reader.text("dataType", default="STRING"),
            basic_unit=reader.text("basicUnit", default="없음"),
            usable_units=reader.texts("usableUnits") or (),
            required=reader.text("required", default=OPTIONAL, choices=_REQUIRED),
            group_number=reader.text("groupNumber", default="NONE"),
            exposed=reader.text("exposed", default="NONE", choices=_EXPOSED),
            input_type=reader.text("inputType") if reader.data.get("inputType") is not None else None,
            input_values=reader.texts("inputValues"),
        )

    def to_wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "attributeTypeName": self.name,
            "dataType": self.data_type,
            "basicUnit": self.basic_unit,
            "usableUnits": list(self.usable_units),
            "required": self.required,
            "groupNumber": self.group_number,
            "exposed": self.exposed,
        }
        if self.input_type is not None:
            out["inputType"] = self.input_type
        if self.input_values is not None:
            out["inputValues"] = list(self.input_values)
        return out


@dataclass(frozen=True, slots=True)
class NoticeDetail:
    name: str
    required: str = MANDATORY

    @property
    def mandatory(self) -> bool:
        return self.required == MANDATORY


@dataclass(frozen=True, slots=True)
class NoticeCategory:
    """One notice category (상품정보제공고시): an option's notices are the rows of exactly one."""

    name: str
    details: tuple[NoticeDetail, ...]

    def detail_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.details)

    def to_wire(self) -> dict[str, Any]:
        return {
            "noticeCategoryName": self.name,
            "noticeCategoryDetailNames": [
                {"noticeCategoryDetailName": d.name, "required": d.required} for d in self.details
            ],
        }


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    """A document template; ``required`` is a condition token (MANDATORY, MANDATORY_PARALLEL_IMPORTED…)."""

    template_name: str
    required: str = OPTIONAL


@dataclass(frozen=True, slots=True)
class Certification:
    certification_type: str
    name: str = ""
    data_type: str = "NONE"
    required: str = OPTIONAL

    @property
    def mandatory(self) -> bool:
        return self.required == MANDATORY

    @property
    def needs_code(self) -> bool:
        return self.data_type == "CODE"


@dataclass(frozen=True, slots=True)
class CategoryMeta:
    """The metadata of one leaf category, as the metadata API returns it."""

    allow_single_item: bool
    attributes: tuple[Attribute, ...] = ()
    notice_categories: tuple[NoticeCategory, ...] = ()
    required_documents: tuple[RequiredDocument, ...] = ()
    certifications: tuple[Certification, ...] = ()
    allowed_offer_conditions: tuple[str, ...] = ("NEW",)
    expiration_required: bool = False
    #: the attributes by name, the first of a name winning (read for every attribute row of every option)
    _attributes_by_name: dict[str, Attribute] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_attributes_by_name", {a.name: a for a in reversed(self.attributes)})

    @property
    def exposed_attributes(self) -> tuple[Attribute, ...]:
        return tuple(a for a in self.attributes if a.is_exposed)

    def attribute(self, name: str) -> Attribute | None:
        return self._attributes_by_name.get(name)

    def notice_category(self, name: str) -> NoticeCategory | None:
        return next((n for n in self.notice_categories if n.name == name), None)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> CategoryMeta:
        """Read the ``data`` object of the metadata API; raises ``Invalid`` naming a malformed field."""
        meta = _Reader(data, "meta")
        notices = []
        for n in meta.objects("noticeCategories"):
            details = tuple(
                NoticeDetail(
                    d.text("noticeCategoryDetailName"), d.text("required", default=MANDATORY, choices=_REQUIRED)
                )
                for d in n.objects("noticeCategoryDetailNames")
            )
            notices.append(NoticeCategory(n.text("noticeCategoryName"), details))
        offers = meta.texts("allowedOfferConditions") or ()
        for offer in offers:
            if offer not in OFFER_CONDITIONS:
                raise _malformed(
                    "meta.allowedOfferConditions", f"값[{offer}]은(는) {', '.join(OFFER_CONDITIONS)} 중 하나여야 합니다"
                )
        return cls(
            allow_single_item=meta.flag("isAllowSingleItem"),
            attributes=tuple(Attribute.from_wire(a) for a in meta.objects("attributes")),
            notice_categories=tuple(notices),
            required_documents=tuple(
                RequiredDocument(d.text("templateName"), d.text("required", default=OPTIONAL))
                for d in meta.objects("requiredDocumentNames")
            ),
            certifications=tuple(
                Certification(
                    c.text("certificationType"),
                    c.text("name", default=""),
                    c.text("dataType", default="NONE"),
                    c.text("required", default=OPTIONAL, choices=_CERT_REQUIRED),
                )
                for c in meta.objects("certifications")
            ),
            allowed_offer_conditions=offers,
            expiration_required=meta.flag("isExpirationDateRequiredForRocketGrowth"),
        )

    def to_wire(self) -> dict[str, Any]:
        """The ``data`` object of the metadata API (7 keys)."""
        return {
            "isAllowSingleItem": self.allow_single_item,
            "attributes": [a.to_wire() for a in self.attributes],
            "noticeCategories": [n.to_wire() for n in self.notice_categories],
            "requiredDocumentNames": [
                {"templateName": d.template_name, "required": d.required} for d in self.required_documents
            ],
            "certifications": [
                {
                    "certificationType": c.certification_type,
                    "name": c.name,
                    "dataType": c.data_type,
                    "required": c.required,
                }
                for c in self.certifications
            ],
            "allowedOfferConditions": list(self.allowed_offer_conditions),
            "isExpirationDateRequiredForRocketGrowth": self.expiration_required,
        }


# ---------------------------------------------------------------- checks of one option


def _rows(item: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise Invalid(f"{where}: 객체 배열이어야 합니다.", field=where)
    for row in value:
        if type(row) is not dict and not isinstance(row, Mapping):
            raise Invalid(f"{where}: 객체 배열이어야 합니다.", field=where)
    return value


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    if type(value) is str:
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()


def _listed(names: Iterable[str]) -> str:
    return "[" + ", ".join(names) + "]"


def check_item(item: Mapping[str, Any], meta: CategoryMeta, *, index: int) -> None:
    """Check ``items[index]`` against the category: attributes, notices, offer condition, certifications.

    Uniqueness of the exposed attribute tuples across options is the caller's check.
    """
    _check_attributes(item, meta, index)
    _check_notices(item, meta, index)
    _check_offer_condition(item, meta, index)
    _check_certifications(item, meta, index)


def _check_attributes(item: Mapping[str, Any], meta: CategoryMeta, index: int) -> None:
    where = f"items[{index}].attributes"
    rows = _rows(item, "attributes", where)
    given: dict[str, str] = {}
    not_allowed: list[str] = []
    for row in rows:
        name = _text(row, "attributeTypeName")
        if name in given:
            not_allowed.append(f"{name}(중복)")
        elif meta.attribute(name) is None:
            not_allowed.append(name or "(빈 이름)")
        given.setdefault(name, _text(row, "attributeValueName"))
    if not_allowed:
        raise Invalid(
            f"유효하지 않은 구매 옵션이 존재합니다. Attribute(s) Not Allowed: {_listed(not_allowed)} ({where})",
            field=where,
        )
    invalid = []
    for name, value in given.items():
        spec = meta.attribute(name)
        if spec is not None and not spec.accepts(value):
            invalid.append(f"{name}={value}")
    if invalid:
        raise Invalid(
            f"유효하지 않은 구매 옵션 값 혹은 단위가 존재합니다. Invalid Attribute Value(s): {_listed(invalid)} ({where})",
            field=where,
        )
    if not rows:
        if meta.allow_single_item:
            return
        choices = [a.name for a in meta.exposed_attributes] or [a.name for a in meta.attributes]
        raise Invalid(
            "필수 구매 옵션이 존재하지 않습니다. Missing Attribute(s): 단일상품으로 등록할 수 없는 카테고리입니다."
            f" 구매 옵션을 하나 이상 입력해주세요 {_listed(choices)} ({where})",
            field=where,
        )
    missing = _missing_mandatory(meta.attributes, set(given))
    if missing:
        raise Invalid(
            f"필수 구매 옵션이 존재하지 않습니다. Missing Attribute(s): {_listed(missing)} ({where})", field=where
        )


def _missing_mandatory(attributes: Sequence[Attribute], given: set[str]) -> list[str]:
    """Mandatory attributes not given; a numbered group is satisfied by any one of its members."""
    missing: list[str] = []
    groups: dict[str, list[str]] = {}
    for spec in attributes:
        if not spec.mandatory:
            continue
        if spec.group_number in ("NONE", ""):
            if spec.name not in given:
                missing.append(spec.name)
        else:
            groups.setdefault(spec.group_number, []).append(spec.name)
    for members in groups.values():
        if not given.intersection(members):
            missing.append("|".join(members))
    return missing


def _check_notices(item: Mapping[str, Any], meta: CategoryMeta, index: int) -> None:
    where = f"items[{index}].notices"
    rows = _rows(item, "notices", where)
    if not meta.notice_categories:
        return
    if not rows:
        names = [n.name for n in meta.notice_categories]
        raise Invalid(
            f"상품필수 고지정보를 입력해주세요. 카테고리에서 제공하는 고지정보 중 하나를 선택하세요 {_listed(names)} ({where})",
            field=where,
        )
    used = list(dict.fromkeys(_text(r, "noticeCategoryName") for r in rows))
    for name in used:
        if meta.notice_category(name) is None:
            raise Invalid(
                f"상품필수 정보 확인:[입력된 카테고리[{name}]의 상품필수 고지정보를 찾을 수 없습니다.] ({where})",
                field=where,
            )
    if len(used) > 1:
        raise Invalid(
            f"상품필수 고지정보는 하나의 고지 카테고리로만 입력해주세요: {_listed(used)} ({where})", field=where
        )
    category = meta.notice_category(used[0])
    assert category is not None
    allowed = category.detail_names()
    seen: list[str] = []
    for position, row in enumerate(rows):
        detail = _text(row, "noticeCategoryDetailName")
        if detail not in allowed:
            at = f"{where}[{position}]"
            raise Invalid(
                f"입력된 상품필수 고지정보[{detail}]가 카테고리[{category.name}]에서 제공하는 것과 다릅니다. ({at})",
                field=at,
            )
        if not _text(row, "content"):
            at = f"{where}[{position}]"
            raise Invalid(f"상품필수 고지정보[{detail}]의 내용(content)을 입력해주세요. ({at})", field=at)
        seen.append(detail)
    seen_names = set(seen)
    missing = [d.name for d in category.details if d.mandatory and d.name not in seen_names]
    if missing or len(seen) != len(seen_names):
        raise Invalid(
            f"입력된 상품필수 고지정보 갯수[{len(seen)}]가 카테고리[{category.name}]에서 제공하는 갯수"
            f"[{len(category.details)}]와 다릅니다. 누락: {_listed(missing)} ({where})",
            field=where,
        )


def _check_offer_condition(item: Mapping[str, Any], meta: CategoryMeta, index: int) -> None:
    where = f"items[{index}].offerCondition"
    condition = _text(item, "offerCondition") or "NEW"
    if condition not in OFFER_CONDITIONS:
        raise Invalid(
            f"상품상태[{condition}]가 올바르지 않습니다. {', '.join(OFFER_CONDITIONS)} 중 하나를 입력해주세요. ({where})",
            field=where,
        )
    allowed = meta.allowed_offer_conditions or ("NEW",)
    if condition not in allowed:
        raise Invalid(
            f"상품상태[{condition}]는 카테고리에서 허용되지 않습니다. 허용: {_listed(allowed)} ({where})", field=where
        )


def _check_certifications(item: Mapping[str, Any], meta: CategoryMeta, index: int) -> None:
    where = f"items[{index}].certifications"
    rows = _rows(item, "certifications", where)
    if not meta.certifications:
        return
    known = {c.certification_type: c for c in meta.certifications}
    given: set[str] = set()
    for position, row in enumerate(rows):
        kind = _text(row, "certificationType")
        spec = known.get(kind)
        if spec is None:
            at = f"{where}[{position}]"
            raise Invalid(
                f"인증정보[{kind}]는 카테고리에서 허용되지 않는 인증유형입니다. 허용: {_listed(known)} ({at})", field=at
            )
        if spec.needs_code and not _text(row, "certificationCode"):
            at = f"{where}[{position}]"
            raise Invalid(f"인증정보[{kind}]의 인증번호(certificationCode)를 입력해주세요. ({at})", field=at)
        given.add(kind)
    mandatory = [c.certification_type for c in meta.certifications if c.mandatory]
    if mandatory and not given.intersection(mandatory):
        raise Invalid(
            f"필수 인증정보가 존재하지 않습니다. 다음 중 하나를 입력해주세요 {_listed(mandatory)} ({where})",
            field=where,
        )


# ---------------------------------------------------------------- product-level documents

#: document conditions enforced, with the option field and value that trigger them
_CONDITIONS = {
    MANDATORY: None,
    "MANDATORY_PARALLEL_IMPORTED": ("parallelImported", "PARALLEL_IMPORTED"),
    "MANDATORY_OVERSEAS_PURCHASED": ("overseasPurchased", "OVERSEAS_PURCHASED"),
}


def check_required_documents(product: Mapping[str, Any], meta: CategoryMeta) -> None:
    """``requiredDocuments`` holds every MANDATORY template, and the parallel-import / overseas-purchase
    ones when an option is PARALLEL_IMPORTED / OVERSEAS_PURCHASED (other condition tokens, such as the
    battery tests, depend on facts the API does not carry and are not enforced)."""
    where = "requiredDocuments"
    items = product.get("items")
    options = [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []
    present = {
        _text(d, "templateName")
        for d in _rows(product, "requiredDocuments", where)
        if _text(d, "documentPath") or _text(d, "vendorDocumentPath")
    }
    missing = []
    for document in meta.required_documents:
        if document.required not in _CONDITIONS:
            continue
        trigger = _CONDITIONS[document.required]
        if trigger is not None and not any(_text(o, trigger[0]) == trigger[1] for o in options):
            continue
        if document.template_name not in present:
            missing.append(document.template_name)
    if missing:
        raise Invalid(f"필수 구비서류를 모두 등록 해 주세요 {_listed(missing)} ({where})", field=where)
