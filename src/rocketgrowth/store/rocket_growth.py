"""Rocket Growth warehouse stock and orders: every read and write of ``rocket_growth_stock``,
``rocket_growth_orders`` and ``rocket_growth_order_items``; callers pass the connection (one transaction).

The seller's order list pages by (vendor, status SHIPPED, paid time, order id), which one index holds in
that order: a page deep in a window costs what the first one does. The inventory pages by vendorItemId.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, tuple_, update

from rocketgrowth.domain.product import SideKind
from rocketgrowth.domain.rocket_growth import Order, OrderLine, OrderStatus, Stock
from rocketgrowth.store import tables

__all__ = ("InventoryRow", "OrderableOption", "RocketGrowthStore")

S = tables.rocket_growth_stock
O = tables.rocket_growth_orders  # noqa: E741
L = tables.rocket_growth_order_items
V = tables.vendor_items
P = tables.products


@dataclass(frozen=True, slots=True)
class OrderableOption:
    """An approved Rocket Growth option a customer can order: what an order line records."""

    vendor_id: str
    vendor_item_id: int
    seller_product_item_id: int
    product_name: str
    sale_price: int


@dataclass(frozen=True, slots=True)
class InventoryRow:
    vendor_id: str
    vendor_item_id: int
    external_vendor_sku: str | None
    orderable: int
    sold: int


def _stock(row: Any) -> Stock:
    return Stock(awaiting=row.awaiting, received=row.received, accepted=row.accepted, orderable=row.orderable)


class RocketGrowthStore:
    # --- stock ---------------------------------------------------------------------------------

    def get_stock(self, conn: Connection, seller_product_item_id: int, *, for_update: bool = False) -> Stock:
        """The option's units (all zero before its first inbound)."""
        query = select(S).where(S.c.seller_product_item_id == seller_product_item_id)
        row = conn.execute(query.with_for_update() if for_update else query).first()
        return _stock(row) if row is not None else Stock()

    def save_stock(
        self, conn: Connection, *, seller_product_item_id: int, vendor_id: str, vendor_item_id: int, stock: Stock
    ) -> None:
        values = {"awaiting": stock.awaiting, "received": stock.received, "accepted": stock.accepted,
                  "orderable": stock.orderable}  # fmt: skip
        changed = conn.execute(
            update(S).where(S.c.seller_product_item_id == seller_product_item_id).values(**values)
        ).rowcount
        if not changed:
            conn.execute(insert(S).values(seller_product_item_id=seller_product_item_id, vendor_id=vendor_id,
                                          vendor_item_id=vendor_item_id, **values))  # fmt: skip

    def stocks(self, conn: Connection, seller_product_item_ids: Collection[int]) -> dict[int, Stock]:
        """The stock of each option asked for that has had an inbound."""
        if not seller_product_item_ids:
            return {}
        rows = conn.execute(select(S).where(S.c.seller_product_item_id.in_(list(seller_product_item_ids))))
        return {row.seller_product_item_id: _stock(row) for row in rows}

    def orderable_options(
        self, conn: Connection, vendor_id: str, vendor_item_ids: Collection[int] | None = None
    ) -> dict[int, tuple[OrderableOption, Stock]]:
        """The vendor's approved Rocket Growth options (those asked for, else all with orderable units),
        by vendorItemId, with their stock, locked for the order that takes units from them."""
        query = (
            select(
                V.c.vendor_item_id,
                V.c.seller_product_item_id,
                V.c.item_name,
                V.c.sale_price,
                P.c.seller_product_name,
                S,
            )
            .join(P, P.c.seller_product_id == V.c.seller_product_id)
            .outerjoin(S, S.c.seller_product_item_id == V.c.seller_product_item_id)
            .where(V.c.vendor_id == vendor_id, V.c.side == SideKind.ROCKET_GROWTH.value, V.c.approved.is_(True))
        )
        if vendor_item_ids is None:
            query = query.where(S.c.orderable > 0)
        else:
            query = query.where(V.c.vendor_item_id.in_(list(vendor_item_ids)))
        found: dict[int, tuple[OrderableOption, Stock]] = {}
        for row in conn.execute(query.order_by(V.c.vendor_item_id).with_for_update(of=V)):
            option = OrderableOption(
                vendor_id=vendor_id,
                vendor_item_id=row.vendor_item_id,
                seller_product_item_id=row.seller_product_item_id,
                product_name=f"{row.seller_product_name} {row.item_name}".strip(),
                sale_price=row.sale_price,
            )
            found[row.vendor_item_id] = (option, _stock(row) if row.orderable is not None else Stock())
        return found

    # --- orders --------------------------------------------------------------------------------

    def insert_order(self, conn: Connection, order: Order, *, now: datetime) -> None:
        conn.execute(insert(O).values(order_id=order.order_id, vendor_id=order.vendor_id, status=order.status.value,
                                      paid_at=order.paid_at, shipped_at=order.shipped_at, created_at=now))  # fmt: skip
        conn.execute(
            insert(L),
            [
                {"order_id": order.order_id, "line": n, "vendor_id": order.vendor_id,
                 "vendor_item_id": line.vendor_item_id, "seller_product_item_id": line.seller_product_item_id,
                 "product_name": line.product_name, "quantity": line.quantity, "unit_price": line.unit_price}
                for n, line in enumerate(order.lines)
            ],
        )  # fmt: skip

    def get_order(self, conn: Connection, order_id: int, *, for_update: bool = False) -> Order | None:
        query = select(O).where(O.c.order_id == order_id)
        row = conn.execute(query.with_for_update() if for_update else query).first()
        return self._with_lines(conn, [row])[0] if row is not None else None

    def set_order_status(
        self, conn: Connection, order_id: int, status: OrderStatus, *, shipped_at: datetime | None = None
    ) -> None:
        conn.execute(update(O).where(O.c.order_id == order_id).values(status=status.value, shipped_at=shipped_at))

    def list_rocket_growth_orders(
        self,
        conn: Connection,
        vendor_id: str,
        start: datetime,
        end: datetime,
        *,
        after: tuple[datetime, int] | None,
        limit: int,
    ) -> list[Order]:
        """Shipped orders of the vendor paid in ``[start, end)``, by paid time then id, after ``after``.

        The page starts at one lower bound, ``(paid_at, order_id) > lower``, so that the index on (vendor,
        status, paid time, id) is entered right there: with ``paid_at >= start`` beside it SQLite may
        enter at the window's start and walk every earlier page (the deepest page 6.5× the first)."""
        lower = (start, 0) if after is None or after < (start, 0) else after  # (order ids are positive)
        query = select(O).where(O.c.vendor_id == vendor_id, O.c.status == OrderStatus.SHIPPED.value,
                                tuple_(O.c.paid_at, O.c.order_id) > tuple_(*lower), O.c.paid_at < end)  # fmt: skip
        rows = conn.execute(query.order_by(O.c.paid_at, O.c.order_id).limit(limit)).all()
        return self._with_lines(conn, rows)

    def list_all_rocket_growth_orders(
        self, conn: Connection, *, vendor_id: str | None = None, status: OrderStatus | None = None, limit: int = 200
    ) -> list[Order]:
        """The newest orders (of one vendor, in one status) for the operator."""
        query = select(O)
        if vendor_id is not None:
            query = query.where(O.c.vendor_id == vendor_id)
        if status is not None:
            query = query.where(O.c.status == status.value)
        rows = conn.execute(query.order_by(O.c.paid_at.desc(), O.c.order_id.desc()).limit(limit)).all()
        return self._with_lines(conn, rows)

    @staticmethod
    def _with_lines(conn: Connection, rows: Sequence[Row[Any]]) -> list[Order]:
        lines: defaultdict[int, list[OrderLine]] = defaultdict(list)
        if rows:
            found = conn.execute(
                select(L).where(L.c.order_id.in_([r.order_id for r in rows])).order_by(L.c.order_id, L.c.line)
            )
            for line in found:
                lines[line.order_id].append(
                    OrderLine(vendor_item_id=line.vendor_item_id, seller_product_item_id=line.seller_product_item_id,
                              product_name=line.product_name, quantity=line.quantity, unit_price=line.unit_price)
                )  # fmt: skip
        return [
            Order(order_id=r.order_id, vendor_id=r.vendor_id, status=OrderStatus(r.status), paid_at=r.paid_at,
                  shipped_at=r.shipped_at, lines=tuple(lines[r.order_id]))
            for r in rows
        ]  # fmt: skip

    # --- inventory -----------------------------------------------------------------------------

    def sold(
        self, conn: Connection, vendor_item_ids: Collection[int], since: datetime, until: datetime
    ) -> dict[int, int]:
        """Units of shipped orders paid in ``[since, until)`` per vendorItemId."""
        if not vendor_item_ids:
            return {}
        query = (
            select(L.c.vendor_item_id, func.sum(L.c.quantity))
            .join(O, O.c.order_id == L.c.order_id)
            .where(
                L.c.vendor_item_id.in_(list(vendor_item_ids)),
                O.c.status == OrderStatus.SHIPPED.value,
                O.c.paid_at >= since,
                O.c.paid_at < until,
            )
            .group_by(L.c.vendor_item_id)
        )
        return {int(item): int(units) for item, units in conn.execute(query)}

    def list_rocket_growth_inventories(
        self,
        conn: Connection,
        vendor_id: str,
        *,
        since: datetime,
        until: datetime,
        after: int | None = None,
        vendor_item_id: int | None = None,
        limit: int,
    ) -> list[InventoryRow]:
        """The vendor's approved Rocket Growth options by vendorItemId (after ``after``, or the one asked
        for), with orderable units and units sold in ``[since, until)``."""
        query = (
            select(V.c.vendor_item_id, V.c.external_vendor_sku, S.c.orderable)
            .outerjoin(S, S.c.seller_product_item_id == V.c.seller_product_item_id)
            .where(
                V.c.vendor_id == vendor_id,
                V.c.side == SideKind.ROCKET_GROWTH.value,
                V.c.approved.is_(True),
                V.c.vendor_item_id.is_not(None),
            )
        )
        if vendor_item_id is not None:
            query = query.where(V.c.vendor_item_id == vendor_item_id)
        elif after is not None:
            query = query.where(V.c.vendor_item_id > after)
        rows = conn.execute(query.order_by(V.c.vendor_item_id).limit(limit)).all()
        sold = self.sold(conn, [r.vendor_item_id for r in rows], since, until)
        return [
            InventoryRow(vendor_id=vendor_id, vendor_item_id=r.vendor_item_id, external_vendor_sku=r.external_vendor_sku,
                         orderable=r.orderable or 0, sold=sold.get(r.vendor_item_id, 0))
            for r in rows
        ]  # fmt: skip
