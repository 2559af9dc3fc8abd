"""Rocket Growth Open API (``rg_open_api``) operations and Coupang's fulfilment side behind them.

Seller API (read only):

* ``list_rocket_growth_inventories``: orderable units and units sold in 30 days per approved option
* ``list_rocket_growth_orders``: shipped orders paid in ``[paidDateFrom, paidDateTo)``, keyset paging
* ``get_rocket_growth_order``: one order of the caller

Operator (``/sandbox/v1/rocket-growth``): ``create_rocket_growth_order``, ``ship_rocket_growth_order``,
``cancel_rocket_growth_order``, ``simulate_rocket_growth_orders``, ``list_all_rocket_growth_orders``.
Inbounds and inspections (which fill the stock) are ``operations.sandbox.create_inbound`` and
``set_inbound_inspection``. Each runs in one transaction: a rejected call changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from rocketgrowth.clock import format_kst, parse_kst
from rocketgrowth.domain import rocket_growth as rules
from rocketgrowth.domain.rocket_growth import Order, OrderLine, OrderStatus, Stock
from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.services import Services
from rocketgrowth.store.rocket_growth import OrderableOption

__all__ = (
    "OrderItem",
    "cancel_rocket_growth_order",
    "create_rocket_growth_order",
    "get_rocket_growth_order",
    "list_all_rocket_growth_orders",
    "list_rocket_growth_inventories",
    "list_rocket_growth_orders",
    "order_page_token",
    "ship_rocket_growth_order",
    "simulate_rocket_growth_orders",
)

#: an order token holds the last order's paid time (epoch seconds) and id: seconds × 10**20 + id
_ID_SPAN = 10**20
_ORDER_TOKEN_LENGTH = 40
_EPOCH = datetime(1970, 1, 1)


# --- seller API -------------------------------------------------------------------------------


def list_rocket_growth_inventories(
    services: Services, vendor_id: str, now: datetime, *, vendor_item_id: str | None, next_token: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One row per approved Rocket Growth option of the vendor (or the one ``vendorItemId`` names, when
    ``nextToken`` is ignored), and the next page's token (None on the last page)."""
    wanted = rules.parse_vendor_item_id(vendor_item_id) if vendor_item_id not in (None, "") else None
    scope = f"rg-inventory|{vendor_id}"
    limit = rules.INVENTORY_PAGE_SIZE
    with services.db.read() as conn:
        after = None if wanted is not None else services.tokens.read(conn, scope, next_token)
        rows = services.rocket_growth.list_rocket_growth_inventories(
            conn, vendor_id, since=now - rules.SALES_WINDOW, until=now, after=after, vendor_item_id=wanted,
            limit=limit + 1,
        )  # fmt: skip
        token = None
        if len(rows) > limit:
            rows = rows[:limit]
            token = services.tokens.issue(conn, scope, rows[-1].vendor_item_id)
    data = [
        {
            "vendorId": row.vendor_id,
            "vendorItemId": row.vendor_item_id,
            "externalSkuId": _external_sku_id(row.external_vendor_sku),
            "inventoryDetails": {"totalOrderableQuantity": row.orderable},
            "salesCountMap": {"SALES_COUNT_LAST_THIRTY_DAYS": row.sold},
        }
        for row in rows
    ]
    return data, token


def _external_sku_id(sku: str | None) -> int | str | None:
    """The seller's own SKU code of the option: a number when it is one (as the portal's example shows)."""
    if sku is None or sku == "":
        return None
    return int(sku) if sku.isascii() and sku.isdigit() and len(sku) < 19 else sku


def list_rocket_growth_orders(
    services: Services, vendor_id: str, *, paid_date_from: str | None, paid_date_to: str | None,
    next_token: str | None,
) -> tuple[list[dict[str, Any]], str | None]:  # fmt: skip
    """Shipped orders of the vendor paid in the KST days ``[paidDateFrom, paidDateTo)``, oldest first."""
    first, end = rules.parse_paid_window(paid_date_from, paid_date_to)
    limit = rules.ORDERS_PAGE_SIZE
    with services.db.read() as conn:
        last = services.tokens.read(
            conn, _order_scope(vendor_id, first, end), next_token, max_length=_ORDER_TOKEN_LENGTH
        )
        after = None
        if last is not None:
            seconds, order_id = divmod(last, _ID_SPAN)
            after = (_EPOCH + timedelta(seconds=seconds), order_id)
        orders = services.rocket_growth.list_rocket_growth_orders(
            conn, vendor_id, rules.day_start(first), rules.day_start(end), after=after, limit=limit + 1
        )
        token = None
        if len(orders) > limit:
            orders = orders[:limit]
            token = order_page_token(services, conn, vendor_id, first, end, orders[-1].paid_at, orders[-1].order_id)
    return [rules.order_list_view(order) for order in orders], token


