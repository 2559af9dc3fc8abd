"""Read and write category catalogs in the shapes recorded from the real gateway.

* tree: the category list response, as the full envelope ``{"code":…,"data":{root}}`` (also the 2019
  double envelope) or the bare root; node keys ``displayCategoryCode`` or ``displayItemCategoryCode``;
  ``child`` a list or null. The same shape is read for the RFM / CGF trees (which flag the leaves
  they contain) and for the trees fetched with ``locale=en`` / ``zh-CN`` (names only).
* metadata: an object mapping code → meta (or → its envelope), or a list of
  ``{displayCategoryCode, meta}`` / ``{displayCategoryCode, data}`` (an envelope with its code added).

Every problem raises ``Invalid`` naming the file and the field, before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rocketgrowth.domain.catalog import MAX_NAME, ROOT_CODE, STATUSES, Catalog, CategoryNode, Locale, RegistrationType
from rocketgrowth.domain.categories import CategoryMeta
from rocketgrowth.errors import Invalid

__all__ = ("build_nodes", "meta_document", "read_metas", "read_names", "read_tree", "tree_document")

_CODE_KEYS = ("displayCategoryCode", "displayItemCategoryCode")
_MAX_NODES = 200_000


def _bad(source: str, where: str, what: str) -> Invalid:
    return Invalid(f"{source}: {where} {what}", field=where)


def _unwrap(data: Any, source: str) -> Any:
    """The ``data`` of an envelope (twice for the 2019 double envelope); a bare body as is."""
    for _ in range(2):
        if isinstance(data, Mapping) and "code" in data and "data" in data and not _has_code(data):
            code = str(data.get("code")).upper()
            if code not in ("SUCCESS", "200", "OK"):
                raise _bad(source, "code", f"is {data.get('code')!r}: a failed response ({data.get('message')!r})")
            data = data["data"]
    return data


def _has_code(node: Mapping[str, Any]) -> bool:
    return any(key in node for key in _CODE_KEYS)


def _code(value: Any, source: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _bad(source, where, "must be a number")
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 15:
        raise _bad(source, where, f"must be a number, got {value!r}")
    return int(text)


def read_tree(data: Any, *, source: str = "tree") -> list[CategoryNode]:
    """The categories of a recorded tree (no metadata, no flags), parents first, in order."""
    body = _unwrap(data, source)
    if isinstance(body, list):
        top, where = body, "data"
    elif isinstance(body, Mapping):
        key = next((k for k in _CODE_KEYS if k in body), None)
        if key is None:
            raise _bad(source, "data", "is not a category node (no displayCategoryCode)")
        if _code(body[key], source, f"data.{key}") == ROOT_CODE:
            top, where = _children(body, source, "data"), "data.child"
        else:
            top, where = [body], "data"
    else:
        raise _bad(source, "data", "must be the root category object")
    nodes: list[CategoryNode] = []
    seen: dict[int, str] = {}
    stack = [(entry, ROOT_CODE, 1, position, f"{where}[{position}]") for position, entry in enumerate(top)]
    stack.reverse()
    while stack:
        entry, parent, depth, position, at = stack.pop()
        node = _read_node(entry, parent, depth, position, source, at)
        if node.code in seen:
            raise _bad(source, at, f"repeats displayCategoryCode {node.code} (first at {seen[node.code]})")
        seen[node.code] = at
        nodes.append(node)
        if len(nodes) > _MAX_NODES:
            raise _bad(source, at, f"too many categories (more than {_MAX_NODES})")
        children = _children(entry, source, at)
        stack.extend(
            (child, node.code, depth + 1, i, f"{at}.child[{i}]") for i, child in reversed(list(enumerate(children)))
        )
    if not nodes:
        raise _bad(source, where, "has no category")
    return nodes


def _children(entry: Mapping[str, Any], source: str, at: str) -> list[Any]:
    child = entry.get("child")
    if child is None:
        return []
    if not isinstance(child, list):
        raise _bad(source, f"{at}.child", "must be a list or null")
    return child


def _read_node(entry: Any, parent: int, depth: int, position: int, source: str, at: str) -> CategoryNode:
    if not isinstance(entry, Mapping):
        raise _bad(source, at, "must be a category object")
    key = next((k for k in _CODE_KEYS if k in entry), None)
    if key is None:
        raise _bad(source, at, "has no displayCategoryCode")
    code = _code(entry[key], source, f"{at}.{key}")
    if code == ROOT_CODE:
        raise _bad(source, f"{at}.{key}", "is 0 (the root) below the root")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _bad(source, f"{at}.name", "must be a non-empty string")
    if len(name) > MAX_NAME:
        raise _bad(source, f"{at}.name", f"is longer than {MAX_NAME} characters")
    status = entry.get("status") or "ACTIVE"
    if status not in STATUSES:
        raise _bad(source, f"{at}.status", f"must be one of {', '.join(STATUSES)}, got {status!r}")
    return CategoryNode(code=code, parent=parent, name=name, status=status, depth=depth, position=position)


def read_names(data: Any, *, source: str) -> dict[int, str]:
    """Code → name of a tree fetched with another ``locale``."""
    return {node.code: node.name for node in read_tree(data, source=source)}


def read_metas(data: Any, *, source: str = "meta") -> dict[int, dict[str, Any]]:
    """Code → metadata (the wire object, checked by ``CategoryMeta.from_wire``)."""
    body = data
    pairs: list[tuple[int, Any, str]] = []
    if isinstance(body, Mapping) and "isAllowSingleItem" in body:
        raise _bad(source, "(top)", 'is one metadata object: wrap it as {"<displayCategoryCode>": meta}')
    if isinstance(body, Mapping) and not _has_code(body):
        for key, value in body.items():
            pairs.append((_code(key, source, f"[{key!r}]"), value, f"[{key!r}]"))
    elif isinstance(body, list):
        for i, entry in enumerate(body):
            at = f"[{i}]"
            if not isinstance(entry, Mapping):
                raise _bad(source, at, "must be an object {displayCategoryCode, meta}")
            key = next((k for k in _CODE_KEYS if k in entry), None)
            if key is None:
                raise _bad(source, at, "has no displayCategoryCode")
            value = entry.get("meta", entry.get("data"))
            if value is None:
                raise _bad(source, at, "has neither meta nor data")
            if "meta" not in entry and "code" in entry:
                value = {k: v for k, v in entry.items() if k not in _CODE_KEYS}
            pairs.append((_code(entry[key], source, f"{at}.{key}"), value, at))
    else:
        raise _bad(source, "(top)", "must be an object code → meta or a list of {displayCategoryCode, meta}")
    metas: dict[int, dict[str, Any]] = {}
    for code, value, at in pairs:
        meta = _unwrap(value, source)
        if not isinstance(meta, Mapping):
            raise _bad(source, at, "must be the metadata object")
        try:
            CategoryMeta.from_wire(meta)
        except Invalid as exc:
            raise _bad(source, at, f"(category {code}): {exc.message}") from None
        if code in metas:
            raise _bad(source, at, f"repeats category {code}")
        metas[code] = dict(meta)
    return metas


def build_nodes(
    tree: Iterable[CategoryNode],
    metas: Mapping[int, Mapping[str, Any]],
    *,
    rocket_growth: Iterable[int] = (),
    global_fulfillment: Iterable[int] = (),
    names: Mapping[Locale, Mapping[int, str]] | None = None,
) -> list[CategoryNode]:
    """Join a tree with its metadata, flags and translated names; leaves only carry meta and flags."""
    nodes = list(tree)
    by_code = {n.code: n for n in nodes}
    parents = {n.parent for n in nodes}
    for label, codes in (("meta", metas), ("RFM tree", rocket_growth), ("CGF tree", global_fulfillment)):
        unknown = sorted(set(codes) - set(by_code))
        if unknown:
            raise Invalid(f"{label}: categories not in the tree: {unknown[:10]}")
    inner = sorted(c for c in metas if c in parents)
    if inner:
        raise Invalid(f"meta: categories that are not leaves: {inner[:10]}")
    rfm, cgf = set(rocket_growth), set(global_fulfillment)
    translated = names or {}
    for locale, mapping in translated.items():
        unknown = sorted(set(mapping) - set(by_code))
        if unknown:
            raise Invalid(f"{locale.value} tree: categories not in the tree: {unknown[:10]}")
    out = []
    for node in nodes:
        leaf = node.code not in parents
        local = {loc.value: m[node.code] for loc, m in translated.items() if node.code in m}
        out.append(
            CategoryNode(
                code=node.code,
                parent=node.parent,
                name=node.name,
                names=local,
                status=node.status,
                depth=node.depth,
                position=node.position,
                rocket_growth=leaf and node.code in rfm,
                global_fulfillment=leaf and node.code in cgf,
                meta=metas.get(node.code) if leaf else None,
            )
        )
    return out


def tree_document(
    catalog: Catalog, *, registration_type: RegistrationType | None = None, locale: Locale = Locale.KR
) -> dict[str, Any]:
    """The category list response, as the gateway sends it."""
    data = catalog.tree(registration_type=registration_type, locale=locale)
    return {"code": "SUCCESS", "message": "", "data": data}


def meta_document(catalog: Catalog) -> dict[str, Any]:
    """Code → metadata of every leaf that has one."""
    return {str(n.code): dict(n.meta) for n in catalog.nodes() if n.meta is not None and catalog.is_leaf(n.code)}
