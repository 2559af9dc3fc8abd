"""Customer inquiries: the CS API (``openapi`` gateway family) and the operator's side of it.

* ``GET  /v2/providers/openapi/apis/api/v5/vendors/{vendorId}/onlineInquiries``             list_inquiries
* ``GET  /v2/providers/openapi/apis/api/v4/vendors/{vendorId}/onlineInquiries``             (the same, on v4)
* ``POST /v2/providers/openapi/apis/api/v4/vendors/{vendorId}/onlineInquiries/{id}/replies`` reply_inquiry
* ``POST /sandbox/v1/inquiries``  a customer asks about an approved option                  add_inquiry
* ``GET  /sandbox/v1/inquiries``  the newest inquiries with their answers (console)         list_all_inquiries

The CS family answers ``{"code":200,"message":"OK",…}`` and its errors ``{"code":400,"message":…}``
(``api/errors.py`` picks that envelope from the path). Query parameters are read as strings and checked
by ``domain.inquiries`` (in ``operations.inquiries``), so every bad value gets the family's message
instead of a generic one.
"""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from rocketgrowth.api.calls import read, write
from rocketgrowth.api.deps import AdminDep, ServicesDep
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.signed import PathCallerDep, SignedRoute
from rocketgrowth.domain.inquiries import MAX_ID
from rocketgrowth.errors import Invalid
from rocketgrowth.operations import inquiries as ops

__all__ = ("operator_router", "router")

CS = "/v2/providers/openapi/apis/api"

#: the CS API (signed) and the operator's routes
router = APIRouter(default_response_class=JsonResponse, route_class=SignedRoute)
operator_router = APIRouter(default_response_class=JsonResponse)


def _json_error(raw: str, exc: json.JSONDecodeError) -> str:
    """Jackson's wording (the CS gateway is a Spring service) for what ``json.loads`` rejected."""
    if exc.pos < len(raw) and ord(raw[exc.pos]) < 0x20:
        return (
            f"Could not read JSON: Illegal unquoted character ((CTRL-CHAR, code {ord(raw[exc.pos])})): "
            "has to be escaped using backslash to be included in string value"
        )
    # (the json module's own words, exc.msg, are a library's: not sent)
    if exc.pos >= len(raw.rstrip()):
        return f"Could not read JSON: Unexpected end-of-input at line {exc.lineno}, column {exc.colno}"
    return f"Could not read JSON: Unexpected character at line {exc.lineno}, column {exc.colno}"


def _reject_constant(name: str) -> Any:
    raise Invalid(f"Could not read JSON: Non-standard token '{name}'")


async def _json_object(request: Request) -> dict[str, Any]:
    """The body as a JSON object, parsed strictly (raw control characters in strings are refused)."""
    body = await request.body()
    if not body.strip():
        raise Invalid("Required request body is missing")
    try:
        raw = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid(f"Could not read JSON: Invalid UTF-8 byte 0x{body[exc.start]:02x}") from None
    try:
        value = json.loads(raw, strict=True, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise Invalid(_json_error(raw, exc)) from None
    if not isinstance(value, dict):
        raise Invalid("Could not read JSON: the request body must be a JSON object")
    return value


JsonObjectDep = Annotated[dict[str, Any], Depends(_json_object)]

#: the answer body, for the OpenAPI document (the route reads the raw body itself)
_REPLY_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["content", "vendorId", "replyBy"],
                "properties": {
                    "content": {"type": "string", "description": "the answer; newlines escaped as \\n"},
                    "vendorId": {"type": "string"},
                    "replyBy": {"type": "string", "description": "WING user id of the responder"},
                },
            },
            "example": {"content": "안녕하세요\n입고 지연중입니다.", "vendorId": "A00010028", "replyBy": "wanger"},
        }
    },
}


# served on v5 and, exactly the same, on v4 (the English portal, Coupang's SDK and PyPI clients call v4)
@router.get(f"{CS}/v5/vendors/{{vendorId}}/onlineInquiries")
@router.get(f"{CS}/v4/vendors/{{vendorId}}/onlineInquiries")
async def list_inquiries(
    caller: PathCallerDep,
    vendor_id: Annotated[str | None, Query(alias="vendorId")] = None,
    answered_type: Annotated[str | None, Query(alias="answeredType")] = None,
    inquiry_start_at: Annotated[str | None, Query(alias="inquiryStartAt")] = None,
    inquiry_end_at: Annotated[str | None, Query(alias="inquiryEndAt")] = None,
    vendor_item_id: Annotated[str | None, Query(alias="vendorItemId")] = None,
    page_num: Annotated[str | None, Query(alias="pageNum")] = None,
    page_size: Annotated[str | None, Query(alias="pageSize")] = None,
) -> JsonResponse:
    """Product inquiries asked between two KST dates (at most 7 days apart), newest first."""
    data = await read(
        caller.services,
        ops.list_inquiries,
        caller.vendor,
        vendor_id=vendor_id,
        answered_type=answered_type,
        inquiry_start_at=inquiry_start_at,
        inquiry_end_at=inquiry_end_at,
        vendor_item_id=vendor_item_id,
        page_num=page_num,
        page_size=page_size,
    )
    return JsonResponse({"code": 200, "message": "OK", "data": data})


@router.post(
    f"{CS}/v4/vendors/{{vendorId}}/onlineInquiries/{{inquiryId}}/replies", openapi_extra={"requestBody": _REPLY_BODY}
)
async def reply_inquiry(
    caller: PathCallerDep,
    inquiry_id: Annotated[str, Path(alias="inquiryId")],
    body: JsonObjectDep,
) -> JsonResponse:
    """Answer an inquiry: once, for good (an answer can't be edited or deleted)."""
    await write(caller.services, ops.reply_inquiry, caller.vendor, inquiry_id, body, caller.now)
    return JsonResponse({"code": "200", "message": "OK"})


class InquiryCreate(BaseModel):
    """The operator's new customer inquiry; ``inquiryAt`` (KST) defaults to the sandbox time."""

    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True, extra="forbid")

    vendor_item_id: int = Field(ge=1, le=MAX_ID)
    content: str = Field(min_length=1)
    order_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = None
    inquiry_at: str | None = None


@operator_router.post("/sandbox/v1/inquiries")
def add_inquiry(_admin: AdminDep, body: InquiryCreate, services: ServicesDep) -> dict[str, Any]:
    """A customer asks a question about an approved option (``vendorItemId``)."""
    inquiry = ops.add_inquiry(
        services, body.vendor_item_id, body.content, order_ids=body.order_ids, inquiry_at=body.inquiry_at
    )
    return {"code": "SUCCESS", "message": "", "data": inquiry}


@operator_router.get("/sandbox/v1/inquiries")
def list_all_inquiries(
    _admin: AdminDep,
    services: ServicesDep,
    vendor_id: Annotated[str | None, Query(alias="vendorId")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """The newest inquiries, of one vendor or of all, with their answers and who wrote them."""
    return {"code": "SUCCESS", "message": "", "data": ops.list_all_inquiries(services, vendor_id, limit)}
