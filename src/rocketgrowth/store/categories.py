"""The category catalog: the ``categories`` table, and one in-memory ``Catalog`` per process.

The full tree is ~2 MB on the real gateway and is asked for often, so every worker keeps the whole
catalog in memory, keyed on the ``catalog_version`` stored in ``sandbox_state``: each request reads
that one value, and the rows are loaded again only when an import or a reset has changed it (in
this worker or in another one).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text

from rocketgrowth.domain.catalog import Catalog, CategoryNode, Locale, RegistrationType, validate_tree
from rocketgrowth.domain.categories import CategoryMeta
from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.store import tables
from rocketgrowth.store.state import StateStore

__all__ = ("BUILTIN_PATH", "CategoryStore", "load_builtin")

BUILTIN_PATH = Path(__file__).resolve().parent.parent / "data" / "categories.json"
VERSION_KEY = "catalog_version"
_SEED_LOCK = 0x43415447  # "CATG"


def load_builtin(path: Path = BUILTIN_PATH) -> list[CategoryNode]:
    """The built-in catalog written by ``scripts/gen_categories.py``."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return [
        CategoryNode(
            code=n["code"],
            parent=n["parent"],
            name=n["name"],
            names=n["names"],
            status=n["status"],
            depth=n["depth"],
            position=n["position"],
            rocket_growth=n["rfm"],
            global_fulfillment=n["cgf"],
            category_id=n["categoryId"],
            meta=n["meta"],
        )
        for n in document["nodes"]
    ]


def _row(node: CategoryNode) -> dict[str, Any]:
    return {
        "display_category_code": node.code,
        "parent_code": node.parent,
        "name": node.name,
        "names": dict(node.names),
        "status": node.status,
        "depth": node.depth,
        "position": node.position,
        "rocket_growth": node.rocket_growth,
        "global_fulfillment": node.global_fulfillment,
        "category_id": node.category_id,
        "meta": dict(node.meta) if node.meta is not None else None,
    }


def _node(m: Any) -> CategoryNode:
    return CategoryNode(
        code=m["display_category_code"],
        parent=m["parent_code"] or 0,
        name=m["name"],
        names=m["names"] or {},
        status=m["status"],
        depth=m["depth"],
        position=m["position"],
        rocket_growth=bool(m["rocket_growth"]),
        global_fulfillment=bool(m["global_fulfillment"]),
        category_id=m["category_id"],
        meta=m["meta"],
    )


