"""The SDK against the real app in process: ``Client`` over a blocking portal into the ASGI app,
``AsyncClient`` over ``httpx.ASGITransport``, one fresh SQLite file per module."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI

from rocketgrowth.api.app import create_app
from rocketgrowth.sdk import AsyncClient, Client
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from tests.conftest import VendorKeys, make_vendor


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
