"""CEA HMAC authentication at the gateway: the 401 bodies, skew, path binding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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


def test_malformed_header(live: LiveServer) -> None:
    r = _get(live, "CEA algorithm=HmacSHA256 access-key=x")
    assert r.status_code == 401
    assert r.json()["message"] == "HMAC format is invalid."


def test_wrong_secret_is_invalid_signature(live: LiveServer, vendor: VendorKeys) -> None:
    header = signing.authorization_header(vendor.access_key, "not-the-secret", "GET", PATH)
    r = _get(live, header)
    assert r.status_code == 401
    assert r.json()["message"] == "Invalid signature."


def test_expired_signature(live: LiveServer, vendor: VendorKeys) -> None:
    old = datetime.now(UTC) - timedelta(minutes=6)
    header = signing.authorization_header(vendor.access_key, vendor.secret_key, "GET", PATH, now=old)
    r = _get(live, header)
    assert r.status_code == 401
    assert r.json()["message"] == "Specified signature is expired."


def test_signature_within_skew_is_accepted(live: LiveServer, vendor: VendorKeys) -> None:
    early = datetime.now(UTC) - timedelta(minutes=4)
    header = signing.authorization_header(vendor.access_key, vendor.secret_key, "GET", PATH, now=early)
    assert _get(live, header).status_code == 200


def test_signature_for_another_path_is_rejected(live: LiveServer, vendor: VendorKeys) -> None:
    header = signing.authorization_header(vendor.access_key, vendor.secret_key, "GET", PATH)
    r = _get(live, header, path=f"{SELLER}/seller-products/15000000001")
    assert r.status_code == 401
    assert r.json()["message"] == "Invalid signature."


def test_unknown_access_key(live: LiveServer) -> None:
    header = signing.authorization_header("no-such-key", "secret", "GET", PATH)
    r = _get(live, header)
    assert r.status_code == 401
    assert "secret" not in r.text


def test_secret_never_in_error_body(live: LiveServer, vendor: VendorKeys) -> None:
    header = signing.authorization_header(vendor.access_key, "wrong", "GET", PATH)
    assert vendor.secret_key not in _get(live, header).text


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
