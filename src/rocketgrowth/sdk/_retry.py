"""When to try a call again, and after how long.

Retried: connection errors, timeouts, 5xx and 429 (after ``Retry-After``, or ``rate_limit_backoff``
seconds, applied to the vendor's bucket as a cool-down). Never retried: a call marked not idempotent
(product create, inquiry reply). A create that may have reached the server becomes
``CreateOutcomeUnknownError``: reconcile through the summary by external SKU, never post it again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from rocketgrowth.sdk._base import Call, was_sent
from rocketgrowth.sdk.errors import (
    APIConnectionError,
    APIError,
    CreateOutcomeUnknownError,
    InternalServerError,
    RateLimitError,
)

__all__ = ("RetryPolicy", "cool_down_for", "outcome_error")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``max_retries`` tries after the first; exponential backoff from ``backoff`` up to ``max_backoff``."""

    max_retries: int = 2
    backoff: float = 0.5
    max_backoff: float = 8.0
    #: wait after a 429 that carries no Retry-After (the gateway documents none: back off ≥ 5 s)
    rate_limit_backoff: float = 5.0
    jitter: float = 0.1

    def delay(self, call: Call[Any], error: APIError, attempt: int) -> float | None:
        """Seconds to wait before try ``attempt + 1``, or ``None`` to give up and raise ``error``."""
        if not call.idempotent or attempt >= self.max_retries:
            return None
        if isinstance(error, RateLimitError):
            return 0.0  # the bucket's cool-down does the waiting
        if not isinstance(error, APIConnectionError | InternalServerError):
            return None
        base = min(self.max_backoff, self.backoff * 2.0**attempt)
        return base * (1 + random.uniform(0, self.jitter))


def cool_down_for(error: APIError, policy: RetryPolicy) -> float | None:
    """How long the vendor's bucket must rest after ``error`` (``None`` if it need not)."""
    if isinstance(error, RateLimitError):
        return error.retry_after if error.retry_after is not None else policy.rate_limit_backoff
    return None


def outcome_error(call: Call[Any], error: APIError) -> APIError:
    """The error to raise for a failed call: a create that may have landed becomes ``CreateOutcomeUnknownError``."""
    if call.creates is None:
        return error
    unsent = isinstance(error, APIConnectionError) and not was_sent(error)
    if unsent or not isinstance(error, APIConnectionError | InternalServerError):
        return error
    return CreateOutcomeUnknownError(error, external_vendor_skus=call.creates)
