"""CEA HMAC authentication at the gateway: the 401 for a call without credentials, and authentication
before the body is read. Every way a signature fails (forged, malformed, expired, bound to another
request, unknown key) is in ``test_auth_isolation.py``."""

from __future__ import annotations

import httpx

from rocketgrowth import signing
from tests.conftest import SELLER, LiveServer, VendorKeys

PATH = f"{SELLER}/seller-products/inflow-status"


def _get(live: LiveServer, header: str | None, path: str = PATH) -> httpx.Response:
    headers = {"Authorization": header} if header is not None else {}
    return httpx.get(live.base_url + path, headers=headers)


def test_missing_header_is_not_authorized(live: LiveServer) -> None:
    r = _get(live, None)
    assert r.status_code == 401
    body = r.json()
    assert body["code"] == "ERROR"
    assert body["message"] == "Request is not authorized."
    assert body["transactionId"]
    assert "korean" in body["messages"]


def test_the_signature_is_checked_before_the_body(live: LiveServer, vendor: VendorKeys) -> None:
    """As at the gateway: a call that is not authenticated gets the 401, whatever its body or parameters."""
    path = f"{SELLER}/seller-products"
    for header in (None, signing.authorization_header(vendor.access_key, "not-the-secret", "POST", path)):
        headers = {"Content-Type": "application/json", **({"Authorization": header} if header else {})}
        r = httpx.post(live.base_url + path, content=b'{"broken": ', headers=headers)
        assert r.status_code == 401, r.text
    inquiries = f"/v2/providers/openapi/apis/api/v4/vendors/{vendor.vendor_id}/onlineInquiries/x/replies"
    r = httpx.post(live.base_url + inquiries, content=b"[1, 2", headers={"Content-Type": "application/json"})
    assert r.status_code == 401, r.text
