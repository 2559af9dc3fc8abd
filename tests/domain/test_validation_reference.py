"""The product checks answer exactly as before they were made faster: same message, field, order.

Two references pin it:

* ``validation_outcomes.json``: what ``validate_product`` answered (the error's class, message and
  field, or a digest of the ``Draft``) for a fixed corpus of valid and mutated payloads, recorded
  with the original implementation. Record it again only for an intended change of behaviour:
  ``python -m tests.domain.test_validation_reference``.
* ``reference_check`` below: the original, interpretive ``fields.check``, against which the compiled
  checks run on payloads mutated by Hypothesis.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import random
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rocketgrowth.domain import fields
from rocketgrowth.domain.categories import (
    DEMO_DOCUMENTS_CATEGORY,
    DEMO_FASHION_CATEGORY,
    DEMO_MARKETPLACE_CATEGORY,
    DEMO_RG_CATEGORY,
    DEMO_RG_EXPIRY_CATEGORY,
    CategoryMeta,
)
from rocketgrowth.domain.fields import Field, Spec
from rocketgrowth.domain.product_rules import validate_product
from rocketgrowth.domain.product_schema import ITEM, PARTIAL_UPDATE, PRODUCT, SHIPPING
from rocketgrowth.errors import Error, Invalid
from rocketgrowth.store.categories import load_builtin
from tests.payloads import SHIPPING as SHIPPING_VALUES
from tests.payloads import SKU_INFO, common_item

OUTCOMES = Path(__file__).with_name("validation_outcomes.json")
CATEGORIES = (
    DEMO_MARKETPLACE_CATEGORY,
    DEMO_RG_CATEGORY,
    DEMO_RG_EXPIRY_CATEGORY,
    DEMO_FASHION_CATEGORY,
    DEMO_DOCUMENTS_CATEGORY,
)
VENDOR = "A00012345"
MUTATED_PER_BASE = 40

# ---------------------------------------------------------------- the original fields.check


def _reference_fail(path: str, message: str) -> Error:
    return Invalid(f"{message} [{path}]", field=path)


def _reference_int(value: Any, path: str) -> int:
    if isinstance(value, bool):
        raise _reference_fail(path, f"{path}은(는) 숫자형으로 입력해주세요.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,18}", value.strip()):
        return int(value.strip())
    raise _reference_fail(path, f"{path}은(는) 숫자형으로 입력해주세요.")


def reference_check(value: Any, spec: Spec, path: str = "") -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise _reference_fail(path or "body", f"{path or '요청 본문'}은(는) JSON 객체여야 합니다.")
    out: dict[str, Any] = dict(value)
    for name, fld in spec.items():
        sub = f"{path}.{name}" if path else name
        if name not in value or value[name] is None:
            if fld.required:
                raise _reference_fail(sub, f"{sub}은(는) 필수 입력 항목입니다.")
            continue
        out[name] = reference_check_value(value[name], fld, sub)
    return out


def reference_check_value(value: Any, fld: Field, path: str) -> Any:
    kind = fld.kind
    if kind == "str":
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise _reference_fail(path, f"{path}은(는) 문자열로 입력해주세요.")
        text = value if isinstance(value, str) else str(value)
        if fld.required and not text.strip() and fld.min_items != 0:
            raise _reference_fail(path, f"{path}은(는) 필수 입력 항목입니다.")
        if fld.max_len is not None and len(text) > fld.max_len:
            raise _reference_fail(path, f"{path}의 최대 길이({fld.max_len}자)를 초과했습니다.")
        if fld.choices is not None and text not in fld.choices:
            raise _reference_fail(path, f"{path}의 값[{text}]이 올바르지 않습니다. 허용값: {', '.join(fld.choices)}")
        if fld.pattern is not None and not re.fullmatch(fld.pattern, text):
            raise _reference_fail(path, f"{path}의 형식이 올바르지 않습니다. ({fld.description or fld.pattern})")
        return text
    if kind == "int":
        number = _reference_int(value, path)
        if fld.minimum is not None and number < fld.minimum:
            raise _reference_fail(path, f"{path}은(는) {fld.minimum} 이상이어야 합니다.")
        if fld.maximum is not None and number > fld.maximum:
            raise _reference_fail(path, f"{path}은(는) {fld.maximum} 이하여야 합니다.")
        return number
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            try:
                return float(str(value))
            except ValueError:
                raise _reference_fail(path, f"{path}은(는) 숫자형으로 입력해주세요.") from None
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value in ("true", "false"):
            return value == "true"
        raise _reference_fail(path, f"{path}은(는) true 또는 false로 입력해주세요.")
    if kind == "object":
        if fld.spec is None:
            if not isinstance(value, Mapping):
                raise _reference_fail(path, f"{path}은(는) JSON 객체여야 합니다.")
            return dict(value)
        return reference_check(value, fld.spec, path)
    if kind == "list":
        if not isinstance(value, list):
            raise _reference_fail(path, f"{path}은(는) 배열로 입력해주세요.")
        if fld.min_items is not None and len(value) < fld.min_items:
            raise _reference_fail(path, f"{path}은(는) 최소 {fld.min_items}개 이상 입력해주세요.")
        if fld.max_items is not None and len(value) > fld.max_items:
            raise _reference_fail(path, f"{path}은(는) 최대 {fld.max_items}개까지 입력할 수 있습니다.")
        if fld.items is None:
            return list(value)
        return [reference_check_value(v, fld.items, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


# ---------------------------------------------------------------- payloads


def _wire_meta(code: int) -> dict[str, Any]:
    node = next(n for n in load_builtin() if n.code == code)
    assert node.meta is not None
    return dict(node.meta)


def _payload(code: int, kind: str) -> dict[str, Any]:
    meta = _wire_meta(code)
    head: dict[str, Any] = {
        "displayCategoryCode": code,
        "sellerProductName": "테스트 상품",
        "vendorId": VENDOR,
        "saleStartedAt": "2024-11-01T00:00:00",
        "saleEndedAt": "2099-12-31T23:59:59",
        "displayProductName": "테스트 상품",
        "brand": "테스트브랜드",
        "manufacture": "테스트제조사",
        "vendorUserId": "tester",
        "requested": True,
        "requiredDocuments": [
            {"templateName": d["templateName"], "vendorDocumentPath": "https://docs.example.com/a.pdf"}
            for d in meta.get("requiredDocumentNames", [])
            if d.get("required") == "MANDATORY"
        ],
    }
    items = []
    for n in range(3):
        item = common_item(meta, n)
        if kind == "flat":
            item.update(originalPrice=13000, salePrice=10000, maximumBuyCount=100, emptyBarcode=True)
            item["emptyBarcodeReason"] = "상품확인불가_바코드없음사유"
        else:
            sku = dict(SKU_INFO)
            if meta.get("isExpirationDateRequiredForRocketGrowth"):
                sku.update(distributionPeriod=365, expiredAtManaged=True)
            item["rocketGrowthItemData"] = {
                "priceData": {"originalPrice": 0, "salePrice": 9000},
                "modelNo": f"M-{n}",
                "barcode": f"880123456789{n}",
                "skuInfo": sku,
            }
            if kind == "hybrid":
                item["marketplaceItemData"] = {
                    "priceData": {"originalPrice": 12000, "salePrice": 10000},
                    "maximumBuyCount": 50,
                }
        items.append(item)
    if kind == "flat":
        return {**head, **SHIPPING_VALUES, "items": items}
    payload = {
        **head,
        "rocketGrowthAdditionalInformation": {"rfmInboundName": "테스트 입고", "legalAgreement": "AGREE"},
        "items": items,
    }
    if kind == "hybrid":
        payload["marketplaceShippingAndReturnInfo"] = dict(SHIPPING_VALUES)
    return payload


VALUES: tuple[Any, ...] = (
    None, "", " ", "x" * 21, "x" * 160, "x" * 1001, 0, -5, 1, 7, 10005, 9800, 1.0, 1.5, "12", " 42 ", "１２",
    "abc", True, False, "true", "false", [], {}, [None], [{}], [1, "a"], {"a": 1}, 10**19, float("nan"),
    "2024-01-01T00:00:00", "2100-01-01T00:00:00", "2024-1-1", "AGREE", "EXPOSED", "NONE", "USED_BEST",
    "PARALLEL_IMPORTED", "OVERSEAS_PURCHASED", "FREE_DELIVERY_OVER_9800", "CONDITIONAL_FREE", "NOT_FREE",
    "DETAIL", "REPRESENTATION", "8801234567890", "bad barcode!", "http://img.example.com/a.jpg", "ftp://x",
    "수량", "2개", "0개", "10kg", "미세모", "2024-01-01", "기타 재화", "MANDATORY",
)  # fmt: skip


def _containers(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every dict and list in ``doc``."""
    out = [path]
    children = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    for key, child in children:
        if isinstance(child, dict | list):
            out.extend(_containers(child, (*path, key)))
    return out


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def mutate(payload: dict[str, Any], rng: random.Random, value: Any = None, *, drawn: bool = False) -> None:
    """One change somewhere in ``payload``: a value replaced or removed, an element repeated or dropped,
    an alias spelling; ``value`` (when ``drawn``) is the replacement instead of one of ``VALUES``."""
    target = _at(payload, rng.choice(_containers(payload)))
    action = rng.randrange(10)
    if isinstance(target, list):
        if not target or action < 3:
            target.append(value if drawn else copy.deepcopy(rng.choice(VALUES)))
        elif action < 6:
            target.append(copy.deepcopy(rng.choice(target)))
        elif action < 8:
            target.pop(rng.randrange(len(target)))
        else:
            target[rng.randrange(len(target))] = value if drawn else copy.deepcopy(rng.choice(VALUES))
        return
    if not target:
        target["extra"] = value
        return
    key = rng.choice(sorted(target))
    if action < 2:
        del target[key]
    elif action < 3:
        aliases = {"marketplaceItemData": "marketPlaceItemData"}
        aliases["rocketGrowthAdditionalInformation"] = "additionalInformationForRocketGrowth"
        target[aliases.get(key, key + "X")] = target.pop(key)
    else:
        target[key] = value if drawn else copy.deepcopy(rng.choice(VALUES))


