"""``PerLoop``: what an event loop must have its own of (connections wait on the loop that opened them,
an ``asyncio.Lock`` belongs to one loop). A server worker runs one loop; tests start one per client."""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ("PerLoop",)

T = TypeVar("T")


class PerLoop(Generic[T]):
    """One ``T`` for each running event loop, made by ``factory`` on first use there; forgotten with its
    loop."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, T] = weakref.WeakKeyDictionary()

    def get(self) -> T:
        """The running loop's (only from a coroutine or a callback of that loop)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            value = self._by_loop.get(loop)
            if value is None:
                value = self._by_loop[loop] = self._factory()
            return value

    def pop(self) -> T | None:
        """The running loop's, if it made one, forgotten here."""
        loop = asyncio.get_running_loop()
        with self._lock:
            return self._by_loop.pop(loop, None)

    def pop_all(self) -> list[T]:
        """Every loop's, forgotten here (from any thread)."""
        with self._lock:
            values = list(self._by_loop.values())
            self._by_loop = weakref.WeakKeyDictionary()
        return values
