"""The database's generation (``store.generation``) and the reads kept with it (``KeptReads``): the signed
call's key read (``VendorStore.authenticate``), the product view and the list page: a read kept while no
write committed, seen again after any write of any process, and after ``KEPT_SECONDS`` whatever wrote."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import anyio
import orjson
import pytest
from sqlalchemy import event, update

from rocketgrowth.domain.render import RENDER_VERSION
from rocketgrowth.errors import Error
from rocketgrowth.operations import products as product_ops
from rocketgrowth.operations import vendor_items as vendor_item_ops
from rocketgrowth.services import Services
from rocketgrowth.store import generation as generation_module
from rocketgrowth.store import products, tables, vendors
from rocketgrowth.store.generation import KEPT_SECONDS, Generation, KeptReads
from rocketgrowth.store.vendors import Vendor
from tests.conftest import make_vendor
from tests.factories import insert_approved_product


@pytest.fixture
def statements(services: Services) -> Iterator[list[str]]:
    """The statements the database runs while the test does (engine events fire for every one)."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(services.db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(services.db.engine, "before_cursor_execute", record)


def _authenticate(services: Services, access_key: str) -> Any:
    return anyio.run(services.vendors.authenticate, services.db, access_key)


def test_a_committed_write_changes_the_generation_and_a_failed_one_does_not(services: Services) -> None:
    generation = services.db.generation
    if generation is None:
        pytest.skip("PostgreSQL reads the key on every call: no generation")
    before = generation.value()
    with services.db.write():
        pass
    after = generation.value()
    assert after != before
    with pytest.raises(RuntimeError), services.db.write():
        raise RuntimeError("rolled back")
    assert generation.value() == after


def test_another_process_write_changes_the_generation_seen_here(services: Services) -> None:
    generation = services.db.generation
    if generation is None:
        pytest.skip("PostgreSQL reads the key on every call: no generation")
    before = generation.value()
    script = (
        "import sys\nfrom rocketgrowth.store.db import Database\ndb = Database(sys.argv[1])\nwith db.write(): pass\n"
    )
    subprocess.run([sys.executable, "-c", script, services.settings.db_url], check=True, timeout=60)
    assert generation.value() != before


def test_an_in_memory_database_keeps_its_generation_in_the_process() -> None:
    generation = Generation(None)
    before = generation.value()
    generation.change()
    assert generation.value() != before


def test_the_key_read_is_kept_until_a_write_and_every_change_is_seen(services: Services, statements: list[str]) -> None:
    keys = make_vendor(services, consent=False)
    first = _authenticate(services, keys.access_key)
    assert first is not None
    assert first[1].rocket_growth_consent is False
    statements.clear()
    assert _authenticate(services, keys.access_key) == first
    kept = services.db.generation is not None
    assert len(statements) == (0 if kept else 1)  # PostgreSQL reads every time

    with services.db.write() as conn:
        services.vendors.set_vendor_consent(conn, keys.vendor_id, True, now=services.now(conn))
    found = _authenticate(services, keys.access_key)
    assert found is not None
    assert found[1].rocket_growth_consent is True

    with services.db.write() as conn:
        services.state.set(conn, "clock_offset_seconds", 3600.0)
    found = _authenticate(services, keys.access_key)
    assert found is not None
    assert found[2] == 3600.0
    with services.db.write() as conn:
        services.state.set(conn, "clock_offset_seconds", 0.0)

    with services.db.write() as conn:
        conn.execute(
            update(tables.api_keys).where(tables.api_keys.c.access_key == keys.access_key).values(revoked=True)
        )
    assert _authenticate(services, keys.access_key) is None


