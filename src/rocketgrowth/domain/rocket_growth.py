"""Rules of the Rocket Growth Open API (``rg_open_api``) and of Coupang's warehouse behind it.

Pure: the server and the SDK's preflight read the same parameters the same way.

* the order list's window: ``paidDateFrom``/``paidDateTo`` are KST days ``yyyyMMdd``, ``paidDateTo``
  exclusive, at most ``MAX_WINDOW_DAYS`` apart; ``split_window`` turns an inclusive range of any length
  into such windows (what the SDK sends);
* ids: an order id is a number of at least ``ORDER_ID_DIGITS`` digits;
* stock: an inbound adds units awaiting inspection, an inspection accepts some of them (they become
  orderable), an order takes orderable units, a cancel before shipment gives them back;
* ``plan_orders``: the deterministic orders of a simulation, never taking more than the stock.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from rocketgrowth.clock import KST
from rocketgrowth.domain.fields import MAX_NUMBER, parse_number
from rocketgrowth.errors import Invalid

__all__ = (
    "INVENTORY_PAGE_SIZE",
    "MAX_INBOUND_QUANTITY",
    "MAX_ORDER_QUANTITY",
    "MAX_SIMULATION_DAYS",
    "MAX_SIMULATION_ORDERS_PER_DAY",
    "MAX_WINDOW_DAYS",
    "ORDERS_PAGE_SIZE",
    "ORDER_ID_DIGITS",
    "SALES_WINDOW",
    "Order",
    "OrderLine",
    "OrderStatus",
    "PlannedOrder",
    "Stock",
    "accept_inbound",
    "cancel_units",
    "day_start",
    "epoch_millis",
    "iso_utc",
    "order_detail_view",
    "order_list_view",
    "parse_order_id",
    "parse_paid_date",
    "parse_paid_window",
    "parse_vendor_item_id",
    "plan_orders",
    "receive_inbound",
    "split_window",
    "take_units",
)

#: ``paidDateTo - paidDateFrom`` may be at most this many days (``paidDateTo`` exclusive)
MAX_WINDOW_DAYS = 30
#: rows per page (undocumented on the real gateway: a plausible size, the same for every vendor)
INVENTORY_PAGE_SIZE = 50
ORDERS_PAGE_SIZE = 50
#: order ids have at least this many digits (they start at 20 000 000 001)
ORDER_ID_DIGITS = 11
#: ``salesCountMap.SALES_COUNT_LAST_THIRTY_DAYS`` counts orders paid in this span before sandbox now
SALES_WINDOW = timedelta(days=30)
MAX_INBOUND_QUANTITY = 1_000_000
MAX_ORDER_QUANTITY = 10_000
MAX_SIMULATION_DAYS = 365
MAX_SIMULATION_ORDERS_PER_DAY = 10_000


class OrderStatus(StrEnum):
    """A Rocket Growth order: paid (units taken), shipped (the seller's list shows it) or cancelled."""

    PAID = "PAID"
    SHIPPED = "SHIPPED"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, slots=True)
class OrderLine:
    vendor_item_id: int
    seller_product_item_id: int
    product_name: str
    quantity: int
    #: the option's Rocket Growth sale price when the order was placed (KRW)
    unit_price: int


@dataclass(frozen=True, slots=True)
class Order:
    order_id: int
    vendor_id: str
    status: OrderStatus
    #: naive UTC, whole seconds
    paid_at: datetime
    lines: tuple[OrderLine, ...]
    shipped_at: datetime | None = None


def _line_view(line: OrderLine, price_name: str) -> dict[str, object]:
    return {
        "vendorItemId": line.vendor_item_id,
        "productName": line.product_name,
        "salesQuantity": line.quantity,
        price_name: line.unit_price,
        "currency": "KRW",
    }


def order_list_view(order: Order) -> dict[str, object]:
    """An order as the list shows it: ``paidAt`` epoch milliseconds as a string, ``unitSalesPrice``."""
    return {
        "vendorId": order.vendor_id,
        "orderId": order.order_id,
        "paidAt": epoch_millis(order.paid_at),
        "orderItems": [_line_view(line, "unitSalesPrice") for line in order.lines],
    }


