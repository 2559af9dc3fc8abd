"""The per-vendor token bucket: pacing, sharing between clients, cool-down."""

from __future__ import annotations

import time

import pytest

from rocketgrowth.sdk import DEFAULT_RATE, RateLimiter
from rocketgrowth.sdk._ratelimit import shared_limiter
from tests.sdk.conftest import Recorder, async_client, ok, sync_client


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_default_rate_is_four_per_second() -> None:
    assert DEFAULT_RATE == 4.0


def test_calls_are_spaced_evenly() -> None:
    clock = FakeClock()
    bucket = RateLimiter(4.0, clock=clock)
    waits = [bucket.reserve() for _ in range(5)]
    assert waits == pytest.approx([0.0, 0.25, 0.5, 0.75, 1.0])
    clock.now += 2.0
    assert bucket.reserve() == 0.0


def test_burst() -> None:
    bucket = RateLimiter(2.0, burst=3, clock=FakeClock())
    assert [bucket.reserve() for _ in range(4)] == pytest.approx([0, 0, 0, 0.5])


def test_cool_down_holds_every_call_back() -> None:
    clock = FakeClock()
    bucket = RateLimiter(4.0, clock=clock)
    bucket.cool_down(5.0)
    assert bucket.reserve() == pytest.approx(5.0)
    assert bucket.reserve() == pytest.approx(5.25)
    clock.now += 10
    assert bucket.reserve() == 0.0


def test_no_rate_still_cools_down() -> None:
    clock = FakeClock()
    bucket = RateLimiter(None, clock=clock)
    assert [bucket.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]
    bucket.cool_down(2.0)
    assert bucket.reserve() == pytest.approx(2.0)


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError):
        RateLimiter(0)


def test_clients_of_one_vendor_share_their_bucket() -> None:
    first = sync_client(Recorder([ok()]), rate_limit=4.0, vendor_id="A-share-1")
    second = sync_client(Recorder([ok()]), rate_limit=4.0, vendor_id="A-share-1")
    other = sync_client(Recorder([ok()]), rate_limit=4.0, vendor_id="A-share-2")
    assert first._limiter is second._limiter is shared_limiter("A-share-1", 4.0)
    assert other._limiter is not first._limiter
    assert sync_client(Recorder([ok()]))._limiter is not first._limiter  # rate_limit=None: own, unpaced


def test_client_paces_real_calls() -> None:
    recorder = Recorder([ok({"sellerItemId": 1})])
    with sync_client(recorder, rate_limit=RateLimiter(20.0)) as client:
        started = time.monotonic()
        for _ in range(5):
            client.vendor_items.get_inventory(1)
        elapsed = time.monotonic() - started
    assert elapsed >= 0.19  # 4 gaps of 50 ms


@pytest.mark.anyio
async def test_async_client_paces_real_calls() -> None:
    recorder = Recorder([ok({"sellerItemId": 1})])
    async with async_client(recorder, rate_limit=RateLimiter(20.0)) as client:
        started = time.monotonic()
        for _ in range(5):
            await client.vendor_items.get_inventory(1)
        assert time.monotonic() - started >= 0.19
