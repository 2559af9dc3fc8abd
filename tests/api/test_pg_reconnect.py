"""PostgreSQL drops the server's connections (a restart, a failover, an idle timeout): the next calls are
answered, not failed. There is no pre-ping, so the first read on a dead connection fails inside the
server; the pool is invalidated and the read runs again on a fresh connection."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import create_engine, text

from rocketgrowth.domain.categories import DEMO_RG_CATEGORY
from tests.api.helpers import PRODUCTS, create, get, success
from tests.conftest import LiveServer, VendorKeys
from tests.payloads import hybrid_payload


def _drop_connections(live: LiveServer) -> int:
    """Terminate every other session on the server's database, as a PostgreSQL restart would."""
    engine = create_engine(live.services.db.url)
    try:
        with engine.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
            conn.commit()
        return int(killed)
    finally:
        engine.dispose()


def test_reads_survive_dropped_connections(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    if live.services.db.is_sqlite:
        pytest.skip("PostgreSQL connections only")
    pid = create(api, hybrid_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, options=2))
    for _ in range(8):  # several pooled connections in use
        assert get(api, pid)["sellerProductId"] == pid
    assert _drop_connections(live) >= 1
    for _ in range(8):
        assert get(api, pid)["sellerProductId"] == pid
    assert _drop_connections(live) >= 1
    rows = success(api.get(PRODUCTS, params={"vendorId": vendor.vendor_id, "businessTypes": "rocketGrowth"}))
    assert [r["sellerProductId"] for r in rows] == [pid]
