"""Client construction: environment variables, defaults, injected httpx clients, closing."""

from __future__ import annotations

import httpx
import pytest

from rocketgrowth.sdk import AsyncClient, Client, InternalServerError
from rocketgrowth.sdk._base import DEFAULT_BASE_URL
from tests.sdk.conftest import ACCESS, SECRET, Recorder, ok


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("COUPANG_BASE_URL", "COUPANG_ACCESS_KEY", "COUPANG_SECRET_KEY", "COUPANG_VENDOR_ID"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_keys_from_the_environment(env: pytest.MonkeyPatch) -> None:
    env.setenv("COUPANG_ACCESS_KEY", "ak")
    env.setenv("COUPANG_SECRET_KEY", SECRET)
    env.setenv("COUPANG_VENDOR_ID", "A0001")
    with Client() as client:
        assert (client.vendor_id, client.base_url) == ("A0001", DEFAULT_BASE_URL)
    recorder = Recorder([ok({"sellerItemId": 1})])
    with Client(transport=httpx.MockTransport(recorder), rate_limit=None) as client:
        client.vendor_items.get_inventory(1)
    assert "access-key=ak," in recorder.requests[0].headers["authorization"]
    env.setenv("COUPANG_BASE_URL", "http://127.0.0.1:8000/")
    with Client(vendor_id="A0002") as client:
        assert (client.vendor_id, client.base_url) == ("A0002", "http://127.0.0.1:8000")


def test_missing_key_is_named(env: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="COUPANG_SECRET_KEY"):
        Client(access_key="a", vendor_id="A1")


def test_injected_client_gives_its_base_url_and_stays_open(env: pytest.MonkeyPatch) -> None:
    recorder = Recorder([ok({"sellerItemId": 1})])
    http = httpx.Client(base_url="http://sandbox.local", transport=httpx.MockTransport(recorder))
    with Client(access_key=ACCESS, secret_key=SECRET, vendor_id="A1", http_client=http, rate_limit=None) as client:
        client.vendor_items.get_inventory(1)
    assert str(recorder.requests[0].url).startswith("http://sandbox.local/v2/providers/seller_api/")
    assert not http.is_closed
    http.close()


def test_owned_client_is_closed_and_headers_merge(env: pytest.MonkeyPatch) -> None:
    recorder = Recorder([ok({"sellerItemId": 1})])
    client = Client(
        access_key=ACCESS,
        secret_key=SECRET,
        vendor_id="A1",
        transport=httpx.MockTransport(recorder),
        headers={"X-MARKET": "KR"},
        timeout=5.0,
        rate_limit=None,
    )
    client.vendor_items.get_inventory(1)
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client.vendor_items.get_inventory(1)
    assert recorder.requests[0].headers["x-market"] == "KR"
    assert client.timeout.read == 5.0
    assert recorder.requests[0].extensions["timeout"]["read"] == 5.0


@pytest.mark.anyio
async def test_async_client_closes(env: pytest.MonkeyPatch) -> None:
    recorder = Recorder([ok({"sellerItemId": 1})])
    transport = httpx.MockTransport(recorder)
    async with AsyncClient(access_key=ACCESS, secret_key=SECRET, vendor_id="A1", transport=transport) as client:
        assert client.base_url == DEFAULT_BASE_URL
        await client.vendor_items.get_inventory(1)
    with pytest.raises(RuntimeError, match="closed"):
        await client.vendor_items.get_inventory(1)


def test_with_options_changes_timeout_and_retries_and_shares_the_rest(env: pytest.MonkeyPatch) -> None:
    recorder = Recorder([httpx.Response(500, json={"code": "ERROR", "message": "boom"})])
    client = Client(
        access_key=ACCESS, secret_key=SECRET, vendor_id="A1", transport=httpx.MockTransport(recorder), rate_limit=None
    )
    quick = client.with_options(timeout=2.5, max_retries=0)
    assert (quick.timeout.read, quick.max_retries, client.max_retries) == (2.5, 0, 2)
    with pytest.raises(InternalServerError):
        quick.vendor_items.get_inventory(1)
    assert len(recorder.requests) == 1  # no retry
    assert recorder.requests[0].extensions["timeout"]["read"] == 2.5
    quick.close()  # the copy does not own the connections
    recorder.answers[:] = [ok({"sellerItemId": 1})]
    client.vendor_items.get_inventory(1)
    assert recorder.requests[-1].extensions["timeout"]["read"] == 30.0
    client.close()


@pytest.mark.anyio
async def test_async_with_options(env: pytest.MonkeyPatch) -> None:
    recorder = Recorder([ok({"sellerItemId": 1})])
    transport = httpx.MockTransport(recorder)
    async with AsyncClient(access_key=ACCESS, secret_key=SECRET, vendor_id="A1", transport=transport) as client:
        await client.with_options(timeout=httpx.Timeout(1.0)).vendor_items.get_inventory(1)
        await client.vendor_items.get_inventory(1)
    assert [request.extensions["timeout"]["read"] for request in recorder.requests] == [1.0, 30.0]


def test_an_injected_client_keeps_its_timeout_unless_one_is_given(env: pytest.MonkeyPatch) -> None:
    recorder = Recorder([ok({"sellerItemId": 1})])
    http = httpx.Client(transport=httpx.MockTransport(recorder), timeout=7.0)
    Client(access_key=ACCESS, secret_key=SECRET, vendor_id="A1", http_client=http).vendor_items.get_inventory(1)
    chosen = Client(access_key=ACCESS, secret_key=SECRET, vendor_id="A1", http_client=http, timeout=3.0)
    chosen.vendor_items.get_inventory(1)
    assert [request.extensions["timeout"]["read"] for request in recorder.requests] == [7.0, 3.0]
    http.close()