class CategoryStore:
    """Every read and write of categories; callers pass the connection (one transaction)."""

    def __init__(self) -> None:
        self._state = StateStore()
        self._lock = threading.Lock()
        self._cached: tuple[str, Catalog] | None = None

    # ------------------------------------------------------------ writes

    def seed_builtin(self, conn: Connection) -> None:
        """Load the built-in catalog when the table is empty (once, even with several workers)."""
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _SEED_LOCK})
        t = tables.categories
        if conn.execute(select(t.c.display_category_code).limit(1)).first() is None:
            self._insert(conn, load_builtin())
            self.bump_version(conn)
        elif self._state.get(conn, VERSION_KEY) is None:
            self.bump_version(conn)

    def replace_all(self, conn: Connection, nodes: Sequence[CategoryNode]) -> None:
        """Replace the whole catalog (an import); atomic with the caller's transaction."""
        if not nodes:
            raise Invalid("카테고리가 하나도 없습니다. 빈 카탈로그는 가져올 수 없습니다.")
        validate_tree(nodes)
        conn.execute(delete(tables.categories))
        self._insert(conn, nodes)
        self.bump_version(conn)

    def restore_builtin(self, conn: Connection) -> None:
        """Back to the built-in catalog (sandbox reset)."""
        self.replace_all(conn, load_builtin())

    def _insert(self, conn: Connection, nodes: Sequence[CategoryNode]) -> None:
        rows = [_row(n) for n in nodes]
        for start in range(0, len(rows), 5000):
            conn.execute(insert(tables.categories), rows[start : start + 5000])

    def bump_version(self, conn: Connection) -> None:
        """Mark the catalog changed: every worker reloads it on its next request. Call it after
        writing the ``categories`` table any other way (e.g. a state snapshot import)."""
        self._state.set(conn, VERSION_KEY, uuid.uuid4().hex)

    # ------------------------------------------------------------ reads

    def catalog(self, conn: Connection) -> Catalog:
        """The whole catalog, from memory unless another version was written since."""
        version = str(self._state.get(conn, VERSION_KEY, ""))
        cached = self._cached
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._lock:
            cached = self._cached
            if cached is not None and cached[0] == version:
                return cached[1]
            t = tables.categories
            rows = conn.execute(select(t).order_by(t.c.depth, t.c.parent_code, t.c.position, t.c.display_category_code))
            catalog = Catalog(_node(r._mapping) for r in rows)
            self._cached = (version, catalog)
            return catalog

    def list_categories(
        self, conn: Connection, *, registration_type: RegistrationType | None = None, locale: Locale = Locale.KR
    ) -> dict[str, Any]:
        """The category list: the root with recursive ``child`` (read-only: it is cached)."""
        return self.catalog(conn).tree(registration_type=registration_type, locale=locale)

    def get_category(self, conn: Connection, code: int, *, locale: Locale = Locale.KR) -> dict[str, Any]:
        """One category with one depth of ``child``; 0 is the root. Unknown → ``NotFound``."""
        return self.catalog(conn).node(code, locale=locale)

    def get_category_status(self, conn: Connection, code: int) -> bool:
        """Validity: a leaf ACTIVE along its whole path. An inner category → ``Invalid`` listing leaves."""
        catalog = self.catalog(conn)
        if catalog.get(code) is not None and not catalog.is_leaf(code):
            raise Invalid(_not_leaf(catalog, code), field="displayCategoryCode")
        return catalog.is_valid(code)

    def meta(self, conn: Connection, code: int) -> CategoryMeta | None:
        """The leaf's metadata; None when the code is unknown or not a leaf (or has none)."""
        return self.catalog(conn).meta(code)

    def get_category_meta(self, conn: Connection, code: int) -> dict[str, Any]:
        """The metadata API's ``data`` (as imported); unknown, inner or meta-less → ``Invalid``."""
        catalog = self.catalog(conn)
        node = catalog.get(code)
        if node is None:
            raise NotFound(f"카테고리[{code}]가 존재하지 않습니다.", field="displayCategoryCode")
        if not catalog.is_leaf(code):
            raise Invalid(_not_leaf(catalog, code), field="displayCategoryCode")
        if node.meta is None:
            raise NotFound(f"카테고리[{code}]의 메타 정보가 없습니다.", field="displayCategoryCode")
        return dict(node.meta)

    def require_meta(self, conn: Connection, code: int) -> CategoryMeta:
        """The metadata product rules check against; the same errors as ``get_category_meta``."""
        self.get_category_meta(conn, code)
        meta = self.meta(conn, code)
        assert meta is not None
        return meta

    def is_rocket_growth(self, conn: Connection, code: int) -> bool:
        """Whether Rocket Growth (registrationType RFM) may use this leaf."""
        return self.catalog(conn).is_rocket_growth(code)

    def export(self, conn: Connection) -> list[CategoryNode]:
        """Every node, parents first, siblings in order."""
        return self.catalog(conn).nodes()


def _not_leaf(catalog: Catalog, code: int) -> str:
    leaves = catalog.leaves_under(code)
    shown = ", ".join(str(c) for c in leaves[:10]) + (" …" if len(leaves) > 10 else "")
    return f"카테고리[{code}]는 최하위 카테고리가 아닙니다. 최하위 카테고리 코드를 입력해주세요. 예) {shown}"
