"""The SDK's errors: one hierarchy, one class per HTTP status and per business failure.

* APIError                       anything this SDK raises about a call; ``message``, ``request``, ``hint``
  + APIStatusError               the gateway answered with an error (``status_code``, ``code``, ``body``, ``response``)
    + BadRequestError            400: a rejected parameter or payload (the API's Korean message)
    + AuthenticationError        401: signature, clock skew, unknown key
    + PermissionDeniedError      403: IP not on the allow-list, or a temporary block (Akamai HTML page)
    + NotFoundError              404: wrong URI, or a vendorId in the path that is not yours
    + RateLimitError             429: over the vendor's calls per second (``retry_after``)
    + InternalServerError        5xx
    + BusinessError              HTTP 2xx whose envelope says ``code: ERROR``
    + APIResponseValidationError HTTP 2xx whose ``data`` does not fit the model (``raw`` body kept)
  + APIConnectionError           no answer: DNS, connect, read, protocol
    + APITimeoutError            the call timed out
  + CreateOutcomeUnknownError         a product create may or may not have happened: reconcile, never re-post
"""

from __future__ import annotations

from typing import Any, ClassVar

import httpx

__all__ = (
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BusinessError",
    "CreateOutcomeUnknownError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
)


class APIError(Exception):
    """Base of the SDK's errors: the message, the request it concerns, and a hint when a known trap applies."""

    def __init__(self, message: str, *, request: httpx.Request | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


class APIStatusError(APIError):
    """The gateway or the API answered with an error status (or a 2xx envelope saying ``ERROR``)."""

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        code: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, request=response.request, hint=hint)
        self.status_code = response.status_code
        self.response = response
        self.body = body
        self.code = code

    def __str__(self) -> str:
        return f"HTTP {self.status_code}: {super().__str__()}"


class BadRequestError(APIStatusError):
    """HTTP 400: the API rejected a parameter or the payload."""


class AuthenticationError(APIStatusError):
    """HTTP 401: bad or expired signature, malformed header, unknown access key."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403: IP not on the allow-list, or a temporary block after many errors."""


class NotFoundError(APIStatusError):
    """HTTP 404: wrong URI, or a vendorId in the path that is not the caller's."""


class RateLimitError(APIStatusError):
    """HTTP 429: over the vendor's limit; ``retry_after`` is the server's ``Retry-After`` in seconds."""

    def __init__(self, message: str, *, response: httpx.Response, body: Any, **kwargs: Any) -> None:
        super().__init__(message, response=response, body=body, **kwargs)
        self.retry_after = _retry_after_seconds(response)


class InternalServerError(APIStatusError):
    """HTTP 5xx: the gateway or the API failed (also a timeout of the gateway, 504)."""


class BusinessError(APIStatusError):
    """HTTP 2xx whose envelope ``code`` is not a success code: the operation was refused."""


class APIResponseValidationError(APIStatusError):
    """HTTP 2xx and a success code, but ``data`` does not have the documented shape (see ``body``)."""


class APIConnectionError(APIError):
    """No HTTP answer: DNS, connection, read or protocol failure."""


class APITimeoutError(APIConnectionError):
    """The call did not complete in time."""


class CreateOutcomeUnknownError(APIError):
    """A product create timed out or failed after it was sent: it may exist now.

    Never post it again blindly: look it up with ``client.products.reconcile_create(external_vendor_sku)``
    (on the real gateway, a minute or more later). ``cause`` is the underlying error.
    """

    hint_text: ClassVar[str] = "the product may have been created: call products.reconcile_create(externalVendorSku)"

    def __init__(self, cause: APIError, *, external_vendor_skus: tuple[str, ...] = ()) -> None:
        super().__init__(f"product create outcome unknown: {cause.message}", request=cause.request, hint=self.hint_text)
        self.cause = cause
        self.external_vendor_skus = external_vendor_skus


def _retry_after_seconds(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (delta form only), or ``None``."""
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
