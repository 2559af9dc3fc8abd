"""Rocket Growth Open API paging: a 30-day window holding 100 k orders, and 10 k options' inventory.

One vendor's approved Rocket Growth options and shipped orders are written straight into the tables
(``executemany``, 10 000 rows a transaction): ``--orders`` orders paid over the 30 KST days of the
window, one line each, plus as many again of another vendor and before the window, so that the pages
read the vendor's and the window's part of a larger table. A server (one worker, rate limits off)
then answers on one keep-alive connection, in round robin:

* the first page of ``GET …/rg/orders?paidDateFrom=…&paidDateTo=…`` (50 orders);
* a deep page: the last full page of the window, asked with the ``nextToken`` the server would have
  issued after the order 50 from the end (``operations.rocket_growth.order_page_token``);
* the first and the last page of ``GET …/rg/inventory/summaries`` over ``--options`` options.

Target: deep page ÷ first page ≤ 1.3 (the orders are read through the index on vendor, status, paid
time and id: a page deep in the window costs what the first one does).

    python -m bench.rocket_growth [--db sqlite|postgres|sqlite,postgres] [--orders 100000] [--options 10000]
    python -m bench.rocket_growth --quick        # 2 000 orders, 200 options, 10 rounds (smoke)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select

from bench.common import (
    Keys,
    Server,
    create_vendor,
    http_call,
    machine_lines,
    markdown_table,
    pg_database,
    services_for,
    signed_headers,
    sqlite_database,
    write_section,
)
from bench.growth import timed_round_robin
from rocketgrowth.domain.rocket_growth import INVENTORY_PAGE_SIZE, ORDERS_PAGE_SIZE, OrderStatus, day_start
from rocketgrowth.operations.rocket_growth import order_page_token
from rocketgrowth.store import tables

__all__ = ("load", "main", "measure")

RG = "/v2/providers/rg_open_api/apis/api/v1/vendors"
BATCH = 10_000
#: the window: the 30 KST days ending yesterday
WINDOW_DAYS = 30
HEADERS = ["db", "orders in window", "first page ms", "deep page ms", "deep ÷ first", "inventory first ms",
           "inventory last ms", "last ÷ first"]  # fmt: skip


@contextmanager
def _database(db: str) -> Iterator[str]:
    if db == "sqlite":
        with sqlite_database("rocket-growth") as url:
            yield url
    else:
        with pg_database("rg_bench_orders") as url:
            yield url


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load(services: Any, keys: Keys, *, orders: int, options: int, first: date) -> list[int]:
    """The vendor's options (vendorItemIds returned) with stock, ``orders`` shipped orders paid over
    ``[first, first + 30 days)`` and as many others (another vendor's, and before the window)."""
    db = services.db
    with db.write() as conn:
        now = services.now(conn)
        (pid,) = db.next_ids(conn, "seller_product_id")
        item_ids = db.next_ids(conn, "seller_product_item_id", options)
        vids: list[int] = db.next_ids(conn, "vendor_item_id", options)
        conn.execute(insert(tables.products).values(
            seller_product_id=pid, vendor_id=keys.vendor_id, status="APPROVED", business_type="ROCKET_GROWTH",
            seller_product_name="벤치 로켓그로스 상품", display_category_code=63162, requested=True, created_at=now,
            updated_at=now, version=1, body={"sellerProductName": "벤치 로켓그로스 상품", "items": [{"itemName": f"옵션 {n}"} for n in range(options)]},
        ))  # fmt: skip
    sides = ({"seller_product_item_id": item, "seller_product_id": pid, "vendor_id": keys.vendor_id, "position": n,
              "side": "ROCKET_GROWTH", "item_name": f"옵션 {n}", "vendor_item_id": vid, "barcode": f"S00{item}",
              "sale_price": 9000, "approved": True, "ever_approved": True, "data": {}}
             for n, (item, vid) in enumerate(zip(item_ids, vids, strict=True)))  # fmt: skip
    stock = ({"seller_product_item_id": item, "vendor_id": keys.vendor_id, "vendor_item_id": vid, "awaiting": 0,
              "received": 1000, "accepted": 1000, "orderable": 900}
             for item, vid in zip(item_ids, vids, strict=True))  # fmt: skip
    for table, rows in ((tables.vendor_items, sides), (tables.rocket_growth_stock, stock)):
        for batch in _batches(rows):
            with db.write() as conn:
                conn.execute(insert(table), batch)
    start = day_start(first)
    span = WINDOW_DAYS * 24 * 3600
    kinds = [(keys.vendor_id, 0), ("A0OTHERS", 0), (keys.vendor_id, -span)]  # the vendor's, another's, earlier
    for vendor_id, shift in kinds:
        for offset in range(0, orders, BATCH):
            count = min(BATCH, orders - offset)
            with db.write() as conn:
                ids = db.next_ids(conn, "order_id", count)
                paid = [start + timedelta(seconds=shift + (offset + n) * span // orders) for n in range(count)]
                conn.execute(insert(tables.rocket_growth_orders), [
                    {"order_id": oid, "vendor_id": vendor_id, "status": OrderStatus.SHIPPED.value, "paid_at": at,
                     "shipped_at": at, "created_at": now} for oid, at in zip(ids, paid, strict=True)])  # fmt: skip
                conn.execute(insert(tables.rocket_growth_order_items), [
                    {"order_id": oid, "line": 0, "vendor_id": vendor_id, "vendor_item_id": vids[n % options],
                     "seller_product_item_id": item_ids[n % options], "product_name": "벤치 로켓그로스 상품 옵션",
                     "quantity": 1 + n % 3, "unit_price": 9000} for n, oid in enumerate(ids)])  # fmt: skip
        print(f"[rocket_growth] {orders:,} orders of {vendor_id} (shift {shift} s) loaded", file=sys.stderr)
    # the planner's statistics as a database that grew to this size has them (PostgreSQL's autovacuum
    # analyzes a table after enough changes, but not before the first call here: without them a freshly
    # bulk-loaded table looks empty and the inventory's sales sum takes a nested loop over every order)
    with db.write() as conn:
        conn.exec_driver_sql("ANALYZE")
    return vids


def _deep_order_token(services: Any, keys: Keys, first: date, end: date) -> str:
    """The token after the order ``ORDERS_PAGE_SIZE`` from the end of the window, as the server issues it."""
    orders = tables.rocket_growth_orders
    with services.db.read() as conn:
        paid_at, order_id = conn.execute(
            select(orders.c.paid_at, orders.c.order_id)
            .where(
                orders.c.vendor_id == keys.vendor_id,
                orders.c.status == OrderStatus.SHIPPED.value,
                orders.c.paid_at >= day_start(first),
                orders.c.paid_at < day_start(end),
            )
            .order_by(orders.c.paid_at.desc(), orders.c.order_id.desc())
            .offset(ORDERS_PAGE_SIZE)
            .limit(1)
        ).one()
        return order_page_token(services, conn, keys.vendor_id, first, end, paid_at, order_id)


def _inventory_token(services: Any, keys: Keys, vids: list[int]) -> str:
    """The token of the last page of the inventory (after the option ``INVENTORY_PAGE_SIZE`` from the end)."""
    with services.db.read() as conn:
        return str(
            services.tokens.issue(conn, f"rg-inventory|{keys.vendor_id}", sorted(vids)[-INVENTORY_PAGE_SIZE - 1])
        )


def measure(db: str, *, orders: int, options: int, rounds: int) -> list[object]:
    with _database(db) as url:
        services = services_for(url)
        try:
            keys = create_vendor(services)
            with services.db.read() as conn:
                today = services.now(conn).date()
            first, end = today - timedelta(days=WINDOW_DAYS), today
            started = time.monotonic()
            vids = load(services, keys, orders=orders, options=options, first=first)
            print(f"[rocket_growth] {db}: loaded in {time.monotonic() - started:.0f} s", file=sys.stderr)
            order_token = _deep_order_token(services, keys, first, end)
            inventory_token = _inventory_token(services, keys, vids)
        finally:
            services.db.dispose()
        base = f"{RG}/{keys.vendor_id}/rg"
        window = f"paidDateFrom={first:%Y%m%d}&paidDateTo={end:%Y%m%d}"
        deep = f"{window}&nextToken={order_token}"
        last = f"nextToken={inventory_token}"

        def call(path: str, query: str = "") -> tuple[str, dict[str, str]]:
            return (f"{path}?{query}" if query else path), signed_headers(keys, "GET", path, query)

        with Server(url, extra_args=["--rg-rate-limit", "0"]) as server:
            # the deep pages really are the last ones: full, and no further token
            for target, headers in (call(f"{base}/orders", deep), call(f"{base}/inventory/summaries", last)):
                status, body = http_call(server.base_url, "GET", target, headers=headers)
                page = json.loads(body)
                if status != 200 or len(page["data"]) != 50 or "nextToken" in page:
                    raise RuntimeError(
                        f"{target}: not the last full page ({status}, {len(page.get('data') or [])} rows)"
                    )
            timed = timed_round_robin(server.base_url, {
                "first": [call(f"{base}/orders", window)],
                "deep": [call(f"{base}/orders", deep)],
                "inventory first": [call(f"{base}/inventory/summaries")],
                "inventory last": [call(f"{base}/inventory/summaries", last)],
            }, rounds)  # fmt: skip
    return [db, f"{orders:,}", f"{timed['first']:.1f}", f"{timed['deep']:.1f}", f"{timed['deep'] / timed['first']:.2f}",
            f"{timed['inventory first']:.1f}", f"{timed['inventory last']:.1f}",
            f"{timed['inventory last'] / timed['inventory first']:.2f}"]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres or both (sqlite,postgres)")
    parser.add_argument("--orders", type=int, default=100_000, help="orders of the vendor in the window")
    parser.add_argument("--options", type=int, default=10_000, help="Rocket Growth options of the vendor")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="2 000 orders, 200 options, 10 rounds (smoke)")
    args = parser.parse_args(argv)
    if args.quick:
        args.orders, args.options, args.rounds = 2_000, 200, 10
    rows = [measure(db, orders=args.orders, options=args.options, rounds=args.rounds) for db in args.db.split(",")]
    text = "\n".join([
        "## Rocket Growth Open API paging",
        "",
        *machine_lines("python -m bench.rocket_growth " + " ".join(sys.argv[1:] if argv is None else argv)),
        f"- One vendor's {args.options:,} Rocket Growth options and {args.orders:,} shipped orders paid over a "
        "30-day window, plus as many orders of another vendor and as many before the window (rows written "
        "straight into the tables). Server: one worker, rate limits off; one keep-alive connection, the four "
        f"calls in turn, {args.rounds} rounds after 3 warm-up rounds; medians in ms. *Deep page*: the last "
        f"full page of the window ({ORDERS_PAGE_SIZE} orders), asked with the token the server issues after "
        "the order before it. *Inventory*: first and last page of "
        f"{INVENTORY_PAGE_SIZE} rows.",
        "",
        markdown_table(HEADERS, rows),
        "",
        "Target: deep page ÷ first page ≤ 1.3.",
    ])  # fmt: skip
    write_section("rocket_growth", text)
    print(text)


if __name__ == "__main__":
    main()
