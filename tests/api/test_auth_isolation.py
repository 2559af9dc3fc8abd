"""Nobody let in: signatures that must fail (forged, replayed, malformed, bound to another request),
vendor A's keys on vendor B's products, options, inquiries and lists, the operator API and console
without their token, and secrets that never reach a log or an error body.

``tests/api/test_auth.py`` has the 401 without credentials and authentication before the body;
``tests/api/test_sandbox.py`` every operator route with and without the admin token and the real
non-loopback bind; this module adds the attacks.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from rocketgrowth import signing
from rocketgrowth.api.app import create_app
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.settings import Settings
from tests.api.db_dump import dump
from tests.api.helpers import ITEMS, PRODUCTS, rejected
from tests.conftest import LiveServer, VendorKeys, free_port, make_vendor, signed_client
from tests.factories import insert_approved_product

CS = "/v2/providers/openapi/apis/api"
INFLOW = f"{PRODUCTS}/inflow-status"
EXPIRED = "Specified signature is expired."
INVALID = "Invalid signature."
FORMAT = "HMAC format is invalid."
NOT_AUTHORIZED = "Request is not authorized."
WRONG_VENDOR = "업체코드가 잘못 되었습니다."


def _send(live: LiveServer, method: str, url: str, header: str | None) -> httpx.Response:
    headers = {"Authorization": header} if header is not None else {}
    return httpx.request(method, live.base_url + url, headers=headers, timeout=10, verify=tls_context())


def _gateway_401(response: httpx.Response, message: str, keys: VendorKeys | None = None) -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["code"] == "ERROR"
    assert body["message"] == message
    assert body["transactionId"]
    assert "data" not in body
    if keys is not None:
        assert keys.secret_key not in response.text
        assert keys.access_key not in response.text


# --- signatures -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "message"),
    [(-5.1, EXPIRED), (5.1, EXPIRED), (-60 * 24, EXPIRED), (60 * 24 * 365, EXPIRED), (-4.9, None), (4.9, None)],
    ids=["5m-old", "5m-ahead", "a-day-old", "a-year-ahead", "4.9m-old", "4.9m-ahead"],
)
def test_replay_window_is_five_minutes_either_way(
    live: LiveServer, vendor: VendorKeys, minutes: float, message: str | None
) -> None:
    """A captured request is replayable for 5 minutes (as on the gateway), never after."""
    moment = datetime.now(UTC) + timedelta(minutes=minutes)
    header = signing.authorization_header(vendor.access_key, vendor.secret_key, "GET", INFLOW, now=moment)
    first, again = _send(live, "GET", INFLOW, header), _send(live, "GET", INFLOW, header)
    for response in (first, again):
        if message is None:
            assert response.status_code == 200, response.text
        else:
            _gateway_401(response, message, vendor)


def _with(header: str, **parts: str) -> str:
    credentials = signing.parse_authorization(header)
    assert credentials is not None
    values = {
        "algorithm": credentials.algorithm,
        "access-key": credentials.access_key,
        "signed-date": credentials.signed_date,
        "signature": credentials.signature,
    }
    values.update({k.replace("_", "-"): v for k, v in parts.items()})
    return "CEA " + ", ".join(f"{k}={v}" for k, v in values.items())


def test_forged_and_malformed_signatures(live: LiveServer, vendor: VendorKeys) -> None:
    good = signing.authorization_header(vendor.access_key, vendor.secret_key, "GET", INFLOW)
    assert _send(live, "GET", INFLOW, good).status_code == 200
    credentials = signing.parse_authorization(good)
    assert credentials is not None
    flipped = ("0" if credentials.signature[0] != "0" else "1") + credentials.signature[1:]
    cases: list[tuple[str | None, str]] = [
        (None, NOT_AUTHORIZED),
        ("", NOT_AUTHORIZED),
        ("Bearer " + vendor.secret_key, NOT_AUTHORIZED),
        ("Basic dXNlcjpwYXNz", NOT_AUTHORIZED),
        (_with(good, signature=flipped), INVALID),
        (_with(good, signature=credentials.signature[:-2]), INVALID),
        (_with(good, signature="0" * 64), INVALID),
        (_with(good, signature=credentials.signature.upper()), None),  # hex is case-insensitive
        (_with(good, signature="zz" + credentials.signature[2:]), FORMAT),
        (_with(good, algorithm="HmacSHA1"), FORMAT),
        (_with(good, signed_date="2024-01-01T00:00:00Z"), FORMAT),
        (_with(good, signed_date="991399T999999Z"), FORMAT),
        (_with(good, signed_date=""), FORMAT),
        (good.replace(", ", ","), FORMAT),
        (good + ", extra=1", FORMAT),
        ("CEA " + "a" * 7000, FORMAT),
        ("CEA algorithm=HmacSHA256", FORMAT),
        # a valid signature over the right message but with the secret of nobody: the key is unknown
        (_with(good, access_key="not-" + vendor.access_key), "Unknown error occurred, please contact api-gateway channel for the details."),
    ]  # fmt: skip
    for header, message in cases:
        response = _send(live, "GET", INFLOW, header)
        if message is None:
            assert response.status_code == 200, (header, response.text)
        else:
            _gateway_401(response, message, vendor)


def test_a_signature_is_bound_to_its_method_path_and_query(live: LiveServer, vendor: VendorKeys) -> None:
    path = PRODUCTS
    query = f"vendorId={vendor.vendor_id}&maxPerPage=5"
    header = signing.authorization_header(vendor.access_key, vendor.secret_key, "GET", path, query)
    assert _send(live, "GET", f"{path}?{query}", header).status_code == 200
    for method, url in [
        ("GET", f"{path}?vendorId={vendor.vendor_id}&maxPerPage=6"),  # another value
        ("GET", f"{path}?maxPerPage=5&vendorId={vendor.vendor_id}"),  # same pairs, other order
        ("GET", f"{path}?{query}&status=APPROVED"),  # a parameter added
        ("GET", f"{path}?vendorId={vendor.vendor_id}"),  # a parameter dropped
        ("GET", f"{path}"),  # no query at all
        ("GET", f"{path}/?{query}"),  # a trailing slash
        ("GET", f"{path}?vendorId={vendor.vendor_id}%26maxPerPage%3D5"),  # encoded differently
        ("DELETE", f"{path}?{query}"),  # another method
        ("GET", f"{PRODUCTS}/inflow-status?{query}"),  # another path, same query
        ("GET", f"/V2/providers/seller_api/apis/api/v1/marketplace/seller-products?{query}"),  # case
    ]:
        response = _send(live, method, url, header)
        # (a trailing slash gets Starlette's 307 to the canonical path: no data, the client must sign again)
        assert response.status_code in (307, 401, 404, 405), (method, url, response.text)
        assert vendor.vendor_id not in response.text
        if response.status_code == 401:
            assert response.json()["message"] == INVALID, (method, url)


# --- one vendor's keys on another vendor's data -----------------------------------------------------


@pytest.fixture(scope="module")
def victim(live: LiveServer) -> dict[str, Any]:
    """Vendor B with an approved product (a recognisable name), its options and a customer inquiry."""
    keys = make_vendor(live.services)
    marker = f"SECRET-B-{keys.vendor_id}"
    vids = insert_approved_product(live.services, keys.vendor_id, seller_product_name=marker, options=2)
    with live.services.db.read() as conn:
        product = live.services.products.get_product_of_vendor_item(conn, vids[0])
    assert product is not None
    pid = product.seller_product_id
    response = httpx.post(
        f"{live.base_url}/sandbox/v1/inquiries", json={"vendorItemId": vids[0], "content": marker}, timeout=10
    )
    assert response.status_code == 200, response.text
    return {"keys": keys, "marker": marker, "pid": pid, "vids": vids, "inquiry": response.json()["data"]["inquiryId"]}


def test_vendor_a_never_reads_or_changes_vendor_b(live: LiveServer, vendor: VendorKeys, victim: dict[str, Any]) -> None:
    b: VendorKeys = victim["keys"]
    pid, vid, inquiry, marker = victim["pid"], victim["vids"][0], victim["inquiry"], victim["marker"]
    day = {"answeredType": "ALL", "inquiryStartAt": "2020-01-01", "inquiryEndAt": "2020-01-02"}
    before = dump(live.services)
    with signed_client(live, vendor) as a:
        seller_family: list[tuple[httpx.Response, str]] = [
            (a.get(f"{PRODUCTS}/{pid}"), WRONG_VENDOR),
            (a.put(f"{PRODUCTS}/{pid}/approvals"), WRONG_VENDOR),
            (a.get(f"{PRODUCTS}/{pid}/partial"), WRONG_VENDOR),
            (a.get(f"{PRODUCTS}/{pid}/histories"), WRONG_VENDOR),
            (a.put(PRODUCTS, json={"sellerProductId": pid, "sellerProductName": "stolen", "items": []}), WRONG_VENDOR),
            (a.put(f"{PRODUCTS}/{pid}/partial", json={"sellerProductId": pid, "deliveryCharge": 0}), WRONG_VENDOR),
            (a.delete(f"{PRODUCTS}/{pid}"), f"업체상품[{pid}]이 없거나"),  # the same answer as a missing product
            (a.get(PRODUCTS, params={"vendorId": b.vendor_id}), WRONG_VENDOR),
            (a.get(PRODUCTS, params={"vendorId": b.vendor_id, "sellerProductId": pid}), WRONG_VENDOR),
            (a.get(f"{PRODUCTS}/time-frame", params={"vendorId": b.vendor_id, "createdAtFrom": "2024-01-01T00:00:00",
                                                     "createdAtTo": "2024-01-01T00:05:00"}), WRONG_VENDOR),
        ]  # fmt: skip
        # the same answer as an option that does not exist
        missing = f"에 실패했습니다. [vendoritemid {vid} not found]"
        for method, suffix in [
            ("GET", "inventories"),
            ("PUT", "quantities/1"),
            ("PUT", "prices/100"),
            ("PUT", "sales/stop"),
            ("PUT", "sales/resume"),
            ("PUT", "original-prices/100"),
        ]:
            seller_family.append((a.request(method, f"{ITEMS}/{vid}/{suffix}"), missing))
        for response, message in seller_family:
            assert message in rejected(response), (response.request.url, response.text)
            assert marker not in response.text
        # A's own list never shows B's product, whatever the filter
        for params in ({}, {"sellerProductId": pid}, {"sellerProductName": "SECRET-B"}, {"status": "APPROVED"}):
            listed = a.get(PRODUCTS, params={"vendorId": vendor.vendor_id, **params})
            assert listed.status_code == 200, listed.text
            assert listed.json()["data"] == [], listed.text
        assert a.get(f"{PRODUCTS}/external-vendor-sku-codes/{marker}").json()["data"] == []
        # CS family: B's vendorId in the path is not found, in the query or body the vendor code is wrong
        cs: list[tuple[httpx.Response, int, str]] = [
            (a.get(f"{CS}/v5/vendors/{b.vendor_id}/onlineInquiries", params=day), 404, "Not Found"),
            (a.get(f"{CS}/v5/vendors/{vendor.vendor_id}/onlineInquiries", params={**day, "vendorId": b.vendor_id}),
             400, WRONG_VENDOR),
            (a.post(f"{CS}/v4/vendors/{b.vendor_id}/onlineInquiries/{inquiry}/replies",
                    json={"content": "x", "vendorId": b.vendor_id, "replyBy": "a"}), 404, "Not Found"),
            (a.post(f"{CS}/v4/vendors/{vendor.vendor_id}/onlineInquiries/{inquiry}/replies",
                    json={"content": "x", "vendorId": b.vendor_id, "replyBy": "a"}), 400, WRONG_VENDOR),
            (a.post(f"{CS}/v4/vendors/{vendor.vendor_id}/onlineInquiries/{inquiry}/replies",
                    json={"content": "x", "vendorId": vendor.vendor_id, "replyBy": "a"}),
             400, f"Inquiry [{inquiry}] does not exist."),
        ]  # fmt: skip
        for response, status, message in cs:
            assert response.status_code == status, response.text
            assert response.json() == {"code": status, "message": message}
        own = a.get(f"{CS}/v5/vendors/{vendor.vendor_id}/onlineInquiries", params=day)
        assert own.status_code == 200
        assert marker not in own.text
    assert dump(live.services) == before, "vendor A's refused calls changed something"
    with signed_client(live, b) as owner:  # B still sees all of it
        assert marker in owner.get(f"{PRODUCTS}/{pid}").text


# --- operator API and console ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def asgi_app(db_url: str) -> Iterator[Any]:
    """The app in process, for requests whose client address is crafted in the ASGI scope."""
    app = create_app(Settings(db_url=db_url, rate_limit=0))
    yield app
    app.state.services.db.dispose()


@pytest.mark.anyio
@pytest.mark.parametrize("client_host", ["203.0.113.9", "10.0.0.5", "192.168.1.2", "::ffff:203.0.113.9", "unknown"])
async def test_without_admin_token_a_remote_client_gets_nothing(asgi_app: Any, client_host: str) -> None:
    before = dump(asgi_app.state.services)
    transport = httpx.ASGITransport(app=asgi_app, client=(client_host, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as remote:
        for method, path, body in [
            ("GET", "/sandbox/v1/vendors", None),
            ("GET", "/sandbox/v1/state", None),
            ("POST", "/sandbox/v1/vendors", {"vendorId": "A99999999"}),
            ("POST", "/sandbox/v1/reset", {}),
            ("POST", "/sandbox/v1/clock/advance", {"seconds": 60}),
        ]:
            response = await remote.request(method, path, json=body)
            assert response.status_code == 403, (path, response.text)
            assert response.json()["code"] == "ERROR"
            assert "--admin-token" in response.json()["message"]
        page = await remote.get("/console")
        assert page.status_code == 403
        assert "vendor" not in page.text.lower() or "--admin-token" in page.text
    transport = httpx.ASGITransport(app=asgi_app, client=("127.0.0.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as local:
        assert (await local.get("/sandbox/v1/vendors")).status_code == 200
    assert dump(asgi_app.state.services) == before


@pytest.mark.anyio
async def test_console_with_admin_token_needs_the_login(db_url: str) -> None:
    app = create_app(Settings(db_url=db_url, rate_limit=0, admin_token="s3cret-admin-token"))
    try:
        before = dump(app.state.services)
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as local:
            for path in ("/console", "/console/reviews", "/console/seller/A00000001"):
                for cookies in ({}, {"rocketgrowth_console": "forged"}):
                    local.cookies.clear()
                    local.cookies.update(cookies)
                    page = await local.get(path)
                    assert page.status_code in (303, 403), (path, page.status_code)
                    assert "/console/login" in page.headers.get("location", "/console/login")
            posted = await local.post("/console/vendors", data={"vendor_id": "A00000077"})
            assert posted.status_code in (303, 403)
            bearer = await local.get("/sandbox/v1/vendors", headers={"Authorization": "Bearer wrong"})
            assert bearer.status_code == 403
            assert "s3cret-admin-token" not in bearer.text
        assert dump(app.state.services) == before
    finally:
        app.state.services.db.dispose()


# --- secrets -------------------------------------------------------------------------------------------


def test_secrets_never_reach_the_logs_or_error_bodies(tmp_path: Path) -> None:
    """``rocketgrowth serve`` at debug level, driven through every kind of failure: the secret key and
    the admin token appear in no log line and no response."""
    db = f"sqlite:///{tmp_path / 'secrets.db'}"
    rg = str(Path(sys.executable).parent / "rocketgrowth")
    created = subprocess.run(
        [rg, "vendor", "create", "A00054321", "--db", db], capture_output=True, text=True, check=True
    )
    import json

    keys_doc = json.loads(created.stdout)
    keys = VendorKeys(keys_doc["vendorId"], keys_doc["accessKey"], keys_doc["secretKey"])
    admin = "adm-" + keys.secret_key[::-1][:20]
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [rg, "serve", "--db", db, "--port", str(port), "--log-level", "debug", "--rate-limit", "3",
             "--admin-token", admin],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base)
            bodies = _drive_failures(base, keys, admin)
        finally:
            server.terminate()
            server.wait(timeout=20)
    logged = log_path.read_text(errors="replace")
    assert "Starting granian" in logged, logged[-2000:]  # the server's own log was captured
    for secret in (keys.secret_key, admin):
        assert secret not in logged
        for body in bodies:
            assert secret not in body


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("server did not start")


def _drive_failures(base: str, keys: VendorKeys, admin: str) -> list[str]:
    """Requests that fail in every way a secret could leak: wrong secret, secret as the key, secret in
    the query, path and body, the admin token misspelled, over the rate limit."""
    logging.getLogger("test").debug("driving failures")
    bodies: list[str] = []
    wrong = signing.authorization_header(keys.access_key, keys.secret_key + "x", "GET", INFLOW)
    as_key = signing.authorization_header(keys.secret_key, keys.secret_key, "GET", INFLOW)
    with httpx.Client(base_url=base, timeout=10) as plain:
        for header in (wrong, as_key, f"Bearer {keys.secret_key}", f"CEA {keys.secret_key}"):
            bodies.append(plain.get(INFLOW, headers={"Authorization": header}).text)
        bodies.append(
            plain.get(f"/sandbox/v1/vendors?token={admin}x", headers={"Authorization": f"Bearer {admin}x"}).text
        )
        listed = plain.get("/sandbox/v1/vendors", headers={"Authorization": f"Bearer {admin}"})
        assert listed.status_code == 200
        bodies.append(listed.text)  # the operator's list shows access keys, never secrets
    client = httpx.Client(base_url=base, timeout=10, auth=_auth(keys))
    with client:  # (what a caller sends is echoed in messages: these send no secret themselves)
        bodies.append(client.get(f"{PRODUCTS}/abc").text)
        bodies.append(client.get(PRODUCTS, params={"vendorId": "A00000000"}).text)
        bodies.append(client.put(PRODUCTS, json={"sellerProductId": "x"}).text)
        bodies.append(client.post(PRODUCTS, content=b"{", headers={"Content-Type": "application/json"}).text)
        bodies.append(client.post(PRODUCTS, content=b"[" * 1000, headers={"Content-Type": "application/json"}).text)
        for _ in range(6):  # over --rate-limit 3
            bodies.append(client.get(INFLOW).text)
    return bodies


def _auth(keys: VendorKeys) -> httpx.Auth:
    from rocketgrowth.sdk._auth import CeaAuth

    return CeaAuth(keys.access_key, keys.secret_key)
