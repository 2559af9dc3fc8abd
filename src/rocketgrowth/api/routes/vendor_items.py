"""Seller API: vendor items (quantity, price, sale state, discount base price), marketplace and RG."""

from __future__ import annotations

from fastapi import APIRouter, Request

from rocketgrowth.api.calls import ok, read, write
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.routes.products import BASE
from rocketgrowth.api.signed import SignedRoute, caller_of
from rocketgrowth.operations import vendor_items as ops

__all__ = ("router",)

router = APIRouter(
    prefix=f"{BASE}/vendor-items", tags=["vendor items"], default_response_class=JsonResponse, route_class=SignedRoute
)


@router.get("/{vendorItemId}/inventories", summary="Quantity, price and sale state of an option")
async def get_vendor_item_inventory(vendorItemId: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    return ok(await read(caller.services, ops.get_vendor_item_inventory, caller.vendor, vendorItemId))


@router.put("/{vendorItemId}/quantities/{quantity}", summary="Change the quantity of an option")
async def set_vendor_item_quantity(vendorItemId: str, quantity: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    await write(caller.services, ops.set_vendor_item_quantity, caller.vendor, vendorItemId, quantity, caller.now)
    return ok(None, "재고 변경을 완료했습니다.")


@router.put("/{vendorItemId}/prices/{price}", summary="Change the sale price of an option")
async def set_vendor_item_price(
    vendorItemId: str,
    price: str,
    request: Request,
    forceSalePriceUpdate: bool = False,
) -> JsonResponse:
    caller = caller_of(request)
    await write(
        caller.services,
        ops.set_vendor_item_price,
        caller.vendor,
        vendorItemId,
        price,
        caller.now,
        force=forceSalePriceUpdate,
    )
    return ok(None, "가격 변경을 완료했습니다.")


@router.put("/{vendorItemId}/sales/resume", summary="Resume the sale of an option")
async def resume_vendor_item_sale(vendorItemId: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    await write(caller.services, ops.resume_vendor_item_sale, caller.vendor, vendorItemId, caller.now)
    return ok(None, "판매가 재개되었습니다.")


@router.put("/{vendorItemId}/sales/stop", summary="Stop the sale of an option")
async def stop_vendor_item_sale(vendorItemId: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    await write(caller.services, ops.stop_vendor_item_sale, caller.vendor, vendorItemId, caller.now)
    return ok(None, "판매 중지 처리되었습니다.")


@router.put("/{vendorItemId}/original-prices/{originalPrice}", summary="Change the discount base price")
async def set_vendor_item_original_price(
    vendorItemId: str,
    originalPrice: str,
    request: Request,
) -> JsonResponse:
    caller = caller_of(request)
    await write(
        caller.services, ops.set_vendor_item_original_price, caller.vendor, vendorItemId, originalPrice, caller.now
    )
    return ok(None, "할인율 기준가격이 변경되었습니다.")
