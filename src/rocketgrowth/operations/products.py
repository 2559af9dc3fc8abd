"""Product operations of the seller API, one function per operation, each in one transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Connection

from rocketgrowth import jsontext
from rocketgrowth.clock import parse_kst
from rocketgrowth.domain import fields, lifecycle, render
from rocketgrowth.domain.lifecycle import Step
from rocketgrowth.domain.listing import MAX_NAME_FILTER, MAX_PER_PAGE, TIME_FRAME_MESSAGE, TIME_FRAME_MINUTES
from rocketgrowth.domain.product import BusinessType, Product
from rocketgrowth.domain.product_rules import WRONG_VENDOR_MESSAGE, check_delivery_charges, validate_product
from rocketgrowth.domain.product_schema import PARTIAL_UPDATE, SHIPPING, SHIPPING_FIELDS
from rocketgrowth.domain.status import ProductStatus
from rocketgrowth.errors import Invalid, InvalidTransition, NotFound
from rocketgrowth.operations.review import after_change, issuer, settle_reviews
from rocketgrowth.services import Services
from rocketgrowth.store.products import ListFilter, ListRow
from rocketgrowth.store.vendors import Vendor

__all__ = (
    "create_product",
    "delete_product",
    "get_partial_product",
    "get_product",
    "get_product_inflow_status",
    "list_product_histories",
    "list_products",
    "list_products_by_external_sku",
    "list_products_by_time_frame",
    "load_own_product",
    "request_product_approval",
    "update_partial_product",
    "update_product",
)

SELLER_PRODUCT_ID = "업체상품아이디"


def load_own_product(
    services: Services, conn: Connection, vendor_id: str, seller_product_id: int, *, for_update: bool = False
) -> Product:
    """The caller's product; another vendor's gets the ownership error, never the data."""
    product = services.products.get_product(conn, seller_product_id, for_update=for_update)
    _check_owner(seller_product_id, None if product is None else product.vendor_id, vendor_id)
    assert product is not None
    return product


def _check_owner(seller_product_id: int, owner: str | None, vendor_id: str) -> None:
    """The errors for a product that does not exist (``owner`` None) or is another vendor's."""
    if owner is None:
        raise NotFound(f"업체상품[{seller_product_id}]이 존재하지 않습니다.")
    if owner != vendor_id:
        raise Invalid(WRONG_VENDOR_MESSAGE)


def _save_step(services: Services, conn: Connection, step: Step, now: datetime, *, new: bool = False) -> Product:
    """Save a step with what the review mode makes of it (``after_change``): the product once, as it ends."""
    review = after_change(services, conn, step, now)
    step = review.step
    if new:
        services.products.insert_product(conn, step.product)
    else:
        services.products.save_product(conn, step.product, removed=step.removed)
    services.products.add_history(conn, step.product, step.history, now)
    if review.set_due and (review.due is not None or not new):  # (a new product has none yet)
        services.products.set_review_due(conn, step.product.seller_product_id, review.due)
    return step.product


def _category(services: Services, conn: Connection, code: Any) -> tuple[Any, bool | None]:
    try:
        number = int(code)
    except (TypeError, ValueError):
        return None, None  # the field check reports it
    catalog = services.categories.catalog(conn)  # (once: each read of it checks the catalog's version)
    meta = catalog.meta(number)
    if meta is None:
        raise Invalid(
            f"카테고리[{number}]가 존재하지 않거나 말단(leaf) 카테고리가 아닙니다. 카테고리 목록 API로 확인해주세요.",
            field="displayCategoryCode",
        )
    return meta, catalog.is_rocket_growth(number)


def create_product(services: Services, vendor: Vendor, payload: Mapping[str, Any], now: datetime) -> int:
    """``POST /seller-products``: returns the new sellerProductId."""
    if not isinstance(payload, Mapping):
        raise Invalid("요청 본문은 JSON 객체여야 합니다.")
    with services.db.write() as conn:
        meta, rocket_growth = _category(services, conn, payload.get("displayCategoryCode"))
        draft = validate_product(
            payload,
            mode="create",
            meta=meta,
            rocket_growth_category=rocket_growth,
            vendor_id=vendor.vendor_id,
            consent=vendor.rocket_growth_consent,
        )
        step = lifecycle.create(draft, issue=issuer(services, conn), now=now, category_id=_category_id(meta))
        product = _save_step(services, conn, step, now, new=True)
        return product.seller_product_id


def _category_id(meta: Any) -> int | None:
    value = getattr(meta, "category_id", None)
    return int(value) if isinstance(value, int) else None


