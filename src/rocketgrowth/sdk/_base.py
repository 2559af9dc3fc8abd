"""The pure half of the SDK (no I/O): configuration, query encoding, request building,
envelope parsing and the one mapping from an HTTP answer to an error class, with hints."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx

from rocketgrowth.sdk.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BusinessError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from rocketgrowth.wire.envelope import Envelope

__all__ = (
    "DEFAULT_BASE_URL",
    "Call",
    "ClientConfig",
    "build_request",
    "connection_error",
    "encode_query",
    "make_status_error",
    "parse_response",
)

T = TypeVar("T")

DEFAULT_BASE_URL = "https://api-gateway.coupang.com"
USER_AGENT = "rocketgrowth-python/0.1.0"
CONTENT_TYPE = "application/json;charset=UTF-8"


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """What both clients need, resolved from arguments then ``COUPANG_*`` environment variables."""

    access_key: str
    secret_key: str
    vendor_id: str
    base_url: str
    extended_timeout_ms: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def resolve(
        cls,
        *,
        access_key: str | None,
        secret_key: str | None,
        vendor_id: str | None,
        base_url: str | None,
        fallback_base_url: str | None = None,
        extended_timeout_ms: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ClientConfig:
        def pick(value: str | None, env: str) -> str:
            found = value or os.environ.get(env, "")
            if not found:
                raise ValueError(f"{env.removeprefix('COUPANG_').lower()} is required (argument or ${env})")
            return found

        url = base_url or os.environ.get("COUPANG_BASE_URL") or fallback_base_url or DEFAULT_BASE_URL
        return cls(
            access_key=pick(access_key, "COUPANG_ACCESS_KEY"),
            secret_key=pick(secret_key, "COUPANG_SECRET_KEY"),
            vendor_id=pick(vendor_id, "COUPANG_VENDOR_ID"),
            base_url=url.rstrip("/"),
            extended_timeout_ms=extended_timeout_ms,
            headers=dict(headers or {}),
        )

    def default_headers(self) -> dict[str, str]:
        headers = {"Content-Type": CONTENT_TYPE, "User-Agent": USER_AGENT, "X-Requested-By": self.vendor_id}
        if self.extended_timeout_ms:
            headers["X-EXTENDED-TIMEOUT"] = str(self.extended_timeout_ms)
        headers.update(self.headers)
        return headers


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One operation, ready to send: method, path, query, body, how to read the answer, and whether
    it may be retried (``idempotent``). ``creates`` marks a product create (its SKUs for reconciling)."""

    method: str
    path: str
    parse: Callable[[Envelope], T]
    params: Mapping[str, Any] = field(default_factory=dict)
    body: Any = None
    idempotent: bool = True
    creates: tuple[str, ...] | None = None

    @property
    def query(self) -> str:
        return encode_query(self.params)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def encode_query(params: Mapping[str, Any]) -> str:
    """The query string, built once: every byte outside ``A-Z a-z 0-9 - . _ ~`` percent-encoded (UTF-8),
    ``None`` skipped, lists repeated. The same string is sent and signed."""
    parts: list[str] = []
    for key, value in params.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item is not None:
                parts.append(f"{quote(key, safe='')}={quote(_text(item), safe='')}")
    return "&".join(parts)


