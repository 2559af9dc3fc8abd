"""Operator API (``/sandbox/v1``): Coupang's side of the sandbox. Thin: parse → operation → envelope.

Every route depends on ``AdminDep`` (bearer token when the server has one, else loopback only).

* ``POST /sandbox/v1/vendors``                                   create_vendor
* ``GET  /sandbox/v1/vendors``                                   list_vendors
* ``POST /sandbox/v1/vendors/{vendorId}/keys``                   issue_vendor_key
* ``PUT  /sandbox/v1/vendors/{vendorId}/consent``                set_vendor_consent
* ``GET  /sandbox/v1/reviews``                                   list_reviews
* ``POST /sandbox/v1/products/{sellerProductId}/review``         review_product
* ``POST /sandbox/v1/vendor-items/{sellerProductItemId}/inbound`` create_inbound
* ``PUT  /sandbox/v1/vendor-items/{sellerProductItemId}/inspection`` set_inbound_inspection
* ``GET  /sandbox/v1/rocket-growth-items``                       list_rocket_growth_items
* ``GET  /sandbox/v1/clock``, ``POST /sandbox/v1/clock/advance`` get_clock, advance_clock
* ``POST /sandbox/v1/reset``                                     reset_state
* ``GET  /sandbox/v1/state``, ``PUT /sandbox/v1/state``          export_state, import_state

Customer inquiries (``/sandbox/v1/inquiries``) live with the CS API in ``routes/inquiries.py``, Rocket
Growth orders (``/sandbox/v1/rocket-growth``) with the Rocket Growth Open API in ``routes/rocket_growth.py``.
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from rocketgrowth.api.deps import AdminDep, ServicesDep
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.domain.rocket_growth import MAX_INBOUND_QUANTITY
from rocketgrowth.operations import sandbox as ops

__all__ = ("PREFIX", "router")

PREFIX = "/sandbox/v1"
router = APIRouter(prefix=PREFIX, tags=["sandbox operator"], default_response_class=JsonResponse)


def ok(data: Any) -> dict[str, Any]:
    return {"code": "SUCCESS", "message": "", "data": data}


#: the shape of ``PUT /sandbox/v1/state`` (what ``GET /sandbox/v1/state`` returns as ``data``); the
#: operation checks every row against the tables itself, with messages that name the row and column
STATE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["tables"],
                    "properties": {
                        "format": {"type": "string", "enum": [ops.STATE_FORMAT]},
                        "version": {"type": "integer", "enum": [1]},
                        "exportedAt": {"type": "string"},
                        "clock": {"type": "object", "properties": {"offsetSeconds": {"type": "number", "minimum": 0}}},
                        "tables": {
                            "type": "object",
                            "description": "rows by table name: vendors, api_keys, products, vendor_items, "
                            "product_histories, inquiries, inquiry_replies (all required), categories (optional)",
                            "additionalProperties": {"type": "array", "items": {"type": "object"}},
                        },
                        "sequences": {
                            "type": "object",
                            "description": "the next id of each kind; sequences never move back",
                            "additionalProperties": {"type": "integer", "minimum": 1},
                        },
                    },
                }
            }
        },
    }
}


class _Body(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True, extra="forbid")


class VendorCreate(_Body):
    vendor_id: str = Field(min_length=1, max_length=20)
    name: str = Field(default="", max_length=200)
    consent: bool = False


class ConsentChange(_Body):
    consent: bool


class ReviewDecision(_Body):
    decision: Literal["APPROVE", "PARTIAL_APPROVE", "DENY"]
    positions: list[Annotated[int, Field(ge=0, le=10_000)]] | None = Field(default=None, max_length=1000)
    reason: str | None = Field(default=None, max_length=2000)


class Inbound(_Body):
    quantity: int = Field(ge=1, le=MAX_INBOUND_QUANTITY)


class InspectionResult(_Body):
    result: Literal["PASSED", "FAILED"]
    comment: str | None = Field(default=None, max_length=2000)
    #: units of the open inbound that pass (default: all of them); none for FAILED
    accepted_quantity: int | None = Field(default=None, ge=0, le=MAX_INBOUND_QUANTITY)


class ClockAdvance(_Body):
    seconds: float = Field(ge=0, le=ops.MAX_ADVANCE_SECONDS, allow_inf_nan=False)


class ResetOptions(_Body):
    keep_vendors: bool = False


# --- vendors ----------------------------------------------------------------------------------


@router.post("/vendors", summary="Create a vendor with an API key")
def create_vendor(_admin: AdminDep, body: VendorCreate, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.create_vendor(services, body.vendor_id, name=body.name, consent=body.consent))


@router.get("/vendors", summary="List vendors with their consent and access keys")
def list_vendors(_admin: AdminDep, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.list_vendors(services))


@router.post("/vendors/{vendorId}/keys", summary="Issue another API key")
def issue_vendor_key(_admin: AdminDep, vendorId: str, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.issue_vendor_key(services, vendorId))


@router.put("/vendors/{vendorId}/consent", summary="Give or withdraw the Rocket Growth consent")
def set_vendor_consent(_admin: AdminDep, vendorId: str, body: ConsentChange, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.set_vendor_consent(services, vendorId, body.consent))


# --- review -----------------------------------------------------------------------------------


@router.get("/reviews", summary="The review queue (승인대기중, 심사중) of every vendor")
def list_reviews(_admin: AdminDep, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.list_reviews(services))


@router.post("/products/{sellerProductId}/review", summary="Approve, partially approve or deny a product")
def review_product(
    _admin: AdminDep, sellerProductId: str, body: ReviewDecision, services: ServicesDep
) -> dict[str, Any]:
    return ok(
        ops.review_product(services, sellerProductId, body.decision, positions=body.positions, reason=body.reason)
    )


# --- Rocket Growth inbound and inspection -----------------------------------------------------


@router.post(
    "/vendor-items/{sellerProductItemId}/inbound", summary="Receive units into the open inbound (locks barcode/skuInfo)"
)
def create_inbound(_admin: AdminDep, sellerProductItemId: str, body: Inbound, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.create_inbound(services, sellerProductItemId, body.quantity))


@router.put("/vendor-items/{sellerProductItemId}/inspection", summary="Set the inspection result of an inbound")
def set_inbound_inspection(
    _admin: AdminDep, sellerProductItemId: str, body: InspectionResult, services: ServicesDep
) -> dict[str, Any]:
    return ok(
        ops.set_inbound_inspection(
            services, sellerProductItemId, body.result, body.comment, accepted_quantity=body.accepted_quantity
        )
    )


@router.get("/rocket-growth-items", summary="Rocket Growth options with their inbound state")
def list_rocket_growth_items(_admin: AdminDep, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.list_rocket_growth_items(services))


# --- clock ------------------------------------------------------------------------------------


@router.get("/clock", summary="Sandbox time (KST) and its offset from real time")
def get_clock(_admin: AdminDep, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.get_clock(services))


@router.post("/clock/advance", summary="Move sandbox time on; settles due delayed reviews")
def advance_clock(_admin: AdminDep, body: ClockAdvance, services: ServicesDep) -> dict[str, Any]:
    return ok(ops.advance_clock(services, body.seconds))


# --- state ------------------------------------------------------------------------------------


@router.post("/reset", summary="Erase products, inquiries and vendors (categories stay)")
def reset_state(
    _admin: AdminDep, services: ServicesDep, body: Annotated[ResetOptions | None, Body()] = None
) -> dict[str, Any]:
    return ok(ops.reset_state(services, keep_vendors=body.keep_vendors if body else False))


@router.get("/state", summary="Export the whole state as JSON")
def export_state(
    _admin: AdminDep, services: ServicesDep, categories: Annotated[bool, Query()] = False
) -> dict[str, Any]:
    return ok(ops.export_state(services, categories=categories))


@router.put("/state", summary="Replace the whole state from an export (atomic)", openapi_extra=STATE_BODY)
def import_state(_admin: AdminDep, services: ServicesDep, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    return ok(ops.import_state(services, body))
