"""The single error hierarchy of the server and of the domain rules (no HTTP in it).

The wire mapping (status code, body) lives in one place: ``rocketgrowth.api.errors``.

* Error                      any rule the API enforces; ``message`` is what the wire says
  + Invalid                  a rejected request: HTTP 400 ``{"code":"ERROR","message":…,"data":null}``
    + NotFound               the id does not exist (or belongs to another vendor)
    + InvalidTransition      the product's status does not allow the operation
    + ConsentRequired        Rocket Growth terms not agreed in WING
    + Conflict               another write holds the product; try again
  + PathNotFound             wrong vendorId in a path, unknown route: HTTP 404
  + GatewayError             raised by the gateway layer, before the seller API is reached
    + Unauthorized           HTTP 401 with the gateway's texts
    + Forbidden              HTTP 403
    + RateLimited            HTTP 429 ``Too Many Requests``
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

__all__ = (
    "Conflict",
    "ConsentRequired",
    "Error",
    "Forbidden",
    "GatewayError",
    "Invalid",
    "InvalidTransition",
    "NotFound",
    "PathNotFound",
    "RateLimited",
    "Unauthorized",
)


class Error(Exception):
    """Base of every error the API reports; ``message`` is sent as is."""

    code: ClassVar[str] = "ERROR"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Invalid(Error):
    """The request breaks a rule: nothing was changed."""


class NotFound(Invalid):
    """The product, option, category or inquiry does not exist for this vendor."""


class InvalidTransition(Invalid):
    """The product's current status does not allow this operation."""


class ConsentRequired(Invalid):
    """The vendor has not agreed to the Rocket Growth product API & inspection terms."""


class Conflict(Invalid):
    """The product is being changed by another request."""


class PathNotFound(Error):
    """A path that names a vendor other than the caller, or no route at all."""


class GatewayError(Error):
    """Raised before the seller API: authentication, allow-list, rate limit."""


class Unauthorized(GatewayError):
    """Missing, malformed, expired or wrong signature; ``server_time`` (naive UTC) on an expired one."""

    def __init__(self, message: str, *, server_time: datetime | None = None) -> None:
        super().__init__(message)
        self.server_time = server_time


class Forbidden(GatewayError):
    """Authenticated, but not allowed (for example the operator API without its token)."""


class RateLimited(GatewayError):
    """The vendor went over its calls per second."""

    def __init__(self, message: str = "Too Many Requests", *, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