def bases() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{code}-{kind}", _payload(code, kind)) for code in CATEGORIES for kind in ("flat", "rocket", "hybrid")]


def corpus() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(name, payload, context): every base as is and mutated ``MUTATED_PER_BASE`` times, seeded."""
    metas = {code: CategoryMeta.from_wire(_wire_meta(code)) for code in CATEGORIES}
    out = []
    for name, base in bases():
        rng = random.Random(name)
        meta = metas[base["displayCategoryCode"]]
        out.append((name, base, {"mode": "create", "meta": meta, "vendor_id": VENDOR, "consent": True}))
        for n in range(MUTATED_PER_BASE):
            payload = copy.deepcopy(base)
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                mutate(payload, rng)
            mode = rng.choice(("create", "create", "update"))
            if mode == "update" and rng.random() < 0.8:
                payload["sellerProductId"] = rng.choice((1234, "1234", None))
            context: dict[str, Any] = {
                "mode": mode,
                "meta": rng.choice((meta, meta, meta, None)),
                "rocket_growth_category": rng.choice((True, True, None, False)),
                "vendor_id": rng.choice((VENDOR, VENDOR, VENDOR, None, "B999")),
                "consent": rng.choice((True, True, True, None, False)),
            }
            out.append((f"{name}-{n}", payload, context))
    return out


def outcome(payload: Any, context: dict[str, Any]) -> list[Any]:
    try:
        draft = validate_product(payload, **context)
    except Error as exc:
        return [type(exc).__name__, exc.message, exc.field]
    text = json.dumps(dataclasses.asdict(draft), ensure_ascii=False, default=repr)
    return ["ok", hashlib.sha256(text.encode()).hexdigest()[:20]]


# ---------------------------------------------------------------- the tests


def test_validate_product_answers_as_recorded() -> None:
    recorded = json.loads(OUTCOMES.read_text())
    cases = corpus()
    assert sorted(recorded) == sorted(name for name, _, _ in cases)
    assert sum(recorded[name][0] == "ok" for name, _, _ in cases) >= len(bases())  # the bases pass
    for name, payload, context in cases:
        assert outcome(payload, context) == recorded[name], name


def _answer(run: Callable[[], Any]) -> list[Any]:
    try:
        return ["ok", repr(run())]
    except Error as exc:
        return [type(exc).__name__, exc.message, exc.field]


def _same_check(spec: Spec, value: Any, path: str = "") -> None:
    ours = _answer(lambda: fields.check(value, spec, path))
    assert ours == _answer(lambda: reference_check(value, spec, path))


@settings(max_examples=300, deadline=None)
@given(
    base=st.sampled_from([b for _, b in bases()]),
    seed=st.integers(0, 2**32),
    values=st.lists(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=25),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
            max_leaves=6,
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_compiled_checks_answer_as_the_original(base: dict[str, Any], seed: int, values: list[Any]) -> None:
    rng = random.Random(seed)
    payload = copy.deepcopy(base)
    for value in values:
        mutate(payload, rng, value, drawn=rng.random() < 0.7)
    _same_check(PRODUCT, payload)
    items = payload.get("items")
    for i, item in enumerate(items if isinstance(items, list) else ()):
        _same_check(ITEM, item, f"items[{i}]")
    _same_check(SHIPPING, payload)
    _same_check(PARTIAL_UPDATE, payload)


def _every_field(spec: Spec) -> list[Field]:
    out = []
    for fld in spec.values():
        out.append(fld)
        if fld.spec is not None:
            out.extend(_every_field(fld.spec))
        if fld.items is not None:
            out.append(fld.items)
            if fld.items.spec is not None:
                out.extend(_every_field(fld.items.spec))
    return out


@pytest.mark.parametrize("value", VALUES)
def test_check_value_of_every_field_answers_as_the_original(value: Any) -> None:
    for fld in (*_every_field(PRODUCT), *_every_field(PARTIAL_UPDATE), Field("any"), Field("number")):
        for path in ("", "a", "a.b[0]"):
            ours = _answer(lambda: fields.check_value(value, fld, path))  # noqa: B023
            theirs = _answer(lambda: reference_check_value(value, fld, path))  # noqa: B023
            assert ours == theirs, (fld, value, path)


def record() -> None:
    """Write ``validation_outcomes.json`` with the implementation importable now."""
    recorded = {name: outcome(payload, context) for name, payload, context in corpus()}
    OUTCOMES.write_text(json.dumps(recorded, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    print(f"{len(recorded)} outcomes, {sum(v[0] == 'ok' for v in recorded.values())} accepted", file=sys.stderr)


if __name__ == "__main__":
    record()