@pytest.fixture
def clock(services: Services, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """SQLite only (PostgreSQL keeps no read): the kept reads' clock, moved by the test."""
    if services.db.generation is None:
        pytest.skip("PostgreSQL keeps no read: it reads on every call")
    now = [1000.0]
    monkeypatch.setattr(generation_module.time, "monotonic", lambda: now[0])
    return now


def test_a_write_that_bypasses_the_generation_is_seen_after_kept_seconds(
    services: Services, clock: list[float]
) -> None:
    keys = make_vendor(services)
    assert _authenticate(services, keys.access_key) is not None
    # as Alembic or the sqlite3 shell would: a commit that does not change the generation
    with services.db.engine.connect() as conn:
        conn.execute(
            update(tables.api_keys).where(tables.api_keys.c.access_key == keys.access_key).values(revoked=True)
        )
        conn.commit()
    assert _authenticate(services, keys.access_key) is not None
    clock[0] += KEPT_SECONDS
    assert _authenticate(services, keys.access_key) is None


def test_unknown_keys_are_kept_in_bounds(services: Services) -> None:
    for n in range(vendors.KEPT_KEYS + 10):
        assert _authenticate(services, f"unknown-{n}") is None
    assert len(services.vendors.kept_keys) <= vendors.KEPT_KEYS


def test_kept_reads_read_again_after_a_change_a_failure_or_their_bound() -> None:
    generation = Generation(None)
    kept: KeptReads[str, int] = KeptReads(entries=3)
    reads: list[str] = []

    def read(key: str) -> Any:
        async def run() -> int:
            reads.append(key)
            if key == "fails":
                raise LookupError(key)
            return len(reads)

        return run

    def get(key: str, gen: Generation | None = generation) -> int:
        return anyio.run(kept.get, gen, key, read(key))

    assert get("a") == 1
    assert get("a") == 1  # kept
    generation.change()
    assert get("a") == 2  # read again after a write
    for _ in range(2):
        with pytest.raises(LookupError):
            get("fails")
    assert reads.count("fails") == 2  # a failed read is not kept
    for key in ("b", "c", "d"):
        get(key)
    assert len(kept) <= 3
    assert get("none", None) != get("none", None)  # no generation (PostgreSQL): read every time


def _vendor(services: Services, vendor_id: str) -> Vendor:
    with services.db.read() as conn:
        return services.vendors.get(conn, vendor_id)


def _view(services: Services, vendor: Vendor, pid: int) -> Any:
    now = datetime(2026, 1, 1)
    return orjson.loads(orjson.dumps(anyio.run(product_ops.get_product, services, vendor, str(pid), now)))


def _page(services: Services, vendor: Vendor) -> Any:
    params = {"vendorId": vendor.vendor_id, "maxPerPage": "10"}
    rows, _ = anyio.run(product_ops.list_products, services, vendor, params, datetime(2026, 1, 1))
    return orjson.loads(orjson.dumps(rows))


def _price(view: Any) -> Any:
    items = view["items"]
    return items[0].get("salePrice", (items[0].get("marketplaceItemData") or {}).get("salePrice"))


def test_the_product_view_and_the_list_page_are_kept_until_any_write(services: Services, statements: list[str]) -> None:
    keys = make_vendor(services)
    vendor = _vendor(services, keys.vendor_id)
    vendor_item_ids = insert_approved_product(services, keys.vendor_id)
    page = _page(services, vendor)
    (pid,) = [row["sellerProductId"] for row in page]
    view = _view(services, vendor, pid)
    statements.clear()
    assert _view(services, vendor, pid) == view
    assert _page(services, vendor) == page
    kept = services.db.generation is not None
    assert (not statements) == kept  # PostgreSQL reads every time

    vendor_item_ops.set_vendor_item_price(services, vendor, str(vendor_item_ids[0]), "12340", datetime(2026, 1, 1),
                                          force=True)  # fmt: skip
    assert _price(_view(services, vendor, pid)) == 12340

    # a write of another process
    script = (
        "import sys\nfrom sqlalchemy import update\nfrom rocketgrowth.store import tables\n"
        "from rocketgrowth.store.db import Database\ndb = Database(sys.argv[1])\nwith db.write() as conn:\n"
        "    conn.execute(update(tables.products).values(status='DELETED'))\n"
    )
    subprocess.run([sys.executable, "-c", script, services.settings.db_url], check=True, timeout=60)
    assert _page(services, vendor)[0]["statusName"] != page[0]["statusName"]


def test_a_view_written_around_the_generation_is_seen_after_kept_seconds(
    services: Services, clock: list[float]
) -> None:
    keys = make_vendor(services)
    vendor = _vendor(services, keys.vendor_id)
    insert_approved_product(services, keys.vendor_id)
    (pid,) = [row["sellerProductId"] for row in _page(services, vendor)]
    view = _view(services, vendor, pid)
    with services.db.engine.connect() as conn:  # as the sqlite3 shell would: the generation stays
        conn.execute(update(tables.products).values(product_view=b'{"changed": true}', render_version=RENDER_VERSION))
        conn.commit()
    assert _view(services, vendor, pid) == view
    clock[0] += KEPT_SECONDS
    assert _view(services, vendor, pid) == {"changed": True}


def test_kept_views_and_pages_are_per_vendor_and_in_bounds(services: Services) -> None:
    owner, other = make_vendor(services), make_vendor(services)
    insert_approved_product(services, owner.vendor_id)
    owner_vendor, other_vendor = _vendor(services, owner.vendor_id), _vendor(services, other.vendor_id)
    (pid,) = [row["sellerProductId"] for row in _page(services, owner_vendor)]
    _view(services, owner_vendor, pid)
    with pytest.raises(Error):  # another vendor's product stays unknown to the other vendor
        _view(services, other_vendor, pid)
    assert _page(services, other_vendor) == []
    for n in range(products.KEPT_VIEWS + 10):
        with pytest.raises(Error):
            _view(services, owner_vendor, 10**12 + n)
    assert len(services.products.kept_views) <= products.KEPT_VIEWS
