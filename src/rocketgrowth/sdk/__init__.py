"""The rocketgrowth client: ``Client`` / ``AsyncClient`` over httpx, typed models, one error hierarchy.

Importing it loads httpx and pydantic only (never the server's dependencies)::

    from rocketgrowth.sdk import Client
    with Client() as client:                     # COUPANG_ACCESS_KEY, COUPANG_SECRET_KEY, COUPANG_VENDOR_ID
        for row in client.products.list(business_types="rocketGrowth"):
            print(row.seller_product_id, row.status)

    async with AsyncClient() as client:
        async for row in client.products.list():     # every page; `await client.products.list()`: the first
            ...

Calls are paced per vendor, shared by every client in the process (4 a second; ``rate_limit=None``
turns it off); ``client.with_options(timeout=5, max_retries=0)`` changes the options for some calls.
"""

from rocketgrowth.sdk._client import AsyncClient, Client
from rocketgrowth.sdk._ratelimit import DEFAULT_RATE, RateLimiter
from rocketgrowth.sdk._retry import RetryPolicy
from rocketgrowth.sdk.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BusinessError,
    CreateOutcomeUnknownError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from rocketgrowth.sdk.pagination import AsyncPage, AsyncPaginator, Page

__all__ = (
    "DEFAULT_RATE",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncPage",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "BusinessError",
    "Client",
    "CreateOutcomeUnknownError",
    "InternalServerError",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimiter",
    "RetryPolicy",
)
