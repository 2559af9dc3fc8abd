"""Operator operations of the sandbox (``/sandbox/v1``): what Coupang's staff would do behind the
seller API. One function per operation, named like its route; each runs in one transaction.

* vendors: ``create_vendor``, ``list_vendors``, ``issue_vendor_key``, ``set_vendor_consent``
* review: ``list_reviews`` (the queue), ``review_product`` (APPROVE, PARTIAL_APPROVE, DENY)
* Rocket Growth warehouse: ``create_inbound``, ``set_inbound_inspection``, ``list_rocket_growth_items``
* products of any vendor: ``find_products`` (by vendor, id or name), ``get_product_record`` (state,
  history, sides, inbound/inspection and the API's answer for it)
* clock: ``get_clock``, ``advance_clock`` (settles the delayed reviews that became due)
* state: ``reset_state``, ``export_state``, ``import_state``
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from rocketgrowth.clock import format_kst
from rocketgrowth.domain import fields, lifecycle, render, rocket_growth
from rocketgrowth.domain.product import BusinessType, InboundStatus, Option, Product, Side, SideKind
from rocketgrowth.domain.rocket_growth import Stock
from rocketgrowth.domain.status import ProductStatus
from rocketgrowth.errors import Conflict, Invalid, NotFound
from rocketgrowth.operations import review
from rocketgrowth.services import Services
from rocketgrowth.store.products import RocketGrowthSide
from rocketgrowth.store.snapshot import Snapshot, decode_snapshot
from rocketgrowth.store.vendors import Vendor

__all__ = (
    "CLOCK_OFFSET",
    "DECISIONS",
    "MAX_ADVANCE_SECONDS",
    "STATE_FORMAT",
    "advance_clock",
    "create_inbound",
    "create_vendor",
    "export_state",
    "find_products",
    "get_clock",
    "get_product_record",
    "get_vendor",
    "import_state",
    "issue_vendor_key",
    "list_reviews",
    "list_rocket_growth_items",
    "list_vendors",
    "reset_state",
    "review_product",
    "set_inbound_inspection",
    "set_vendor_consent",
)

CLOCK_OFFSET = "clock_offset_seconds"
#: ten years: far enough for any test, small enough for every date type
MAX_ADVANCE_SECONDS = 10 * 366 * 24 * 3600
DECISIONS = ("APPROVE", "PARTIAL_APPROVE", "DENY")
INSPECTION_RESULTS = {"PASSED": InboundStatus.INSPECTION_PASSED, "FAILED": InboundStatus.INSPECTION_FAILED}
STATE_FORMAT = "rocketgrowth-state"
STATE_VERSION = 1
SELLER_PRODUCT_ITEM_ID = "sellerProductItemId"


def _kst(moment: datetime | None) -> str | None:
    return format_kst(moment) if moment is not None else None


# --- vendors ----------------------------------------------------------------------------------


def _vendor_view(vendor: Vendor, access_keys: Sequence[str]) -> dict[str, Any]:
    return {
        "vendorId": vendor.vendor_id,
        "name": vendor.name,
        "rocketGrowthConsent": vendor.rocket_growth_consent,
        "consentedAt": _kst(vendor.consented_at),
        "createdAt": format_kst(vendor.created_at),
        "accessKeys": list(access_keys),
    }


def create_vendor(services: Services, vendor_id: str, *, name: str = "", consent: bool = False) -> dict[str, Any]:
    """A new vendor with its first API key (the secret is shown here, once)."""
    with services.db.write() as conn:
        now = services.now(conn)
        vendor = services.vendors.create_vendor(conn, vendor_id, name=name, now=now)
        key = services.vendors.issue_vendor_key(conn, vendor_id, now=now)
        if consent:
            vendor = services.vendors.set_vendor_consent(conn, vendor_id, True, now=now)
    return {
        "vendorId": vendor.vendor_id,
        "name": vendor.name,
        "accessKey": key.access_key,
        "secretKey": key.secret_key,
        "rocketGrowthConsent": vendor.rocket_growth_consent,
    }


def list_vendors(services: Services) -> list[dict[str, Any]]:
    """Every vendor with its consent and access keys (never the secrets)."""
    with services.db.read() as conn:
        return [
            _vendor_view(v, [k.access_key for k in services.vendors.keys(conn, v.vendor_id)])
            for v in services.vendors.list_vendors(conn)
        ]


def get_vendor(services: Services, vendor_id: str) -> dict[str, Any]:
    with services.db.read() as conn:
        vendor = services.vendors.get(conn, vendor_id)
        return _vendor_view(vendor, [k.access_key for k in services.vendors.keys(conn, vendor_id)])


def issue_vendor_key(services: Services, vendor_id: str) -> dict[str, Any]:
    """Another API key for the vendor (earlier keys stay valid)."""
    with services.db.write() as conn:
        key = services.vendors.issue_vendor_key(conn, vendor_id, now=services.now(conn))
    return {"vendorId": key.vendor_id, "accessKey": key.access_key, "secretKey": key.secret_key}


def set_vendor_consent(services: Services, vendor_id: str, consent: bool) -> dict[str, Any]:
    """Agree to (or withdraw from) the Rocket Growth product API & inspection terms, as in WING."""
    with services.db.write() as conn:
        vendor = services.vendors.set_vendor_consent(conn, vendor_id, consent, now=services.now(conn))
        return _vendor_view(vendor, [k.access_key for k in services.vendors.keys(conn, vendor_id)])


# --- review -----------------------------------------------------------------------------------


def _side_view(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {
        "sellerProductItemId": side.seller_product_item_id,
        "vendorItemId": side.vendor_item_id,
        "barcode": side.barcode,
        "originalPrice": side.original_price,
        "salePrice": side.sale_price,
        "quantity": side.quantity,
        "approved": side.approved,
        "inboundStatus": side.inbound_status.value if side.inbound_status else None,
    }


def _option_view(option: Option) -> dict[str, Any]:
    return {
        "position": option.position,
        "itemName": option.item_name,
        "marketplace": _side_view(option.marketplace),
        "rocketGrowth": _side_view(option.rocket_growth),
    }


def _product_head(product: Product) -> dict[str, Any]:
    """What names a product of any vendor in the operator's lists."""
    return {
        "sellerProductId": product.seller_product_id,
        "vendorId": product.vendor_id,
        "sellerProductName": product.body.get("sellerProductName", ""),
        "status": product.status.value,
        "statusName": product.status.korean,
        "businessType": product.business_type.value,
    }


