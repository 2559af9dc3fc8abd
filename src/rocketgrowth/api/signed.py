"""``SignedRoute``: a seller API route, whose every call is authenticated before anything else of it runs.

As the gateway does, the CEA signature and the caller's rate limit are checked before the call's
parameters or body are looked at: a ``SignedRoute`` authenticates ahead of FastAPI's parameter solving,
and the route reads who called through the ``CallerDep`` dependency. (A dependency alone could not do the
first part: FastAPI reads a route's body before it solves the route's dependencies.)
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Path, Request, Response
from fastapi.routing import APIRoute

from rocketgrowth.api import auth
from rocketgrowth.clock import utc_now
from rocketgrowth.errors import PathNotFound, Unauthorized
from rocketgrowth.services import Services
from rocketgrowth.store.vendors import Vendor

__all__ = (
    "ROCKET_GROWTH_PATH",
    "Caller",
    "CallerDep",
    "PathCallerDep",
    "SignedRoute",
    "authenticate",
    "caller_of",
    "path_caller",
)

#: the Rocket Growth Open API family: its own rate limit (calls per minute), apart from the other families'
ROCKET_GROWTH_PATH = "/v2/providers/rg_open_api/"


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
    first (FastAPI's documented way to run code around a route's handler: a custom route class overriding
    ``get_route_handler``); the route takes ``caller: CallerDep``."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def signed(request: Request) -> Response:
            request.state.caller = await authenticate(request)
            return await handler(request)

        return signed


async def caller_of(request: Request) -> Caller:  # async: FastAPI would run a plain function in a thread
    """Who signed the call a ``SignedRoute`` serves."""
    caller = getattr(request.state, "caller", None)
    if not isinstance(caller, Caller):
        raise RuntimeError(f"{request.url.path} is not served by a SignedRoute: nothing authenticated the call")
    return caller


#: the caller of a signed route, as a dependency (``app.dependency_overrides[caller_of]`` replaces it)
CallerDep = Annotated[Caller, Depends(caller_of)]


async def path_caller(caller: CallerDep, vendor_id: Annotated[str, Path(alias="vendorId")]) -> Caller:
    """The caller of a route with ``{vendorId}`` in its path, when that vendor is theirs; any other
    vendor's path is not found (404, never the data)."""
    if vendor_id != caller.vendor_id:
        raise PathNotFound("Not Found")
    return caller


#: the caller of a signed route whose path names the vendor (``{vendorId}``)
PathCallerDep = Annotated[Caller, Depends(path_caller)]
