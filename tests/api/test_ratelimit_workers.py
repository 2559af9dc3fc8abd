"""The rate limit is exact across workers when they share Redis: ``rocketgrowth serve --workers 2
--redis-url … --rate-limit 5`` answers exactly 5 of a one-second burst with 200 and the rest with 429 and
``Retry-After``, whichever worker each call reaches, and lets the vendor in again the next second.

Each call opens its own connection, so the kernel spreads them over both workers (checked: both burn
CPU during the burst). Keys in Redis are per vendor and second, and the vendor is new for each test, so
parallel runs on one Redis do not collide. Skipped without Redis locally; mandatory in CI.
"""

from __future__ import annotations

import asyncio
import http.client
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from rocketgrowth import signing
from rocketgrowth.errors import RateLimited
from rocketgrowth.ratelimit import RedisLimiter
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from tests.api.processes import ServerProcess, cpu_ticks, serve
from tests.conftest import REDIS_URL, SELLER, VendorKeys, make_vendor, require_service

pytestmark = pytest.mark.redis

LIMIT = 5
BURST = 24
INFLOW = f"{SELLER}/seller-products/inflow-status"


def _call(port: int, keys: VendorKeys) -> tuple[int, str | None, float]:
    """One signed call on a new connection: (status, Retry-After, the time its answer arrived)."""
    header = signing.authorization_header(keys.access_key, keys.secret_key, "GET", INFLOW)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", INFLOW, headers={"Authorization": header, "Connection": "close"})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Retry-After"), time.time()
    finally:
        conn.close()


@dataclass
class Limited:
    server: ServerProcess
    keys: VendorKeys


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[Limited]:
    require_service("Redis", "127.0.0.1", 6379)
    url = f"sqlite:///{tmp_path / 'rg.db'}"
    services = Services.build(Settings(db_url=url, rate_limit=0))
    services.db.migrate()
    keys = make_vendor(services)
    services.db.dispose()
    with serve(url, tmp_path, "--redis-url", REDIS_URL, "--rate-limit", str(LIMIT), workers=2) as server:
        yield Limited(server, keys)


def _burst_in_one_second(limited: Limited) -> tuple[list[tuple[int, str | None, float]], dict[int, int]]:
    """BURST calls from 8 threads, started just after a second begins and all answered within it
    (tried again in the next seconds if the machine was too slow); with each worker's CPU ticks spent."""
    for _ in range(5):
        time.sleep(1.02 - time.time() % 1)  # a fresh window: 20 ms into the next second
        second = int(time.time())
        before = {pid: cpu_ticks(pid) for pid in limited.server.workers()}
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda _: _call(limited.server.port, limited.keys), range(BURST)))
        spent = {pid: cpu_ticks(pid) - ticks for pid, ticks in before.items()}
        if all(int(at) == second for _, _, at in results):
            return results, spent
    pytest.fail("could not fit a burst of calls into one second")


def test_exactly_the_limit_passes_across_two_workers_then_recovers(limited: Limited) -> None:
    results, spent = _burst_in_one_second(limited)
    statuses = [status for status, _, _ in results]
    assert statuses.count(200) == LIMIT, statuses
    assert statuses.count(429) == BURST - LIMIT, statuses
    for status, retry_after, _ in results:
        if status == 429:
            assert retry_after is not None
            assert retry_after.isdigit()
            assert int(retry_after) >= 1
    assert len(spent) == 2
    assert all(ticks > 0 for ticks in spent.values()), f"one worker served nothing: {spent}"

    time.sleep(1.05 - time.time() % 1)  # the next second: the vendor's budget is back
    assert [_call(limited.server.port, limited.keys)[0] for _ in range(LIMIT)] == [200] * LIMIT


def test_the_redis_window_is_shared_by_event_loops() -> None:
    """Each event loop talks to Redis on a client of its own (a connection waits on the loop that opened
    it); the window they count in is one."""
    require_service("Redis", "127.0.0.1", 6379)
    limiter = RedisLimiter(REDIS_URL, 3)
    vendor = "A" + uuid.uuid4().hex[:8]

    async def checks(count: int) -> None:
        for _ in range(count):
            await limiter.check(vendor)

    while time.time() % 1 > 0.5:  # all within one second of the clock
        time.sleep(0.05)
    asyncio.run(checks(2))
    asyncio.run(checks(1))
    with pytest.raises(RateLimited):
        asyncio.run(checks(1))


def test_a_loop_closes_its_redis_client() -> None:
    """At a worker's shutdown (``create_app``'s lifespan) the limiter closes its loop's Redis client: its
    connection leaves Redis' client list; a later check opens a new one."""
    require_service("Redis", "127.0.0.1", 6379)
    name = "rg-close-" + uuid.uuid4().hex[:8]
    limiter = RedisLimiter(f"{REDIS_URL}?client_name={name}", 100)
    observer = redis.Redis.from_url(REDIS_URL)

    def connected() -> int:
        return sum(1 for client in observer.client_list() if client.get("name") == name)

    async def run() -> tuple[int, int, int]:
        await limiter.check("A" + uuid.uuid4().hex[:8])
        before = connected()
        await limiter.aclose()
        after = connected()
        await limiter.check("A" + uuid.uuid4().hex[:8])
        again = connected()
        await limiter.aclose()
        return before, after, again

    try:
        assert asyncio.run(run()) == (1, 0, 1)
        assert connected() == 0
    finally:
        observer.close()
