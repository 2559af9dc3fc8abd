"""The Rocket Growth Open API (``rg_open_api`` gateway family) and the operator's orders behind it.

Seller API (signed; its own rate limit, calls per minute: ``api.signed``):

* ``GET …/vendors/{vendorId}/rg/inventory/summaries``  list_rocket_growth_inventories
* ``GET …/vendors/{vendorId}/rg/orders``               list_rocket_growth_orders
* ``GET …/vendors/{vendorId}/rg/order/{orderId}``      get_rocket_growth_order

The family answers ``{"code":200,"message":"SUCCESS","data":…,"nextToken":"…"}`` (``nextToken`` only
when another page follows) and its errors ``{"code":400,"message":…}`` (``api/errors.py`` picks that
envelope from the path). Query parameters are read as strings and checked by ``domain.rocket_growth``,
so every bad value gets a message naming it.

Operator (``/sandbox/v1/rocket-growth``, ``AdminDep``):

* ``POST /orders``                    create_rocket_growth_order
* ``GET  /orders``                    list_all_rocket_growth_orders
* ``POST /orders/{orderId}/ship``     ship_rocket_growth_order
* ``POST /orders/{orderId}/cancel``   cancel_rocket_growth_order
* ``POST /simulate``                  simulate_rocket_growth_orders
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from rocketgrowth.api.calls import read
from rocketgrowth.api.deps import AdminDep, ServicesDep
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.signed import PathCallerDep, SignedRoute
from rocketgrowth.domain import rocket_growth as rules
from rocketgrowth.operations import rocket_growth as ops

__all__ = ("BASE", "operator_router", "router")

BASE = "/v2/providers/rg_open_api/apis/api/v1/vendors/{vendorId}"

router = APIRouter(prefix=BASE, tags=["rocket growth"], default_response_class=JsonResponse, route_class=SignedRoute)
operator_router = APIRouter(
    prefix="/sandbox/v1/rocket-growth", tags=["sandbox operator"], default_response_class=JsonResponse
)


def _ok(data: Any, next_token: str | None = None) -> JsonResponse:
    """The family's envelope: numeric ``code``, ``nextToken`` only when another page follows."""
    body: dict[str, Any] = {"code": 200, "message": "SUCCESS", "data": data}
    if next_token:
        body["nextToken"] = next_token
    return JsonResponse(body)


@router.get("/rg/inventory/summaries", summary="Orderable units and 30-day sales per Rocket Growth option")
async def list_rocket_growth_inventories(
    caller: PathCallerDep,
    vendor_item_id: Annotated[str | None, Query(alias="vendorItemId")] = None,
    next_token: Annotated[str | None, Query(alias="nextToken")] = None,
) -> JsonResponse:
    rows, token = await read(
        caller.services, ops.list_rocket_growth_inventories, caller.vendor_id, caller.now,
        vendor_item_id=vendor_item_id, next_token=next_token,
    )  # fmt: skip
    return _ok(rows, token)


@router.get("/rg/orders", summary="Shipped Rocket Growth orders paid in [paidDateFrom, paidDateTo) (KST days)")
async def list_rocket_growth_orders(
    caller: PathCallerDep,
    paid_date_from: Annotated[str | None, Query(alias="paidDateFrom", description="yyyyMMdd, KST")] = None,
    paid_date_to: Annotated[str | None, Query(alias="paidDateTo", description="yyyyMMdd, KST, exclusive")] = None,
    next_token: Annotated[str | None, Query(alias="nextToken")] = None,
) -> JsonResponse:
    rows, token = await read(
        caller.services, ops.list_rocket_growth_orders, caller.vendor_id,
        paid_date_from=paid_date_from, paid_date_to=paid_date_to, next_token=next_token,
    )  # fmt: skip
    return _ok(rows, token)


@router.get("/rg/order/{orderId}", summary="One Rocket Growth order")
async def get_rocket_growth_order(
    caller: PathCallerDep, order_id: Annotated[str, Path(alias="orderId")]
) -> JsonResponse:
    return _ok(await read(caller.services, ops.get_rocket_growth_order, caller.vendor_id, order_id))


# --- operator ---------------------------------------------------------------------------------


class _Body(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True, extra="forbid")


class OrderItemBody(_Body):
    vendor_item_id: int = Field(ge=1, le=2**63 - 1)
    quantity: int = Field(ge=1, le=rules.MAX_ORDER_QUANTITY)


class OrderCreate(_Body):
    vendor_id: str = Field(min_length=1, max_length=20)
    items: list[OrderItemBody] = Field(min_length=1, max_length=100)
    #: KST ``yyyy-MM-ddTHH:mm:ss``; default sandbox now
    paid_at: str | None = Field(default=None, max_length=19)
    shipped: bool = True


class Simulation(_Body):
    vendor_id: str = Field(min_length=1, max_length=20)
    days: int = Field(ge=1, le=rules.MAX_SIMULATION_DAYS)
    orders_per_day: int = Field(ge=1, le=rules.MAX_SIMULATION_ORDERS_PER_DAY)
    seed: int = Field(default=0, ge=0, le=2**63 - 1)


def _ok_operator(data: Any) -> dict[str, Any]:
    return {"code": "SUCCESS", "message": "", "data": data}


@operator_router.post("/orders", summary="A customer orders Rocket Growth options (takes orderable units)")
def create_rocket_growth_order(_admin: AdminDep, body: OrderCreate, services: ServicesDep) -> dict[str, Any]:
    items = [ops.OrderItem(vendor_item_id=i.vendor_item_id, quantity=i.quantity) for i in body.items]
    return _ok_operator(
        ops.create_rocket_growth_order(services, body.vendor_id, items, paid_at=body.paid_at, shipped=body.shipped)
    )


@operator_router.get("/orders", summary="The newest Rocket Growth orders (of a vendor, in a status)")
def list_all_rocket_growth_orders(
    _admin: AdminDep,
    services: ServicesDep,
    vendor_id: Annotated[str | None, Query(alias="vendorId", max_length=20)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> dict[str, Any]:
    return _ok_operator(ops.list_all_rocket_growth_orders(services, vendor_id=vendor_id, status=status, limit=limit))


@operator_router.post("/orders/{orderId}/ship", summary="Ship a paid order (the seller's list shows it)")
def ship_rocket_growth_order(_admin: AdminDep, orderId: str, services: ServicesDep) -> dict[str, Any]:
    return _ok_operator(ops.ship_rocket_growth_order(services, orderId))


@operator_router.post("/orders/{orderId}/cancel", summary="Cancel a paid order before shipment (units return)")
def cancel_rocket_growth_order(_admin: AdminDep, orderId: str, services: ServicesDep) -> dict[str, Any]:
    return _ok_operator(ops.cancel_rocket_growth_order(services, orderId))


@operator_router.post("/simulate", summary="Place shipped orders over the past days (deterministic per seed)")
def simulate_rocket_growth_orders(_admin: AdminDep, body: Simulation, services: ServicesDep) -> dict[str, Any]:
    return _ok_operator(
        ops.simulate_rocket_growth_orders(
            services, body.vendor_id, days=body.days, orders_per_day=body.orders_per_day, seed=body.seed
        )
    )
