"""Seller API: vendor items (quantity, price, sale state, discount base price), marketplace and RG."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from rocketgrowth.api.calls import ok, read, write
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.routes.products import BASE
from rocketgrowth.api.signed import CallerDep, SignedRoute
from rocketgrowth.operations import vendor_items as ops

__all__ = ("router",)

router = APIRouter(
    prefix=f"{BASE}/vendor-items", tags=["vendor items"], default_response_class=JsonResponse, route_class=SignedRoute
)


VendorItemIdPath = Annotated[str, Path(alias="vendorItemId")]


@router.get("/{vendorItemId}/inventories", summary="Quantity, price and sale state of an option")
async def get_vendor_item_inventory(caller: CallerDep, vendor_item_id: VendorItemIdPath) -> JsonResponse:
    return ok(await read(caller.services, ops.get_vendor_item_inventory, caller.vendor, vendor_item_id))


@router.put("/{vendorItemId}/quantities/{quantity}", summary="Change the quantity of an option")
async def set_vendor_item_quantity(caller: CallerDep, vendor_item_id: VendorItemIdPath, quantity: str) -> JsonResponse:
    await write(caller.services, ops.set_vendor_item_quantity, caller.vendor, vendor_item_id, quantity, caller.now)
    return ok(None, "재고 변경을 완료했습니다.")


@router.put("/{vendorItemId}/prices/{price}", summary="Change the sale price of an option")
async def set_vendor_item_price(
    caller: CallerDep,
    vendor_item_id: VendorItemIdPath,
    price: str,
    force_sale_price_update: Annotated[bool, Query(alias="forceSalePriceUpdate")] = False,
) -> JsonResponse:
    await write(
        caller.services,
        ops.set_vendor_item_price,
        caller.vendor,
        vendor_item_id,
        price,
        caller.now,
        force=force_sale_price_update,
    )
    return ok(None, "가격 변경을 완료했습니다.")


@router.put("/{vendorItemId}/sales/resume", summary="Resume the sale of an option")
async def resume_vendor_item_sale(caller: CallerDep, vendor_item_id: VendorItemIdPath) -> JsonResponse:
    await write(caller.services, ops.resume_vendor_item_sale, caller.vendor, vendor_item_id, caller.now)
    return ok(None, "판매가 재개되었습니다.")


@router.put("/{vendorItemId}/sales/stop", summary="Stop the sale of an option")
async def stop_vendor_item_sale(caller: CallerDep, vendor_item_id: VendorItemIdPath) -> JsonResponse:
    await write(caller.services, ops.stop_vendor_item_sale, caller.vendor, vendor_item_id, caller.now)
    return ok(None, "판매 중지 처리되었습니다.")


@router.put("/{vendorItemId}/original-prices/{originalPrice}", summary="Change the discount base price")
async def set_vendor_item_original_price(
    caller: CallerDep,
    vendor_item_id: VendorItemIdPath,
    original_price: Annotated[str, Path(alias="originalPrice")],
) -> JsonResponse:
    await write(
        caller.services, ops.set_vendor_item_original_price, caller.vendor, vendor_item_id, original_price, caller.now
    )
    return ok(None, "할인율 기준가격이 변경되었습니다.")
