"""Dependencies as ``Annotated`` aliases: the services and the operator (seller API calls are authenticated
by their route: ``api.signed``)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from rocketgrowth.errors import Forbidden
from rocketgrowth.services import Services

__all__ = ("AdminDep", "ServicesDep", "get_services", "require_admin")

_LOOPBACK = {"127.0.0.1", "::1", "localhost", "testclient"}


async def get_services(request: Request) -> Services:  # async: no thread hop for an attribute read
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


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
