"""Products, their vendor items (option sides) and status history, on SQLAlchemy Core.

Rows map to the domain's frozen dataclasses in two private functions each way. Writers lock the
product row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises writers),
so two concurrent modifications of one product never lose an update. Pages use keyset pagination on
``(vendor_id, seller_product_id)``: a deep page costs what the first one does, and each product keeps
its list rows and its view rendered (written with the product and with each change of a side), so a
page is one indexed read of JSON texts and a product query one read of one.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    LargeBinary,
    Row,
    Select,
    and_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from rocketgrowth import jsontext
from rocketgrowth.domain import render
from rocketgrowth.domain.lifecycle import HistoryEntry
from rocketgrowth.domain.product import BusinessType, InboundStatus, Option, Product, Side, SideKind
from rocketgrowth.domain.status import ProductStatus
from rocketgrowth.errors import Invalid
from rocketgrowth.store import tables
from rocketgrowth.store.generation import KeptReads

__all__ = (
    "DUPLICATE_BARCODE",
    "HistoryRow",
    "ListFilter",
    "ListRow",
    "ProductStore",
    "RocketGrowthSide",
    "VendorItem",
)

DUPLICATE_BARCODE = "중복된 바코드가 존재합니다."
P, V, H = tables.products, tables.vendor_items, tables.product_histories

# The statements of the hot paths, built once (building a Core statement costs more than running it on
# SQLite); SQLAlchemy's compiled cache keeps their SQL.
#: a product's own columns: what the rows of the ``Product`` are made of (not the texts rendered from it, a
#: product query's and the lists' to read: two thirds of a row's bytes)
_PRODUCT_COLUMNS = tuple(c for c in P.c if c.name not in tables.DERIVED_COLUMNS["products"])
_SELECT_PRODUCTS = select(*_PRODUCT_COLUMNS)
_PRODUCT = _SELECT_PRODUCTS.where(P.c.seller_product_id == bindparam("pid"))
_PRODUCT_FOR_UPDATE = _PRODUCT.with_for_update()
#: (the item id last: a deterministic order even for rows an import wrote with two sides of one kind)
_SIDE_ORDER = (V.c.position, V.c.side, V.c.seller_product_item_id)
_SIDES = select(V).where(V.c.seller_product_id == bindparam("pid")).order_by(*_SIDE_ORDER)
_SIDES_OF = select(V).where(V.c.seller_product_id.in_(bindparam("ids", expanding=True))).order_by(*_SIDE_ORDER)
#: the product that holds a vendor item, found (and for an update locked) in one statement
_PRODUCT_OF_VENDOR_ITEM = _SELECT_PRODUCTS.where(
    P.c.seller_product_id
    == select(V.c.seller_product_id).where(V.c.vendor_item_id == bindparam("vid")).scalar_subquery()
)
_PRODUCT_OF_VENDOR_ITEM_FOR_UPDATE = _PRODUCT_OF_VENDOR_ITEM.with_for_update()
#: the columns to set are the parameters given (those of ``_side_row`` / ``_product_row``)
_SAVE_SIDE = update(V).where(V.c.seller_product_item_id == bindparam("b_item_id"))
_SAVE_PRODUCT = update(P).where(P.c.seller_product_id == bindparam("b_pid"))
_INSERT_PRODUCT, _INSERT_SIDE, _INSERT_HISTORY = insert(P), insert(V), insert(H)
_SIDE_IDS = select(V.c.seller_product_item_id).where(V.c.seller_product_id == bindparam("pid"))
_BARCODES_TAKEN = select(V.c.barcode, V.c.seller_product_item_id).where(
    V.c.vendor_id == bindparam("vendor_id"),
    V.c.side == SideKind.ROCKET_GROWTH.value,
    V.c.barcode.in_(bindparam("barcodes", expanding=True)),
)
#: a vendor item with what its change needs of its product (on PostgreSQL after ``_LOCK_PRODUCT_OF_VENDOR_ITEM``,
#: so that the side is read as the last writer of the product left it)
_VENDOR_ITEM = (
    select(V, P.c.status.label("product_status"), P.c.business_type, P.c.render_version, P.c.product_view)
    .join(P, P.c.seller_product_id == V.c.seller_product_id)
    .where(V.c.vendor_item_id == bindparam("vid"))
)
_LOCK_PRODUCT_OF_VENDOR_ITEM = (
    select(P.c.seller_product_id)
    .where(
        P.c.seller_product_id
        == select(V.c.seller_product_id).where(V.c.vendor_item_id == bindparam("vid")).scalar_subquery()
    )
    .with_for_update()
)
#: the state of a side the vendor-item rules change
_SAVE_SIDE_STATE = (
    update(V)
    .where(V.c.seller_product_item_id == bindparam("b_item_id"))
    .values(
        original_price=bindparam("b_original_price"),
        sale_price=bindparam("b_sale_price"),
        quantity=bindparam("b_quantity"),
        on_sale=bindparam("b_on_sale"),
    )
)
_SET_REVIEW_DUE = update(P).where(P.c.seller_product_id == bindparam("b_pid")).values(review_due_at=bindparam("due"))
_BUMP_VERSION = (
    update(P)
    .where(P.c.seller_product_id == bindparam("b_pid"))
    .values(version=P.c.version + 1, updated_at=bindparam("b_updated_at"), product_view=bindparam("b_view"))
)
_BUMP_VERSION_ONLY = (
    update(P)
    .where(P.c.seller_product_id == bindparam("b_pid"))
    .values(version=P.c.version + 1, updated_at=bindparam("b_updated_at"))
)


def _view_with(view: str, item: VendorItem, side: Side) -> str:
    """``view``, the kept view of ``item``'s product, with ``side`` in place of ``item.side``.

    orjson writes a value's text the same alone and within a document, so the view holds what it shows of
    the side (``render.shown_side``: keys and values, the side's unique id first) as the same text alone:
    found once, that is the side's place, and the new text goes there. Otherwise (text the standard library
    wrote, which is ASCII; a flat item whose option's fields come between the side's; a side the view does
    not show, such as an import's second side of one kind at one option) the view is read, changed and
    written again (``render.put_side``)."""
    old = render.shown_side(item.business_type, item.item_name, item.side)
    if old is None:
        return view
    old_text = jsontext.dumps(old).decode()[1:-1]
    if not view.isascii() and view.count(old_text) == 1:
        new = render.shown_side(item.business_type, item.item_name, side)
        return view.replace(old_text, jsontext.dumps(new).decode()[1:-1])
    value = _view_value(view)
    render.put_side(value, item.business_type, side)
    return jsontext.dumps(value).decode()


def _view_value(text: str) -> Any:
    """The value a kept view's text was written from (``jsontext.dumps``): orjson reads what orjson wrote;
    what the standard library wrote (values orjson refuses, which only an imported state holds) is ASCII,
    and the standard library reads that (orjson would read an integer beyond 64 bits as a float)."""
    return json.loads(text) if text.isascii() else orjson.loads(text)


def _as_bytes(column: ColumnElement[Any], dialect: str) -> ColumnElement[bytes]:
    """A text column read as its UTF-8 bytes (SQLite would decode the text into a string only for it to be
    encoded again on its way into an answer)."""
    if dialect == "sqlite":
        return cast(column, LargeBinary)
    return func.convert_to(column, literal_column("'UTF8'"), type_=LargeBinary)


@functools.cache
def _view_statement(dialect: str) -> Select[Any]:
    """A product's vendor, the version of its kept texts and its kept view (UTF-8)."""
    return select(P.c.vendor_id, P.c.render_version, _as_bytes(P.c.product_view, dialect)).where(
        P.c.seller_product_id == bindparam("pid")
    )


#: the products each list shows
_ROCKET_GROWTH_LIST_TYPES = (BusinessType.ROCKET_GROWTH, BusinessType.HYBRID)
_MARKETPLACE_LIST_TYPES = (BusinessType.MARKETPLACE, BusinessType.HYBRID)
#: the list's optional conditions, by the name of their parameter
_LIST_CONDITIONS: dict[str, ColumnElement[bool]] = {
    "seller_product_id": P.c.seller_product_id == bindparam("seller_product_id"),
    "name_like": P.c.seller_product_name.like(bindparam("name_like"), escape="/"),
    "status": P.c.status == bindparam("status"),
    "manufacture": P.c.manufacture == bindparam("manufacture"),
    "created_from": P.c.created_at >= bindparam("created_from"),
    "created_to": P.c.created_at < bindparam("created_to"),
    "after_id": P.c.seller_product_id > bindparam("after_id"),
}


@functools.lru_cache(maxsize=512)
def _list_statement(dialect: str, rocket_growth: bool, names: frozenset[str]) -> Select[Any]:
    """A page of the list with the filters ``names``, for ``dialect``.

    The ids of the page are ordered and limited apart from the rows: that keeps a page's cost independent
    of how many products the vendor has, whichever index the planner picks (with stale statistics,
    PostgreSQL without autovacuum scanned every product of the vendor and decoded each body before the
    LIMIT). The rows come out as UTF-8 bytes, with the version that rendered them."""
    conditions = [P.c.vendor_id == bindparam("vendor_id"),
                  P.c.business_type.in_([bindparam("type_1"), bindparam("type_2")])]  # fmt: skip
    conditions += [condition for name, condition in _LIST_CONDITIONS.items() if name in names]
    page = (
        select(P.c.seller_product_id)
        .where(and_(*conditions))
        .order_by(P.c.seller_product_id)
        .limit(bindparam("limit", type_=Integer))
        .subquery("page")
    )
    column = P.c.rocket_growth_list_row if rocket_growth else P.c.list_row
    query = select(P.c.seller_product_id, P.c.render_version, _as_bytes(column, dialect)).join(
        page, P.c.seller_product_id == page.c.seller_product_id
    )
    return query.order_by(P.c.seller_product_id)


def _escape_like(text: str) -> str:
    """``text`` matched literally by ``LIKE … ESCAPE '/'``."""
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


_SET_RENDERED = update(P).where(P.c.seller_product_id == bindparam("b_pid"))


def _stale() -> ColumnElement[bool]:
    """The products whose kept texts another ``render.RENDER_VERSION`` rendered, or none yet (written so
    that an index on the version finds them)."""
    version = render.RENDER_VERSION
    return or_(P.c.render_version.is_(None), P.c.render_version < version, P.c.render_version > version)


@dataclass(frozen=True, slots=True)
class ListFilter:
    """Filters of the list API; ``rocket_growth`` selects RG-only and hybrid products."""

    rocket_growth: bool = False
    seller_product_id: int | None = None
    seller_product_name: str | None = None
    status: ProductStatus | None = None
    manufacture: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


@dataclass(frozen=True, slots=True)
class VendorItem:
    """An option side found by its vendorItemId, with what changing it needs of its product: the vendor,
    the status (the rules read it), and the kept view to put the changed side into."""

    seller_product_id: int
    vendor_id: str
    status: ProductStatus
    business_type: BusinessType
    item_name: str
    side: Side
    #: the product's kept view, None when this ``render.RENDER_VERSION`` did not render it (a read renders
    #: such a product itself, and ``store.migrate.render_again`` renders it again)
    view: str | None


class ListRow(NamedTuple):
    """A row of a list page: the product's id and its row as JSON (UTF-8; None: not rendered yet, or
    rendered by another ``render.RENDER_VERSION``)."""

    seller_product_id: int
    json: bytes | None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    id: int
    created_at: datetime
    status: str
    created_by: str
    comment: str


def _side_row(product: Product, option: Option, side: Side) -> dict[str, Any]:
    return {
        "seller_product_item_id": side.seller_product_item_id,
        "seller_product_id": product.seller_product_id,
        "vendor_id": product.vendor_id,
        "position": option.position,
        "side": side.kind.value,
        "item_name": option.item_name,
        "vendor_item_id": side.vendor_item_id,
        "item_id": side.item_id,
        "barcode": side.barcode,
        "external_vendor_sku": side.external_vendor_sku,
        "original_price": side.original_price,
        "sale_price": side.sale_price,
        "quantity": side.quantity,
        "on_sale": side.on_sale,
        "approved": side.approved,
        "ever_approved": side.ever_approved,
        "inbound_status": side.inbound_status.value if side.inbound_status else None,
        "data": dict(side.data),
    }


def _side(m: Mapping[Any, Any]) -> Side:
    return Side(
        kind=SideKind(m["side"]),
        seller_product_item_id=m["seller_product_item_id"],
        vendor_item_id=m["vendor_item_id"],
        item_id=m["item_id"],
        barcode=m["barcode"],
        external_vendor_sku=m["external_vendor_sku"],
        original_price=m["original_price"],
        sale_price=m["sale_price"],
        quantity=m["quantity"],
        on_sale=bool(m["on_sale"]),
        approved=bool(m["approved"]),
        ever_approved=bool(m["ever_approved"]),
        inbound_status=InboundStatus(m["inbound_status"]) if m["inbound_status"] else None,
        data=m["data"] or {},
    )


def _product_row(product: Product) -> dict[str, Any]:
    return {
        "seller_product_id": product.seller_product_id,
        "vendor_id": product.vendor_id,
        "status": product.status.value,
        "business_type": product.business_type.value,
        "seller_product_name": product.body.get("sellerProductName", ""),
        "manufacture": product.body.get("manufacture"),
        "brand": product.body.get("brand"),
        "display_category_code": product.display_category_code,
        "category_id": product.category_id,
        "product_id": product.product_id,
        "requested": product.requested,
        "registration_type": product.registration_type,
        "created_at": product.created_at,
        "updated_at": product.updated_at,
        "version": product.version,
        "body": dict(product.body),
        **_rendered(product),
    }


def _rendered(product: Product) -> dict[str, Any]:
    """The product's rows of the two lists and its view, rendered as the API sends them, with the version
    of the rendering. The product's save keeps them current, and a side's save its view: nothing a list
    row shows changes without a save of the product."""
    rocket_growth = product.business_type in _ROCKET_GROWTH_LIST_TYPES
    return {
        "render_version": render.RENDER_VERSION,
        "list_row": jsontext.dumps(render.list_row(product)).decode(),
        "rocket_growth_list_row": (
            jsontext.dumps(render.rocket_growth_list_row(product)).decode() if rocket_growth else None
        ),
        "product_view": _view_text(product),
    }


def _view_text(product: Product) -> str:
    return jsontext.dumps(render.product_view(product)).decode()


def _with_side(product: Product, side: Side) -> Product:
    """``product`` with ``side`` in place of the side of the same id."""
    item_id = side.seller_product_item_id
    return dataclasses.replace(product, options=tuple(
        dataclasses.replace(o, marketplace=side) if o.marketplace and o.marketplace.seller_product_item_id == item_id
        else dataclasses.replace(o, rocket_growth=side)
        if o.rocket_growth and o.rocket_growth.seller_product_item_id == item_id
        else o
        for o in product.options
    ))  # fmt: skip


def _product(row: Mapping[Any, Any], sides: Iterable[Mapping[Any, Any]]) -> Product:
    by_position: dict[int, dict[str, Any]] = {}
    for s in sides:
        slot = by_position.setdefault(s["position"], {"item_name": s["item_name"]})
        slot["marketplace" if s["side"] == SideKind.MARKETPLACE.value else "rocket_growth"] = _side(s)
    return _product_with(row, _options(by_position))


def _options(by_position: dict[int, dict[str, Any]]) -> tuple[Option, ...]:
    return tuple(
        Option(position=pos, item_name=slot["item_name"], marketplace=slot.get("marketplace"),
               rocket_growth=slot.get("rocket_growth"))
        for pos, slot in sorted(by_position.items())
    )  # fmt: skip


def _product_with(m: Mapping[Any, Any], options: tuple[Option, ...]) -> Product:
    return Product(
        seller_product_id=m["seller_product_id"],
        vendor_id=m["vendor_id"],
        status=ProductStatus(m["status"]),
        business_type=BusinessType(m["business_type"]),
        display_category_code=m["display_category_code"],
        body=m["body"],
        options=options,
        created_at=m["created_at"],
        updated_at=m["updated_at"],
        requested=bool(m["requested"]),
        product_id=m["product_id"],
        category_id=m["category_id"],
        registration_type=m["registration_type"],
        version=m["version"],
    )


#: product views and list pages a process keeps at most (``store.generation.KeptReads``: about 8 KB a view
#: of three options, 100 KB a page of 100 rows)
KEPT_VIEWS = 1024
KEPT_PAGES = 64


class ProductStore:
    """Every read and write of products; callers pass the connection of their transaction. The views and
    list pages read are kept while no write of any process commits (``kept_views``, ``kept_pages``: the
    operations read through them)."""

    def __init__(self) -> None:
        #: (vendor, product id) → the product's view
        self.kept_views: KeptReads[tuple[str, int], bytes] = KeptReads(KEPT_VIEWS)
        #: (vendor, filter, after id, page size) → a list page (a JSON array) and its last id when another follows
        self.kept_pages: KeptReads[tuple[str, ListFilter, int | None, int], tuple[bytes, int | None]] = KeptReads(
            KEPT_PAGES
        )

    # --- one product ---------------------------------------------------------------------------

    def get_product(self, conn: Connection, seller_product_id: int, *, for_update: bool = False) -> Product | None:
        found = _PRODUCT_FOR_UPDATE if for_update else _PRODUCT
        return self._product_of(conn, found, {"pid": seller_product_id})

    def get_product_of_vendor_item(
        self, conn: Connection, vendor_item_id: int, *, for_update: bool = False
    ) -> Product | None:
        """The product that holds ``vendor_item_id``, found (and locked, ``for_update``) in one statement."""
        found = _PRODUCT_OF_VENDOR_ITEM_FOR_UPDATE if for_update else _PRODUCT_OF_VENDOR_ITEM
        return self._product_of(conn, found, {"vid": vendor_item_id})

    def _product_of(self, conn: Connection, found: Select[Any], params: Mapping[str, Any]) -> Product | None:
        """The product the statement ``found`` finds, with its sides."""
        row = conn.execute(found, params).first()
        if row is None:
            return None
        sides = conn.execute(_SIDES, {"pid": row.seller_product_id}).all()
        return _product(row._mapping, [side._mapping for side in sides])

    def get_product_view(self, conn: Connection, seller_product_id: int) -> tuple[str, bytes | None] | None:
        """The product's vendor and its view as ``GET /seller-products/{id}`` shows it, kept rendered (UTF-8
        JSON; None: not rendered yet, or by another ``render.RENDER_VERSION``), or None when there is no
        such product: one statement."""
        row = conn.execute(_view_statement(conn.dialect.name), {"pid": seller_product_id}).first()
        if row is None:
            return None
        vendor_id, version, view = row
        return vendor_id, view if version == render.RENDER_VERSION else None

    def insert_product(self, conn: Connection, product: Product) -> None:
        self._check_barcodes(conn, product)
        try:
            conn.execute(_INSERT_PRODUCT, _product_row(product))
            rows = [_side_row(product, o, s) for o in product.options for s in o.sides]
            if rows:
                conn.execute(_INSERT_SIDE, rows)
        except IntegrityError as exc:
            raise self._integrity(exc) from None

    def save_product(self, conn: Connection, product: Product, *, removed: Sequence[int] = ()) -> None:
        """Write a changed product: its row, its sides (upsert), and drop ``removed`` sides."""
        self._check_barcodes(conn, product)
        row = _product_row(product)
        row["b_pid"] = row.pop("seller_product_id")
        try:
            conn.execute(_SAVE_PRODUCT, row)
            if removed:
                conn.execute(delete(V).where(V.c.seller_product_item_id.in_(list(removed))))
            existing = set(conn.execute(_SIDE_IDS, {"pid": product.seller_product_id}).scalars())
            changed, added = [], []
            for option in product.options:
                for side in option.sides:
                    values = _side_row(product, option, side)
                    if side.seller_product_item_id in existing:
                        values["b_item_id"] = values.pop("seller_product_item_id")
                        changed.append(values)
                    else:
                        added.append(values)
            if changed:  # one executemany each: a product has a side per option and kind
                conn.execute(_SAVE_SIDE, changed)
            if added:
                conn.execute(_INSERT_SIDE, added)
        except IntegrityError as exc:
            raise self._integrity(exc) from None

    def _check_barcodes(self, conn: Connection, product: Product) -> None:
        """Rocket Growth barcodes are unique per vendor (the unique index is the last word)."""
        mine = {s.barcode: s.seller_product_item_id for s in product.sides
                if s.kind is SideKind.ROCKET_GROWTH and s.barcode}  # fmt: skip
        if not mine:
            return
        taken = conn.execute(_BARCODES_TAKEN, {"vendor_id": product.vendor_id, "barcodes": list(mine)}).all()
        for barcode, item_id in taken:
            if mine[barcode] != item_id:
                raise Invalid(f"{DUPLICATE_BARCODE} [{barcode}]", field="rocketGrowthItemData.barcode")

    @staticmethod
    def _integrity(exc: IntegrityError) -> Invalid:
        text = str(exc.orig).lower()
        if "barcode" in text:
            return Invalid(DUPLICATE_BARCODE, field="rocketGrowthItemData.barcode")
        return Invalid("상품 정보가 등록 또는 수정되고 있습니다. 잠시 후 다시 조회해 주시기 바랍니다.")

    # --- history -------------------------------------------------------------------------------

    def add_history(self, conn: Connection, product: Product, entries: Sequence[HistoryEntry], now: datetime) -> None:
        if entries:
            conn.execute(
                _INSERT_HISTORY,
                [
                    {"seller_product_id": product.seller_product_id, "vendor_id": product.vendor_id,
                     "created_at": now, "status": e.status, "created_by": e.created_by, "comment": e.comment}
                    for e in entries
                ],
            )  # fmt: skip

    def list_product_histories(
        self, conn: Connection, seller_product_id: int, *, before_id: int | None, limit: int
    ) -> list[HistoryRow]:
        """Newest first; ``before_id`` is the keyset cursor."""
        query = select(H).where(H.c.seller_product_id == seller_product_id)
        if before_id is not None:
            query = query.where(H.c.id < before_id)
        rows = conn.execute(query.order_by(H.c.id.desc()).limit(limit)).all()
        return [HistoryRow(r.id, r.created_at, r.status, r.created_by, r.comment) for r in rows]

    # --- lists ---------------------------------------------------------------------------------

    def list_rows(
        self, conn: Connection, vendor_id: str, flt: ListFilter, *, after_id: int | None, limit: int
    ) -> list[ListRow]:
        """A keyset page of the list in sellerProductId order, as the API shows it, from the rows kept
        rendered: one indexed read, no document decoded, the texts read as UTF-8 bytes that go into the
        answer as they are. A row not rendered yet (or by another ``render.RENDER_VERSION``) comes without
        its text: ``with_rendered_rows``."""
        types = _ROCKET_GROWTH_LIST_TYPES if flt.rocket_growth else _MARKETPLACE_LIST_TYPES
        params: dict[str, Any] = {"vendor_id": vendor_id, "type_1": types[0].value, "type_2": types[1].value,
                                  "limit": limit}  # fmt: skip
        if flt.seller_product_id is not None:
            params["seller_product_id"] = flt.seller_product_id
        if flt.seller_product_name:
            params["name_like"] = "%" + _escape_like(flt.seller_product_name) + "%"
        if flt.status is not None:
            params["status"] = flt.status.value
        if flt.manufacture:
            params["manufacture"] = flt.manufacture
        if flt.created_from is not None:
            params["created_from"] = flt.created_from
        if flt.created_to is not None:
            params["created_to"] = flt.created_to
        if after_id is not None:
            params["after_id"] = after_id
        statement = _list_statement(conn.dialect.name, flt.rocket_growth, frozenset(params))
        version = render.RENDER_VERSION
        return [ListRow(pid, text if rendered_by == version else None)
                for pid, rendered_by, text in conn.execute(statement, params).all()]  # fmt: skip

    def with_rendered_rows(self, conn: Connection, rows: list[ListRow], *, rocket_growth: bool) -> list[ListRow]:
        """``rows`` of a list page, those not rendered yet rendered from their products."""
        missing = [r.seller_product_id for r in rows if r.json is None]
        row = render.rocket_growth_list_row if rocket_growth else render.list_row
        rendered = {p.seller_product_id: jsontext.dumps(row(p)) for p in self._products(conn, missing)}
        return [r if r.json is not None else ListRow(r.seller_product_id, rendered[r.seller_product_id]) for r in rows]

    def count_stale(self, conn: Connection) -> int:
        """How many products' kept texts are not (or not yet) rendered by this code's ``RENDER_VERSION``."""
        return int(conn.execute(select(func.count()).select_from(P).where(_stale())).scalar_one())

    def fill_rendered(self, conn: Connection, *, limit: int | None = None) -> int:
        """Render the list rows and views of (up to ``limit``) products whose kept texts are missing or
        another ``render.RENDER_VERSION`` rendered (found through the index on the version, in no particular
        order); how many it rendered."""
        query = select(P.c.seller_product_id).where(_stale())
        ids = list(conn.execute(query if limit is None else query.limit(limit)).scalars())
        products = self._products(conn, ids)
        if products:
            conn.execute(_SET_RENDERED, [{"b_pid": p.seller_product_id, **_rendered(p)} for p in products])
        return len(products)

    def _products(self, conn: Connection, ids: Sequence[int]) -> list[Product]:
        if not ids:
            return []
        rows = conn.execute(
            _SELECT_PRODUCTS.where(P.c.seller_product_id.in_(ids)).order_by(P.c.seller_product_id)
        ).all()
        return self._with_sides(conn, rows)

    def _with_sides(self, conn: Connection, rows: Sequence[Row[Any]]) -> list[Product]:
        if not rows:
            return []
        ids = [r.seller_product_id for r in rows]
        sides: dict[int, list[Row[Any]]] = {i: [] for i in ids}
        for side in conn.execute(_SIDES_OF, {"ids": ids}):
            sides[side.seller_product_id].append(side)
        return [_product(r._mapping, [s._mapping for s in sides[r.seller_product_id]]) for r in rows]

    def list_products_by_time_frame(
        self, conn: Connection, vendor_id: str, start: datetime, end: datetime
    ) -> list[Product]:
        rows = conn.execute(
            _SELECT_PRODUCTS.where(P.c.vendor_id == vendor_id, P.c.created_at >= start, P.c.created_at <= end).order_by(
                P.c.seller_product_id
            )
        ).all()
        return self._with_sides(conn, rows)

    def list_products_by_external_sku(self, conn: Connection, vendor_id: str, sku: str) -> list[Product]:
        ids = select(V.c.seller_product_id).where(V.c.vendor_id == vendor_id, V.c.external_vendor_sku == sku)
        rows = conn.execute(
            _SELECT_PRODUCTS.where(P.c.seller_product_id.in_(ids.scalar_subquery())).order_by(P.c.seller_product_id)
        ).all()
        return self._with_sides(conn, rows)

    def count_products(self, conn: Connection, vendor_id: str) -> int:
        """Registered products, deleted ones excluded (inflow status)."""
        return int(
            conn.execute(
                select(func.count())
                .select_from(P)
                .where(P.c.vendor_id == vendor_id, P.c.status != ProductStatus.DELETED.value)
            ).scalar_one()
        )

    def due_reviews(self, conn: Connection, now: datetime, *, vendor_id: str | None = None) -> list[int]:
        """Products waiting for a delayed review whose time has come."""
        query = select(P.c.seller_product_id).where(
            P.c.status == ProductStatus.APPROVING.value, P.c.review_due_at.is_not(None), P.c.review_due_at <= now
        )
        if vendor_id is not None:
            query = query.where(P.c.vendor_id == vendor_id)
        return list(conn.execute(query.order_by(P.c.seller_product_id)).scalars())

    def set_review_due(self, conn: Connection, seller_product_id: int, due: datetime | None) -> None:
        conn.execute(_SET_REVIEW_DUE, {"b_pid": seller_product_id, "due": due})

    # --- vendor items --------------------------------------------------------------------------

    def product_of_item(self, conn: Connection, seller_product_item_id: int) -> int | None:
        return conn.execute(
            select(V.c.seller_product_id).where(V.c.seller_product_item_id == seller_product_item_id)
        ).scalar_one_or_none()

    def save_side(self, conn: Connection, product: Product, side: Side) -> None:
        """Write one side's state (price, stock, sale, inbound), bump the product's version and render its
        view again (``product``: before or after the change of ``side``)."""
        option = next(o for o in product.options if side.seller_product_item_id in
                      {s.seller_product_item_id for s in o.sides})  # fmt: skip
        values = _side_row(product, option, side)
        values["b_item_id"] = values.pop("seller_product_item_id")
        conn.execute(_SAVE_SIDE, values)
        # (the product's ``render_version`` stays: its list rows are as old as before)
        conn.execute(_BUMP_VERSION, {"b_pid": product.seller_product_id, "b_updated_at": product.updated_at,
                                     "b_view": _view_text(_with_side(product, side))})  # fmt: skip

    def get_vendor_item(self, conn: Connection, vendor_item_id: int, *, for_update: bool = False) -> VendorItem | None:
        """The side of ``vendor_item_id`` with what its change needs of its product (``for_update``: its
        product locked, on PostgreSQL; SQLite's writer holds the database's lock already): one statement on
        SQLite, no document of the product read."""
        if for_update and conn.dialect.name != "sqlite":
            conn.execute(_LOCK_PRODUCT_OF_VENDOR_ITEM, {"vid": vendor_item_id})
        row = conn.execute(_VENDOR_ITEM, {"vid": vendor_item_id}).first()
        if row is None:
            return None
        m = row._mapping
        return VendorItem(
            seller_product_id=m["seller_product_id"],
            vendor_id=m["vendor_id"],
            status=ProductStatus(m["product_status"]),
            business_type=BusinessType(m["business_type"]),
            item_name=m["item_name"],
            side=_side(m),
            view=m["product_view"] if m["render_version"] == render.RENDER_VERSION else None,
        )

    def save_vendor_item(self, conn: Connection, item: VendorItem, side: Side, now: datetime) -> None:
        """Write the change of ``item``'s side into ``side`` (its price, stock and sale state: what the
        vendor-item rules change), bump the product's version and put the side into its kept view (kept as
        it is when this ``render.RENDER_VERSION`` did not render it: no read serves it)."""
        conn.execute(_SAVE_SIDE_STATE, {"b_item_id": side.seller_product_item_id,
                                        "b_original_price": side.original_price, "b_sale_price": side.sale_price,
                                        "b_quantity": side.quantity, "b_on_sale": side.on_sale})  # fmt: skip
        if item.view is None:
            conn.execute(_BUMP_VERSION_ONLY, {"b_pid": item.seller_product_id, "b_updated_at": now})
            return
        conn.execute(_BUMP_VERSION, {"b_pid": item.seller_product_id, "b_updated_at": now,
                                     "b_view": _view_with(item.view, item, side)})  # fmt: skip

    # --- operator views (review queue, Rocket Growth inbounds, product search) -------------------

    def find_products(
        self,
        conn: Connection,
        *,
        vendor_id: str | None = None,
        seller_product_id: int | None = None,
        name: str | None = None,
        limit: int = 50,
    ) -> list[Product]:
        """Products of any vendor (or the one given) by id or by a part of their name (case-insensitive),
        newest first; at most ``limit``."""
        query = _SELECT_PRODUCTS
        if vendor_id:
            query = query.where(P.c.vendor_id == vendor_id)
        if seller_product_id is not None:
            query = query.where(P.c.seller_product_id == seller_product_id)
        if name:
            query = query.where(P.c.seller_product_name.ilike("%" + _escape_like(name) + "%", escape="/"))
        rows = conn.execute(query.order_by(P.c.seller_product_id.desc()).limit(limit)).all()
        return self._with_sides(conn, rows)

    def review_queue(self, conn: Connection) -> list[Product]:
        """Products of every vendor waiting for Coupang's review, oldest request first."""
        waiting = [ProductStatus.APPROVING.value, ProductStatus.IN_REVIEW.value]
        rows = conn.execute(
            _SELECT_PRODUCTS.where(P.c.status.in_(waiting)).order_by(P.c.updated_at, P.c.seller_product_id)
        ).all()
        return self._with_sides(conn, rows)

    def rocket_growth_sides(
        self, conn: Connection, *, seller_product_item_id: int | None = None
    ) -> list[RocketGrowthSide]:
        """Every Rocket Growth side of every vendor (or the one asked for) with its inbound state,
        newest product first."""
        query = (
            select(V, P.c.seller_product_name, P.c.status.label("product_status"))
            .join(P, P.c.seller_product_id == V.c.seller_product_id)
            .where(V.c.side == SideKind.ROCKET_GROWTH.value)
        )
        if seller_product_item_id is not None:
            query = query.where(V.c.seller_product_item_id == seller_product_item_id)
        rows = conn.execute(query.order_by(V.c.seller_product_id.desc(), V.c.position)).all()
        return [
            RocketGrowthSide(
                vendor_id=r.vendor_id,
                seller_product_id=r.seller_product_id,
                seller_product_name=r.seller_product_name,
                status=ProductStatus(r.product_status),
                position=r.position,
                item_name=r.item_name,
                side=_side(r._mapping),
                inbound_at=r.inbound_at,
            )
            for r in rows
        ]

    def set_inbound(self, conn: Connection, product: Product, side: Side, inbound_at: datetime | None) -> None:
        """Write a side's inbound state; ``inbound_at`` when an inbound is created (kept otherwise)."""
        self.save_side(conn, product, side)
        if inbound_at is not None:
            conn.execute(
                update(V).where(V.c.seller_product_item_id == side.seller_product_item_id).values(inbound_at=inbound_at)
            )


@dataclass(frozen=True, slots=True)
class RocketGrowthSide:
    """A Rocket Growth side in the operator's inbound list."""

    vendor_id: str
    seller_product_id: int
    seller_product_name: str
    status: ProductStatus
    position: int
    item_name: str
    side: Side
    inbound_at: datetime | None
