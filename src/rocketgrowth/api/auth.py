"""CEA HMAC verification, as the gateway does it: signed-date + method + path + raw query, ±5 min."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime

from rocketgrowth import signing
from rocketgrowth.api.errors import NOT_AUTHORIZED
from rocketgrowth.errors import Unauthorized

__all__ = ("EXPIRED", "INVALID_FORMAT", "INVALID_SIGNATURE", "UNKNOWN_KEY", "check_signature", "parse_header")

INVALID_SIGNATURE = "Invalid signature."
EXPIRED = "Specified signature is expired."
INVALID_FORMAT = "HMAC format is invalid."
UNKNOWN_KEY = "Unknown error occurred, please contact api-gateway channel for the details."


def parse_header(value: str | None) -> signing.Credentials:
    """The parts of the Authorization header, or the gateway's 401."""
    if not value or not value.startswith("CEA"):
        raise Unauthorized(NOT_AUTHORIZED)
    credentials = signing.parse_authorization(value)
    if credentials is None or credentials.algorithm != signing.ALGORITHM:
        raise Unauthorized(INVALID_FORMAT)
    return credentials


def check_signature(
    credentials: signing.Credentials, secret_key: str, method: str, path: str, query: str, now: datetime
) -> None:
    """Raise the gateway's 401 unless the signature is fresh and right; ``now`` is naive UTC."""
    try:
        signed_at = signing.parse_signed_date(credentials.signed_date).replace(tzinfo=None)
    except ValueError:
        raise Unauthorized(INVALID_FORMAT) from None
    if abs((now - signed_at).total_seconds()) > signing.MAX_SKEW_SECONDS:
        raise Unauthorized(EXPIRED, server_time=now)
    expected = signing.signature(secret_key, credentials.signed_date, method, path, query)
    if not hmac.compare_digest(expected, credentials.signature.lower()):
        raise Unauthorized(INVALID_SIGNATURE)


def utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)
