"""httpx authentication that signs each request exactly as it is sent (CEA HMAC-SHA256)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx

from rocketgrowth import signing

__all__ = ("CeaAuth", "correct_skew")


class CeaAuth(httpx.Auth):
    """Signs the encoded path and query of the request as transmitted; a fresh signature per try."""

    def __init__(self, access_key: str, secret_key: str, *, clock: Callable[[], datetime] | None = None) -> None:
        self.access_key = access_key
        self.secret_key = secret_key
        self.clock = clock or (lambda: datetime.now(UTC))
        #: seconds added to the clock: learnt from the gateway when a signature comes back expired
        self.offset = 0.0

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raw = request.url.raw_path.decode("ascii")
        path, _, query = raw.partition("?")
        request.headers["Authorization"] = signing.authorization_header(
            self.access_key,
            self.secret_key,
            request.method,
            path,
            query,
            now=self.clock() + timedelta(seconds=self.offset),
        )
        yield request


EXPIRED = "Specified signature is expired."
_TIME_HEADERS = ("x-sandbox-date", "date")


def correct_skew(auth: CeaAuth, error: Exception) -> bool:
    """After ``Specified signature is expired.``, adopt the gateway's time (``X-Sandbox-Date``, else
    ``Date``) as the signing clock; ``True`` when the offset changed and a new try may succeed."""
    response = getattr(error, "response", None)
    if getattr(response, "status_code", None) != 401 or EXPIRED not in str(getattr(error, "message", "")):
        return False
    assert isinstance(response, httpx.Response)
    for name in _TIME_HEADERS:
        value = response.headers.get(name)
        if not value:
            continue
        try:
            server = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            continue
        offset = (server - auth.clock()).total_seconds()
        if abs(offset - auth.offset) < 1.0:
            return False
        auth.offset = offset
        return True
    return False