def build_request(
    http: httpx.Client | httpx.AsyncClient, config: ClientConfig, call: Call[Any], timeout: httpx.Timeout
) -> httpx.Request:
    query = call.query
    url = httpx.URL(config.base_url + call.path + (f"?{query}" if query else ""))
    content = None if call.body is None else json.dumps(call.body, ensure_ascii=False).encode()
    return http.build_request(call.method, url, content=content, headers=config.default_headers(), timeout=timeout)


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _html_message(text: str) -> str:
    title = re.search(r"<title>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        return title.group(1).strip()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()[:200]


_STATUS_ERRORS: Mapping[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}

_MESSAGE_HINTS: tuple[tuple[str, str], ...] = (
    ("Invalid signature", "sign the exact path and encoded query sent, with the secret key of this access key"),
    ("signature is expired", "clock skew: the signed-date must be within 5 minutes of UTC; sync the clock (NTP)"),
    ("HMAC format is invalid", "Authorization must read 'CEA algorithm=HmacSHA256, access-key=…, signed-date=…, …'"),
    ("Request is not authorized", "the Authorization header is missing or unreadable"),
    ("Unknown error occurred", "unknown access key: check the key pair issued in WING (keys expire after 180 days)"),
    ("Not allowed IP", "register this machine's public IP for the OPEN API key in WING; changes take up to 30 min"),
    ("Access Denied", "temporary block after too many calls or errors: stop calling for about 10 minutes"),
    ("java.lang.NullPointerException", "usually a misspelled field name in the payload (e.g. marketplaceItemData)"),
    ("Object text must begin with", "wrong or not yet issued vendorItemId (options get one only after approval)"),
    ("[vendoritemid ", "wrong or not yet issued vendorItemId (options get one only after approval)"),
    ("로켓그로스 입고 불가 조건", 'rocketGrowthAdditionalInformation.legalAgreement must be the string "AGREE"'),
    (
        "로켓상품 관련 기능을 제공하지 않습니다",
        "Rocket Growth products enter review through update/edit with requested=true",
    ),
    ("입력값에 오류가 있습니다. line", "the body is not valid JSON at that line"),
    ("등록 또는 수정되고 있습니다", "the product is being processed: retry in about 10 minutes"),
)
_STATUS_HINTS: Mapping[int, str] = {
    404: "wrong URI, or a vendorId in the path that is not yours (repeated 404s get the caller blocked)",
    429: "over the vendor's calls per second: pace at 4/s or less and back off",
}


def hint_for(status: int, message: str, request: httpx.Request | None) -> str | None:
    """A known trap behind this answer, in one line, or ``None``."""
    for needle, hint in _MESSAGE_HINTS:
        if needle in message:
            return hint
    if request is not None and b'"marketPlaceItemData"' in request.content:
        return "write marketplaceItemData (lower-case p) in requests; marketPlaceItemData is how lists spell it"
    return _STATUS_HINTS.get(status)


def make_status_error(response: httpx.Response, body: Any, *, envelope: Envelope | None = None) -> APIStatusError:
    """The error for an error answer: one class per status, or ``BusinessError`` for a 2xx whose
    (unwrapped) ``envelope`` says ``ERROR``."""
    business = envelope is not None
    if envelope is not None:
        message = envelope.message or str(envelope.code)
        code = envelope.code
    elif isinstance(body, dict):
        message = str(body.get("message") or body.get("code") or response.reason_phrase)
        code = None if body.get("code") is None else str(body["code"])
    else:
        message = _html_message(str(body)) or response.reason_phrase
        code = None
    if business:
        cls: type[APIStatusError] = BusinessError
    elif response.status_code >= 500:
        cls = InternalServerError
    else:
        cls = _STATUS_ERRORS.get(response.status_code, APIStatusError)
    hint = hint_for(
        response.status_code, message if business or isinstance(body, dict) else str(body), response.request
    )
    return cls(message, response=response, body=body, code=code, hint=hint)


def parse_response(response: httpx.Response, call: Call[T]) -> T:
    """Success = 2xx and a success ``code`` (or none); anything else raises the mapped error."""
    body = _body(response)
    if not response.is_success:
        raise make_status_error(response, body)
    envelope = Envelope.parse(body)
    if not envelope.ok:
        raise make_status_error(response, body, envelope=envelope)
    try:
        return call.parse(envelope)
    except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
        message = f"unexpected response data: {exc}"
        raise APIResponseValidationError(message, response=response, body=body, code=envelope.code) from exc


def connection_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    """The SDK error for a transport failure (``__cause__`` is the httpx exception)."""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    error = cls(f"{'request timed out' if cls is APITimeoutError else 'connection error'}: {exc!r}", request=request)
    error.__cause__ = exc
    return error


def was_sent(exc: APIConnectionError) -> bool:
    """False when the request surely never left (connect failed, no pooled connection)."""
    cause = exc.__cause__
    return not isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
