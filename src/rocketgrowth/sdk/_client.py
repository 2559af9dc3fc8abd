"""``Client`` and ``AsyncClient``: the I/O only. Each call: wait for the vendor's bucket → build → sign
(``CeaAuth``, per try) → send → parse; retry per ``RetryPolicy``; raise the mapped error.

Pacing: every client of one vendor in the process shares one token bucket (``DEFAULT_RATE``, 4 calls a
second, under the gateway's 5/s), so threads and tasks together stay under the vendor's limit and a 429
holds them all back; the Rocket Growth Open API has a bucket of its own (``rocket_growth_rate_limit``,
50 calls a minute). ``rate_limit=None`` (``rocket_growth_rate_limit=None``) turns pacing off (429
cool-downs still apply), a number sets another rate (shared by the clients given the same one), a
``RateLimiter`` is used as given.
"""

from __future__ import annotations

import copy
import os
import ssl
import time
from collections.abc import Mapping
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Self, TypeVar

import anyio
import httpx

from rocketgrowth.sdk._auth import CeaAuth, correct_skew
from rocketgrowth.sdk._base import Call, ClientConfig, build_request, connection_error, parse_response
from rocketgrowth.sdk._ratelimit import DEFAULT_RATE, DEFAULT_ROCKET_GROWTH_RATE, RateLimiter, shared_limiter
from rocketgrowth.sdk._retry import RetryPolicy, cool_down_for, outcome_error
from rocketgrowth.sdk.errors import APIError
from rocketgrowth.sdk.pagination import AsyncPage, AsyncPaginator, Cursor, Page, PageData

if TYPE_CHECKING:
    from rocketgrowth.sdk.categories import AsyncCategories, Categories
    from rocketgrowth.sdk.inquiries import AsyncInquiries, Inquiries
    from rocketgrowth.sdk.products import AsyncProducts, Products
    from rocketgrowth.sdk.rocket_growth import AsyncRocketGrowth, RocketGrowth
    from rocketgrowth.sdk.vendor_items import AsyncVendorItems, VendorItems

__all__ = ("AsyncClient", "Client", "tls_context")

