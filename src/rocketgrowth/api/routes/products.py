"""Seller API: products (both schemas). Thin: parse → operation (``api.calls``) → envelope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request

from rocketgrowth.api.calls import ok, page, read, write
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.signed import SignedRoute, caller_of
from rocketgrowth.domain.fields import json_schema
from rocketgrowth.domain.product_schema import PARTIAL_UPDATE, PRODUCT
from rocketgrowth.operations import products as ops

__all__ = ("BASE", "router")

BASE = "/v2/providers/seller_api/apis/api/v1/marketplace"
router = APIRouter(prefix=BASE, tags=["products"], default_response_class=JsonResponse, route_class=SignedRoute)

Payload = Annotated[dict[str, Any], Body()]


def _body_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


PRODUCT_BODY = _body_schema(json_schema(PRODUCT))
PARTIAL_BODY = _body_schema(json_schema(PARTIAL_UPDATE))


def _query_params(*specs: tuple[str, str, bool]) -> dict[str, Any]:
    """OpenAPI for query parameters the route reads itself (``name, description, required``)."""
    return {
        "parameters": [
            {"name": name, "in": "query", "required": required, "schema": {"type": "string"}, "description": text}
            for name, text, required in specs
        ]
    }


_PAGE = (
    ("maxPerPage", "page size, 1-100 (default 10)", False),
    ("nextToken", "the previous page's nextToken (absent or 1: the first page)", False),
)
LIST_QUERY = _query_params(
    ("vendorId", "the caller's vendor code", True),
    *_PAGE,
    ("sellerProductId", "one product", False),
    ("sellerProductName", "part of the name, at most 20 characters", False),
    ("status", "IN_REVIEW, SAVED, APPROVING, APPROVED, PARTIAL_APPROVED, DENIED or DELETED", False),
    ("manufacture", "manufacturer", False),
    ("createdAt", "creation day, yyyy-MM-dd (KST)", False),
    ("businessTypes", "rocketGrowth: Rocket Growth and hybrid products in the new format", False),
)
TIME_FRAME_QUERY = _query_params(
    ("vendorId", "the caller's vendor code", True),
    ("createdAtFrom", "yyyy-MM-dd'T'HH:mm:ss (KST)", True),
    ("createdAtTo", "yyyy-MM-dd'T'HH:mm:ss (KST), at most 10 minutes after createdAtFrom", True),
)
HISTORY_QUERY = _query_params(*_PAGE)


def _query(request: Request) -> dict[str, str | None]:
    return dict(request.query_params)


# The order is the router's: a call tries the routes in turn. The one-segment paths of fixed name come
# before ``/{sellerProductId}``, which would take them; then the most frequent calls first.
@router.get("/seller-products/inflow-status", summary="Registration (inflow) status (GET_INFLOW_STATUS)")
async def get_product_inflow_status(request: Request) -> JsonResponse:
    caller = caller_of(request)
    return ok(await read(caller.services, ops.get_product_inflow_status, caller.vendor))


@router.get(
    "/seller-products/time-frame",
    summary="List products created in a ≤10-minute window",
    openapi_extra=TIME_FRAME_QUERY,
)
async def list_products_by_time_frame(request: Request) -> JsonResponse:
    caller = caller_of(request)
    return ok(await read(caller.services, ops.list_products_by_time_frame, caller.vendor, _query(request)))


@router.get("/seller-products/{sellerProductId}", summary="Query a product (GET_PRODUCT_BY_PRODUCT_ID)")
async def get_product(sellerProductId: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    return ok(await ops.get_product(caller.services, caller.vendor, sellerProductId, caller.now))


@router.get(
    "/seller-products",
    summary="List products, paged by nextToken (GET_PRODUCTS_BY_QUERY)",
    openapi_extra=LIST_QUERY,
)
async def list_products(request: Request) -> JsonResponse:
    caller = caller_of(request)
    rows, token = await ops.list_products(caller.services, caller.vendor, _query(request), caller.now)
    return page(rows, token)


@router.post("/seller-products", summary="Create a product (CREATE_PRODUCT)", openapi_extra=PRODUCT_BODY)
async def create_product(payload: Payload, request: Request) -> JsonResponse:
    caller = caller_of(request)
    return ok(await write(caller.services, ops.create_product, caller.vendor, payload, caller.now))


@router.put(
    "/seller-products", summary="Modify a product, approval required (UPDATE_PRODUCT)", openapi_extra=PRODUCT_BODY
)
async def update_product(payload: Payload, request: Request) -> JsonResponse:
    caller = caller_of(request)
    return ok(await write(caller.services, ops.update_product, caller.vendor, payload, caller.now))


@router.get(
    "/seller-products/external-vendor-sku-codes/{externalVendorSkuCode}",
    summary="Summary of products by external vendor SKU",
)
async def list_products_by_external_sku(externalVendorSkuCode: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    return ok(await read(caller.services, ops.list_products_by_external_sku, caller.vendor, externalVendorSkuCode))


@router.delete("/seller-products/{sellerProductId}", summary="Delete a product (marketplace only)")
async def delete_product(sellerProductId: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    pid = await write(caller.services, ops.delete_product, caller.vendor, sellerProductId, caller.now)
    return ok(str(pid), "삭제되었습니다")


@router.put("/seller-products/{sellerProductId}/approvals", summary="Request approval (APPROVE_PRODUCT)")
async def request_product_approval(sellerProductId: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    pid = await write(caller.services, ops.request_product_approval, caller.vendor, sellerProductId, caller.now)
    return ok(
        str(pid), f"{pid} 승인 요청되었습니다. 승인 내용에 문제가 있을 경우 승인 요청이 처리되지 않을 수 있습니다."
    )


@router.get("/seller-products/{sellerProductId}/partial", summary="Query shipping/return fields (no approval)")
async def get_partial_product(sellerProductId: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    return ok(await read(caller.services, ops.get_partial_product, caller.vendor, sellerProductId))


@router.put(
    "/seller-products/{sellerProductId}/partial",
    summary="Modify shipping/return fields without approval (UPDATE_PRODUCT_PARTIAL)",
    openapi_extra=PARTIAL_BODY,
)
async def update_partial_product(
    sellerProductId: str,
    payload: Payload,
    request: Request,
) -> JsonResponse:
    caller = caller_of(request)
    pid = await write(caller.services, ops.update_partial_product, caller.vendor, sellerProductId, payload, caller.now)
    return ok(pid, "승인불필요 상품 수정이 완료되었습니다.")


@router.get(
    "/seller-products/{sellerProductId}/histories", summary="Status change history", openapi_extra=HISTORY_QUERY
)
async def list_product_histories(sellerProductId: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    rows, token = await read(
        caller.services, ops.list_product_histories, caller.vendor, sellerProductId, _query(request)
    )
    return page(rows, token)
