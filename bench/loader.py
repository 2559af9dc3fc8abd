"""Bulk loader: many products for one vendor in minutes, with the shapes the server writes.

One prototype is built by the real domain code — ``validate_product`` on a hybrid Rocket Growth payload
of 3 options, ``lifecycle.create`` (임시저장 → 승인대기중) and ``lifecycle.approve`` — and turned into rows by
the store's own row functions. Each copy gets new ids issued by ``Database.next_ids`` (so the server
keeps issuing fresh ones afterwards), its own name and its own Coupang barcodes (``S00`` + item id), and
is inserted with ``executemany`` in big batches: the same tables, the same rows, the same history as
products created through the API.

``python -m bench.loader --db sqlite:////tmp/x.db --products 100000`` (prints the vendor's keys).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import insert

from bench.common import Keys, create_vendor, services_for
from rocketgrowth.domain import lifecycle
from rocketgrowth.domain.product import Product, Side, SideKind, auto_barcode
from rocketgrowth.domain.product_rules import validate_product
from rocketgrowth.store import tables
from rocketgrowth.store.products import _product_row, _side_row

__all__ = ("Prototype", "hybrid_payload", "load_products", "prototype")

BATCH = 5_000


def hybrid_payload(services: Any, vendor_id: str, *, options: int = 3, requested: bool = True) -> dict[str, Any]:
    """A hybrid (marketplace + Rocket Growth) payload of ``options`` options, from the test factories
    (filled from the demo Rocket Growth category's metadata)."""
    from tests.payloads import hybrid_payload as factory

    from rocketgrowth.domain.categories import DEMO_RG_CATEGORY

    return factory(services, vendor_id, DEMO_RG_CATEGORY, options=options, requested=requested)


@dataclass(frozen=True)
class Prototype:
    product: Product
    history: tuple[lifecycle.HistoryEntry, ...]


def prototype(services: Any, vendor_id: str, payload: Mapping[str, Any]) -> Prototype:
    """The product (approved, as auto review leaves it) and its history, built by the domain code."""
    code = int(payload["displayCategoryCode"])
    with services.db.read() as conn:
        now = services.now(conn)
        meta = services.categories.meta(conn, code)
        rocket_growth = services.categories.is_rocket_growth(conn, code)
    draft = validate_product(
        payload, mode="create", meta=meta, rocket_growth_category=rocket_growth, vendor_id=vendor_id, consent=True
    )
    counter = itertools.count(1)

    def issue(_kind: str) -> int:  # placeholders: every copy gets real ids
        return next(counter)

    category_id = getattr(meta, "category_id", None)
    created = lifecycle.create(draft, issue=issue, now=now, category_id=category_id)
    approved = lifecycle.approve(created.product, issue=issue, now=now)
    return Prototype(approved.product, created.history + approved.history)


def load_products(services: Any, proto: Prototype, count: int, *, start: int = 0, progress: bool = False) -> None:
    """Insert ``count`` copies of ``proto`` (names numbered from ``start``), ``BATCH`` products a transaction."""
    product = proto.product
    name = str(product.body.get("sellerProductName", "상품"))
    sides_per_product = len(product.sides)
    history = [
        {"vendor_id": product.vendor_id, "created_at": product.created_at, "status": e.status,
         "created_by": e.created_by, "comment": e.comment}
        for e in proto.history
    ]  # fmt: skip
    db = services.db
    done = 0
    started = time.monotonic()
    while done < count:
        n = min(BATCH, count - done)
        with db.write() as conn:
            spids = db.next_ids(conn, "seller_product_id", n)
            pids = db.next_ids(conn, "product_id", n)
            item_ids = iter(db.next_ids(conn, "seller_product_item_id", n * sides_per_product))
            vendor_item_ids = iter(db.next_ids(conn, "vendor_item_id", n * sides_per_product))
            catalog_item_ids = iter(db.next_ids(conn, "item_id", n * sides_per_product))
            products, sides, histories = [], [], []
            for k in range(n):
                title = f"{name} {start + done + k + 1}"
                copy = _copy(product, spids[k], pids[k], title, item_ids, vendor_item_ids, catalog_item_ids)
                products.append(_product_row(copy))
                sides += [_side_row(copy, o, s) for o in copy.options for s in o.sides]
                histories += [{**h, "seller_product_id": spids[k]} for h in history]
            conn.execute(insert(tables.products), products)
            conn.execute(insert(tables.vendor_items), sides)
            conn.execute(insert(tables.product_histories), histories)
        done += n
        if progress:
            rate = done / (time.monotonic() - started)
            print(f"\r  loaded {done:,}/{count:,} products ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    if not db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()


def _copy(
    product: Product,
    seller_product_id: int,
    product_id: int,
    title: str,
    item_ids: Iterator[int],
    vendor_item_ids: Iterator[int],
    catalog_item_ids: Iterator[int],
) -> Product:
    """``product`` with new ids, a new name, and its own Coupang barcodes where it had issued ones."""

    def side_copy(side: Side | None) -> Side | None:
        if side is None:
            return None
        spii = next(item_ids)
        barcode = side.barcode
        if side.kind is SideKind.ROCKET_GROWTH and barcode == auto_barcode(side.seller_product_item_id):
            barcode = auto_barcode(spii)
        return replace(side, seller_product_item_id=spii, vendor_item_id=next(vendor_item_ids),
                       item_id=next(catalog_item_ids), barcode=barcode)  # fmt: skip

    options = tuple(
        replace(o, marketplace=side_copy(o.marketplace), rocket_growth=side_copy(o.rocket_growth))
        for o in product.options
    )
    return replace(product, seller_product_id=seller_product_id, product_id=product_id, options=options,
                   body={**product.body, "sellerProductName": title})  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--products", type=int, default=10_000)
    args = parser.parse_args(argv)
    services = services_for(args.db)
    keys: Keys = create_vendor(services)
    proto = prototype(services, keys.vendor_id, hybrid_payload(services, keys.vendor_id))
    started = time.monotonic()
    load_products(services, proto, args.products, progress=True)
    print(json.dumps({**keys.__dict__, "products": args.products, "seconds": round(time.monotonic() - started, 1)}))
    services.db.dispose()


if __name__ == "__main__":
    main()
