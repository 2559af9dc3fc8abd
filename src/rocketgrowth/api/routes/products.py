"""Seller API: products (both schemas). Thin: parse → operation (``api.calls``) → envelope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query

from rocketgrowth.api.calls import ok, page, read, write
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.signed import CallerDep, SignedRoute
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


def _query(alias: str, description: str, *, documented: bool = True) -> Any:
    """An optional query parameter read as the text sent (the operation checks it, in the API's words).

    Declared ``str`` with the default ``""``, not ``str | None``: the product operations read an empty value
    as an absent one, and FastAPI solves a plain ``str`` at about half the cost of an optional one on every
    call (the list has eleven: ``bench``, docs/benchmarks.md)."""
    return Query(alias=alias, description=description, include_in_schema=documented)


VendorIdQuery = Annotated[str, _query("vendorId", "the caller's vendor code (required)")]
MaxPerPageQuery = Annotated[str, _query("maxPerPage", "page size, 1-100 (default 10)")]
NextTokenQuery = Annotated[str, _query("nextToken", "the previous page's nextToken (absent or 1: the first page)")]
ProductIdPath = Annotated[str, Path(alias="sellerProductId")]


# The order is the router's: a call tries the routes in turn. The one-segment paths of fixed name come
# before ``/{sellerProductId}``, which would take them; then the most frequent calls first.
@router.get("/seller-products/inflow-status", summary="Registration (inflow) status (GET_INFLOW_STATUS)")
async def get_product_inflow_status(caller: CallerDep) -> JsonResponse:
    return ok(await read(caller.services, ops.get_product_inflow_status, caller.vendor))


@router.get("/seller-products/time-frame", summary="List products created in a ≤10-minute window")
async def list_products_by_time_frame(
    caller: CallerDep,
    vendor_id: VendorIdQuery = "",
    created_at_from: Annotated[str, _query("createdAtFrom", "yyyy-MM-dd'T'HH:mm:ss (KST) (required)")] = "",
    created_at_to: Annotated[
        str,
        _query("createdAtTo", "yyyy-MM-dd'T'HH:mm:ss (KST), at most 10 minutes after createdAtFrom (required)"),
    ] = "",
) -> JsonResponse:
    params = {"vendorId": vendor_id, "createdAtFrom": created_at_from, "createdAtTo": created_at_to}
    return ok(await read(caller.services, ops.list_products_by_time_frame, caller.vendor, params))


@router.get("/seller-products/{sellerProductId}", summary="Query a product (GET_PRODUCT_BY_PRODUCT_ID)")
async def get_product(caller: CallerDep, seller_product_id: ProductIdPath) -> JsonResponse:
    return ok(await ops.get_product(caller.services, caller.vendor, seller_product_id, caller.now))


@router.get("/seller-products", summary="List products, paged by nextToken (GET_PRODUCTS_BY_QUERY)")
async def list_products(
    caller: CallerDep,
    vendor_id: VendorIdQuery = "",
    max_per_page: MaxPerPageQuery = "",
    mas_per_page: Annotated[str, _query("masPerPage", "maxPerPage", documented=False)] = "",
    next_token: NextTokenQuery = "",
    seller_product_id: Annotated[str, _query("sellerProductId", "one product")] = "",
    seller_product_name: Annotated[str, _query("sellerProductName", "part of the name, at most 20 characters")] = "",
    status: Annotated[
        str,
        _query("status", "IN_REVIEW, SAVED, APPROVING, APPROVED, PARTIAL_APPROVED, DENIED or DELETED"),
    ] = "",
    manufacture: Annotated[str, _query("manufacture", "manufacturer")] = "",
    created_at: Annotated[str, _query("createdAt", "creation day, yyyy-MM-dd (KST)")] = "",
    business_types: Annotated[
        str, _query("businessTypes", "rocketGrowth: Rocket Growth and hybrid products in the new format")
    ] = "",
    business_type: Annotated[str, _query("businessType", "businessTypes", documented=False)] = "",
) -> JsonResponse:
    params = {
        "vendorId": vendor_id,
        "maxPerPage": max_per_page,
        "masPerPage": mas_per_page,
        "nextToken": next_token,
        "sellerProductId": seller_product_id,
        "sellerProductName": seller_product_name,
        "status": status,
        "manufacture": manufacture,
        "createdAt": created_at,
        "businessTypes": business_types,
        "businessType": business_type,
    }
    rows, token = await ops.list_products(caller.services, caller.vendor, params, caller.now)
    return page(rows, token)


@router.post("/seller-products", summary="Create a product (CREATE_PRODUCT)", openapi_extra=PRODUCT_BODY)
async def create_product(caller: CallerDep, payload: Payload) -> JsonResponse:
    return ok(await write(caller.services, ops.create_product, caller.vendor, payload, caller.now))


@router.put(
    "/seller-products", summary="Modify a product, approval required (UPDATE_PRODUCT)", openapi_extra=PRODUCT_BODY
)
async def update_product(caller: CallerDep, payload: Payload) -> JsonResponse:
    return ok(await write(caller.services, ops.update_product, caller.vendor, payload, caller.now))


@router.get(
    "/seller-products/external-vendor-sku-codes/{externalVendorSkuCode}",
    summary="Summary of products by external vendor SKU",
)
async def list_products_by_external_sku(
    caller: CallerDep, external_vendor_sku_code: Annotated[str, Path(alias="externalVendorSkuCode")]
) -> JsonResponse:
    return ok(await read(caller.services, ops.list_products_by_external_sku, caller.vendor, external_vendor_sku_code))


@router.delete("/seller-products/{sellerProductId}", summary="Delete a product (marketplace only)")
async def delete_product(caller: CallerDep, seller_product_id: ProductIdPath) -> JsonResponse:
    pid = await write(caller.services, ops.delete_product, caller.vendor, seller_product_id, caller.now)
    return ok(str(pid), "삭제되었습니다")


@router.put("/seller-products/{sellerProductId}/approvals", summary="Request approval (APPROVE_PRODUCT)")
async def request_product_approval(caller: CallerDep, seller_product_id: ProductIdPath) -> JsonResponse:
    pid = await write(caller.services, ops.request_product_approval, caller.vendor, seller_product_id, caller.now)
    return ok(
        str(pid), f"{pid} 승인 요청되었습니다. 승인 내용에 문제가 있을 경우 승인 요청이 처리되지 않을 수 있습니다."
    )


@router.get("/seller-products/{sellerProductId}/partial", summary="Query shipping/return fields (no approval)")
async def get_partial_product(caller: CallerDep, seller_product_id: ProductIdPath) -> JsonResponse:
    return ok(await read(caller.services, ops.get_partial_product, caller.vendor, seller_product_id))


@router.put(
    "/seller-products/{sellerProductId}/partial",
    summary="Modify shipping/return fields without approval (UPDATE_PRODUCT_PARTIAL)",
    openapi_extra=PARTIAL_BODY,
)
async def update_partial_product(caller: CallerDep, seller_product_id: ProductIdPath, payload: Payload) -> JsonResponse:
    pid = await write(
        caller.services, ops.update_partial_product, caller.vendor, seller_product_id, payload, caller.now
    )
    return ok(pid, "승인불필요 상품 수정이 완료되었습니다.")


@router.get("/seller-products/{sellerProductId}/histories", summary="Status change history")
async def list_product_histories(
    caller: CallerDep,
    seller_product_id: ProductIdPath,
    max_per_page: MaxPerPageQuery = "",
    next_token: NextTokenQuery = "",
) -> JsonResponse:
    params = {"maxPerPage": max_per_page, "nextToken": next_token}
    rows, token = await read(caller.services, ops.list_product_histories, caller.vendor, seller_product_id, params)
    return page(rows, token)
