"""``read``/``write``: how a route runs an operation, and ``ok``/``page``: the seller API's success envelopes.

Seller API routes are ``async`` and return a ``JsonResponse`` themselves, so FastAPI neither validates
nor re-serialises what they return, and no route costs a trip through the thread pool it does not need:

* an operation on an in-process SQLite database runs on the event loop: it is Python work (a few hundred
  microseconds), which a thread would only make wait for the interpreter lock held by the loop and the
  other threads (under load, writes in the thread pool waited milliseconds for it while holding the
  writer lock, and every other write queued behind them). Readers in WAL mode never wait for a writer;
  a write that would have to wait for the writer lock (``Database.inline_writes``) runs in the thread
  pool instead, and the loop's next writes wait for their turn (``Database.loop_writer``);
* everything else (any PostgreSQL transaction, which waits for the network; reads that settle delayed
  reviews first, which write) runs in the thread pool.

The product query and the list page do not come here: they are ``async`` operations, whose one statement
runs on the event loop on either database (``Database.fetch_one`` / ``fetch_rows``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool

from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.services import Services
from rocketgrowth.store.db import WriterBusy

__all__ = ("ok", "page", "read", "write")

P = ParamSpec("P")
T = TypeVar("T")


Operation = Callable[Concatenate[Services, P], T]


async def write(services: Services, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``operation(services, …)`` that writes: on SQLite on the event loop when it need not wait for a lock,
    else in the thread pool, one write of the loop at a time (``Database.loop_writer``); on PostgreSQL in
    the thread pool."""
    db = services.db
    if not db.is_sqlite:
        return await run_in_threadpool(operation, services, *args, **kwargs)
    async with db.loop_writer():
        with db.inline_writes() as held:
            if held:
                try:
                    return operation(services, *args, **kwargs)
                except WriterBusy:
                    pass  # another process writes: wait for it in the thread pool (nothing was written)
        return await run_in_threadpool(operation, services, *args, **kwargs)


async def read(services: Services, operation: Operation[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``operation(services, …)`` that only reads: on the event loop when that is cheaper (see the module)."""
    if services.reads_inline:
        return operation(services, *args, **kwargs)

    def attempt() -> T:  # run again once if the database dropped the connection (a read is safe to repeat)
        return services.db.retry_read(operation, services, *args, **kwargs)

    return await run_in_threadpool(attempt)


def ok(data: Any = None, message: str = "") -> JsonResponse:
    return JsonResponse({"code": "SUCCESS", "message": message, "data": data})


def page(rows: Any, next_token: str) -> JsonResponse:
    """A paged list: ``nextToken`` beside ``data`` ("" on the last page)."""
    return JsonResponse({"code": "SUCCESS", "message": "", "nextToken": next_token, "data": rows})
