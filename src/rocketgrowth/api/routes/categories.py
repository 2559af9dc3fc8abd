"""Category API (seller_api, signed): the tree, one category, its validity, its metadata.
Thin: parse → operation (``api.calls``) → envelope."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from rocketgrowth.api.calls import ok, read
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.signed import CallerDep, SignedRoute
from rocketgrowth.operations import categories as ops

__all__ = ("router",)

#: the code as sent (digits checked by ``parse_code``, for the gateway's message)
CodePath = Annotated[str, Path(alias="displayCategoryCode")]

router = APIRouter(
    prefix="/v2/providers/seller_api/apis/api/v1/marketplace",
    tags=["categories"],
    default_response_class=JsonResponse,
    route_class=SignedRoute,
)


@router.get("/meta/display-categories", summary="Category list (registrationType RFM|CGF, locale kr|en|zh-CN)")
async def list_categories(
    caller: CallerDep,
    registration_type: Annotated[str | None, Query(alias="registrationType")] = None,
    locale: Annotated[str | None, Query()] = None,
) -> JsonResponse:
    return ok(await read(caller.services, ops.list_categories, registration_type, locale))


@router.get("/meta/display-categories/{displayCategoryCode}", summary="One category with one depth of child")
async def get_category(
    caller: CallerDep,
    display_category_code: CodePath,
    locale: Annotated[str | None, Query()] = None,
) -> JsonResponse:
    return ok(await read(caller.services, ops.get_category, display_category_code, locale))


@router.get("/meta/display-categories/{displayCategoryCode}/status", summary="Category validity")
async def get_category_status(caller: CallerDep, display_category_code: CodePath) -> JsonResponse:
    return ok(await read(caller.services, ops.get_category_status, display_category_code))


@router.get("/meta/category-related-metas/display-category-codes/{displayCategoryCode}", summary="Category metadata")
async def get_category_meta(caller: CallerDep, display_category_code: CodePath) -> JsonResponse:
    return ok(await read(caller.services, ops.get_category_meta, display_category_code))