def _order_scope(vendor_id: str, first: date, end: date) -> str:
    return f"rg-orders|{vendor_id}|{first:%Y%m%d}|{end:%Y%m%d}"


def order_page_token(
    services: Services, conn: Connection, vendor_id: str, first: date, end: date, paid_at: datetime, order_id: int
) -> str:
    """The ``nextToken`` that continues the vendor's order list of the KST days ``[first, end)`` after the
    order paid at ``paid_at`` (naive UTC, whole seconds) with id ``order_id``: the paid time and the id,
    bound to the vendor and the window."""
    seconds = int((paid_at - _EPOCH).total_seconds())
    return services.tokens.issue(conn, _order_scope(vendor_id, first, end), seconds * _ID_SPAN + order_id)


def get_rocket_growth_order(services: Services, vendor_id: str, order_id: str) -> dict[str, Any]:
    """One order of the vendor; another vendor's order is refused like a missing one (never its data)."""
    oid = rules.parse_order_id(order_id)
    with services.db.read() as conn:
        order = services.rocket_growth.get_order(conn, oid)
    if order is None or order.vendor_id != vendor_id or order.status is not OrderStatus.SHIPPED:
        raise NotFound(f"orderId[{order_id}]: no order of this vendor has this id.", field="orderId")
    return rules.order_detail_view(order)


# --- operator: orders -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One line of an order the operator places: an option and its units."""

    vendor_item_id: int
    quantity: int


def _order_view(order: Order) -> dict[str, Any]:
    return {
        "orderId": order.order_id,
        "vendorId": order.vendor_id,
        "status": order.status.value,
        "paidAt": format_kst(order.paid_at),
        "shippedAt": format_kst(order.shipped_at) if order.shipped_at else None,
        "orderItems": [
            {"vendorItemId": line.vendor_item_id, "sellerProductItemId": line.seller_product_item_id,
             "productName": line.product_name, "salesQuantity": line.quantity, "unitSalesPrice": line.unit_price}
            for line in order.lines
        ],
    }  # fmt: skip


def _paid_at(text: str | None, now: datetime) -> datetime:
    if text is None:
        return now.replace(microsecond=0)
    try:
        moment = parse_kst(text)
    except ValueError:
        raise Invalid(f"paidAt[{text}] must be yyyy-MM-ddTHH:mm:ss (KST).", field="paidAt") from None
    if moment > now:
        raise Invalid(f"paidAt[{text}] is after sandbox now ({format_kst(now)}).", field="paidAt")
    return moment


def _save_stocks(
    services: Services, conn: Connection, found: dict[int, tuple[OrderableOption, Stock]], stocks: dict[int, Stock]
) -> None:
    for vid, stock in stocks.items():
        option = found[vid][0]
        services.rocket_growth.save_stock(conn, seller_product_item_id=option.seller_product_item_id,
                                          vendor_id=option.vendor_id, vendor_item_id=vid, stock=stock)  # fmt: skip


def create_rocket_growth_order(
    services: Services,
    vendor_id: str,
    items: Sequence[OrderItem],
    *,
    paid_at: str | None = None,
    shipped: bool = True,
) -> dict[str, Any]:
    """A customer buys Rocket Growth options of the vendor: their orderable units are taken at once, at
    each option's Rocket Growth sale price; a shipped order shows in the seller's order list."""
    if not items:
        raise Invalid("items: at least one {vendorItemId, quantity} is required.", field="items")
    ids = [item.vendor_item_id for item in items]
    if len(set(ids)) != len(ids):
        raise Invalid("items: each vendorItemId may appear once.", field="items")
    with services.db.write() as conn:
        services.vendors.get(conn, vendor_id)
        now = services.now(conn)
        paid = _paid_at(paid_at, now)
        found = services.rocket_growth.orderable_options(conn, vendor_id, ids)
        stocks: dict[int, Stock] = {}
        lines = []
        for n, item in enumerate(items):
            if item.vendor_item_id not in found:
                raise Invalid(
                    f"items[{n}].vendorItemId[{item.vendor_item_id}] is not an approved Rocket Growth option "
                    f"of vendor {vendor_id}.",
                    field=f"items[{n}].vendorItemId",
                )
            option, stock = found[item.vendor_item_id]
            stocks[item.vendor_item_id] = rules.take_units(stock, item.quantity, item.vendor_item_id)
            lines.append(OrderLine(vendor_item_id=option.vendor_item_id,
                                   seller_product_item_id=option.seller_product_item_id,
                                   product_name=option.product_name, quantity=item.quantity,
                                   unit_price=option.sale_price))  # fmt: skip
        (order_id,) = services.db.next_ids(conn, "order_id")
        status = OrderStatus.SHIPPED if shipped else OrderStatus.PAID
        order = Order(order_id=order_id, vendor_id=vendor_id, status=status, paid_at=paid, lines=tuple(lines),
                      shipped_at=now if shipped else None)  # fmt: skip
        services.rocket_growth.insert_order(conn, order, now=now)
        _save_stocks(services, conn, found, stocks)
    return {"orderId": order_id}


