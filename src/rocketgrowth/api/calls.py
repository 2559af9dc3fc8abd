"""``read``/``write``: how a route runs an operation, and ``ok``/``page``: the seller API's success envelopes.

Seller API routes are ``async`` and return a ``JsonResponse`` themselves, so FastAPI neither validates
nor re-serialises what they return. An operation that writes runs in a thread (``Database.run_write``:
on SQLite the writes' own thread, on PostgreSQL the thread pool), where waiting for a lock blocks no
other call; one that only reads runs where reads are cheapest (``Database.run_read``: on SQLite on the
event loop, on PostgreSQL in the thread pool).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.services import Services

__all__ = ("ok", "page", "read", "write")

P = ParamSpec("P")
T = TypeVar("T")


Operation = Callable[Concatenate[Services, P], T]


async def write(services: Services, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``operation(services, …)`` that writes, in a thread (``Database.run_write``)."""
    return await services.db.run_write(operation, services, *args, **kwargs)


async def read(services: Services, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``operation(services, …)`` that only reads, where reads are cheapest (``Database.run_read``). In the
    review mode ``delay`` a read settles the reviews that are due first, which writes: then as a write."""
    if services.reads_write:
        return await services.db.run_write(
            services.db.retry_read, functools.partial(operation, services, *args, **kwargs)
        )
    return await services.db.run_read(operation, services, *args, **kwargs)


def ok(data: Any = None, message: str = "") -> JsonResponse:
    return JsonResponse({"code": "SUCCESS", "message": message, "data": data})


def page(rows: Any, next_token: str) -> JsonResponse:
    """A paged list: ``nextToken`` beside ``data`` ("" on the last page)."""
    return JsonResponse({"code": "SUCCESS", "message": "", "nextToken": next_token, "data": rows})
