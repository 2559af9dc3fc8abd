"""CEA HMAC-SHA256 request signing, shared by the server (verify) and the SDK (sign).

message   = signed-date + METHOD + path + query   (query: the raw query string as sent, no "?")
signature = hex(HMAC-SHA256(secretKey, message))
header    = "CEA algorithm=HmacSHA256, access-key=…, signed-date=yyMMddTHHmmssZ, signature=…"
The body is not signed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = (
    "ALGORITHM",
    "MAX_SKEW_SECONDS",
    "Credentials",
    "authorization_header",
    "format_signed_date",
    "parse_authorization",
    "parse_signed_date",
    "signature",
)

ALGORITHM = "HmacSHA256"
MAX_SKEW_SECONDS = 300
_DATE_FORMAT = "%y%m%dT%H%M%SZ"
_SIGNED_DATE = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z\Z")
_HEADER = re.compile(
    r"^CEA algorithm=(?P<algorithm>[^,\s]+), access-key=(?P<access_key>[^,\s]+), "
    r"signed-date=(?P<signed_date>[^,\s]+), signature=(?P<signature>[0-9a-fA-F]+)$"
)


@dataclass(frozen=True, slots=True)
class Credentials:
    """The parsed parts of an ``Authorization: CEA …`` header."""

    algorithm: str
    access_key: str
    signed_date: str
    signature: str


def format_signed_date(moment: datetime) -> str:
    """``yyMMdd'T'HHmmss'Z'`` in UTC, e.g. ``251120T113608Z``."""
    return moment.astimezone(UTC).strftime(_DATE_FORMAT)


def parse_signed_date(text: str) -> datetime:
    """Inverse of :func:`format_signed_date`; raises ``ValueError`` when malformed.

    What ``strptime`` accepts, read by hand when it is the form signers send (twelve ASCII digits:
    ``strptime`` costs a fifth of a product query), else by ``strptime`` itself (which also takes
    one-digit fields). Two-digit years as ``strptime`` reads them: 69–99 are 1969–1999."""
    match = _SIGNED_DATE.match(text)
    if match is None:
        return datetime.strptime(text, _DATE_FORMAT).replace(tzinfo=UTC)
    year, month, day, hour, minute, second = map(int, match.groups())
    return datetime(year + (1900 if year >= 69 else 2000), month, day, hour, minute, second, tzinfo=UTC)


def signature(secret_key: str, signed_date: str, method: str, path: str, query: str) -> str:
    """Lower-case hex HMAC-SHA256 of ``signed_date + METHOD + path + query``."""
    message = f"{signed_date}{method.upper()}{path}{query}"
    return hmac.new(secret_key.encode(), message.encode(), hashlib.sha256).hexdigest()


def authorization_header(
    access_key: str, secret_key: str, method: str, path: str, query: str = "", *, now: datetime | None = None
) -> str:
    """The full ``Authorization`` header value for one request."""
    signed_date = format_signed_date(now or datetime.now(UTC))
    sig = signature(secret_key, signed_date, method, path, query)
    return f"CEA algorithm={ALGORITHM}, access-key={access_key}, signed-date={signed_date}, signature={sig}"


def parse_authorization(value: str) -> Credentials | None:
    """The header's parts, or ``None`` when it is not a well-formed CEA header."""
    match = _HEADER.match(value.strip())
    if match is None:
        return None
    return Credentials(**match.groupdict())
