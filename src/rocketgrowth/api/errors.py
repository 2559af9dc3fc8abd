"""The one place where errors become HTTP responses (status + the gateway's or the API's body).

Every ``rocketgrowth.errors.Error`` is found by walking its MRO in ``STATUS``; request validation
errors (bad JSON, wrong types) become HTTP 400 with a message that names the field; anything else
is logged and answered 500 in the same envelope, without internals.

The ``openapi`` gateway family (CS inquiries, category recommendation: paths under
``/v2/providers/openapi/``) answers business errors with a numeric code, ``{"code":400,"message":…}``;
so does the Rocket Growth Open API family (``/v2/providers/rg_open_api/``); gateway errors (401, 403,
429) keep the gateway's body in every family.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import UTC
from email.utils import format_datetime
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from rocketgrowth import errors
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.wire.validation import describe_validation_errors

__all__ = ("BODY_UNREADABLE", "NOT_AUTHORIZED", "NUMERIC_CODE_PATHS", "STATUS", "error_response", "install")

log = logging.getLogger("rocketgrowth.api")

NOT_AUTHORIZED = "Request is not authorized."
#: sent with "Specified signature is expired.": the time the signature was checked against
SERVER_TIME_HEADER = "X-Sandbox-Date"

#: path prefixes of the gateway families whose error body is ``{"code":<HTTP status>,"message":…}``
NUMERIC_CODE_PATHS = ("/v2/providers/openapi/", "/v2/providers/rg_open_api/")

STATUS: Mapping[type[errors.Error], int] = {
    errors.Error: 400,
    errors.Invalid: 400,
    errors.PathNotFound: 404,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.RateLimited: 429,
}


def _status_of(exc: errors.Error) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def _numeric_code(request: Request) -> bool:
    return request.url.path.startswith(NUMERIC_CODE_PATHS)


def error_response(exc: errors.Error, *, numeric_code: bool = False) -> JsonResponse:
    """The wire form of any API error; ``numeric_code`` for the ``openapi`` family's envelope."""
    status = _status_of(exc)
    headers: dict[str, str] = {}
    body: dict[str, Any]
    if isinstance(exc, errors.GatewayError):
        body = {"code": "ERROR", "message": exc.message, "transactionId": str(uuid.uuid4())}
        if exc.message == NOT_AUTHORIZED:
            body["messages"] = {
                "korean": "미인증된 요청은 허용되지 않습니다. 인증 정보를 확인해주세요.",
                "english": "Unauthorized request is denied. Please check the authentication information.",
            }
        if isinstance(exc, errors.Unauthorized) and exc.server_time is not None:
            # the gateway's own time (sandbox clock), so a client can correct its skew and sign again
            headers[SERVER_TIME_HEADER] = format_datetime(exc.server_time.replace(tzinfo=UTC), usegmt=True)
        if isinstance(exc, errors.RateLimited):
            headers["Retry-After"] = str(max(1, round(exc.retry_after)))
    elif numeric_code:
        body = {"code": status, "message": exc.message}
    else:
        body = {"code": "ERROR", "message": exc.message, "data": None}
    return JsonResponse(body, status_code=status, headers=headers)


async def _on_error(request: Request, exc: Exception) -> JsonResponse:
    assert isinstance(exc, errors.Error)
    return error_response(exc, numeric_code=_numeric_code(request))


async def _on_validation_error(request: Request, exc: Exception) -> JsonResponse:
    assert isinstance(exc, RequestValidationError)
    document = exc.body if isinstance(exc.body, str) else None
    invalid = errors.Invalid(describe_validation_errors(exc.errors(), document))
    return error_response(invalid, numeric_code=_numeric_code(request))


#: FastAPI's detail when a JSON body fails to parse for another reason than its syntax
_FASTAPI_BODY_ERROR = "There was an error parsing the body"
BODY_UNREADABLE = (
    "입력값에 오류가 있습니다. 요청 본문을 JSON으로 읽을 수 없습니다 (UTF-8이 아닌 바이트, 또는 4300자리를 넘는 숫자)."
)


async def _on_http_error(request: Request, exc: Exception) -> JsonResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == _FASTAPI_BODY_ERROR:
        return error_response(errors.Invalid(BODY_UNREADABLE, field="body"), numeric_code=_numeric_code(request))
    if exc.status_code == 404:
        return error_response(errors.PathNotFound("Not Found"), numeric_code=_numeric_code(request))
    if exc.status_code == 405:
        return JsonResponse({"code": "ERROR", "message": "Method Not Allowed", "data": None}, status_code=405)
    # the status's own phrase: a framework's detail text is not the API's message
    return JsonResponse(
        {"code": "ERROR", "message": _phrase(exc.status_code), "data": None}, status_code=exc.status_code
    )


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


async def _on_unexpected(_request: Request, exc: Exception) -> JsonResponse:
    log.exception("unexpected error", exc_info=exc)
    # Starlette re-raises after this response and uvicorn then drops the connection: without
    # "Connection: close" a keep-alive client would send its next request into a reset socket
    return JsonResponse(
        {"code": "ERROR", "message": "시스템이 불안정합니다. 잠시 후 다시 시도해 주세요.", "data": None},
        status_code=500,
        headers={"Connection": "close"},
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.Error, _on_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)