async def get_product(services: Services, vendor: Vendor, seller_product_id: str, now: datetime) -> orjson.Fragment:
    """``GET /seller-products/{id}``: flat schema or new schema, chosen per product (``render.product_view``),
    as the JSON the store keeps rendered. Settling delayed reviews first (a write) runs as writes do
    (``Database.run_write``), the read where reads are cheapest (``Database.run_read``), kept while no write
    commits (``ProductStore.kept_views``)."""
    pid = fields.parse_path_id(seller_product_id, SELLER_PRODUCT_ID)
    if services.review.kind == "delay":
        await services.db.run_write(_settle_vendor_reviews, services, vendor.vendor_id, now)
    view = await services.products.kept_views.get(
        services.db.generation,
        (vendor.vendor_id, pid),
        lambda: services.db.run_read(_product_view, services, vendor.vendor_id, pid),
    )
    return orjson.Fragment(view)


def _settle_vendor_reviews(services: Services, vendor_id: str, now: datetime) -> None:
    with services.db.write() as conn:
        settle_reviews(services, conn, now, vendor_id=vendor_id)


def _product_view(services: Services, vendor_id: str, seller_product_id: int) -> bytes:
    """The product's kept view; rendered here when it is not kept (yet) as this code renders it."""
    with services.db.read() as conn:
        found = services.products.get_product_view(conn, seller_product_id)
        _check_owner(seller_product_id, None if found is None else found[0], vendor_id)
        assert found is not None
        if found[1] is not None:
            return found[1]
        return jsontext.dumps(render.product_view(load_own_product(services, conn, vendor_id, seller_product_id)))


def update_product(services: Services, vendor: Vendor, payload: Mapping[str, Any], now: datetime) -> int:
    """``PUT /seller-products``: full replace with the option add/update/delete rules."""
    if not isinstance(payload, Mapping):
        raise Invalid("요청 본문은 JSON 객체여야 합니다.")
    raw_id = payload.get("sellerProductId")
    if raw_id is None or raw_id == "":
        raise Invalid("업체상품아이디를 입력해주세요", field="sellerProductId")
    pid = fields.parse_path_id(str(raw_id), SELLER_PRODUCT_ID)
    with services.db.write() as conn:
        product = load_own_product(services, conn, vendor.vendor_id, pid, for_update=True)
        meta, rocket_growth = _category(services, conn, product.display_category_code)
        draft = validate_product(
            payload,
            mode="update",
            meta=meta,
            rocket_growth_category=rocket_growth,
            vendor_id=vendor.vendor_id,
            consent=vendor.rocket_growth_consent,
        )
        step = lifecycle.update(product, draft, issue=issuer(services, conn), now=now)
        _save_step(services, conn, step, now)
        return pid


def request_product_approval(services: Services, vendor: Vendor, seller_product_id: str, now: datetime) -> int:
    pid = fields.parse_path_id(seller_product_id, SELLER_PRODUCT_ID)
    with services.db.write() as conn:
        product = load_own_product(services, conn, vendor.vendor_id, pid, for_update=True)
        _save_step(services, conn, lifecycle.request_approval(product, now=now), now)
        return pid


def delete_product(services: Services, vendor: Vendor, seller_product_id: str, now: datetime) -> int:
    pid = fields.parse_path_id(seller_product_id, SELLER_PRODUCT_ID)
    with services.db.write() as conn:
        product = services.products.get_product(conn, pid, for_update=True)
        if product is None or product.vendor_id != vendor.vendor_id:
            raise NotFound(
                f"업체상품[{pid}]이 없거나 삭제가 불가능한 상태입니다. 삭제는 '저장중', '임시저장' 상태에서만 가능합니다."
            )
        _save_step(services, conn, lifecycle.delete(product, now=now), now)
        return pid


def _marketplace_only(product: Product) -> None:
    if product.business_type is not BusinessType.MARKETPLACE:
        raise Invalid(
            "로켓그로스 상품은 승인불필요 상품 조회/수정(partial) API를 사용할 수 없습니다. "
            "상품 조회/수정 API를 이용해주세요."
        )


def get_partial_product(services: Services, vendor: Vendor, seller_product_id: str) -> dict[str, Any]:
    pid = fields.parse_path_id(seller_product_id, SELLER_PRODUCT_ID)
    with services.db.read() as conn:
        product = load_own_product(services, conn, vendor.vendor_id, pid)
        _marketplace_only(product)
        return render.partial_view(product)


