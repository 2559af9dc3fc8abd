"""SDK test helpers: clients over ``httpx.MockTransport`` whose handler checks every signature."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI

from rocketgrowth import signing
from rocketgrowth.api.app import create_app
from rocketgrowth.sdk import AsyncClient, Client, RetryPolicy
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from tests.conftest import VendorKeys, make_vendor

ACCESS, SECRET, VENDOR = "ak-test", "sk-test", "A00012345"
FAST = RetryPolicy(max_retries=2, backoff=0.001, max_backoff=0.002, rate_limit_backoff=0.01)

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def verify_signature(request: httpx.Request, secret: str = SECRET) -> str:
    """Recompute the CEA signature the way the server does (raw path + raw query); return the raw query."""
    raw = request.url.raw_path.decode("ascii")
    path, _, query = raw.partition("?")
    credentials = signing.parse_authorization(request.headers["authorization"])
    assert credentials is not None
    expected = signing.signature(secret, credentials.signed_date, request.method, path, query)
    assert credentials.signature == expected, "signature does not match what was sent"
    return query


@dataclass
class Recorder:
    """A MockTransport handler that verifies signatures, records requests and answers from a script."""

    answers: list[httpx.Response | Exception | Handler] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        verify_signature(request)
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        return answer(request)

    @property
    def bodies(self) -> list[Any]:
        return [request.read() and httpx.Response(200, content=request.content).json() for request in self.requests]


def ok(data: Any = None, **extra: Any) -> httpx.Response:
    return httpx.Response(200, json={"code": "SUCCESS", "message": "", "data": data, **extra})


def sync_client(recorder: Recorder, **kwargs: Any) -> Client:
    kwargs.setdefault("rate_limit", None)
    kwargs.setdefault("max_retries", FAST)
    kwargs.setdefault("vendor_id", VENDOR)
    return Client(
        access_key=ACCESS,
        secret_key=SECRET,
        base_url="https://api-gateway.test",
        transport=httpx.MockTransport(recorder),
        **kwargs,
    )


def async_client(recorder: Recorder, **kwargs: Any) -> AsyncClient:
    kwargs.setdefault("rate_limit", None)
    kwargs.setdefault("max_retries", FAST)
    kwargs.setdefault("vendor_id", VENDOR)
    return AsyncClient(
        access_key=ACCESS,
        secret_key=SECRET,
        base_url="https://api-gateway.test",
        transport=httpx.MockTransport(recorder),
        **kwargs,
    )


# the real app, in process -------------------------------------------------------------------------


@dataclass
class Both:
    """One face for the sync and the async client: every method call is awaited (sync results are
    wrapped), so one test body exercises ``Client`` and ``AsyncClient`` alike."""

    target: Any

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.target, name)
        if not callable(value):
            return (
                Both(value)
                if name in {"products", "vendor_items", "categories", "inquiries", "rocket_growth"}
                else value
            )

        async def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            if inspect.isawaitable(result):
                result = await result
            return result

        return call


async def collect(items: Any) -> list[Any]:
    """Every item of a ``Page``/``AsyncPage`` or a (async) iterator."""
    if hasattr(items, "__aiter__"):
        return [item async for item in items]
    return list(items)


class PortalTransport(httpx.BaseTransport):
    """A synchronous transport into the ASGI app, in process (what ``TestClient`` does, minus its
    deprecated httpx coupling): each request runs on a blocking portal's event loop."""

    def __init__(self, app: FastAPI, portal: BlockingPortal) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self._portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def run() -> httpx.Response:
            copy = httpx.Request(request.method, request.url, headers=request.headers, content=request.read())
            response = await self._asgi.handle_async_request(copy)
            content = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=content, request=request)

        return self._portal.call(run)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The sandbox app on a fresh SQLite file, rate limit off."""
    path = tmp_path_factory.mktemp("sdk") / "sdk.db"
    application = create_app(Settings(db_url=f"sqlite:///{path}", rate_limit=0, rg_rate_limit=0, review_mode="auto"))
    yield application
    application.state.services.db.dispose()


@pytest.fixture
def services(app: FastAPI) -> Services:
    services: Services = app.state.services
    return services


@pytest.fixture
def keys(services: Services) -> VendorKeys:
    return make_vendor(services)


@pytest.fixture(params=["sync", "async"])
async def sdk(request: pytest.FixtureRequest, app: FastAPI, keys: VendorKeys) -> AsyncIterator[Both]:
    """The SDK client on the app in process: ``Client`` over ``TestClient``, ``AsyncClient`` over
    ``httpx.ASGITransport``."""
    options: dict[str, Any] = {
        "access_key": keys.access_key,
        "secret_key": keys.secret_key,
        "vendor_id": keys.vendor_id,
        "rate_limit": None,
        "rocket_growth_rate_limit": None,
        "max_retries": 0,
    }
    if request.param == "sync":
        with start_blocking_portal() as portal:
            http = httpx.Client(base_url="http://testserver", transport=PortalTransport(app, portal))
            with http, Client(http_client=http, **options) as client:
                yield Both(client)
    else:
        transport = httpx.ASGITransport(app=app)
        async with AsyncClient(base_url="http://testserver", transport=transport, **options) as aclient:
            yield Both(aclient)
