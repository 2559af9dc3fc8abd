"""Every operation as a pure ``Call`` (path, query, body, parser): the resources only send them.

One function per operation, named as the SDK method; list operations return a cursor → ``Call`` factory.
Parameters are checked here as the server checks them, before anything is sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from rocketgrowth.domain import inquiries as inquiry_rules
from rocketgrowth.domain import rocket_growth as rocket_growth_rules
from rocketgrowth.domain.listing import MAX_NAME_FILTER, MAX_PER_PAGE, TIME_FRAME_MESSAGE, TIME_FRAME_MINUTES
from rocketgrowth.errors import Invalid
from rocketgrowth.sdk._base import Call
from rocketgrowth.sdk.pagination import Cursor, PageData
from rocketgrowth.wire.categories import CategoryMeta, CategoryNode
from rocketgrowth.wire.envelope import Ack, Envelope
from rocketgrowth.wire.inquiries import Inquiry, InquiryPage
from rocketgrowth.wire.products import (
    HistoryEntry,
    HybridProduct,
    InflowStatus,
    MarketplaceProduct,
    PartialProduct,
    ProductSaved,
    ProductStatus,
    ProductSummary,
    RocketGrowthProduct,
    parse_created_id,
    parse_product,
)
from rocketgrowth.wire.rocket_growth import InventorySummary
from rocketgrowth.wire.rocket_growth import Order as RocketGrowthOrder
from rocketgrowth.wire.vendor_items import Inventory

SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"
CS_QUERY = "/v2/providers/openapi/apis/api/v5/vendors"
CS_REPLY = "/v2/providers/openapi/apis/api/v4/vendors"

KST = timezone(timedelta(hours=9), "KST")
AnyProduct = MarketplaceProduct | RocketGrowthProduct | HybridProduct
Payload = Mapping[str, Any] | BaseModel
PageCall = Callable[[Cursor | None], Call[PageData[Any]]]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ANSWERED_TYPES = ("ALL", "ANSWERED", "NOANSWER")


def to_body(payload: Payload) -> dict[str, Any]:
    """A request body from a model (camelCase, unset fields left out) or a mapping (as it is)."""
    if isinstance(payload, BaseModel):
        return payload.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return dict(payload)


def _id(value: int | str, name: str) -> str:
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError(f"{name} must be a number, got {value!r}")
    return text


def _ack(envelope: Envelope) -> Ack:
    return Ack(code=envelope.code, message=envelope.message or "", data=envelope.data)


def _saved(envelope: Envelope) -> ProductSaved:
    extra = envelope.model_extra or {}
    return ProductSaved(
        seller_product_id=parse_created_id(envelope.data),
        message=envelope.message or "",
        details=extra.get("details"),
        error_items=extra.get("errorItems"),
    )


def _summaries(envelope: Envelope) -> list[ProductSummary]:
    return [ProductSummary.model_validate(row) for row in envelope.data or []]


def _day(value: date | str | None, name: str) -> str | None:
    if value is None:
        return None
    text = value.strftime("%Y-%m-%d") if isinstance(value, date) else str(value)
    if not _DAY.match(text):
        raise ValueError(f"Format of {name} is `yyyy-MM-dd`")
    return text


def _moment(value: datetime | str, name: str) -> datetime:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        raise ValueError(f"Format of {name} is `yyyy-MM-dd'T'HH:mm:ss`") from None


def external_skus(payload: Mapping[str, Any]) -> tuple[str, ...]:
    """Every ``externalVendorSku`` of a product payload (flat items and both channel blocks)."""
    found: list[str] = []
    for item in payload.get("items") or []:
        for holder in (item, item.get("rocketGrowthItemData"), item.get("marketplaceItemData")):
            sku = holder.get("externalVendorSku") if isinstance(holder, dict) else None
            if sku and sku not in found:
                found.append(str(sku))
    return tuple(found)


# products ---------------------------------------------------------------------------------------


def create(payload: Payload, vendor_id: str) -> Call[ProductSaved]:
    body = to_body(payload)
    body.setdefault("vendorId", vendor_id)
    return Call("POST", f"{SELLER}/seller-products", _saved, body=body, idempotent=False, creates=external_skus(body))


def get(seller_product_id: int | str) -> Call[AnyProduct]:
    path = f"{SELLER}/seller-products/{_id(seller_product_id, 'seller_product_id')}"
    return Call("GET", path, lambda envelope: parse_product(envelope.data))


def update(payload: Payload, vendor_id: str) -> Call[ProductSaved]:
    body = to_body(payload)
    body.setdefault("vendorId", vendor_id)
    _id(body.get("sellerProductId", ""), "sellerProductId")
    return Call("PUT", f"{SELLER}/seller-products", _saved, body=body)


def edited(current: AnyProduct, document: dict[str, Any], requested: bool | None) -> dict[str, Any]:
    """The PUT body of ``products.edit``: Rocket Growth products get ``legalAgreement: "AGREE"`` (GET does
    not return it) and ``requested: true`` unless the caller chose; others keep ``requested`` as read."""
    document.setdefault("sellerProductId", current.seller_product_id)
    if current.kind == "marketplace":
        if requested is not None:
            document["requested"] = requested
        return document
    info = dict(document.get("rocketGrowthAdditionalInformation") or {})
    info["legalAgreement"] = "AGREE"
    document["rocketGrowthAdditionalInformation"] = info
    if requested is not None:
        document["requested"] = requested
    elif document.get("requested") == current.raw.get("requested"):
        document["requested"] = True
    return document


def delete(seller_product_id: int | str) -> Call[Ack]:
    return Call("DELETE", f"{SELLER}/seller-products/{_id(seller_product_id, 'seller_product_id')}", _ack)


def request_approval(seller_product_id: int | str) -> Call[Ack]:
    path = f"{SELLER}/seller-products/{_id(seller_product_id, 'seller_product_id')}/approvals"
    return Call("PUT", path, _ack)


def get_partial(seller_product_id: int | str) -> Call[PartialProduct]:
    path = f"{SELLER}/seller-products/{_id(seller_product_id, 'seller_product_id')}/partial"
    return Call("GET", path, lambda envelope: PartialProduct.model_validate(envelope.data))


def update_partial(seller_product_id: int | str, payload: Payload) -> Call[Ack]:
    text = _id(seller_product_id, "seller_product_id")
    body = to_body(payload)
    body.setdefault("sellerProductId", int(text))
    return Call("PUT", f"{SELLER}/seller-products/{text}/partial", _ack, body=body)


def get_inflow_status() -> Call[InflowStatus]:
    path = f"{SELLER}/seller-products/inflow-status"
    return Call("GET", path, lambda envelope: InflowStatus.model_validate(envelope.data))


def _product_page(envelope: Envelope) -> PageData[ProductSummary]:
    return PageData(_summaries(envelope), envelope.next_token or None)


def list_(
    vendor_id: str,
    *,
    max_per_page: int | None = None,
    seller_product_id: int | str | None = None,
    seller_product_name: str | None = None,
    status: ProductStatus | str | None = None,
    manufacture: str | None = None,
    created_at: date | str | None = None,
    business_types: str | None = None,
) -> PageCall:
    if max_per_page is not None and not 1 <= max_per_page <= MAX_PER_PAGE:
        raise ValueError(f"maxPerPage must be between 1 and {MAX_PER_PAGE}")
    if seller_product_name is not None and len(seller_product_name) > MAX_NAME_FILTER:
        raise ValueError(f"sellerProductName must be {MAX_NAME_FILTER} characters or fewer")
    params: dict[str, Any] = {
        "vendorId": vendor_id,
        "maxPerPage": max_per_page,
        "sellerProductId": None if seller_product_id is None else _id(seller_product_id, "seller_product_id"),
        "sellerProductName": seller_product_name,
        "status": None if status is None else ProductStatus.from_name(str(status)).value,
        "manufacture": manufacture,
        "createdAt": _day(created_at, "createdAt"),
        "businessTypes": business_types,
    }

    def page(cursor: Cursor | None) -> Call[PageData[Any]]:
        query = {"vendorId": vendor_id, "nextToken": cursor, **{k: v for k, v in params.items() if k != "vendorId"}}
        return Call("GET", f"{SELLER}/seller-products", _product_page, params=query)

    return page


def list_by_time_frame(
    vendor_id: str, created_at_from: datetime | str, created_at_to: datetime | str
) -> Call[list[ProductSummary]]:
    start, end = _moment(created_at_from, "createdAtFrom"), _moment(created_at_to, "createdAtTo")
    if not timedelta(0) <= end - start <= timedelta(minutes=TIME_FRAME_MINUTES):
        raise ValueError(TIME_FRAME_MESSAGE)
    params = {"vendorId": vendor_id, "createdAtFrom": start, "createdAtTo": end}
    return Call("GET", f"{SELLER}/seller-products/time-frame", _summaries, params=params)


def _history_page(envelope: Envelope) -> PageData[HistoryEntry]:
    entries = [HistoryEntry.model_validate(row) for row in envelope.data or []]
    return PageData(entries, envelope.next_token or None)


def list_histories(seller_product_id: int | str, *, max_per_page: int | None = None) -> PageCall:
    path = f"{SELLER}/seller-products/{_id(seller_product_id, 'seller_product_id')}/histories"

    def page(cursor: Cursor | None) -> Call[PageData[Any]]:
        return Call("GET", path, _history_page, params={"nextToken": cursor, "maxPerPage": max_per_page})

    return page


def list_by_external_sku(external_vendor_sku: str) -> Call[list[ProductSummary]]:
    if not str(external_vendor_sku).strip():
        raise ValueError("external_vendor_sku must not be empty")
    code = quote(str(external_vendor_sku), safe="")
    return Call("GET", f"{SELLER}/seller-products/external-vendor-sku-codes/{code}", _summaries)


# vendor items -----------------------------------------------------------------------------------


def _vendor_item(vendor_item_id: int | str) -> str:
    return f"{SELLER}/vendor-items/{_id(vendor_item_id, 'vendor_item_id')}"


def get_inventory(vendor_item_id: int | str) -> Call[Inventory]:
    path = f"{_vendor_item(vendor_item_id)}/inventories"
    return Call("GET", path, lambda envelope: Inventory.model_validate(envelope.data))


def set_quantity(vendor_item_id: int | str, quantity: int) -> Call[Ack]:
    return Call("PUT", f"{_vendor_item(vendor_item_id)}/quantities/{_id(quantity, 'quantity')}", _ack)


def set_price(vendor_item_id: int | str, price: int, *, force: bool = False) -> Call[Ack]:
    path = f"{_vendor_item(vendor_item_id)}/prices/{_id(price, 'price')}"
    return Call("PUT", path, _ack, params={"forceSalePriceUpdate": True if force else None})


def resume_sale(vendor_item_id: int | str) -> Call[Ack]:
    return Call("PUT", f"{_vendor_item(vendor_item_id)}/sales/resume", _ack)


def stop_sale(vendor_item_id: int | str) -> Call[Ack]:
    return Call("PUT", f"{_vendor_item(vendor_item_id)}/sales/stop", _ack)


def set_original_price(vendor_item_id: int | str, original_price: int) -> Call[Ack]:
    path = f"{_vendor_item(vendor_item_id)}/original-prices/{_id(original_price, 'original_price')}"
    return Call("PUT", path, _ack)


# categories -------------------------------------------------------------------------------------


def _node(envelope: Envelope) -> CategoryNode:
    return CategoryNode.model_validate(envelope.data)


def categories_list(*, registration_type: str | None = None, locale: str | None = None) -> Call[CategoryNode]:
    params = {"registrationType": registration_type, "locale": locale}
    return Call("GET", f"{SELLER}/meta/display-categories", _node, params=params)


def categories_get(display_category_code: int | str) -> Call[CategoryNode]:
    return Call("GET", f"{SELLER}/meta/display-categories/{_id(display_category_code, 'code')}", _node)


def categories_get_status(display_category_code: int | str) -> Call[bool]:
    path = f"{SELLER}/meta/display-categories/{_id(display_category_code, 'code')}/status"
    return Call("GET", path, lambda envelope: str(envelope.data).lower() == "true")


def categories_get_meta(display_category_code: int | str) -> Call[CategoryMeta]:
    code = _id(display_category_code, "code")
    path = f"{SELLER}/meta/category-related-metas/display-category-codes/{code}"
    return Call("GET", path, lambda envelope: CategoryMeta.model_validate(envelope.data))


# inquiries --------------------------------------------------------------------------------------


def _inquiry_page(envelope: Envelope) -> PageData[Inquiry]:
    page = InquiryPage.model_validate(envelope.data or {})
    current, pages = page.pagination.current_page, page.pagination.total_pages
    return PageData(page.content, current + 1 if current < pages else None, page.pagination.total_elements)


def _kst_today() -> date:
    return datetime.now(KST).date()


def inquiries_list(
    vendor_id: str,
    *,
    answered_type: str = "ALL",
    inquiry_start_at: date | str | None = None,
    inquiry_end_at: date | str | None = None,
    page_size: int | None = None,
    vendor_item_id: int | str | None = None,
) -> PageCall:
    answered = answered_type.upper()
    if answered not in _ANSWERED_TYPES:
        raise ValueError(f"answeredType must be one of {', '.join(_ANSWERED_TYPES)}")
    if page_size is not None and not 1 <= page_size <= inquiry_rules.MAX_PAGE_SIZE:
        raise ValueError(f"pageSize must be between 1 and {inquiry_rules.MAX_PAGE_SIZE}")
    end = _day(inquiry_end_at, "inquiryEndAt") or _kst_today().isoformat()
    start = (
        _day(inquiry_start_at, "inquiryStartAt")
        or (date.fromisoformat(end) - timedelta(days=inquiry_rules.MAX_WINDOW_DAYS - 1)).isoformat()
    )
    if (
        not timedelta(0)
        <= date.fromisoformat(end) - date.fromisoformat(start)
        <= timedelta(days=inquiry_rules.MAX_WINDOW_DAYS)
    ):
        raise ValueError("inquiryEndAt must be on or after inquiryStartAt, at most 7 days later")
    path = f"{CS_QUERY}/{quote(vendor_id, safe='')}/onlineInquiries"
    params: dict[str, Any] = {
        "vendorId": vendor_id,
        "answeredType": answered,
        "inquiryStartAt": start,
        "inquiryEndAt": end,
        "vendorItemId": None if vendor_item_id is None else _id(vendor_item_id, "vendor_item_id"),
    }

    def page(cursor: Cursor | None) -> Call[PageData[Any]]:
        return Call("GET", path, _inquiry_page, params={**params, "pageNum": cursor or 1, "pageSize": page_size})

    return page


def inquiries_reply(vendor_id: str, inquiry_id: int | str, content: str, reply_by: str) -> Call[Ack]:
    if not content.strip() or not reply_by.strip():
        raise ValueError("content and reply_by must not be empty")
    path = f"{CS_REPLY}/{quote(vendor_id, safe='')}/onlineInquiries/{_id(inquiry_id, 'inquiry_id')}/replies"
    body = {"content": content, "vendorId": vendor_id, "replyBy": reply_by}
    return Call("POST", path, _ack, body=body, idempotent=False)


# Rocket Growth Open API (rg_open_api) -------------------------------------------------------------

ROCKET_GROWTH = "/v2/providers/rg_open_api/apis/api/v1/vendors"


def _rg_path(vendor_id: str) -> str:
    return f"{ROCKET_GROWTH}/{quote(vendor_id, safe='')}/rg"


def _inventory_page(envelope: Envelope) -> PageData[InventorySummary]:
    rows = [InventorySummary.model_validate(row) for row in envelope.data or []]
    return PageData(rows, envelope.next_token or None)


def _order_page(envelope: Envelope) -> PageData[RocketGrowthOrder]:
    rows = [RocketGrowthOrder.model_validate(row) for row in envelope.data or []]
    return PageData(rows, envelope.next_token or None)


def list_rocket_growth_inventories(vendor_id: str, *, vendor_item_id: int | str | None = None) -> PageCall:
    path = f"{_rg_path(vendor_id)}/inventory/summaries"
    wanted = None if vendor_item_id is None else _id(vendor_item_id, "vendor_item_id")

    def page(cursor: Cursor | None) -> Call[PageData[Any]]:
        return Call("GET", path, _inventory_page, params={"vendorItemId": wanted, "nextToken": cursor})

    return page


def rocket_growth_order_windows(paid_from: date, paid_to: date) -> list[tuple[str, str]]:
    """The inclusive KST days ``[paid_from, paid_to]`` as the gateway's ``(paidDateFrom, paidDateTo)``
    windows: at most 30 days each, ``paidDateTo`` exclusive."""
    try:
        windows = rocket_growth_rules.split_window(paid_from, paid_to)
    except Invalid as exc:
        raise ValueError(exc.message) from None
    return [(start.strftime("%Y%m%d"), end.strftime("%Y%m%d")) for start, end in windows]


def list_rocket_growth_orders(vendor_id: str, paid_date_from: str, paid_date_to: str) -> PageCall:
    """One window of the order list (``paidDateTo`` exclusive)."""
    path = f"{_rg_path(vendor_id)}/orders"
    params = {"paidDateFrom": paid_date_from, "paidDateTo": paid_date_to}

    def page(cursor: Cursor | None) -> Call[PageData[Any]]:
        return Call("GET", path, _order_page, params={**params, "nextToken": cursor})

    return page


def get_rocket_growth_order(vendor_id: str, order_id: int | str) -> Call[RocketGrowthOrder]:
    path = f"{_rg_path(vendor_id)}/order/{_id(order_id, 'order_id')}"
    return Call("GET", path, lambda envelope: RocketGrowthOrder.model_validate(envelope.data))
