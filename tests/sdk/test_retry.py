"""Retries: network errors, 5xx and 429 (Retry-After, cool-down); never a create or a reply; a fresh
signature per try; a create whose outcome is unknown is reconciled by external SKU, not re-posted."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from rocketgrowth.sdk import (
    APIConnectionError,
    APITimeoutError,
    CreateOutcomeUnknownError,
    InternalServerError,
    RateLimiter,
    RateLimitError,
    RetryPolicy,
)
from tests.sdk.conftest import Recorder, async_client, ok, sync_client

SKU_PAYLOAD = {
    "sellerProductName": "p",
    "items": [{"itemName": "a", "rocketGrowthItemData": {"externalVendorSku": "SKU-1"}}],
}
SUMMARY = [{"sellerProductId": 10, "statusName": "임시저장"}, {"sellerProductId": 12, "statusName": "임시저장"}]


def fail(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"code": "ERROR", "message": f"HTTP {status}"}, headers=headers)


@pytest.mark.parametrize(
    "first",
    [fail(500), fail(503), httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("x")],
)
def test_idempotent_calls_are_retried(first: httpx.Response | Exception) -> None:
    recorder = Recorder([first, ok({"sellerItemId": 1, "amountInStock": 3})])
    with sync_client(recorder) as client:
        assert client.vendor_items.get_inventory(1).amount_in_stock == 3
    assert len(recorder.requests) == 2


def test_gives_up_after_max_retries() -> None:
    recorder = Recorder([fail(502)])
    policy = RetryPolicy(max_retries=3, backoff=0.001)
    with sync_client(recorder, max_retries=policy) as client, pytest.raises(InternalServerError):
        client.products.get(1)
    assert len(recorder.requests) == 4


def test_timeout_maps_to_api_timeout_error() -> None:
    recorder = Recorder([httpx.ReadTimeout("slow")])
    with sync_client(recorder, max_retries=0) as client, pytest.raises(APITimeoutError) as caught:
        client.products.get_inflow_status()
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)
    assert caught.value.request is not None


def test_4xx_is_not_retried() -> None:
    recorder = Recorder([fail(400)])
    with sync_client(recorder) as client, pytest.raises(Exception, match="HTTP 400"):
        client.products.get(1)
    assert len(recorder.requests) == 1


def test_each_try_is_signed_afresh() -> None:
    recorder = Recorder([fail(500), fail(500), ok({"sellerItemId": 1})])
    with sync_client(recorder) as client:
        ticks = itertools.count()
        start = datetime(2025, 11, 20, 11, 36, 8, tzinfo=UTC)
        client._auth.clock = lambda: start + timedelta(seconds=next(ticks))
        client.vendor_items.get_inventory(1)
    headers = [request.headers["authorization"] for request in recorder.requests]
    assert len(set(headers)) == 3
    assert "signed-date=251120T113608Z" in headers[0]


def test_429_honours_retry_after_and_cools_the_bucket_down() -> None:
    limiter = RateLimiter(None)
    recorder = Recorder([fail(429, **{"Retry-After": "0.2"}), ok({"sellerItemId": 1})])
    with sync_client(recorder, rate_limit=limiter) as client:
        started = time.monotonic()
        client.vendor_items.get_inventory(1)
        elapsed = time.monotonic() - started
    assert len(recorder.requests) == 2
    assert elapsed >= 0.19


def test_429_without_retry_after_uses_the_policy_backoff() -> None:
    limiter = RateLimiter(None)
    policy = RetryPolicy(max_retries=0, rate_limit_backoff=30.0)
    recorder = Recorder([fail(429)])
    with (
        sync_client(recorder, rate_limit=limiter, max_retries=policy) as client,
        pytest.raises(RateLimitError) as caught,
    ):
        client.vendor_items.get_inventory(1)
    assert caught.value.retry_after is None
    assert limiter.reserve() > 29  # the next call of this vendor waits out the cool-down


@pytest.mark.parametrize("first", [fail(500), fail(504), httpx.ReadTimeout("slow"), httpx.ReadError("reset")])
def test_create_is_never_retried_and_its_outcome_is_unknown(first: httpx.Response | Exception) -> None:
    recorder = Recorder([first, ok(1)])
    with sync_client(recorder) as client, pytest.raises(CreateOutcomeUnknownError) as caught:
        client.products.create(SKU_PAYLOAD)
    assert len(recorder.requests) == 1
    assert caught.value.external_vendor_skus == ("SKU-1",)
    assert caught.value.hint is not None
    assert "reconcile_create" in caught.value.hint


@pytest.mark.parametrize("first", [fail(429), fail(400)])
def test_create_not_retried_on_rejections_either(first: httpx.Response) -> None:
    recorder = Recorder([first, ok(1)])
    with sync_client(recorder) as client, pytest.raises(Exception, match="HTTP"):
        client.products.create(SKU_PAYLOAD)
    assert len(recorder.requests) == 1


def test_create_unsent_connect_error_is_a_plain_connection_error() -> None:
    recorder = Recorder([httpx.ConnectError("refused")])
    with sync_client(recorder) as client, pytest.raises(APIConnectionError) as caught:
        client.products.create(SKU_PAYLOAD)
    assert not isinstance(caught.value, CreateOutcomeUnknownError)
    assert len(recorder.requests) == 1


def test_reply_is_never_retried() -> None:
    recorder = Recorder([fail(503), ok()])
    with sync_client(recorder) as client, pytest.raises(InternalServerError):
        client.inquiries.reply(1, "답변", reply_by="wing")
    assert len(recorder.requests) == 1


def test_reconcile_create_finds_the_newest_product_by_sku() -> None:
    recorder = Recorder([httpx.ReadTimeout("slow"), ok(SUMMARY)])
    with sync_client(recorder) as client:
        saved = client.products.create(SKU_PAYLOAD, reconcile=True)
        assert saved.seller_product_id == 12
    assert [r.method for r in recorder.requests] == ["POST", "GET"]
    assert recorder.requests[1].url.path.endswith("/seller-products/external-vendor-sku-codes/SKU-1")


def test_reconcile_that_finds_nothing_raises_the_unknown_outcome() -> None:
    recorder = Recorder([httpx.ReadTimeout("slow"), ok([])])
    with sync_client(recorder) as client, pytest.raises(CreateOutcomeUnknownError):
        client.products.create(SKU_PAYLOAD, reconcile=True)
    with sync_client(Recorder([ok([])])) as client:
        assert client.products.reconcile_create("SKU-1") is None


@pytest.mark.anyio
async def test_async_retries_and_reconciles() -> None:
    recorder = Recorder([fail(502), ok({"sellerItemId": 1, "amountInStock": 3})])
    async with async_client(recorder) as client:
        assert (await client.vendor_items.get_inventory(1)).amount_in_stock == 3
    assert len(recorder.requests) == 2
    recorder = Recorder([httpx.ReadTimeout("slow"), ok(SUMMARY)])
    async with async_client(recorder) as client:
        with pytest.raises(CreateOutcomeUnknownError):
            await client.products.create(SKU_PAYLOAD)
        assert (await client.products.reconcile_create("SKU-1")) is not None
    recorder = Recorder([httpx.ReadTimeout("slow"), ok(SUMMARY)])
    async with async_client(recorder) as client:
        assert (await client.products.create(SKU_PAYLOAD, reconcile=True)).seller_product_id == 12


@pytest.mark.anyio
async def test_async_429_cool_down() -> None:
    recorder = Recorder([fail(429, **{"Retry-After": "0.1"}), ok({"sellerItemId": 1})])
    async with async_client(recorder) as client:
        started = time.monotonic()
        await client.vendor_items.get_inventory(1)
        assert time.monotonic() - started >= 0.09
