"""Client construction: environment variables, defaults, injected httpx clients, closing."""

from __future__ import annotations

import httpx
import pytest

from rocketgrowth.sdk import AsyncClient, Client
from rocketgrowth.sdk._base import DEFAULT_BASE_URL
from tests.sdk.conftest import ACCESS, SECRET, Recorder, ok


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("COUPANG_BASE_URL", "COUPANG_ACCESS_KEY", "COUPANG_SECRET_KEY", "COUPANG_VENDOR_ID"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_keys_from_the_environment(env: pytest.MonkeyPatch) -> None:
    env.setenv("COUPANG_ACCESS_KEY", "ak")
    env.setenv("COUPANG_SECRET_KEY", "sk")
    env.setenv("COUPANG_VENDOR_ID", "A0001")
    with Client() as client:
        assert (client.config.access_key, client.vendor_id, client.base_url) == ("ak", "A0001", DEFAULT_BASE_URL)
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
    assert client.http.is_closed
    assert recorder.requests[0].headers["x-market"] == "KR"
    assert client.timeout.read == 5.0


@pytest.mark.anyio
async def test_async_client_closes(env: pytest.MonkeyPatch) -> None:
    async with AsyncClient(access_key="a", secret_key="s", vendor_id="A1", rate_limit=None) as client:
        assert client.base_url == DEFAULT_BASE_URL
    assert client.http.is_closed
