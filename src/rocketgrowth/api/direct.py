"""``direct_call(route)``: a seller API route called without FastAPI's per-request machinery, where that
machinery has nothing to do.

FastAPI's request handler reads and parses the body, solves the route's parameters (a validation per
parameter), then calls the endpoint, with telemetry and error context set up around each step: 40–70 µs
a call on this project's routes (a third of a product query, a tenth of a price change, under wrk).
For a route whose parameters are only plain ``str`` path parameters, the ``Request`` and optional query
parameters, validation changes nothing that the path matching has not already given: the endpoint is called with the matched path parameters
and, when the query names none of its query parameters, their defaults. A call whose query names one of
them goes through FastAPI as before (so its value is validated and a bad one is refused as before), and
so does every route that takes a body, a header, a cookie or a dependency. The endpoint's signature
stays what the OpenAPI document is built from.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.convertors import StringConvertor

__all__ = ("DirectCall", "direct_call")

#: query parameter defaults passed as they are (FastAPI passes a deep copy of each default)
_IMMUTABLE = (type(None), bool, int, float, str, bytes)

#: called with the request: the endpoint's response, or None when FastAPI's handler must serve the call
DirectCall = Callable[[Request], Awaitable[Response | None]]


def direct_call(route: APIRoute) -> DirectCall | None:
    """The direct call of ``route``'s endpoint, or None when its parameters need FastAPI's solving."""
    dependant = route.dependant
    endpoint = dependant.call
    needs_fastapi = (
        dependant.dependencies
        or dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or route.body_field is not None
        or dependant.websocket_param_name
        or dependant.http_connection_param_name
        or dependant.response_param_name
        or dependant.background_tasks_param_name
        or dependant.security_scopes_param_name
        or dependant.request_param_name is None
        or endpoint is None
        or not inspect.iscoroutinefunction(endpoint)
        or any(not isinstance(c, StringConvertor) for c in route.param_convertors.values())
    )
    if needs_fastapi:
        return None
    path_names: list[str] = []
    for field in dependant.path_params:
        info = field.field_info
        if info.annotation is not str or info.metadata or field.alias != field.name:
            return None
        path_names.append(field.name)
    defaults: dict[str, Any] = {}
    for field in dependant.query_params:
        info = field.field_info
        if info.is_required() or not isinstance(info.default, _IMMUTABLE):  # (FastAPI passes a copy)
            return None
        defaults[field.name] = info.default
    query_names = frozenset(field.alias for field in dependant.query_params)
    request_name: str = dependant.request_param_name  # type: ignore[assignment]  # checked above
    call: Callable[..., Awaitable[Any]] = endpoint  # type: ignore[assignment]  # checked above

    async def direct(request: Request) -> Response | None:
        if query_names and request.scope.get("query_string") and not query_names.isdisjoint(request.query_params):
            return None
        path = request.path_params
        values = {name: path[name] for name in path_names}
        values.update(defaults)
        values[request_name] = request
        response = await call(**values)
        if not isinstance(response, Response):  # a seller API route returns its JsonResponse itself
            raise TypeError(f"{route.path}: {call.__name__} returned {type(response).__name__}, not a Response")
        return response

    return direct
