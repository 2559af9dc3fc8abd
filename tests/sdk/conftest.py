"""SDK test helpers: clients over ``httpx.MockTransport`` whose handler checks every signature.

Nothing here imports the server: these tests also run in a venv holding only the SDK's dependencies at
their lowest declared versions (``scripts/test-sdk-lowest``, run by ``make test``). The SDK against the
real app: ``tests/sdk/app/``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from rocketgrowth import signing
from rocketgrowth.sdk import AsyncClient, Client, RetryPolicy

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
