"""Client construction: environment variables, defaults, injected httpx clients, TLS, closing."""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rocketgrowth.sdk import APIConnectionError, AsyncClient, Client, InternalServerError, NotFoundError
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


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on loopback with a self-signed certificate (``openssl``): its base URL and the
    certificate, which is its own CA. Every request gets a 404 in the seller API's envelope."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )  # fmt: skip

    class NotHere(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b'{"code":"ERROR","message":"not here","data":null}'
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotHere)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_clients_verify_tls_as_httpx_does_and_follow_ssl_cert_file(
    env: pytest.MonkeyPatch, tls_server: tuple[str, Path]
) -> None:
    """The SDK's clients share one TLS context per process (making one costs ~30 ms), yet each new client
    follows ``SSL_CERT_FILE`` as httpx does: a server whose CA is not trusted is refused, and trusted once
    the variable names its certificate."""
    base_url, cert = tls_server
    keys = {"access_key": ACCESS, "secret_key": SECRET, "vendor_id": "A1", "rate_limit": None, "max_retries": 0}
    env.delenv("SSL_CERT_FILE", raising=False)
    env.delenv("SSL_CERT_DIR", raising=False)
    with Client(base_url=base_url, **keys) as client, pytest.raises(APIConnectionError, match=r"(?i)certificate"):
        client.vendor_items.get_inventory(1)
    env.setenv("SSL_CERT_FILE", str(cert))
    with Client(base_url=base_url, **keys) as client, pytest.raises(NotFoundError, match="not here"):
        client.vendor_items.get_inventory(1)
    env.delenv("SSL_CERT_FILE")
    with Client(base_url=base_url, **keys) as client, pytest.raises(APIConnectionError):
        client.vendor_items.get_inventory(1)
