"""``Writer``: the one thread that runs a SQLite server's writes, fed by a queue (``Database.run_write``).

The writes run one after the other in the order they came, each its own transaction. A write's result
goes back to the event loop that waits for it; when more writes are queued behind one that ended, the
thread runs them first and hands the results back together, one wake-up of the loop for all of them
(under load, a wake-up for each result cost a price change a quarter of its CPU: docs/benchmarks.md),
and at the latest after ``HAND_BACK_SECONDS`` of writes, so that a long queue never holds a result back
for long. A write that was queued runs even when nobody awaits it any more (as a request whose client
went away: its outcome is the database's either way). The thread ends, once what is queued has run, on
``stop()``, when its ``Writer`` is garbage-collected, and when the interpreter exits (``weakref.finalize``,
as ``concurrent.futures`` ends its threads): no thread outlives its database, no queued write is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ("HAND_BACK_SECONDS", "Writer")

T = TypeVar("T")

#: the longest a written result waits in the thread for the writes queued behind it
HAND_BACK_SECONDS = 0.005

#: a queued write: the loop that waits, its future, the write
_Job = tuple[asyncio.AbstractEventLoop, "asyncio.Future[Any]", Callable[[], Any]]
#: an ended write: its future, whether it returned, what it returned or raised
_Ended = tuple["asyncio.Future[Any]", bool, Any]


class Writer:
    """One thread (named ``name``, started with the first write) running the writes queued by ``submit``."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        #: ends the running thread (once): None while no thread runs
        self._finish: weakref.finalize[..., Any] | None = None

    def submit(self, write: Callable[[], T]) -> asyncio.Future[T]:
        """Queue ``write``; its result (or exception) comes back in the future, on the calling loop."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        if self._finish is None:
            self._start()
        self._queue.put((loop, future, write))
        return future

    def stop(self) -> None:
        """Run what is queued, then end the thread (a later ``submit`` starts another)."""
        with self._lock:
            finish, self._finish = self._finish, None
        if finish is not None:
            finish()

    def _start(self) -> None:
        with self._lock:
            if self._finish is None:
                # the thread holds the queue, not the writer: a writer nobody holds any more is collected
                thread = threading.Thread(target=_run, args=(self._queue,), name=self._name, daemon=True)
                thread.start()
                self._finish = weakref.finalize(self, _end, self._queue, thread)


def _end(jobs: queue.SimpleQueue[_Job | None], thread: threading.Thread) -> None:
    """Let ``thread`` run what is queued, then end; wait for it (but from itself)."""
    jobs.put(None)
    if thread is not threading.current_thread():
        thread.join()


def _run(jobs: queue.SimpleQueue[_Job | None]) -> None:
    while True:
        job = jobs.get()
        if job is None:
            return
        ended: dict[asyncio.AbstractEventLoop, list[_Ended]] = {}
        deadline = time.monotonic() + HAND_BACK_SECONDS
        while job is not None:
            loop, future, write = job
            try:
                outcome: _Ended = (future, True, write())
            except BaseException as exc:  # (handed to the caller, as an executor does)
                outcome = (future, False, exc)
            ended.setdefault(loop, []).append(outcome)
            if time.monotonic() >= deadline:
                break
            try:
                job = jobs.get_nowait()
            except queue.Empty:
                break
        for loop, outcomes in ended.items():
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits for these
                loop.call_soon_threadsafe(_settle, outcomes)
        if job is None:
            return


def _settle(outcomes: list[_Ended]) -> None:
    for future, returned, value in outcomes:
        if future.done():  # (cancelled meanwhile)
            continue
        if returned:
            future.set_result(value)
        else:
            future.set_exception(value)
