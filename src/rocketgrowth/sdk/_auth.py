"""httpx authentication that signs each request exactly as it is sent (CEA HMAC-SHA256)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from datetime import UTC, datetime

import httpx

from rocketgrowth import signing

__all__ = ("CeaAuth",)


class CeaAuth(httpx.Auth):
    """Signs the encoded path and query of the request as transmitted; a fresh signature per try."""

    def __init__(self, access_key: str, secret_key: str, *, clock: Callable[[], datetime] | None = None) -> None:
        self.access_key = access_key
        self.secret_key = secret_key
        self.clock = clock or (lambda: datetime.now(UTC))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raw = request.url.raw_path.decode("ascii")
        path, _, query = raw.partition("?")
        request.headers["Authorization"] = signing.authorization_header(
            self.access_key, self.secret_key, request.method, path, query, now=self.clock()
        )
        yield request
