"""Migrations on a database that already holds data (SQLite and PostgreSQL): the upgrade from
revision 0001 keeps every row, running ``rocketgrowth db upgrade`` again changes nothing, and the
identifiers issued afterwards continue after the existing ones instead of colliding with them.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import orjson
from sqlalchemy import Connection, func, insert, select, text, update

from rocketgrowth.domain import render
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from rocketgrowth.store import tables
from rocketgrowth.store.db import ID_STARTS, Database
from rocketgrowth.store.migrate import upgrade
from tests.api.db_dump import Dump, dump
from tests.factories import insert_approved_product

NOW = datetime(2026, 1, 5, 3, 0, 0)


#: tables later revisions create (0005: Rocket Growth stock and orders), absent at 0001
LATER = ("rocket_growth_stock", "rocket_growth_orders", "rocket_growth_order_items")


def _issue(conn: Connection, name: str, count: int = 1) -> list[int]:
    """Identifiers as revision 0001 issued them on every database: from the ``id_sequences`` table."""
    seq = tables.id_sequences
    current = conn.execute(select(seq.c.next_value).where(seq.c.name == name)).scalar_one_or_none()
    if current is None:
        current = ID_STARTS[name]
        conn.execute(insert(seq).values(name=name, next_value=current + count))
    else:
        conn.execute(update(seq).where(seq.c.name == name).values(next_value=current + count))
    return list(range(current, current + count))


def _fill_at_0001(db: Database) -> dict[str, int]:
    """Vendors, keys, products with options and history, an inquiry with its answer, sandbox state."""
    with db.write() as conn:
        for n in range(2):
            vendor_id = f"A0000100{n}"
            conn.execute(insert(tables.vendors).values(vendor_id=vendor_id, name=f"업체{n}", rocket_growth_consent=True,
                                                       consented_at=NOW, created_at=NOW))  # fmt: skip
            conn.execute(insert(tables.api_keys).values(access_key=f"ak-{n}", secret_key=f"sk-{n}", vendor_id=vendor_id,
                                                        created_at=NOW, revoked=False))  # fmt: skip
            for p in range(3):
                (pid,) = _issue(conn, "seller_product_id")
                (product_id,) = _issue(conn, "product_id")
                conn.execute(insert(tables.products).values(
                    seller_product_id=pid, vendor_id=vendor_id, status="APPROVED", business_type="MARKETPLACE",
                    seller_product_name=f"상품 {n}-{p}", display_category_code=56137, product_id=product_id,
                    requested=True, created_at=NOW, updated_at=NOW, version=2,
                    body={"sellerProductName": f"상품 {n}-{p}", "items": [{"itemName": "A"}, {"itemName": "B"}]},
                ))  # fmt: skip
                items, vids = _issue(conn, "seller_product_item_id", 2), _issue(conn, "vendor_item_id", 2)
                conn.execute(insert(tables.vendor_items), [
                    {"seller_product_item_id": items[k], "seller_product_id": pid, "vendor_id": vendor_id,
                     "position": k, "side": "MARKETPLACE", "item_name": "AB"[k], "vendor_item_id": vids[k],
                     "item_id": _issue(conn, "item_id")[0], "original_price": 20000, "sale_price": 15000,
                     "quantity": 10, "on_sale": True, "approved": True, "ever_approved": True, "data": {}}
                    for k in range(2)
                ])  # fmt: skip
                conn.execute(insert(tables.product_histories), [
                    {"seller_product_id": pid, "vendor_id": vendor_id, "created_at": NOW, "status": status,
                     "created_by": "tester", "comment": ""}
                    for status in ("임시저장", "승인요청", "승인완료")
                ])  # fmt: skip
            (inquiry_id,) = _issue(conn, "inquiry_id")
            conn.execute(insert(tables.inquiries).values(
                inquiry_id=inquiry_id, vendor_id=vendor_id, vendor_item_id=vids[0], seller_product_id=pid,
                seller_product_item_id=items[0], product_id=product_id, content="언제 오나요?", inquiry_at=NOW,
                order_ids=[], answered=True,
            ))  # fmt: skip
            conn.execute(insert(tables.inquiry_replies).values(
                inquiry_comment_id=_issue(conn, "inquiry_comment_id")[0], inquiry_id=inquiry_id, vendor_id=vendor_id,
                content="내일 옵니다", reply_by="wing-user", created_at=NOW,
            ))  # fmt: skip
        conn.execute(insert(tables.sandbox_state).values(key="clock_offset", value=0))
    with db.read() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in tables.metadata.sorted_tables
            if t.name not in LATER
        }


def _without_catalog(tables_dump: Dump) -> Dump:
    out = {name: rows for name, rows in tables_dump.items() if name != "categories"}
    out["sandbox_state"] = [row for row in out["sandbox_state"] if row[0] != "catalog_version"]
    return out


def _assert_list_rows_rendered(services: Services) -> None:
    """The upgrade rendered every product's list rows and view (revisions 0003 and 0004), as the product
    renders them."""
    P = tables.products
    with services.db.read() as conn:
        rows = conn.execute(select(P.c.seller_product_id, P.c.list_row, P.c.product_view)).all()
        assert rows
        for pid, text, view in rows:
            product = services.products.get_product(conn, pid)
            assert product is not None
            assert text is not None
            assert orjson.loads(text) == render.list_row(product)
            assert view is not None
            assert orjson.loads(view) == render.product_view(product)


def test_upgrade_from_0001_with_data_keeps_every_row_and_ids_continue(db_url: str, tmp_path: Path) -> None:
    db = Database(db_url)
    services = Services.build(Settings(db_url=db_url, rate_limit=0), db)
    try:
        upgrade(db, "0001")
        counts = _fill_at_0001(db)
        assert counts["products"] == 6
        assert counts["vendor_items"] == 12
        assert counts["product_histories"] == 18
        before = dump(services, skip=LATER, derived=False)
        upgrade(db, "0003")  # list rows as revision 0003 left them (rendered, but no views yet)
        with db.write() as conn:
            conn.execute(text("UPDATE products SET list_row = '{}'"))
        upgrade(db)  # 0003 → head, data in place
        assert dump(services, skip=LATER, derived=False) == before
        _assert_list_rows_rendered(services)
        # the command an operator runs before starting several workers: again, on the populated head
        rg = Path(sys.executable).parent / "rocketgrowth"
        done = subprocess.run([str(rg), "db", "upgrade", "--db", db_url], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        # (db upgrade seeds the built-in category catalog and records its version: nothing else may change)
        assert _without_catalog(dump(services, skip=LATER, derived=False)) == _without_catalog(before)
        # identifiers issued from now on continue after the ones already in the tables
        old_max = {
            "seller_product_id": max(r[0] for r in before["products"]),
            "vendor_item_id": max(r[7] for r in before["vendor_items"]),
        }
        new_vids = insert_approved_product(services, "A00001000", options=2)
        assert min(new_vids) > old_max["vendor_item_id"]
        with db.write() as conn:
            (pid,) = db.next_ids(conn, "seller_product_id")
            (inquiry,) = db.next_ids(conn, "inquiry_id")
        assert pid > old_max["seller_product_id"] + 1  # the insert above took one already
        assert inquiry > max(r[0] for r in before["inquiries"])
    finally:
        db.dispose()
