"""``SignedRoute``: a seller API route, whose every call is authenticated before anything else of it runs.

As the gateway does, the CEA signature and the caller's rate limit are checked before the call's
parameters or body are looked at: a ``SignedRoute`` authenticates ahead of FastAPI's parameter solving,
and the route reads who called with ``caller_of(request)``. (Authentication as a FastAPI dependency cost
a sub-dependency's solving on every call: about 17 µs, a tenth of a product query.)
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from rocketgrowth.api import auth
from rocketgrowth.api.direct import direct_call
from rocketgrowth.clock import utc_now
from rocketgrowth.errors import Unauthorized
from rocketgrowth.services import Services
from rocketgrowth.store.vendors import Vendor

__all__ = ("ROCKET_GROWTH_PATH", "Caller", "SignedRoute", "authenticate", "caller_of")

#: the Rocket Growth Open API family: its own rate limit (calls per minute), apart from the other families'
ROCKET_GROWTH_PATH = "/v2/providers/rg_open_api/"
#: where a ``SignedRoute`` leaves the caller in the request's scope
_CALLER = "rocketgrowth.caller"


@dataclass(frozen=True, slots=True)
class Caller:
    """The vendor whose key signed the request, the sandbox time it was checked at, and the services that
    serve it."""

    vendor: Vendor
    now: datetime
    services: Services

    @property
    def vendor_id(self) -> str:
        return self.vendor.vendor_id


async def authenticate(request: Request) -> Caller:
    """Authenticate the call, or raise the gateway's 401 (429 past the rate limit). The key is read on the
    event loop (``VendorStore.authenticate``: one statement, ``Database.fetch_one``), the signature
    checked there, and the rate limit too (in Redis through ``redis.asyncio``): no trip through the thread
    pool. The Rocket Growth Open API family counts against its own limit, the others against the shared one."""
    services: Services = request.app.state.services
    credentials = auth.parse_header(request.headers.get("authorization"))
    found = await services.vendors.authenticate(services.db, credentials.access_key)
    if found is None:
        raise Unauthorized(auth.UNKNOWN_KEY)
    key, vendor, offset = found
    now = utc_now(offset)
    raw_path = request.scope.get("raw_path")
    path = raw_path.decode("latin-1") if raw_path else request.url.path
    query = request.scope.get("query_string", b"").decode("latin-1")
    auth.check_signature(credentials, key.secret_key, request.method, path, query, now)
    limiter = services.rocket_growth_limiter if path.startswith(ROCKET_GROWTH_PATH) else services.limiter
    await limiter.check(vendor.vendor_id)
    return Caller(vendor=vendor, now=now, services=services)


class SignedRoute(APIRoute):
    """A route of the seller API (``APIRouter(route_class=SignedRoute)``): each call is authenticated
    first; the route takes ``request: Request`` and reads ``caller_of(request)``. A route whose parameters
    need no solving is then called directly (``api.direct``)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        direct = direct_call(self)

        async def signed(request: Request) -> Response:
            request.scope[_CALLER] = await authenticate(request)
            if direct is not None and (response := await direct(request)) is not None:
                return response
            return await handler(request)

        return signed


def caller_of(request: Request) -> Caller:
    """Who signed the call a ``SignedRoute`` serves."""
    caller = request.scope.get(_CALLER)
    if not isinstance(caller, Caller):
        raise RuntimeError(f"{request.url.path} is not served by a SignedRoute: nothing authenticated the call")
    return caller
