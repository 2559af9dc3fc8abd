"""Shared fixtures: databases (SQLite always, PostgreSQL when reachable: mandatory with CI=true),
a real HTTP server on loopback per database (``rocketgrowth serve``'s, ``api.server``), vendors with keys, and signed HTTP clients."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from rocketgrowth.api.app import create_app
from rocketgrowth.api.server import EmbeddedServer
from rocketgrowth.sdk._auth import CeaAuth
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PG_ADMIN_URL = os.environ.get("ROCKETGROWTH_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("ROCKETGROWTH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int) -> None:
    """Skip locally when a server is absent; fail in CI, where it is mandatory."""
    if reachable(host, port):
        return
    message = f"{name} is not listening on {host}:{port}"
    if IN_CI:
        pytest.fail(f"{message} (mandatory in CI)")
    pytest.skip(message)


def pg_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for the caller, dropped afterwards."""
    import psycopg

    require_service("PostgreSQL", "127.0.0.1", 5432)
    name = f"rg_test_{uuid.uuid4().hex[:12]}"
    admin = PG_ADMIN_URL
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = admin.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database per test module and backend."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("db") / "rocketgrowth.db"
        yield f"sqlite:///{path}"
    else:
        yield from pg_database_url()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    services: Services
    server: EmbeddedServer

    def stop(self) -> None:
        self.server.stop()
        self.services.db.dispose()


def start_server(settings: Settings) -> LiveServer:
    """The app served on a free loopback port, in a thread, by the server and options ``rocketgrowth
    serve`` runs."""
    app = create_app(settings)
    server = EmbeddedServer(app, settings, free_port())
    server.start()
    return LiveServer(f"http://127.0.0.1:{server.port}", app.state.services, server)


@pytest.fixture(scope="module")
def live(db_url: str) -> Iterator[LiveServer]:
    """The sandbox on loopback, rate limit off, review mode auto."""
    server = start_server(Settings(db_url=db_url, rate_limit=0, rg_rate_limit=0, review_mode="auto"))
    yield server
    server.stop()


@dataclass(frozen=True)
class VendorKeys:
    vendor_id: str
    access_key: str
    secret_key: str


def make_vendor(services: Services, *, consent: bool = True, vendor_id: str | None = None) -> VendorKeys:
    """A new vendor (with a random id unless ``vendor_id`` is given) and its key."""
    vendor_id = vendor_id or "A" + str(uuid.uuid4().int)[:8]
    with services.db.write() as conn:
        now = services.now(conn)
        services.vendors.create_vendor(conn, vendor_id, now=now)
        key = services.vendors.issue_vendor_key(conn, vendor_id, now=now)
        if consent:
            services.vendors.set_vendor_consent(conn, vendor_id, True, now=now)
    return VendorKeys(vendor_id, key.access_key, key.secret_key)


@pytest.fixture
def vendor(live: LiveServer) -> VendorKeys:
    return make_vendor(live.services)


def signed_client(live: LiveServer, keys: VendorKeys) -> httpx.Client:
    """An httpx client signed with ``keys``. Like the SDK's, it takes the process's one TLS context
    (``tls_context``): httpx builds one per client otherwise, loading every CA certificate, and in this
    suite that was about a tenth of all the CPU it used (a sampling profile of the whole run)."""
    return httpx.Client(
        base_url=live.base_url, auth=CeaAuth(keys.access_key, keys.secret_key), timeout=30, verify=tls_context()
    )


@pytest.fixture
def api(live: LiveServer, vendor: VendorKeys) -> Iterator[httpx.Client]:
    """An httpx client signed with the ``vendor`` fixture's keys, on the live server."""
    with signed_client(live, vendor) as client:
        yield client