def _operator_order(services: Services, conn: Connection, order_id: str) -> Order:
    oid = rules.parse_order_id(order_id)
    order = services.rocket_growth.get_order(conn, oid, for_update=True)
    if order is None:
        raise NotFound(f"orderId[{order_id}]: no order has this id.", field="orderId")
    return order


def ship_rocket_growth_order(services: Services, order_id: str) -> dict[str, Any]:
    """The warehouse ships a paid order: the seller's order list shows it from now on."""
    with services.db.write() as conn:
        order = _operator_order(services, conn, order_id)
        if order.status is not OrderStatus.PAID:
            raise Invalid(f"orderId[{order_id}] is {order.status.value}: only a PAID order ships.", field="orderId")
        now = services.now(conn)
        services.rocket_growth.set_order_status(conn, order.order_id, OrderStatus.SHIPPED, shipped_at=now)
        return _order_view(services.rocket_growth.get_order(conn, order.order_id) or order)


def cancel_rocket_growth_order(services: Services, order_id: str) -> dict[str, Any]:
    """The customer cancels before shipment: the order's units become orderable again."""
    with services.db.write() as conn:
        order = _operator_order(services, conn, order_id)
        if order.status is not OrderStatus.PAID:
            raise Invalid(
                f"orderId[{order_id}] is {order.status.value}: only a PAID order (not shipped yet) can be cancelled.",
                field="orderId",
            )
        found = services.rocket_growth.orderable_options(
            conn, order.vendor_id, [ln.vendor_item_id for ln in order.lines]
        )
        stocks = {ln.vendor_item_id: rules.cancel_units(found[ln.vendor_item_id][1], ln.quantity)
                  for ln in order.lines if ln.vendor_item_id in found}  # fmt: skip
        _save_stocks(services, conn, found, stocks)
        services.rocket_growth.set_order_status(conn, order.order_id, OrderStatus.CANCELLED)
        return _order_view(services.rocket_growth.get_order(conn, order.order_id) or order)


def simulate_rocket_growth_orders(
    services: Services, vendor_id: str, *, days: int, orders_per_day: int, seed: int
) -> dict[str, Any]:
    """Shipped orders spread over the ``days`` before sandbox now over the vendor's options with stock:
    the same orders for the same seed and stock, never below zero stock."""
    with services.db.write() as conn:
        services.vendors.get(conn, vendor_id)
        now = services.now(conn)
        found = services.rocket_growth.orderable_options(conn, vendor_id)
        plan = rules.plan_orders({vid: stock.orderable for vid, (_, stock) in found.items()}, days=days,
                                 orders_per_day=orders_per_day, seed=seed, now=now)  # fmt: skip
        ids = services.db.next_ids(conn, "order_id", len(plan))
        stocks = {vid: stock for vid, (_, stock) in found.items()}
        for order_id, planned in zip(ids, plan, strict=True):
            option = found[planned.vendor_item_id][0]
            stocks[option.vendor_item_id] = rules.take_units(stocks[option.vendor_item_id], planned.quantity,
                                                             option.vendor_item_id)  # fmt: skip
            line = OrderLine(
                vendor_item_id=option.vendor_item_id,
                seller_product_item_id=option.seller_product_item_id,
                product_name=option.product_name,
                quantity=planned.quantity,
                unit_price=option.sale_price,
            )
            order = Order(order_id=order_id, vendor_id=vendor_id, status=OrderStatus.SHIPPED, paid_at=planned.paid_at,
                          lines=(line,), shipped_at=planned.paid_at)  # fmt: skip
            services.rocket_growth.insert_order(conn, order, now=now)
        _save_stocks(services, conn, found, stocks)
    return {"orders": len(plan)}


def list_all_rocket_growth_orders(
    services: Services, *, vendor_id: str | None = None, status: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """The newest orders (of one vendor, in one status) with their state, for the operator."""
    chosen = None
    if status not in (None, ""):
        if status not in OrderStatus.__members__:
            raise Invalid(f"status[{status}] must be one of {', '.join(OrderStatus)}.", field="status")
        chosen = OrderStatus(status)
    with services.db.read() as conn:
        orders = services.rocket_growth.list_all_rocket_growth_orders(
            conn, vendor_id=vendor_id or None, status=chosen, limit=limit
        )
    return [_order_view(order) for order in orders]