def update_partial_product(
    services: Services, vendor: Vendor, seller_product_id: str, payload: Mapping[str, Any], now: datetime
) -> int:
    """``PUT /seller-products/{id}/partial``: shipping/return fields without a new approval."""
    pid = fields.parse_path_id(seller_product_id, SELLER_PRODUCT_ID)
    doc = fields.check(payload, PARTIAL_UPDATE)
    if doc["sellerProductId"] != pid:
        raise Invalid(f"업체상품아이디[{doc['sellerProductId']}]가 경로의 업체상품아이디[{pid}]와 다릅니다.")
    with services.db.write() as conn:
        product = load_own_product(services, conn, vendor.vendor_id, pid, for_update=True)
        _marketplace_only(product)
        if product.status in (ProductStatus.APPROVING, ProductStatus.IN_REVIEW, ProductStatus.DELETED):
            raise InvalidTransition(
                f"업체상품[{pid}]은 현재 상태[{product.status.korean}]에서 승인불필요 수정을 할 수 없습니다."
            )
        body = dict(product.body)
        shipping = dict(body.get("marketplaceShippingAndReturnInfo") or {})
        shipping.update({k: doc[k] for k in SHIPPING_FIELDS if doc.get(k) is not None})
        fields.check(shipping, SHIPPING, "marketplaceShippingAndReturnInfo")
        check_delivery_charges(shipping)
        body["marketplaceShippingAndReturnInfo"] = shipping
        items = [dict(i) for i in body["items"]]
        for key in ("outboundShippingTimeDay", "pccNeeded"):
            if doc.get(key) is not None:
                for item in items:
                    item[key] = doc[key]
        body["items"] = items
        for key in ("extraInfoMessage", "sameDayShipping"):
            if doc.get(key) is not None:
                body[key] = doc[key]
        changed = dataclasses.replace(product, body=body, updated_at=now, version=product.version + 1)
        services.products.save_product(conn, changed)
        return pid


def get_product_inflow_status(services: Services, vendor: Vendor) -> dict[str, Any]:
    with services.db.read() as conn:
        count = services.products.count_products(conn, vendor.vendor_id)
    return {"vendorId": vendor.vendor_id, "restricted": False, "registeredCount": count, "permittedCount": None}


def _list_filter(params: Mapping[str, str | None]) -> ListFilter:
    business = params.get("businessTypes") or params.get("businessType")
    if business not in (None, "", "rocketGrowth"):
        raise Invalid(f"businessTypes[{business}]가 올바르지 않습니다. 허용값: rocketGrowth")
    pid = params.get("sellerProductId")
    name = params.get("sellerProductName")
    if name is not None and len(name) > MAX_NAME_FILTER:
        raise Invalid(f"sellerProductName은 {MAX_NAME_FILTER}자 이하로 입력해주세요.")
    status = params.get("status")
    created = params.get("createdAt")
    start = end = None
    if created:
        try:
            start = parse_kst(created) if len(created) == 10 else None
        except ValueError:
            start = None
        if start is None:
            raise Invalid("Format of createdAt is `yyyy-MM-dd`")
        end = start + timedelta(days=1)
    try:
        status_value = ProductStatus.from_name(status) if status else None
    except ValueError:
        raise Invalid(
            f"status[{status}]가 올바르지 않습니다. 허용값: {', '.join(s.value for s in ProductStatus)}"
        ) from None
    return ListFilter(
        rocket_growth=business == "rocketGrowth",
        seller_product_id=fields.parse_path_id(pid, "sellerProductId") if pid else None,
        seller_product_name=name or None,
        status=status_value,
        manufacture=params.get("manufacture") or None,
        created_from=start,
        created_to=end,
    )


def _page_size(value: str | None) -> int:
    if value is None or value == "":
        return 10
    message = f"maxPerPage[{{value}}]는 1 이상 {MAX_PER_PAGE} 이하의 숫자로 입력해주세요."
    return fields.parse_number(value, "maxPerPage", minimum=1, maximum=MAX_PER_PAGE, message=message)


