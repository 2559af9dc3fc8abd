"""Scale-out: two server processes on one PostgreSQL database and one Redis, as two machines behind a
load balancer would run (docs/scale-out.md). What one writes the other reads at once — products, prices,
list pages and their nextToken, a new vendor and key, a clock advance, a consent change — and
``rocketgrowth db upgrade`` run by two processes at once migrates once, without error.

Needs PostgreSQL and Redis: skipped locally without them, mandatory in CI.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select

from rocketgrowth import signing
from rocketgrowth.domain.categories import DEMO_RG_CATEGORY
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from rocketgrowth.store import tables
from rocketgrowth.store.migrate import alembic_config
from rocketgrowth.store.state import TOKEN_SECRET
from tests.api.processes import ServerProcess, rocketgrowth, serve
from tests.conftest import REDIS_URL, SELLER, VendorKeys, pg_database_url, require_service
from tests.payloads import hybrid_payload

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

PRODUCTS = f"{SELLER}/seller-products"
ITEMS = f"{SELLER}/vendor-items"


@pytest.fixture
def pg_url() -> Iterator[str]:
    require_service("Redis", "127.0.0.1", 6379)
    with contextmanager(pg_database_url)() as url:
        yield url


class Seller:
    """Signed seller API calls to any server, signed at sandbox time (real time + the clock's offset)."""

    def __init__(self, keys: VendorKeys) -> None:
        self.keys = keys
        self.offset = 0.0

    def call(self, server: ServerProcess, method: str, path: str, query: str = "", **kwargs: Any) -> httpx.Response:
        moment = datetime.now(UTC) + timedelta(seconds=self.offset)
        header = signing.authorization_header(
            self.keys.access_key, self.keys.secret_key, method, path, query, now=moment
        )
        url = f"{server.base_url}{path}" + (f"?{query}" if query else "")
        return httpx.request(method, url, headers={"Authorization": header}, timeout=30, **kwargs)

    def data(self, server: ServerProcess, method: str, path: str, query: str = "", **kwargs: Any) -> Any:
        response = self.call(server, method, path, query, **kwargs)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["code"] == "SUCCESS", body
        return body.get("data") if "nextToken" not in body else body


def operator(server: ServerProcess, method: str, path: str, json: Any = None) -> Any:
    response = httpx.request(method, f"{server.base_url}/sandbox/v1{path}", json=json, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def _vendor_item_ids(view: dict[str, Any]) -> list[int]:
    return [
        item[key]["vendorItemId"] for item in view["items"] for key in ("marketplaceItemData", "rocketGrowthItemData")
    ]


def test_db_upgrade_from_two_processes_at_once_migrates_once(pg_url: str) -> None:
    runs = [subprocess.Popen(rocketgrowth("db", "upgrade", "--db", pg_url), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for _ in range(2)]  # fmt: skip
    outputs = [run.communicate(timeout=180)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all('"SUCCESS"' in out for out in outputs), outputs
    services = Services.build(Settings(db_url=pg_url, rate_limit=0))
    try:
        head = ScriptDirectory.from_config(alembic_config(services.db)).get_current_head()
        with services.db.read() as conn:
            versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
            secrets = conn.execute(
                select(tables.sandbox_state.c.value).where(tables.sandbox_state.c.key == TOKEN_SECRET)
            ).all()
    finally:
        services.db.dispose()
    assert versions == [head]
    assert len(secrets) == 1


@pytest.mark.slow
def test_two_servers_on_one_database_see_each_others_writes(pg_url: str, tmp_path: Path) -> None:
    shared = ("--redis-url", REDIS_URL, "--rate-limit", "1000")
    with serve(pg_url, tmp_path, *shared) as a, serve(pg_url, tmp_path, *shared) as b:
        services = Services.build(Settings(db_url=pg_url, rate_limit=0))  # category metadata for the payloads
        try:
            _scenario(a, b, services)
        finally:
            services.db.dispose()


def _scenario(a: ServerProcess, b: ServerProcess, services: Services) -> None:
    # a vendor and its key, made through A's operator API, sign calls to B at once
    vendor_id = "A" + str(uuid.uuid4().int)[:8]
    made = operator(a, "POST", "/vendors", {"vendorId": vendor_id, "consent": True})
    seller = Seller(VendorKeys(vendor_id, made["accessKey"], made["secretKey"]))
    assert seller.data(b, "GET", f"{PRODUCTS}/inflow-status")["registeredCount"] == 0

    # a product created through A reads the same through B; a price changed through B reads through A
    payload = hybrid_payload(services, vendor_id, DEMO_RG_CATEGORY, options=3, requested=True)
    first = seller.data(a, "POST", PRODUCTS, json=payload)
    view = seller.data(b, "GET", f"{PRODUCTS}/{first}")
    assert view == seller.data(a, "GET", f"{PRODUCTS}/{first}")
    assert view["statusName"] == "승인완료"
    option = _vendor_item_ids(view)[1]
    seller.data(b, "PUT", f"{ITEMS}/{option}/prices/9500")
    assert seller.data(a, "GET", f"{ITEMS}/{option}/inventories")["salePrice"] == 9500

    # a list page from A, the next one from B with A's nextToken (one token secret for every server)
    second = seller.data(b, "POST", PRODUCTS, json=payload)
    query = f"vendorId={vendor_id}&businessTypes=rocketGrowth&maxPerPage=1"
    page = seller.data(a, "GET", PRODUCTS, query)
    assert [row["sellerProductId"] for row in page["data"]] == [first]
    following = seller.data(b, "GET", PRODUCTS, f"{query}&nextToken={page['nextToken']}")
    assert [row["sellerProductId"] for row in following["data"]] == [second]

    # the clock advanced through A: B shows it and checks signatures against it
    operator(a, "POST", "/clock/advance", {"seconds": 7200})
    assert operator(b, "GET", "/clock")["offsetSeconds"] == 7200
    stale = seller.call(b, "GET", f"{PRODUCTS}/inflow-status")
    assert stale.status_code == 401, stale.text
    seller.offset = 7200
    assert seller.data(b, "GET", f"{PRODUCTS}/inflow-status")["registeredCount"] == 2

    # consent withdrawn through A: B refuses Rocket Growth products from the next call on
    operator(a, "PUT", f"/vendors/{vendor_id}/consent", {"consent": False})
    refused = seller.call(b, "POST", PRODUCTS, json=payload)
    assert refused.status_code == 400, refused.text
    assert "동의" in refused.json()["message"]
    operator(b, "PUT", f"/vendors/{vendor_id}/consent", {"consent": True})
    assert isinstance(seller.data(a, "POST", PRODUCTS, json=payload), int)

    # a second key issued through B signs calls to A at once
    key = operator(b, "POST", f"/vendors/{vendor_id}/keys")
    other = Seller(VendorKeys(vendor_id, key["accessKey"], key["secretKey"]))
    other.offset = 7200
    assert other.data(a, "GET", f"{PRODUCTS}/inflow-status")["registeredCount"] == 3
