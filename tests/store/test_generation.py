"""The database's generation (``store.generation``) and the signed call's kept key read
(``VendorStore.authenticate``): a read kept while no write committed, seen again after any write of any
process, and after ``KEPT_SECONDS`` whatever wrote."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from sqlalchemy import event, update

from rocketgrowth.services import Services
from rocketgrowth.store import tables, vendors
from rocketgrowth.store.generation import Generation
from tests.conftest import make_vendor


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


def test_a_write_that_bypasses_the_generation_is_seen_after_kept_seconds(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    if services.db.generation is None:
        pytest.skip("PostgreSQL reads the key on every call")
    keys = make_vendor(services)
    clock = [1000.0]
    monkeypatch.setattr(vendors.time, "monotonic", lambda: clock[0])
    assert _authenticate(services, keys.access_key) is not None
    # as Alembic or the sqlite3 shell would: a commit that does not change the generation
    with services.db.engine.connect() as conn:
        conn.execute(
            update(tables.api_keys).where(tables.api_keys.c.access_key == keys.access_key).values(revoked=True)
        )
        conn.commit()
    assert _authenticate(services, keys.access_key) is not None
    clock[0] += vendors.KEPT_SECONDS
    assert _authenticate(services, keys.access_key) is None


def test_unknown_keys_are_kept_in_bounds(services: Services) -> None:
    for n in range(vendors.KEPT_KEYS + 10):
        assert _authenticate(services, f"unknown-{n}") is None
    assert len(services.vendors._kept) <= vendors.KEPT_KEYS