async def list_products(
    services: Services, vendor: Vendor, params: Mapping[str, str | None], now: datetime
) -> tuple[orjson.Fragment, str]:
    """``GET /seller-products``: a keyset page (a JSON array of the rows the store keeps rendered) and the
    token of the next one ("" on the last). Settling delayed reviews first and reading the token secret the
    first time run as writes do (``Database.run_write``), the page's read where reads are cheapest
    (``Database.run_read``), kept while no write commits (``ProductStore.kept_pages``)."""
    vendor_id = params.get("vendorId")
    if not vendor_id:
        raise Invalid("Vendor code must be entered.")
    if vendor_id != vendor.vendor_id:
        raise Invalid(WRONG_VENDOR_MESSAGE)
    flt = _list_filter(params)
    limit = _page_size(params.get("maxPerPage") or params.get("masPerPage"))
    scope = f"{vendor.vendor_id}|{flt}"
    if services.review.kind == "delay":
        await services.db.run_write(_settle_vendor_reviews, services, vendor.vendor_id, now)
    if not services.tokens.keyed:
        await services.db.run_write(_load_token_key, services)
    after = services.tokens.read(None, scope, params.get("nextToken"))
    data, last_id = await services.products.kept_pages.get(
        services.db.generation,
        (vendor.vendor_id, flt, after, limit),
        lambda: _page(services, vendor.vendor_id, flt, after, limit),
    )
    token = services.tokens.issue(None, scope, last_id) if last_id is not None else ""
    return orjson.Fragment(data), token


async def _page(
    services: Services, vendor_id: str, flt: ListFilter, after: int | None, limit: int
) -> tuple[bytes, int | None]:
    """A page as a JSON array of its rows, and its last product's id when another page follows."""
    rows = await services.db.run_read(_list_page, services, vendor_id, flt, after, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return b"[" + b",".join(_json(row) for row in rows) + b"]", rows[-1].seller_product_id if more else None


def _load_token_key(services: Services) -> None:
    with services.db.write() as conn:  # (writes the secret if the database has none yet)
        services.tokens.load_key(conn)


def _list_page(services: Services, vendor_id: str, flt: ListFilter, after: int | None, limit: int) -> list[ListRow]:
    """A page of kept list rows; those not kept (yet) as this code renders them rendered here."""
    with services.db.read() as conn:
        rows = services.products.list_rows(conn, vendor_id, flt, after_id=after, limit=limit)
        if any(row.json is None for row in rows):
            rows = services.products.with_rendered_rows(conn, rows, rocket_growth=flt.rocket_growth)
        return rows


def _json(row: ListRow) -> bytes:
    assert row.json is not None
    return row.json


def list_products_by_time_frame(
    services: Services, vendor: Vendor, params: Mapping[str, str | None]
) -> list[dict[str, Any]]:
    vendor_id = params.get("vendorId")
    if not vendor_id:
        raise Invalid("Vendor code must be entered.")
    if vendor_id != vendor.vendor_id:
        raise Invalid(WRONG_VENDOR_MESSAGE)
    try:
        start = parse_kst(params.get("createdAtFrom") or "")
        end = parse_kst(params.get("createdAtTo") or "")
    except ValueError:
        raise Invalid("createdAtFrom, createdAtTo의 형식은 yyyy-MM-dd'T'HH:mm:ss 입니다.") from None
    if end < start:
        raise Invalid("createdAtFrom은 createdAtTo보다 이전이어야 합니다.")
    if end - start > timedelta(minutes=TIME_FRAME_MINUTES):
        raise Invalid(TIME_FRAME_MESSAGE)
    with services.db.read() as conn:
        return [
            render.list_row(p)
            for p in services.products.list_products_by_time_frame(conn, vendor.vendor_id, start, end)
        ]


def list_product_histories(
    services: Services, vendor: Vendor, seller_product_id: str, params: Mapping[str, str | None]
) -> tuple[list[dict[str, Any]], str]:
    pid = fields.parse_path_id(seller_product_id, SELLER_PRODUCT_ID)
    limit = _page_size(params.get("maxPerPage"))
    scope = f"history|{vendor.vendor_id}|{pid}"
    with services.db.read() as conn:
        load_own_product(services, conn, vendor.vendor_id, pid)
        before = services.tokens.read(conn, scope, params.get("nextToken"))
        rows = services.products.list_product_histories(conn, pid, before_id=before, limit=limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        token = services.tokens.issue(conn, scope, rows[-1].id) if more else ""
    return [
        {
            "createdAt": render.kst(r.created_at),
            "status": r.status,
            "statusName": r.status,
            "createdBy": r.created_by,
            "comment": r.comment,
        }
        for r in rows
    ], token


def list_products_by_external_sku(services: Services, vendor: Vendor, code: str) -> list[dict[str, Any]]:
    if not code.strip():
        raise Invalid("externalVendorSkuCode를 입력해주세요.")
    with services.db.read() as conn:
        return [
            render.list_row(p) for p in services.products.list_products_by_external_sku(conn, vendor.vendor_id, code)
        ]
