"""The category tree (pure): renderings, filters, locales, and reading gateway recordings."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rocketgrowth.domain.catalog import (
    Catalog,
    CategoryNode,
    Locale,
    RegistrationType,
    parse_code,
    parse_locale,
    parse_registration_type,
    validate_tree,
)
from rocketgrowth.domain.catalog_files import build_nodes, meta_document, read_metas, read_tree, tree_document
from rocketgrowth.domain.categories import DEMO_DISABLED_CATEGORY, DEMO_RG_CATEGORY
from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.store.categories import load_builtin

BUILTIN = Catalog(load_builtin())


def walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    out = [node]
    for child in node["child"]:
        out.extend(walk(child))
    return out


def leaves_of(tree: dict[str, Any]) -> set[int]:
    return {n["displayItemCategoryCode"] for n in walk(tree) if not n["child"] and n["displayItemCategoryCode"] != 0}


# ---------------------------------------------------------------- query parameters


def test_parse_parameters() -> None:
    assert parse_registration_type(None) is None
    assert parse_registration_type("") is None
    assert parse_registration_type("NORMAL") is None
    assert parse_registration_type("rfm") is RegistrationType.RFM
    assert parse_registration_type("CGF") is RegistrationType.CGF
    with pytest.raises(Invalid, match=r"registrationType\[ROCKET\]"):
        parse_registration_type("ROCKET")
    assert parse_locale(None) is Locale.KR
    assert parse_locale("ko") is Locale.KR
    assert parse_locale("EN") is Locale.EN
    assert parse_locale("zh-cn") is Locale.ZH_CN
    with pytest.raises(Invalid, match=r"locale\[fr\]"):
        parse_locale("fr")
    assert parse_code("63162") == 63162
    with pytest.raises(Invalid, match=r"카테고리코드\[ 63162\]"):  # the one number parser: no spaces
        parse_code(" 63162")
    assert parse_code("0") == 0
    for bad in ("abc", "-1", "1.5", "", "١٢"):
        with pytest.raises(Invalid) as info:
            parse_code(bad)
        assert info.value.message == f"카테고리코드[{bad}]는 숫자형으로 입력해주세요"


# ---------------------------------------------------------------- renderings


def test_full_tree_shape() -> None:
    tree = BUILTIN.tree()
    assert tree["displayItemCategoryCode"] == 0
    assert tree["name"] == "ROOT"
    assert len(tree["child"]) == 11
    nodes = walk(tree)
    assert len(nodes) == len(BUILTIN) + 1
    assert all(set(n) == {"displayItemCategoryCode", "name", "status", "child"} for n in nodes)
    assert BUILTIN.tree() is tree  # memoised


def test_locales_pick_the_name() -> None:
    korean = BUILTIN.node(DEMO_RG_CATEGORY)
    english = BUILTIN.node(DEMO_RG_CATEGORY, locale=Locale.EN)
    chinese = BUILTIN.node(DEMO_RG_CATEGORY, locale=Locale.ZH_CN)
    assert (korean["name"], english["name"], chinese["name"]) == ("칫솔", "Toothbrushes", "牙刷")
    node = CategoryNode(code=11111, parent=0, name="한국어만")
    assert node.name_in(Locale.EN) == "한국어만"


def test_node_has_one_depth() -> None:
    root = BUILTIN.node(0)
    assert [c["child"] for c in root["child"]] == [[]] * 11
    top = root["child"][0]["displayItemCategoryCode"]
    node = BUILTIN.node(top)
    assert node["child"]
    assert all(c["child"] == [] for c in node["child"])
    assert BUILTIN.node(DEMO_RG_CATEGORY)["child"] == []
    with pytest.raises(NotFound, match=r"카테고리\[99\]"):
        BUILTIN.node(99)


def test_registration_type_filters() -> None:
    rfm = BUILTIN.tree(registration_type=RegistrationType.RFM)
    flagged = {n.code for n in BUILTIN.nodes() if n.rocket_growth and BUILTIN.is_leaf(n.code)}
    assert leaves_of(rfm) == flagged
    assert len(walk(rfm)) < len(walk(BUILTIN.tree()))
    cgf = BUILTIN.tree(registration_type=RegistrationType.CGF, locale=Locale.EN)
    assert leaves_of(cgf) == {n.code for n in BUILTIN.nodes() if n.global_fulfillment}
    assert cgf["child"][0]["name"] == "Fashion"


def test_validity_follows_the_path() -> None:
    assert BUILTIN.is_valid(DEMO_RG_CATEGORY)
    assert not BUILTIN.is_valid(DEMO_DISABLED_CATEGORY)
    ready = next(n for n in BUILTIN.nodes() if n.status == "READY")
    assert not BUILTIN.is_leaf(ready.code)
    assert all(not BUILTIN.is_valid(c) for c in BUILTIN.leaves_under(ready.code))
    assert not BUILTIN.is_valid(ready.code)  # not a leaf
    assert not BUILTIN.is_valid(424242)


def test_validate_tree() -> None:
    validate_tree(load_builtin())
    with pytest.raises(Invalid, match="상위 카테고리"):
        validate_tree([CategoryNode(code=5, parent=7, name="고아")])
    with pytest.raises(Invalid, match="순환"):
        validate_tree([CategoryNode(code=5, parent=6, name="a"), CategoryNode(code=6, parent=5, name="b")])
    with pytest.raises(Invalid, match="중복"):
        validate_tree([CategoryNode(code=5, parent=0, name="a"), CategoryNode(code=5, parent=0, name="b")])


@st.composite
def trees(draw: st.DrawFn) -> list[CategoryNode]:
    count = draw(st.integers(min_value=1, max_value=40))
    nodes: list[CategoryNode] = []
    for i in range(count):
        code = 1000 + i
        parent = draw(st.sampled_from([0, *[n.code for n in nodes]])) if nodes else 0
        nodes.append(
            CategoryNode(
                code=code,
                parent=parent,
                name=f"c{code}",
                rocket_growth=draw(st.booleans()),
                global_fulfillment=draw(st.booleans()),
            )
        )
    return nodes


@given(trees())
def test_a_filtered_tree_keeps_exactly_the_flagged_leaves_and_their_ancestors(nodes: list[CategoryNode]) -> None:
    catalog = Catalog(nodes)
    parents = {n.code: n.parent for n in nodes}
    for kind, flag in ((RegistrationType.RFM, "rocket_growth"), (RegistrationType.CGF, "global_fulfillment")):
        tree = catalog.tree(registration_type=kind)
        expected = {n.code for n in nodes if getattr(n, flag) and catalog.is_leaf(n.code)}
        kept = walk(tree)
        assert {
            n["displayItemCategoryCode"]
            for n in kept
            if n["displayItemCategoryCode"] and catalog.is_leaf(n["displayItemCategoryCode"])
        } == expected
        for node in kept:  # every kept edge is an edge of the full tree
            for child in node["child"]:
                assert parents[child["displayItemCategoryCode"]] == node["displayItemCategoryCode"]


# ---------------------------------------------------------------- gateway recordings


def test_round_trip_through_gateway_documents() -> None:
    tree = read_tree(tree_document(BUILTIN))
    rfm = {n.code for n in read_tree(tree_document(BUILTIN, registration_type=RegistrationType.RFM))}
    cgf = {n.code for n in read_tree(tree_document(BUILTIN, registration_type=RegistrationType.CGF))}
    en = {n.code: n.name for n in read_tree(tree_document(BUILTIN, locale=Locale.EN))}
    zh = {n.code: n.name for n in read_tree(tree_document(BUILTIN, locale=Locale.ZH_CN))}
    nodes = build_nodes(
        tree,
        read_metas(meta_document(BUILTIN)),
        rocket_growth=rfm,
        global_fulfillment=cgf,
        names={Locale.EN: en, Locale.ZH_CN: zh},
    )
    again = Catalog(nodes)
    for locale in Locale:
        for kind in (None, *RegistrationType):
            assert again.tree(registration_type=kind, locale=locale) == BUILTIN.tree(
                registration_type=kind, locale=locale
            )
    assert meta_document(again) == meta_document(BUILTIN)


def test_read_tree_accepts_every_recorded_shape() -> None:
    bare = {
        "displayItemCategoryCode": 0,
        "name": "ROOT",
        "status": "ACTIVE",
        "child": [
            {
                "displayItemCategoryCode": "1010",
                "name": "패션의류",
                "child": [{"displayCategoryCode": 3000, "name": "티", "child": None}],
            }
        ],
    }
    double = {"code": "200", "message": "", "data": {"code": "SUCCESS", "message": "", "data": bare}}
    for document in (bare, {"code": "SUCCESS", "message": "", "data": bare}, double):
        nodes = read_tree(document)
        assert [(n.code, n.parent, n.depth, n.status) for n in nodes] == [
            (1010, 0, 1, "ACTIVE"),
            (3000, 1010, 2, "ACTIVE"),
        ]
    listed = read_tree({"code": "SUCCESS", "data": bare["child"]})
    assert [n.code for n in listed] == [1010, 3000]


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({"code": "ERROR", "message": "boom", "data": None}, "failed response"),
        ({"displayCategoryCode": 0, "name": "ROOT", "child": []}, "has no category"),
        ({"displayCategoryCode": 0, "child": [{"name": "x"}]}, "data.child[0] has no displayCategoryCode"),
        ({"displayCategoryCode": 0, "child": [{"displayCategoryCode": "12a", "name": "x"}]}, "must be a number"),
        ({"displayCategoryCode": 0, "child": [{"displayCategoryCode": 5, "name": ""}]}, "data.child[0].name"),
        ({"displayCategoryCode": 0, "child": [{"displayCategoryCode": 5, "name": "a", "status": "ON"}]}, "status"),
        ({"displayCategoryCode": 0, "child": [{"displayCategoryCode": 5, "name": "a", "child": 3}]}, "child must be"),
        (
            {
                "displayCategoryCode": 0,
                "child": [{"displayCategoryCode": 5, "name": "a"}, {"displayCategoryCode": 5, "name": "b"}],
            },
            "repeats displayCategoryCode 5",
        ),
        ("not json object", "root category"),
    ],
)
def test_read_tree_errors_name_the_place(document: Any, fragment: str) -> None:
    with pytest.raises(Invalid) as info:
        read_tree(document, source="tree.json")
    assert info.value.message.startswith("tree.json: ")
    assert fragment in info.value.message


def test_read_metas_accepts_mapping_list_and_envelopes() -> None:
    raw = BUILTIN.get(DEMO_RG_CATEGORY)
    assert raw is not None
    assert raw.meta is not None
    meta = dict(raw.meta)
    envelope = {"code": "SUCCESS", "message": "", "data": meta}
    forms = [
        {str(DEMO_RG_CATEGORY): meta},
        {str(DEMO_RG_CATEGORY): envelope},
        [{"displayCategoryCode": DEMO_RG_CATEGORY, "meta": meta}],
        [{"displayCategoryCode": DEMO_RG_CATEGORY, "meta": envelope}],
        [{"displayCategoryCode": DEMO_RG_CATEGORY, **envelope}],
    ]
    for form in forms:
        assert read_metas(form) == {DEMO_RG_CATEGORY: meta}


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ("x", "must be an object"),
        ({"isAllowSingleItem": True}, "one metadata object"),
        ({"abc": {}}, "must be a number"),
        ([{"meta": {}}], "has no displayCategoryCode"),
        ([{"displayCategoryCode": 5}], "neither meta nor data"),
        ({"5": {"attributes": "none"}}, "category 5"),
        ({"5": {"code": "ERROR", "message": "없음", "data": None}}, "failed response"),
    ],
)
def test_read_metas_errors(document: Any, fragment: str) -> None:
    with pytest.raises(Invalid) as info:
        read_metas(document, source="meta.json")
    assert fragment in info.value.message


def test_build_nodes_checks_codes() -> None:
    tree = read_tree(
        {
            "displayCategoryCode": 0,
            "child": [{"displayCategoryCode": 1, "name": "a", "child": [{"displayCategoryCode": 2, "name": "b"}]}],
        }
    )
    with pytest.raises(Invalid, match=r"meta: categories not in the tree: \[9\]"):
        build_nodes(tree, {9: {}})
    with pytest.raises(Invalid, match="not leaves"):
        build_nodes(tree, {1: {}})
    with pytest.raises(Invalid, match="RFM tree"):
        build_nodes(tree, {}, rocket_growth={7})
    nodes = build_nodes(tree, {}, rocket_growth={1, 2})
    assert [n.rocket_growth for n in nodes] == [False, True]  # only leaves carry the flag
