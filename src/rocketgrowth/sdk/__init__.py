"""The rocketgrowth client: ``Client`` / ``AsyncClient`` over httpx, typed models, one error hierarchy.

Importing it loads httpx and pydantic only (never the server's dependencies)::

    from rocketgrowth.sdk import Client
    with Client() as client:                     # COUPANG_ACCESS_KEY, COUPANG_SECRET_KEY, COUPANG_VENDOR_ID
        for row in client.products.list(business_types="rocketGrowth"):
            print(row.seller_product_id, row.status)
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
    CreateOutcomeUnknown,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from rocketgrowth.sdk.pagination import AsyncPage, Page

__all__ = (
    "DEFAULT_RATE",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncPage",
    "AuthenticationError",
    "BadRequestError",
    "BusinessError",
    "Client",
    "CreateOutcomeUnknown",
    "InternalServerError",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimiter",
    "RetryPolicy",
)
