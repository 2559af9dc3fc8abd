"""Per-vendor rate limits: a token bucket in process, or a fixed window in Redis.

A limit is ``rate`` calls per ``period`` seconds: the product family's is per second, the Rocket Growth
family's (``rg_open_api``) per minute, each with its own counters (``name``).
With several workers the limit must be shared, so ``create_limiter`` picks Redis when a URL is set.
A check is awaited on the server's event loop: Redis is asked through ``redis.asyncio``, with a client
per event loop (its connections wait on the loop that opened them), never through the thread pool.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Protocol

from rocketgrowth.aio import PerLoop
from rocketgrowth.errors import RateLimited

__all__ = ("Limiter", "MemoryLimiter", "NoLimiter", "RedisLimiter", "create_limiter")


class Limiter(Protocol):
    async def check(self, vendor_id: str) -> None:
        """Raise ``RateLimited`` when ``vendor_id`` is over its calls per period."""

    async def aclose(self) -> None:
        """Close what the running event loop holds (a worker's shutdown)."""


class NoLimiter:
    async def check(self, vendor_id: str) -> None:
        return None

    async def aclose(self) -> None:
        return None


class MemoryLimiter:
    """Token bucket per vendor: ``rate`` tokens per ``period`` seconds, bursts up to ``rate``."""

    def __init__(self, rate: float, period: float = 1.0) -> None:
        self.rate = rate / period
        self.capacity = max(1.0, rate)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    async def check(self, vendor_id: str) -> None:
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(vendor_id, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
            if tokens < 1.0:
                self._buckets[vendor_id] = (tokens, now)
                raise RateLimited(retry_after=(1.0 - tokens) / self.rate)
            self._buckets[vendor_id] = (tokens - 1.0, now)

    async def aclose(self) -> None:
        return None


class RedisLimiter:
    """A window per vendor and period, counted in Redis: exact across workers and machines."""

    def __init__(self, url: str, rate: float, period: float = 1.0, name: str = "rl") -> None:
        self.url = url
        self.rate = rate
        self.limit = max(1, int(rate))
        self.period = period
        self.name = name
        self._clients: PerLoop[Any] = PerLoop(self._connect)

    def _connect(self) -> Any:
        from redis import asyncio as aioredis

        return aioredis.Redis.from_url(self.url)

    async def check(self, vendor_id: str) -> None:
        window = int(time.time() // self.period)
        key = f"rocketgrowth:{self.name}:{vendor_id}:{window}"
        async with self._clients.get().pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, max(2, int(2 * self.period)))
            count = int((await pipe.execute())[0])
        if count > self.limit:
            raise RateLimited(retry_after=(window + 1) * self.period - time.time())

    async def aclose(self) -> None:
        """Close the running loop's Redis client and its connections (the next check opens a new one)."""
        client = self._clients.pop()
        if client is not None:
            await client.aclose()


def create_limiter(rate: float, redis_url: str = "", *, period: float = 1.0, name: str = "rl") -> Limiter:
    """``rate`` calls per ``period`` seconds and vendor (0: no limit); ``name`` keeps its Redis counters apart."""
    if rate <= 0:
        return NoLimiter()
    if redis_url:
        return RedisLimiter(redis_url, rate, period, name)
    return MemoryLimiter(rate, period)
