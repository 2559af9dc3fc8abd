"""Dependencies as ``Annotated`` aliases: the services, the authenticated caller, the operator."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from rocketgrowth.api import auth
from rocketgrowth.clock import utc_now
from rocketgrowth.errors import Forbidden, Unauthorized
from rocketgrowth.services import Services
from rocketgrowth.store.vendors import Vendor

__all__ = ("AdminDep", "Caller", "CallerDep", "ServicesDep", "get_caller", "get_services")

_LOOPBACK = {"127.0.0.1", "::1", "localhost", "testclient"}


async def get_services(request: Request) -> Services:  # async: no thread hop for an attribute read
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


@dataclass(frozen=True, slots=True)
class Caller:
    """The vendor whose key signed the request, the sandbox time it was checked at, and the services that
    serve it (seller routes take them from here: one dependency to solve per call instead of two)."""

    vendor: Vendor
    now: datetime
    services: Services

    @property
    def vendor_id(self) -> str:
        return self.vendor.vendor_id


async def get_caller(request: Request) -> Caller:
    """Authenticate the call. On SQLite with the in-process limiter that is a few microseconds of local
    work, done on the event loop (a thread hop costs more); a network round trip (PostgreSQL, Redis) is
    waited for in the thread pool. (The services are read here, not declared as a sub-dependency: every
    signed call goes through this function, and a sub-dependency costs more to solve than to read.)"""
    services: Services = request.app.state.services
    if services.db.is_sqlite and not services.settings.redis_url:
        return _caller(request, services)
    return await run_in_threadpool(_caller, request, services)


def _caller(request: Request, services: Services) -> Caller:
    credentials = auth.parse_header(request.headers.get("authorization"))
    found = services.vendors.authenticate(services.db, credentials.access_key)
    if found is None:
        raise Unauthorized(auth.UNKNOWN_KEY)
    key, vendor, offset = found
    now = utc_now(offset)
    raw_path = request.scope.get("raw_path")
    path = raw_path.decode("latin-1") if raw_path else request.url.path
    query = request.scope.get("query_string", b"").decode("latin-1")
    auth.check_signature(credentials, key.secret_key, request.method, path, query, now)
    services.limiter.check(vendor.vendor_id)
    return Caller(vendor=vendor, now=now, services=services)


CallerDep = Annotated[Caller, Depends(get_caller)]


def require_admin(request: Request, services: ServicesDep) -> None:
    """The operator API: bearer token when one is configured, else loopback callers only."""
    token = services.settings.admin_token
    if token:
        header = request.headers.get("authorization", "")
        given = header[7:] if header.lower().startswith("bearer ") else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise Forbidden("Operator API: a valid 'Authorization: Bearer <admin token>' header is required.")
        return
    host = request.client.host if request.client else ""
    if host not in _LOOPBACK:
        raise Forbidden("Operator API: start the server with --admin-token to reach it from another host.")


AdminDep = Annotated[None, Depends(require_admin)]