def _queue_entry(product: Product) -> dict[str, Any]:
    return {
        **_product_head(product),
        "displayCategoryCode": product.display_category_code,
        "requestedAt": format_kst(product.updated_at),
        "options": [_option_view(o) for o in product.options],
        #: what the automatic reviewer would deny it for (a hint for the operator)
        "findings": lifecycle.review_findings(product),
    }


def _settle_due(services: Services) -> datetime:
    """Sandbox time; in delay mode, the delayed reviews due by then are decided first (as seller reads do)."""
    if services.review.kind != "delay":
        with services.db.read() as conn:
            return services.now(conn)
    with services.db.write() as conn:
        now = services.now(conn)
        review.settle_reviews(services, conn, now)
        return now


def list_reviews(services: Services) -> list[dict[str, Any]]:
    """The review queue: products of every vendor in 승인대기중 or 심사중."""
    _settle_due(services)
    with services.db.read() as conn:
        return [_queue_entry(p) for p in services.products.review_queue(conn)]


def review_product(
    services: Services,
    seller_product_id: str,
    decision: str,
    *,
    positions: Collection[int] | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """Decide a product under review; returns the product as the seller API shows it."""
    pid = fields.parse_path_id(seller_product_id, "sellerProductId")
    if decision not in DECISIONS:
        raise Invalid(f"decision[{decision}]가 올바르지 않습니다. 허용값: {', '.join(DECISIONS)}", field="decision")
    if decision == "PARTIAL_APPROVE" and not positions:
        raise Invalid(
            "PARTIAL_APPROVE needs positions: the options (0-based item positions) to approve.", field="positions"
        )
    if decision != "PARTIAL_APPROVE" and positions:
        raise Invalid(f"positions are only for PARTIAL_APPROVE, not {decision}.", field="positions")
    if decision == "DENY" and not (reason or "").strip():
        raise Invalid("DENY needs a reason (반려 사유를 입력해주세요.)", field="reason")
    now = _settle_due(services)
    product = review.review_product(
        services, pid, decision, now=now, positions=sorted(set(positions or ())), reason=(reason or "").strip()
    )
    return render.product_view(product)


# --- Rocket Growth inbound and inspection -----------------------------------------------------


def _rocket_growth_side(services: Services, conn: Connection, seller_product_item_id: int) -> tuple[Product, Side]:
    pid = services.products.product_of_item(conn, seller_product_item_id)
    product = services.products.get_product(conn, pid, for_update=True) if pid is not None else None
    if product is None:
        raise NotFound(
            f"sellerProductItemId[{seller_product_item_id}]: no option has this id.", field=SELLER_PRODUCT_ITEM_ID
        )
    side = next(s for s in product.sides if s.seller_product_item_id == seller_product_item_id)
    if side.kind is not SideKind.ROCKET_GROWTH:
        raise Invalid(
            f"sellerProductItemId[{seller_product_item_id}] is the marketplace side of its option: inbounds and "
            "inspections exist only for Rocket Growth sides (rocketGrowthItemData.sellerProductItemId).",
            field=SELLER_PRODUCT_ITEM_ID,
        )
    return product, side


def _item_view(entry: RocketGrowthSide, stock: Stock, sold: Mapping[int, int]) -> dict[str, Any]:
    side = entry.side
    return {
        "vendorId": entry.vendor_id,
        "sellerProductId": entry.seller_product_id,
        "sellerProductName": entry.seller_product_name,
        "statusName": entry.status.korean,
        "position": entry.position,
        "itemName": entry.item_name,
        "sellerProductItemId": side.seller_product_item_id,
        "vendorItemId": side.vendor_item_id,
        "barcode": side.barcode,
        "skuInfo": side.data.get("skuInfo"),
        "inboundStatus": side.inbound_status.value if side.inbound_status else None,
        "inboundAt": _kst(entry.inbound_at),
        "inspectionComment": side.data.get("inspectionComment"),
        "locked": side.locked,
        "awaitingInspection": stock.awaiting,
        "receivedQuantity": stock.received,
        "acceptedQuantity": stock.accepted,
        "orderableQuantity": stock.orderable,
        "soldLastThirtyDays": sold.get(side.vendor_item_id, 0) if side.vendor_item_id is not None else 0,
    }


def _side_entry(product: Product, side: Side, inbound_at: datetime | None) -> RocketGrowthSide:
    option = next(o for o in product.options if side in o.sides)
    return RocketGrowthSide(
        vendor_id=product.vendor_id,
        seller_product_id=product.seller_product_id,
        seller_product_name=str(product.body.get("sellerProductName", "")),
        status=product.status,
        position=option.position,
        item_name=option.item_name,
        side=side,
        inbound_at=inbound_at,
    )


def _replace_side(product: Product, old: Side, new: Side, now: datetime) -> Product:
    options = tuple(dataclasses.replace(o, rocket_growth=new) if o.rocket_growth is old else o for o in product.options)
    return dataclasses.replace(product, options=options, updated_at=now)


def create_inbound(services: Services, seller_product_item_id: str, quantity: int) -> dict[str, Any]:
    """The warehouse receives ``quantity`` units of an approved Rocket Growth option: they join the open
    inbound (several inbounds before an inspection accumulate), and its barcode and skuInfo lock."""
    item_id = fields.parse_path_id(seller_product_item_id, SELLER_PRODUCT_ITEM_ID)
    with services.db.write() as conn:
        now = services.now(conn)
        product, side = _rocket_growth_side(services, conn, item_id)
        if side.vendor_item_id is None:
            raise Invalid(
                f"sellerProductItemId[{item_id}] has no vendorItemId yet: an inbound needs an approved "
                "Rocket Growth option.",
                field=SELLER_PRODUCT_ITEM_ID,
            )
        stock = rocket_growth.receive_inbound(
            services.rocket_growth.get_stock(conn, item_id, for_update=True), quantity
        )
        data = {k: v for k, v in side.data.items() if k != "inspectionComment"}
        received = dataclasses.replace(side, inbound_status=InboundStatus.CREATED, data=data)
        changed = _replace_side(product, side, received, now)
        services.products.set_inbound(conn, changed, received, now)
        services.rocket_growth.save_stock(conn, seller_product_item_id=item_id, vendor_id=product.vendor_id,
                                          vendor_item_id=side.vendor_item_id, stock=stock)  # fmt: skip
        return _item_view(_side_entry(changed, received, now), stock, _sold(services, conn, [received], now))


def set_inbound_inspection(
    services: Services,
    seller_product_item_id: str,
    result: str,
    comment: str | None = None,
    accepted_quantity: int | None = None,
) -> dict[str, Any]:
    """The warehouse's inspection of the open inbound: PASSED (``accepted_quantity`` of its units, by
    default all, become orderable) or FAILED (none do)."""
    item_id = fields.parse_path_id(seller_product_item_id, SELLER_PRODUCT_ITEM_ID)
    status = INSPECTION_RESULTS.get(result)
    if status is None:
        raise Invalid(f"result[{result}]가 올바르지 않습니다. 허용값: PASSED, FAILED", field="result")
    with services.db.write() as conn:
        now = services.now(conn)
        product, side = _rocket_growth_side(services, conn, item_id)
        if side.inbound_status is not InboundStatus.CREATED:
            state = side.inbound_status.value if side.inbound_status else "no inbound"
            raise Invalid(
                f"sellerProductItemId[{item_id}] has no inbound awaiting inspection ({state}): "
                "create an inbound first.",
                field=SELLER_PRODUCT_ITEM_ID,
            )
        stock = services.rocket_growth.get_stock(conn, item_id, for_update=True)
        stock = rocket_growth.accept_inbound(stock, status is InboundStatus.INSPECTION_PASSED, accepted_quantity)
        data = dict(side.data)
        if comment and comment.strip():
            data["inspectionComment"] = comment.strip()
        inspected = dataclasses.replace(side, inbound_status=status, data=data)
        changed = _replace_side(product, side, inspected, now)
        services.products.set_inbound(conn, changed, inspected, None)
        if side.vendor_item_id is not None:
            services.rocket_growth.save_stock(conn, seller_product_item_id=item_id, vendor_id=product.vendor_id,
                                              vendor_item_id=side.vendor_item_id, stock=stock)  # fmt: skip
        (entry,) = services.products.rocket_growth_sides(conn, seller_product_item_id=item_id)
        return _item_view(entry, stock, _sold(services, conn, [inspected], now))


def _sold(services: Services, conn: Connection, sides: Sequence[Side], now: datetime) -> dict[int, int]:
    """Units sold in the 30 days before ``now`` per vendorItemId of ``sides``."""
    ids = [s.vendor_item_id for s in sides if s.vendor_item_id is not None]
    return services.rocket_growth.sold(conn, ids, now - rocket_growth.SALES_WINDOW, now)


def list_rocket_growth_items(services: Services) -> list[dict[str, Any]]:
    """Every Rocket Growth option of every vendor with its inbound and inspection state and its units:
    received, accepted, orderable, sold in the last 30 days."""
    _settle_due(services)
    with services.db.read() as conn:
        now = services.now(conn)
        entries = services.products.rocket_growth_sides(conn)
        stocks = services.rocket_growth.stocks(conn, [e.side.seller_product_item_id for e in entries])
        sold = _sold(services, conn, [e.side for e in entries], now)
        return [_item_view(e, stocks.get(e.side.seller_product_item_id, Stock()), sold) for e in entries]


# --- products of any vendor (the console's products page) -----------------------------------

#: the seller API's path of one product (what the record's ``apiAnswer`` answers)
PRODUCT_PATH = "/v2/providers/seller_api/apis/api/v1/marketplace/seller-products/{sellerProductId}"
#: at most this many products found, and this many history entries in a record
FOUND_LIMIT = 50
HISTORY_LIMIT = 100


def _found(product: Product) -> dict[str, Any]:
    return {
        **_product_head(product),
        "options": len(product.options),
        "updatedAt": format_kst(product.updated_at),
    }


def _by_number(services: Services, conn: Connection, number: int) -> Product | None:
    """The product whose sellerProductId, vendorItemId or sellerProductItemId this is."""
    product = services.products.get_product(conn, number)
    if product is None:
        product = services.products.get_product_of_vendor_item(conn, number)
    if product is None:
        owner = services.products.product_of_item(conn, number)
        product = services.products.get_product(conn, owner) if owner is not None else None
    return product


def find_products(services: Services, *, query: str = "", vendor_id: str = "") -> list[dict[str, Any]]:
    """Products of every vendor (or ``vendor_id``'s), newest first: the product whose sellerProductId,
    vendorItemId or sellerProductItemId ``query`` is (digits), then those with ``query`` in their name
    (a name may hold digits too); empty: the newest."""
    text, vendor = query.strip(), vendor_id.strip()
    _settle_due(services)
    products: list[Product] = []
    with services.db.read() as conn:
        if text.isascii() and text.isdigit() and len(text) <= len(str(fields.MAX_NUMBER)):
            found = _by_number(services, conn, int(text))
            if found is not None and vendor in ("", found.vendor_id):
                products.append(found)
        named = services.products.find_products(conn, vendor_id=vendor or None, name=text, limit=FOUND_LIMIT)
        products += [p for p in named if all(p.seller_product_id != q.seller_product_id for q in products)]
    return [_found(p) for p in products[:FOUND_LIMIT]]


def get_product_record(services: Services, seller_product_id: str) -> dict[str, Any]:
    """One product of any vendor as an integrator debugging a call needs it: state, status history
    (newest first), options with both sides, Rocket Growth inbound/inspection, and the JSON the seller
    API answers for ``GET /seller-products/{id}`` (its envelope included)."""
    pid = fields.parse_path_id(seller_product_id, "sellerProductId")
    _settle_due(services)
    with services.db.read() as conn:
        product = services.products.get_product(conn, pid)
        if product is None:
            raise NotFound(f"업체상품[{pid}]이 존재하지 않습니다.", field="sellerProductId")
        history = services.products.list_product_histories(conn, pid, before_id=None, limit=HISTORY_LIMIT)
        rocket_growth_sides = [s for s in product.sides if s.kind is SideKind.ROCKET_GROWTH]
        stocks = services.rocket_growth.stocks(conn, [s.seller_product_item_id for s in rocket_growth_sides])
        sold = _sold(services, conn, rocket_growth_sides, services.now(conn))
        inbounds = [
            _item_view(entry, stocks.get(side.seller_product_item_id, Stock()), sold)
            for side in rocket_growth_sides
            for entry in services.products.rocket_growth_sides(conn, seller_product_item_id=side.seller_product_item_id)
        ]
    return {
        **_found(product),
        "displayCategoryCode": product.display_category_code,
        "createdAt": format_kst(product.created_at),
        "optionDetails": [_option_view(o) for o in product.options],
        "inbounds": inbounds,
        "history": [
            {"createdAt": render.kst(h.created_at), "status": h.status, "createdBy": h.created_by, "comment": h.comment}
            for h in history
        ],
        "findings": lifecycle.review_findings(product),
        "apiPath": PRODUCT_PATH.format(sellerProductId=pid),
        "apiAnswer": {"code": "SUCCESS", "message": "", "data": render.product_view(product)},
    }


# --- clock ------------------------------------------------------------------------------------


def _clock_view(services: Services, conn: Connection) -> dict[str, Any]:
    return {"now": format_kst(services.now(conn)), "offsetSeconds": services.state.clock_offset(conn)}


def get_clock(services: Services) -> dict[str, Any]:
    """Sandbox time in KST and how far it runs ahead of real time."""
    with services.db.read() as conn:
        return _clock_view(services, conn)


def advance_clock(services: Services, seconds: float) -> dict[str, Any]:
    """Move sandbox time on (never back), then decide the delayed reviews that became due."""
    if not 0 <= seconds <= MAX_ADVANCE_SECONDS:
        raise Invalid(f"seconds must be between 0 and {MAX_ADVANCE_SECONDS} (the clock never goes back).")
    try:
        with services.db.write() as conn:
            offset = float(services.state.get(conn, CLOCK_OFFSET, 0.0, for_update=True))
            services.state.set(conn, CLOCK_OFFSET, offset + seconds)
            settled = review.settle_reviews(services, conn, services.now(conn))
            return {**_clock_view(services, conn), "settledReviews": settled}
    except IntegrityError:
        raise Conflict("The clock is being advanced by another request; try again.") from None


# --- reset, export, import --------------------------------------------------------------------


def reset_state(services: Services, *, keep_vendors: bool = False) -> dict[str, Any]:
    """Erase products, options, histories, inquiries and answers (and vendors with their keys unless
    ``keep_vendors``); categories, issued-id sequences and the clock stay."""
    with services.db.write() as conn:
        deleted = services.snapshots.reset_state(conn, keep_vendors=keep_vendors)
    return {"deleted": deleted, "keptVendors": keep_vendors}


def export_state(services: Services, *, categories: bool = False) -> dict[str, Any]:
    """The whole state as JSON-ready data, in a deterministic order (one read transaction)."""
    with services.db.read() as conn:
        state = services.snapshots.export_state(conn, categories=categories)
        return {
            "format": STATE_FORMAT,
            "version": STATE_VERSION,
            "exportedAt": format_kst(services.now(conn)),
            "clock": {"offsetSeconds": services.state.clock_offset(conn)},
            **state,
        }


def import_state(services: Services, data: Any) -> dict[str, Any]:
    """Replace the whole state with an export, atomically: checked first, nothing changes on error."""
    snapshot = decode_snapshot(data)
    assert isinstance(data, Mapping)
    if data.get("format", STATE_FORMAT) != STATE_FORMAT or data.get("version", STATE_VERSION) != STATE_VERSION:
        raise Invalid(f"Not a {STATE_FORMAT} version {STATE_VERSION} export (format/version).", field="format")
    offset = _imported_offset(data.get("clock"))
    _check_references(snapshot)
    with services.db.write() as conn:
        loaded = services.snapshots.import_state(conn, snapshot)
        services.products.fill_rendered(conn)
        if "categories" in snapshot.rows:
            services.categories.bump_version(conn)  # every process reloads its cached catalog
        current = float(services.state.get(conn, CLOCK_OFFSET, 0.0, for_update=True))
        if offset > current:
            services.state.set(conn, CLOCK_OFFSET, offset)
        clock = _clock_view(services, conn)
    return {"loaded": loaded, "clock": clock}


def _imported_offset(clock: Any) -> float:
    if clock is None:
        return 0.0
    value = clock.get("offsetSeconds") if isinstance(clock, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100 * MAX_ADVANCE_SECONDS:
        raise Invalid("clock.offsetSeconds must be a number of seconds ≥ 0.", field="clock.offsetSeconds")
    return float(value)


def _check_enum(rows: Sequence[Mapping[str, Any]], table: str, column: str, allowed: Collection[str]) -> None:
    for index, row in enumerate(rows):
        value = row.get(column)
        if value is not None and value not in allowed:
            raise Invalid(
                f"tables.{table}[{index}].{column}: {value!r} is not one of {', '.join(sorted(allowed))}.",
                field=f"tables.{table}[{index}].{column}",
            )


def _check_parent(
    rows: Sequence[Mapping[str, Any]], table: str, column: str, parents: Collection[Any], parent: str
) -> None:
    for index, row in enumerate(rows):
        if row.get(column) not in parents:
            raise Invalid(
                f"tables.{table}[{index}].{column}: {row.get(column)!r} is not in tables.{parent}.",
                field=f"tables.{table}[{index}].{column}",
            )


def _check_references(snapshot: Snapshot) -> None:
    """What the schema does not enforce: status codes, and every row's parent in the snapshot."""
    rows = snapshot.rows
    products, items = rows["products"], rows["vendor_items"]
    _check_enum(products, "products", "status", [s.value for s in ProductStatus])
    _check_enum(products, "products", "business_type", [b.value for b in BusinessType])
    _check_enum(items, "vendor_items", "side", [k.value for k in SideKind])
    _check_enum(items, "vendor_items", "inbound_status", [s.value for s in InboundStatus])
    vendors = {r["vendor_id"] for r in rows["vendors"]}
    _check_parent(rows["api_keys"], "api_keys", "vendor_id", vendors, "vendors")
    _check_parent(products, "products", "vendor_id", vendors, "vendors")
    _check_parent(rows["inquiries"], "inquiries", "vendor_id", vendors, "vendors")
    owners = {r["seller_product_id"]: r["vendor_id"] for r in products}
    _check_parent(items, "vendor_items", "seller_product_id", owners, "products")
    _check_parent(rows["product_histories"], "product_histories", "seller_product_id", owners, "products")
    _check_parent(rows["inquiries"], "inquiries", "seller_product_id", owners, "products")
    _check_parent(
        rows["inquiry_replies"], "inquiry_replies", "inquiry_id", {r["inquiry_id"] for r in rows["inquiries"]},
        "inquiries",
    )  # fmt: skip
    _check_rocket_growth_references(rows)
    options: dict[int, int] = {}
    for index, product in enumerate(products):
        body = product.get("body")
        options_of = body.get("items") if isinstance(body, Mapping) else None
        if not isinstance(options_of, list) or not all(isinstance(item, Mapping) for item in options_of):
            raise Invalid(
                f"tables.products[{index}].body must be an object with an items list of objects.",
                field=f"tables.products[{index}].body",
            )
        options[product["seller_product_id"]] = len(options_of)
    for index, item in enumerate(items):
        where = f"tables.vendor_items[{index}]"
        if item.get("vendor_id") != owners[item["seller_product_id"]]:
            raise Invalid(f"{where}.vendor_id differs from its product's vendor_id.", field=f"{where}.vendor_id")
        if not 0 <= item["position"] < options[item["seller_product_id"]]:
            raise Invalid(f"{where}.position has no option in its product's body.items.", field=f"{where}.position")
        if not isinstance(item.get("data", {}), Mapping):
            raise Invalid(f"{where}.data must be an object.", field=f"{where}.data")


def _check_rocket_growth_references(rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Stock rows belong to Rocket Growth options of the snapshot, order lines to its orders."""
    options = {r["seller_product_item_id"] for r in rows["vendor_items"] if r.get("side") == SideKind.ROCKET_GROWTH}
    orders = rows["rocket_growth_orders"]
    vendors = {r["vendor_id"] for r in rows["vendors"]}
    _check_parent(rows["rocket_growth_stock"], "rocket_growth_stock", "seller_product_item_id", options, "vendor_items")
    _check_parent(orders, "rocket_growth_orders", "vendor_id", vendors, "vendors")
    _check_enum(orders, "rocket_growth_orders", "status", [s.value for s in rocket_growth.OrderStatus])
    _check_parent(rows["rocket_growth_order_items"], "rocket_growth_order_items", "order_id",
                  {r["order_id"] for r in orders}, "rocket_growth_orders")  # fmt: skip