def order_detail_view(order: Order) -> dict[str, object]:
    """An order as its detail shows it: ``paidAt`` ISO-8601 UTC, ``salesPrice``."""
    return {
        "vendorId": order.vendor_id,
        "orderId": order.order_id,
        "paidAt": iso_utc(order.paid_at),
        "orderItems": [_line_view(line, "salesPrice") for line in order.lines],
    }


# --- parameters -------------------------------------------------------------------------------


def parse_paid_date(value: str | None, name: str) -> date:
    """A KST day ``yyyyMMdd`` (``paidDateFrom``/``paidDateTo``)."""
    if value is None or value == "":
        raise Invalid(f"{name} is required: a KST date yyyyMMdd (e.g. 20240601).", field=name)
    if not (len(value) == 8 and value.isascii() and value.isdigit()):
        raise Invalid(f"{name}[{value}] must be a date yyyyMMdd (e.g. 20240601).", field=name)
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise Invalid(f"{name}[{value}] is not a calendar date (yyyyMMdd).", field=name) from None


def parse_paid_window(paid_from: str | None, paid_to: str | None) -> tuple[date, date]:
    """``[paidDateFrom, paidDateTo)``: both required, ``paidDateTo`` after ``paidDateFrom`` and at most
    ``MAX_WINDOW_DAYS`` days later."""
    start = parse_paid_date(paid_from, "paidDateFrom")
    end = parse_paid_date(paid_to, "paidDateTo")
    if end <= start:
        raise Invalid(
            f"paidDateTo[{paid_to}] must be after paidDateFrom[{paid_from}] (paidDateTo is exclusive).",
            field="paidDateTo",
        )
    if (end - start).days > MAX_WINDOW_DAYS:
        raise Invalid(
            f"paidDateFrom[{paid_from}] to paidDateTo[{paid_to}] spans {(end - start).days} days: "
            f"the window is at most {MAX_WINDOW_DAYS} days.",
            field="paidDateTo",
        )
    return start, end


def _positive_id(value: str | None, name: str, digits: int = 1) -> int:
    return parse_number(
        value,
        name,
        minimum=max(1, 10 ** (digits - 1)),
        maximum=MAX_NUMBER,
        message=f"{name}[{{value}}] is not a valid {name}: a number of at least {digits} digits.",
    )


def parse_order_id(value: str | None) -> int:
    return _positive_id(value, "orderId", ORDER_ID_DIGITS)


def parse_vendor_item_id(value: str | None) -> int:
    return _positive_id(value, "vendorItemId")


def day_start(day: date) -> datetime:
    """00:00 KST of ``day`` as naive UTC (how times are stored)."""
    return datetime(day.year, day.month, day.day, tzinfo=KST).astimezone(UTC).replace(tzinfo=None)


def split_window(first: date, last: date) -> list[tuple[date, date]]:
    """The inclusive KST days ``[first, last]`` as ``(paidDateFrom, paidDateTo)`` windows of at most
    ``MAX_WINDOW_DAYS`` days, ``paidDateTo`` exclusive (the day after the window's last day)."""
    if last < first:
        raise Invalid(f"paid_to ({last}) is before paid_from ({first}).", field="paid_to")
    windows = []
    start, end = first, last + timedelta(days=1)
    while start < end:
        stop = min(end, start + timedelta(days=MAX_WINDOW_DAYS))
        windows.append((start, stop))
        start = stop
    return windows


def epoch_millis(moment: datetime) -> str:
    """Naive UTC → epoch milliseconds as a string (the order list's ``paidAt``)."""
    return str(int(moment.replace(tzinfo=UTC).timestamp() * 1000))


def iso_utc(moment: datetime) -> str:
    """Naive UTC → ``2024-06-02T17:13:27Z`` (the order detail's ``paidAt``)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- stock ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stock:
    """Units of one Rocket Growth option in Coupang's warehouse."""

    #: units of the open inbound, awaiting inspection
    awaiting: int = 0
    #: units of every inbound so far, and of them accepted by inspection
    received: int = 0
    accepted: int = 0
    #: accepted units not yet taken by an order
    orderable: int = 0


