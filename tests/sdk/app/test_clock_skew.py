"""The sandbox clock moves: an expired signature carries the gateway's time and the SDK signs again
with it, once, even for a create (a 401 is answered before the API runs)."""

from __future__ import annotations

import httpx
import pytest

from rocketgrowth import signing
from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY
from rocketgrowth.sdk import AuthenticationError, Client
from tests.conftest import SELLER, LiveServer, make_vendor
from tests.payloads import marketplace_payload


def test_client_follows_an_advanced_sandbox_clock(live: LiveServer) -> None:
    keys = make_vendor(live.services)
    r = httpx.post(f"{live.base_url}/sandbox/v1/clock/advance", json={"seconds": 3600})
    assert r.status_code == 200, r.text
    path = f"{SELLER}/seller-products/inflow-status"
    stale = httpx.get(
        live.base_url + path,
        headers={"Authorization": signing.authorization_header(keys.access_key, keys.secret_key, "GET", path)},
    )
    assert stale.status_code == 401
    assert stale.json()["message"] == "Specified signature is expired."
    assert stale.headers["X-Sandbox-Date"]
    with Client(
        access_key=keys.access_key,
        secret_key=keys.secret_key,
        vendor_id=keys.vendor_id,
        base_url=live.base_url,
        rate_limit=None,
    ) as client:
        created = client.products.create(marketplace_payload(live.services, keys.vendor_id, DEMO_MARKETPLACE_CATEGORY))
        assert client.products.get_inflow_status().registered_count == 1
        assert client.products.get(created.seller_product_id).seller_product_id == created.seller_product_id


def test_a_wrong_secret_is_not_retried_as_skew(live: LiveServer) -> None:
    keys = make_vendor(live.services)
    with (
        Client(
            access_key=keys.access_key,
            secret_key="wrong",
            vendor_id=keys.vendor_id,
            base_url=live.base_url,
            rate_limit=None,
        ) as client,
        pytest.raises(AuthenticationError, match="Invalid signature"),
    ):
        client.products.get_inflow_status()