T = TypeVar("T")
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def tls_context() -> ssl.SSLContext:
    """The verifying TLS context that every HTTP client the SDK makes shares: httpx's default
    (``httpx.create_ssl_context()``: certifi's CAs, or ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` when set), made
    once per process and per such setting. Making one loads every CA certificate, about 30 ms of CPU: each
    ``Client()`` paid it before."""
    return _tls_context(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@cache
def _tls_context(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    """One context per value of the two settings (the arguments key the cache; httpx reads them itself)."""
    return httpx.create_ssl_context()


#: the resources, cached per client (a copy made by ``with_options`` builds its own)
_RESOURCES = ("products", "vendor_items", "categories", "inquiries", "rocket_growth")
#: the Rocket Growth Open API family's paths: paced by their own limiter (calls per minute)
_ROCKET_GROWTH_PATH = "/v2/providers/rg_open_api/"


def _limiter(vendor_id: str, rate: float | RateLimiter | None) -> RateLimiter:
    if isinstance(rate, RateLimiter):
        return rate
    if rate is None:
        return RateLimiter(None)  # no pacing, but 429 cool-downs still apply
    return shared_limiter(vendor_id, rate)


def _timeout_of(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


def _policy_of(max_retries: int | RetryPolicy) -> RetryPolicy:
    return max_retries if isinstance(max_retries, RetryPolicy) else RetryPolicy(max_retries=max_retries)


class _ClientBase:
    _owns_http: bool

    def __init__(
        self,
        *,
        access_key: str | None,
        secret_key: str | None,
        vendor_id: str | None,
        base_url: str | None,
        http_client: httpx.Client | httpx.AsyncClient | None,
        timeout: float | httpx.Timeout | None,
        rate_limit: float | RateLimiter | None,
        max_retries: int | RetryPolicy,
        extended_timeout_ms: int | None,
        headers: Mapping[str, str] | None,
        rocket_growth_rate_limit: float | RateLimiter | None = DEFAULT_ROCKET_GROWTH_RATE,
    ) -> None:
        self._config = ClientConfig.resolve(
            access_key=access_key,
            secret_key=secret_key,
            vendor_id=vendor_id,
            base_url=base_url,
            fallback_base_url=(str(http_client.base_url) or None) if http_client is not None else None,
            extended_timeout_ms=extended_timeout_ms,
            headers=headers,
        )
        if timeout is DEFAULT_TIMEOUT and http_client is not None:
            timeout = http_client.timeout  # the injected client's own, unless one is given
        self._timeout = _timeout_of(timeout)
        self._retry = _policy_of(max_retries)
        self._limiter = _limiter(self._config.vendor_id, rate_limit)
        #: the Rocket Growth Open API's own pacing (``rocket_growth_rate_limit`` calls per second)
        self._rocket_growth_limiter = _limiter(f"{self._config.vendor_id}|rg_open_api", rocket_growth_rate_limit)
        self._auth = CeaAuth(self._config.access_key, self._config.secret_key)

    @property
    def vendor_id(self) -> str:
        return self._config.vendor_id

    @property
    def base_url(self) -> str:
        return self._config.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        """The timeout of every call (``with_options(timeout=…)`` gives a client with another)."""
        return self._timeout

    @property
    def max_retries(self) -> int:
        """Tries after the first for a call that may be retried (see ``RetryPolicy``)."""
        return self._retry.max_retries

    def with_options(
        self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | RetryPolicy | None = None
    ) -> Self:
        """This client with another timeout or retry policy, for one call or many:
        ``client.with_options(timeout=5, max_retries=0).products.get(1)``. It shares this client's
        connections, keys and pacing; closing it leaves them open."""
        other = copy.copy(self)
        for name in _RESOURCES:
            other.__dict__.pop(name, None)  # the copied resources still point at this client
        other._owns_http = False
        if timeout is not None:
            other._timeout = _timeout_of(timeout)
        if max_retries is not None:
            other._retry = _policy_of(max_retries)
        return other

    def _limiter_for(self, call: Call[Any]) -> RateLimiter:
        """The bucket that paces ``call``: the Rocket Growth Open API's, or the one of every other family."""
        return self._rocket_growth_limiter if call.path.startswith(_ROCKET_GROWTH_PATH) else self._limiter

    def _after_failure(self, call: Call[Any], error: APIError, attempt: int) -> float:
        """Cool the bucket down after a 429; the delay before the next try, or raise."""
        if attempt == 0 and correct_skew(self._auth, error):
            return 0.0  # a 401 is answered before the API runs: signing again is safe, even for a create
        rest = cool_down_for(error, self._retry)
        if rest is not None:
            self._limiter_for(call).cool_down(rest)
        delay = self._retry.delay(call, error, attempt)
        if delay is None:
            final = outcome_error(call, error)
            if final is error:
                raise error
            raise final from error
        return delay


class Client(_ClientBase):
    """The synchronous client: ``client.products``, ``client.vendor_items``, ``client.categories``,
    ``client.inquiries``, ``client.rocket_growth``. Keys and base URL default to ``COUPANG_*`` environment variables.

    ``http_client`` (any ``httpx.Client``, e.g. FastAPI's ``TestClient``) or ``transport`` may be injected;
    ``timeout`` defaults to 30 s (10 s to connect), or the injected client's own; ``max_retries`` is an int
    or a ``RetryPolicy``; ``with_options(timeout=…, max_retries=…)`` changes them for some calls.
    ``rate_limit`` paces the vendor's calls, shared by every client of the vendor in this process: 4 a
    second by default, ``None`` for no pacing; ``rocket_growth_rate_limit`` the same for the Rocket Growth
    Open API (default 50 a minute). See the module's docstring.
    """

    def __init__(
        self,
        *,
        access_key: str | None = None,
        secret_key: str | None = None,
        vendor_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        rate_limit: float | RateLimiter | None = DEFAULT_RATE,
        max_retries: int | RetryPolicy = 2,
        extended_timeout_ms: int | None = None,
        headers: Mapping[str, str] | None = None,
        rocket_growth_rate_limit: float | RateLimiter | None = DEFAULT_ROCKET_GROWTH_RATE,
    ) -> None:
        super().__init__(
            access_key=access_key,
            secret_key=secret_key,
            vendor_id=vendor_id,
            base_url=base_url,
            http_client=http_client,
            timeout=timeout,
            rate_limit=rate_limit,
            max_retries=max_retries,
            extended_timeout_ms=extended_timeout_ms,
            headers=headers,
            rocket_growth_rate_limit=rocket_growth_rate_limit,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(transport=transport, timeout=self._timeout, verify=tls_context())

    @cached_property
    def products(self) -> Products:
        from rocketgrowth.sdk.products import Products

        return Products(self)

    @cached_property
    def vendor_items(self) -> VendorItems:
        from rocketgrowth.sdk.vendor_items import VendorItems

        return VendorItems(self)

    @cached_property
    def categories(self) -> Categories:
        from rocketgrowth.sdk.categories import Categories

        return Categories(self)

    @cached_property
    def inquiries(self) -> Inquiries:
        from rocketgrowth.sdk.inquiries import Inquiries

        return Inquiries(self)

    @cached_property
    def rocket_growth(self) -> RocketGrowth:
        from rocketgrowth.sdk.rocket_growth import RocketGrowth

        return RocketGrowth(self)

    def _send(self, call: Call[T]) -> T:
        """Send one operation (paced, signed per try, retried per policy) and parse its answer."""
        attempt = 0
        while True:
            time.sleep(self._limiter_for(call).reserve())
            request = build_request(self._http, self._config, call, self._timeout)
            try:
                response = self._http.send(request, auth=self._auth)
            except httpx.TransportError as exc:
                error: APIError = connection_error(exc, request)
            else:
                try:
                    return parse_response(response, call)
                except APIError as exc:
                    error = exc
            time.sleep(self._after_failure(call, error, attempt))
            attempt += 1

    def _paginate(self, factory: Any) -> Page[Any]:
        """The first page of a list operation; iterating it fetches the next ones."""

        def fetch(next_cursor: Cursor) -> PageData[Any]:
            data: PageData[Any] = self._send(factory(next_cursor))
            return data

        first: PageData[Any] = self._send(factory(None))
        return Page(first, fetch)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


class AsyncClient(_ClientBase):
    """The asynchronous twin of :class:`Client` (``httpx.AsyncClient``; ``transport`` may be an
    ``httpx.ASGITransport`` to call the app in process)."""

    def __init__(
        self,
        *,
        access_key: str | None = None,
        secret_key: str | None = None,
        vendor_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        rate_limit: float | RateLimiter | None = DEFAULT_RATE,
        max_retries: int | RetryPolicy = 2,
        extended_timeout_ms: int | None = None,
        headers: Mapping[str, str] | None = None,
        rocket_growth_rate_limit: float | RateLimiter | None = DEFAULT_ROCKET_GROWTH_RATE,
    ) -> None:
        super().__init__(
            access_key=access_key,
            secret_key=secret_key,
            vendor_id=vendor_id,
            base_url=base_url,
            http_client=http_client,
            timeout=timeout,
            rate_limit=rate_limit,
            max_retries=max_retries,
            extended_timeout_ms=extended_timeout_ms,
            headers=headers,
            rocket_growth_rate_limit=rocket_growth_rate_limit,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(transport=transport, timeout=self._timeout, verify=tls_context())

    @cached_property
    def products(self) -> AsyncProducts:
        from rocketgrowth.sdk.products import AsyncProducts

        return AsyncProducts(self)

    @cached_property
    def vendor_items(self) -> AsyncVendorItems:
        from rocketgrowth.sdk.vendor_items import AsyncVendorItems

        return AsyncVendorItems(self)

    @cached_property
    def categories(self) -> AsyncCategories:
        from rocketgrowth.sdk.categories import AsyncCategories

        return AsyncCategories(self)

    @cached_property
    def inquiries(self) -> AsyncInquiries:
        from rocketgrowth.sdk.inquiries import AsyncInquiries

        return AsyncInquiries(self)

    @cached_property
    def rocket_growth(self) -> AsyncRocketGrowth:
        from rocketgrowth.sdk.rocket_growth import AsyncRocketGrowth

        return AsyncRocketGrowth(self)

    async def _send(self, call: Call[T]) -> T:
        """Send one operation (paced, signed per try, retried per policy) and parse its answer."""
        attempt = 0
        while True:
            await anyio.sleep(self._limiter_for(call).reserve())
            request = build_request(self._http, self._config, call, self._timeout)
            try:
                response = await self._http.send(request, auth=self._auth)
            except httpx.TransportError as exc:
                error: APIError = connection_error(exc, request)
            else:
                try:
                    return parse_response(response, call)
                except APIError as exc:
                    error = exc
            await anyio.sleep(self._after_failure(call, error, attempt))
            attempt += 1

    def _paginate(self, factory: Any) -> AsyncPaginator[Any]:
        """A list operation: awaited, its first page; ``async for``, every item of every page."""

        async def fetch(next_cursor: Cursor) -> PageData[Any]:
            data: PageData[Any] = await self._send(factory(next_cursor))
            return data

        async def first() -> AsyncPage[Any]:
            return AsyncPage(await self._send(factory(None)), fetch)

        return AsyncPaginator(first)

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.aclose()