def receive_inbound(stock: Stock, quantity: int) -> Stock:
    """An inbound of ``quantity`` units: they join the open inbound (several inbounds accumulate)."""
    if isinstance(quantity, bool) or not 1 <= quantity <= MAX_INBOUND_QUANTITY:
        raise Invalid(f"quantity[{quantity}] must be between 1 and {MAX_INBOUND_QUANTITY}.", field="quantity")
    return replace(stock, awaiting=stock.awaiting + quantity, received=stock.received + quantity)


def accept_inbound(stock: Stock, passed: bool, accepted: int | None) -> Stock:
    """The inspection of the open inbound: ``accepted`` of its units (default all of them) become
    orderable when it passed; a failed one adds none. The inbound is then closed."""
    if accepted is not None and (isinstance(accepted, bool) or not 0 <= accepted <= stock.awaiting):
        raise Invalid(
            f"acceptedQuantity[{accepted}] must be between 0 and the open inbound's {stock.awaiting} units.",
            field="acceptedQuantity",
        )
    if not passed:
        if accepted:
            raise Invalid("acceptedQuantity must be 0 or absent for a FAILED inspection.", field="acceptedQuantity")
        return replace(stock, awaiting=0)
    units = stock.awaiting if accepted is None else accepted
    return Stock(awaiting=0, received=stock.received, accepted=stock.accepted + units,
                 orderable=stock.orderable + units)  # fmt: skip


def take_units(stock: Stock, quantity: int, vendor_item_id: int) -> Stock:
    """An order takes ``quantity`` orderable units at once."""
    if isinstance(quantity, bool) or not 1 <= quantity <= MAX_ORDER_QUANTITY:
        raise Invalid(f"quantity[{quantity}] must be between 1 and {MAX_ORDER_QUANTITY}.", field="quantity")
    if quantity > stock.orderable:
        raise Invalid(
            f"vendorItemId[{vendor_item_id}] has {stock.orderable} orderable units, fewer than {quantity}.",
            field="quantity",
        )
    return replace(stock, orderable=stock.orderable - quantity)


def cancel_units(stock: Stock, quantity: int) -> Stock:
    """A cancelled order's units become orderable again."""
    return replace(stock, orderable=stock.orderable + quantity)


# --- simulation -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedOrder:
    """One order of a simulation: one option, paid at ``paid_at`` (naive UTC)."""

    vendor_item_id: int
    quantity: int
    paid_at: datetime


def plan_orders(
    orderable: Mapping[int, int], *, days: int, orders_per_day: int, seed: int, now: datetime
) -> Sequence[PlannedOrder]:
    """Orders spread over the ``days`` before ``now``, ``orders_per_day`` a day, over the options with
    orderable units (by vendorItemId): the same plan for the same seed and stock, never more units of an
    option than it has. Stops early when the stock runs out."""
    if isinstance(days, bool) or not 1 <= days <= MAX_SIMULATION_DAYS:
        raise Invalid(f"days[{days}] must be between 1 and {MAX_SIMULATION_DAYS}.", field="days")
    if isinstance(orders_per_day, bool) or not 1 <= orders_per_day <= MAX_SIMULATION_ORDERS_PER_DAY:
        raise Invalid(
            f"ordersPerDay[{orders_per_day}] must be between 1 and {MAX_SIMULATION_ORDERS_PER_DAY}.",
            field="ordersPerDay",
        )
    rng = random.Random(seed)
    left = {item: units for item, units in sorted(orderable.items()) if units > 0}
    planned: list[PlannedOrder] = []
    start = now - timedelta(days=days)
    for day in range(days):
        for _ in range(orders_per_day):
            if not left:
                return planned
            item = rng.choice(sorted(left))
            quantity = min(left[item], rng.choice((1, 1, 1, 2, 3)))
            left[item] -= quantity
            if left[item] == 0:
                del left[item]
            offset = timedelta(days=day, seconds=rng.randrange(24 * 3600))
            planned.append(PlannedOrder(item, quantity, min(start + offset, now).replace(microsecond=0)))
    return sorted(planned, key=lambda order: order.paid_at)
