"""Category API through real HTTP, signed, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from rocketgrowth.domain.catalog import CategoryNode
from rocketgrowth.domain.categories import (
    DEMO_DISABLED_CATEGORY,
    DEMO_MARKETPLACE_CATEGORY,
    DEMO_NOT_RG_CATEGORY,
    DEMO_RG_CATEGORY,
    DEMO_RG_EXPIRY_CATEGORY,
)
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from rocketgrowth.store.categories import load_builtin
from tests.conftest import SELLER, LiveServer

BASE = f"{SELLER}/meta/display-categories"
METAS = f"{SELLER}/meta/category-related-metas/display-category-codes"
BUILTIN = {n.code: n for n in load_builtin()}
META_KEYS = {
    "isAllowSingleItem",
    "attributes",
    "noticeCategories",
    "requiredDocumentNames",
    "certifications",
    "allowedOfferConditions",
    "isExpirationDateRequiredForRocketGrowth",
}


def walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    out = [node]
    for child in node["child"]:
        out.extend(walk(child))
    return out


def leaf_codes(tree: dict[str, Any]) -> set[int]:
    return {n["displayItemCategoryCode"] for n in walk(tree) if not n["child"] and n["displayItemCategoryCode"]}


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"code", "message", "data"}
    assert body["code"] == "SUCCESS"
    assert body["message"] == ""
    return body["data"]


def error(response: httpx.Response) -> str:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "ERROR"
    assert body["data"] is None
    message: str = body["message"]
    return message


# ---------------------------------------------------------------- the tree


def test_full_tree(api: httpx.Client) -> None:
    root = ok(api.get(BASE))
    assert (root["displayItemCategoryCode"], root["name"], root["status"]) == (0, "ROOT", "ACTIVE")
    assert [c["name"] for c in root["child"]][:3] == ["패션의류잡화", "뷰티", "식품"]
    nodes = walk(root)
    assert len(nodes) == len(BUILTIN) + 1
    assert all(set(n) == {"displayItemCategoryCode", "name", "status", "child"} for n in nodes)
    assert leaf_codes(root) == {c for c, n in BUILTIN.items() if n.meta is not None}
    assert {n["status"] for n in nodes} == {"ACTIVE", "READY", "DISABLED"}


@pytest.mark.parametrize("value", ["RFM", "rfm"])
def test_rocket_growth_tree(api: httpx.Client, value: str) -> None:
    tree = ok(api.get(BASE, params={"registrationType": value}))
    leaves = leaf_codes(tree)
    assert leaves == {c for c, n in BUILTIN.items() if n.rocket_growth}
    assert {DEMO_RG_CATEGORY, DEMO_RG_EXPIRY_CATEGORY} <= leaves
    assert DEMO_NOT_RG_CATEGORY not in leaves
    assert DEMO_MARKETPLACE_CATEGORY not in leaves


def test_global_fulfillment_tree_in_english(api: httpx.Client) -> None:
    tree = ok(api.get(BASE, params={"registrationType": "CGF", "locale": "en"}))
    assert leaf_codes(tree) == {c for c, n in BUILTIN.items() if n.global_fulfillment}
    assert tree["child"][0]["name"] == "Fashion"


def test_locales(api: httpx.Client) -> None:
    names = {}
    for locale in ("kr", "en", "zh-CN"):
        tree = ok(api.get(BASE, params={"locale": locale}))
        names[locale] = [c["name"] for c in tree["child"]][:2]
    assert names == {"kr": ["패션의류잡화", "뷰티"], "en": ["Fashion", "Beauty"], "zh-CN": ["时尚服饰", "美妆"]}


def test_invalid_parameters(api: httpx.Client) -> None:
    message = error(api.get(BASE, params={"registrationType": "ROCKET"}))
    assert message == "registrationType[ROCKET]은(는) 지원하지 않는 값입니다. RFM, CGF 중 하나를 입력해주세요."
    message = error(api.get(BASE, params={"locale": "fr"}))
    assert message == "locale[fr]은(는) 지원하지 않는 값입니다. kr, en, zh-CN 중 하나를 입력해주세요."


def test_the_api_is_signed(live: LiveServer) -> None:
    with httpx.Client(base_url=live.base_url) as client:
        response = client.get(BASE)
    assert response.status_code == 401
    assert response.json()["message"] == "Request is not authorized."


# ---------------------------------------------------------------- one category


def test_root_with_one_depth(api: httpx.Client) -> None:
    root = ok(api.get(f"{BASE}/0"))
    assert root["displayItemCategoryCode"] == 0
    assert len(root["child"]) == 11
    assert all(c["child"] == [] for c in root["child"])


def test_inner_category_with_one_depth(api: httpx.Client) -> None:
    top = ok(api.get(f"{BASE}/0"))["child"][2]
    node = ok(api.get(f"{BASE}/{top['displayItemCategoryCode']}", params={"locale": "en"}))
    assert (node["name"], node["status"]) == ("Food", "ACTIVE")
    expected = [n for n in BUILTIN.values() if n.parent == top["displayItemCategoryCode"]]
    assert [c["displayItemCategoryCode"] for c in node["child"]] == [n.code for n in sorted(expected, key=_order)]
    assert all(c["child"] == [] for c in node["child"])


def _order(node: CategoryNode) -> int:
    return node.position


def test_leaf_category(api: httpx.Client) -> None:
    node = ok(api.get(f"{BASE}/{DEMO_RG_CATEGORY}"))
    assert node == {"displayItemCategoryCode": DEMO_RG_CATEGORY, "name": "칫솔", "status": "ACTIVE", "child": []}


def test_unknown_or_malformed_code(api: httpx.Client) -> None:
    assert error(api.get(f"{BASE}/99")) == "카테고리[99]가 존재하지 않습니다."
    assert error(api.get(f"{BASE}/abc")) == "카테고리코드[abc]는 숫자형으로 입력해주세요"
    assert error(api.get(f"{BASE}/-5")) == "카테고리코드[-5]는 숫자형으로 입력해주세요"
    assert error(api.get(f"{BASE}/-0")) == "카테고리코드[-0]는 숫자형으로 입력해주세요"
    # beyond a long, as the gateway reads a number: the same message (one number parser)
    too_long = "123456789012345678901234"
    assert error(api.get(f"{BASE}/{too_long}")) == f"카테고리코드[{too_long}]는 숫자형으로 입력해주세요"
    assert error(api.get(f"{BASE}/1234567890")) == "카테고리[1234567890]가 존재하지 않습니다."


# ---------------------------------------------------------------- validity


def test_status(api: httpx.Client) -> None:
    assert ok(api.get(f"{BASE}/{DEMO_RG_CATEGORY}/status")) is True
    assert ok(api.get(f"{BASE}/{DEMO_DISABLED_CATEGORY}/status")) is False
    assert ok(api.get(f"{BASE}/123/status")) is False
    ready = next(n for n in BUILTIN.values() if n.status == "READY")
    below = [n for n in BUILTIN.values() if n.parent == ready.code and n.meta is not None]
    assert ok(api.get(f"{BASE}/{below[0].code}/status")) is False


def test_status_of_an_inner_category_lists_leaves(api: httpx.Client) -> None:
    parent = BUILTIN[DEMO_RG_CATEGORY].parent
    message = error(api.get(f"{BASE}/{parent}/status"))
    assert message.startswith(f"카테고리[{parent}]는 최하위 카테고리가 아닙니다.")
    assert str(DEMO_RG_CATEGORY) in message
    assert error(api.get(f"{BASE}/x1/status")) == "카테고리코드[x1]는 숫자형으로 입력해주세요"


# ---------------------------------------------------------------- metadata


def test_metadata_of_a_leaf(api: httpx.Client) -> None:
    for code in (DEMO_RG_CATEGORY, DEMO_RG_EXPIRY_CATEGORY, DEMO_MARKETPLACE_CATEGORY):
        meta = ok(api.get(f"{METAS}/{code}"))
        assert set(meta) == META_KEYS
        assert meta == BUILTIN[code].meta
    assert ok(api.get(f"{METAS}/{DEMO_RG_EXPIRY_CATEGORY}"))["isExpirationDateRequiredForRocketGrowth"] is True
    assert ok(api.get(f"{METAS}/{DEMO_RG_CATEGORY}"))["isExpirationDateRequiredForRocketGrowth"] is False


def test_metadata_errors(api: httpx.Client) -> None:
    parent = BUILTIN[DEMO_RG_CATEGORY].parent
    assert "최하위 카테고리가 아닙니다" in error(api.get(f"{METAS}/{parent}"))
    assert error(api.get(f"{METAS}/77")) == "카테고리[77]가 존재하지 않습니다."
    assert error(api.get(f"{METAS}/1e5")) == "카테고리코드[1e5]는 숫자형으로 입력해주세요"


# ---------------------------------------------------------------- a new catalog reaches running servers


@pytest.fixture
def other_process(db_url: str) -> Iterator[Services]:
    """The database as another process (the import CLI, another worker) sees it; restores the catalog."""
    services = Services.build(Settings(db_url=db_url, rate_limit=0))
    try:
        yield services
    finally:
        with services.db.write() as conn:
            services.categories.restore_builtin(conn)
        services.db.dispose()


def test_an_import_elsewhere_is_served_on_the_next_request(api: httpx.Client, other_process: Services) -> None:
    before = ok(api.get(BASE))
    small = [
        CategoryNode(code=11, parent=0, name="테스트", names={"en": "Test"}),
        CategoryNode(
            code=12,
            parent=11,
            name="테스트 잎",
            depth=2,
            rocket_growth=True,
            meta=BUILTIN[DEMO_RG_CATEGORY].meta,
        ),
    ]
    with other_process.db.write() as conn:
        other_process.categories.replace_all(conn, small)
    after = ok(api.get(BASE))
    assert after != before
    assert walk(after)[1:] == [
        {"displayItemCategoryCode": 11, "name": "테스트", "status": "ACTIVE", "child": [walk(after)[2]]},
        {"displayItemCategoryCode": 12, "name": "테스트 잎", "status": "ACTIVE", "child": []},
    ]
    assert leaf_codes(ok(api.get(BASE, params={"registrationType": "RFM"}))) == {12}
    assert ok(api.get(f"{BASE}/12/status")) is True
    assert ok(api.get(f"{METAS}/12")) == BUILTIN[DEMO_RG_CATEGORY].meta
    assert error(api.get(f"{METAS}/{DEMO_RG_CATEGORY}")) == f"카테고리[{DEMO_RG_CATEGORY}]가 존재하지 않습니다."
    with other_process.db.write() as conn:
        other_process.categories.restore_builtin(conn)
    assert ok(api.get(BASE)) == before
