"""Client-side pacing: a token bucket per vendor, shared by every client of that vendor in the process.

``reserve()`` takes a token and says how long to wait before sending (the caller sleeps, sync or async);
``cool_down(seconds)`` holds every call of the vendor back after a 429.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ("DEFAULT_RATE", "DEFAULT_ROCKET_GROWTH_RATE", "RateLimiter", "shared_limiter")

#: calls per second and per vendor: under the gateway's 5/s (and 10/s) limits
DEFAULT_RATE = 4.0
#: the Rocket Growth Open API family's calls per second and vendor: its limit, 50 a minute
DEFAULT_ROCKET_GROWTH_RATE = 50 / 60


class RateLimiter:
    """``rate`` calls per second with bursts of ``burst`` (default 1: evenly spaced); ``rate=None`` paces
    nothing but still honours cool-downs."""

    def __init__(
        self, rate: float | None = DEFAULT_RATE, *, burst: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate is not None and rate <= 0:
            raise ValueError("rate must be positive (or None for no pacing)")
        self.rate = rate
        self.burst = max(1.0, burst)
        self._clock = clock
        self._next = 0.0  # the theoretical time of the next call (GCRA)
        self._blocked_until = 0.0
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take a slot; the seconds to wait before sending (0 when one is free now)."""
        with self._lock:
            now = self._clock()
            start = max(now, self._blocked_until)
            if self.rate is None:
                return start - now
            interval = 1.0 / self.rate
            slot = max(self._next, start)
            self._next = slot + interval
            return max(0.0, slot - (self.burst - 1.0) * interval - now, start - now)

    def cool_down(self, seconds: float) -> None:
        """Send nothing of this vendor for ``seconds`` from now (after a 429)."""
        with self._lock:
            self._blocked_until = max(self._blocked_until, self._clock() + seconds)


_SHARED: dict[tuple[str, float | None], RateLimiter] = {}
_SHARED_LOCK = threading.Lock()


def shared_limiter(vendor_id: str, rate: float | None) -> RateLimiter:
    """The process-wide limiter of ``vendor_id`` at ``rate`` (clients of one vendor share it)."""
    with _SHARED_LOCK:
        limiter = _SHARED.get((vendor_id, rate))
        if limiter is None:
            limiter = _SHARED[(vendor_id, rate)] = RateLimiter(rate)
        return limiter
