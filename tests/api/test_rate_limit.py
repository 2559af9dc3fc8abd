"""The per-vendor rate limit of one worker (``--rate-limit 5``): 429 with ``Retry-After`` beyond it, back
to 200 after, per vendor (a noisy vendor never limits a quiet one), not spendable by forged requests,
and a flood by one vendor slows another only within a stated bound.

The limit shared by several workers through Redis is measured by the benchmarks (``bench/``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from bench.fairness import run as run_fairness
from bench.served import Served, database
from bench.served import make_vendor as make_served_vendor

from rocketgrowth import signing
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.settings import Settings
from tests.conftest import LiveServer, make_vendor, signed_client, start_server

LIMIT = 5
INFLOW = "/v2/providers/seller_api/apis/api/v1/marketplace/seller-products/inflow-status"
CS = "/v2/providers/openapi/apis/api"


@pytest.fixture(scope="module")
def limited(db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=db_url, rate_limit=LIMIT))
    yield server
    server.stop()


def _burst(client: httpx.Client, count: int, path: str = INFLOW, **params: str) -> list[httpx.Response]:
    """``count`` calls sent at once (a thread each, the client's connection pool shared), so the bucket
    has no time to refill however loaded the machine is; in the order they were sent."""
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: client.get(path, params=params or None), range(count)))


def _too_many(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    body = response.json()
    assert body["code"] == "ERROR"
    assert body["message"] == "Too Many Requests"
    assert body["transactionId"]
    assert 1 <= int(response.headers["Retry-After"]) <= 2


def test_beyond_the_limit_429_with_retry_after_then_recovers(limited: LiveServer) -> None:
    keys = make_vendor(limited.services)
    with signed_client(limited, keys) as client:
        began = time.monotonic()
        responses = _burst(client, 3 * LIMIT)
        elapsed = time.monotonic() - began
        passed = [r for r in responses if r.status_code == 200]
        # a full bucket holds LIMIT calls; while the burst lasts it refills LIMIT a second
        assert LIMIT <= len(passed) <= LIMIT + int(elapsed * LIMIT) + 1, ([r.status_code for r in responses], elapsed)
        limited_ones = [r for r in responses if r.status_code != 200]
        assert limited_ones, elapsed
        for response in limited_ones:
            _too_many(response)
        time.sleep(max(int(r.headers["Retry-After"]) for r in limited_ones) + 0.05)
        assert client.get(INFLOW).status_code == 200  # recovered
        # paced just under the limit for two seconds: never limited
        time.sleep(1.0)
        start = time.monotonic()
        statuses = []
        for n in range(2 * (LIMIT - 1)):
            pause = start + n / (LIMIT - 1) - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            statuses.append(client.get(INFLOW).status_code)
        assert statuses == [200] * len(statuses)


def test_the_cs_family_is_limited_with_the_gateway_body(limited: LiveServer) -> None:
    keys = make_vendor(limited.services)
    path = f"{CS}/v5/vendors/{keys.vendor_id}/onlineInquiries"
    with signed_client(limited, keys) as client:
        responses = _burst(
            client, 3 * LIMIT, path, answeredType="ALL", inquiryStartAt="2024-01-01", inquiryEndAt="2024-01-02"
        )
    assert {r.status_code for r in responses} == {200, 429}
    for response in responses:
        if response.status_code == 429:
            _too_many(response)


def test_one_vendor_over_its_limit_does_not_limit_another(limited: LiveServer) -> None:
    noisy, quiet = make_vendor(limited.services), make_vendor(limited.services)
    with signed_client(limited, noisy) as a, signed_client(limited, quiet) as b:
        assert 429 in {r.status_code for r in _burst(a, 3 * LIMIT)}
        assert [r.status_code for r in _burst(b, LIMIT)] == [200] * LIMIT
        assert 429 in {r.status_code for r in _burst(a, 3 * LIMIT)}  # the noisy one is still limited


def test_forged_requests_do_not_spend_a_vendors_budget(limited: LiveServer) -> None:
    """Only a verified signature counts: someone who knows a vendor's access key (it is not secret)
    cannot exhaust that vendor's calls."""
    victim = make_vendor(limited.services)
    forged = signing.authorization_header(victim.access_key, "guessed-secret", "GET", INFLOW)
    expired = signing.authorization_header(
        victim.access_key, victim.secret_key, "GET", INFLOW, now=datetime.now(UTC) - timedelta(minutes=10)
    )
    with httpx.Client(base_url=limited.base_url, verify=tls_context()) as http:
        for header in [forged, expired] * 25:
            assert http.get(INFLOW, headers={"Authorization": header}).status_code == 401
    with signed_client(limited, victim) as client:
        assert [r.status_code for r in _burst(client, LIMIT)] == [200] * LIMIT


@pytest.mark.slow
def test_a_flood_by_one_vendor_slows_another_within_a_bound(tmp_path: Path) -> None:
    """``rocketgrowth serve --rate-limit 5`` (one worker, SQLite); vendor A floods from 8 connections
    in another process while vendor B calls 4 times a second. Every call of B is answered and none is
    limited; A is held to its rate. (How long B waits under the flood is a figure: ``bench.fairness``,
    docs/reliability.md.)"""
    with database("sqlite", tmp_path) as url:
        noisy, quiet = make_served_vendor(url), make_served_vendor(url)
        with Served(url, rate_limit=LIMIT, log_path=tmp_path / "server.log") as served:
            result = run_fairness(served, noisy, quiet, seconds=5, connections=8, quiet_rate=4)
    assert set(result.quiet_statuses) == {200}, result
    assert result.noisy_statuses.get(429, 0) > 10 * result.noisy_statuses.get(200, 0), result
    # A's accepted rate: its limit, plus the first full bucket, plus scheduling slack
    assert result.noisy_accepted_per_s <= LIMIT * 1.3 + LIMIT / result.seconds, result
