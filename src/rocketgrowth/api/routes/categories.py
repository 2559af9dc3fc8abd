"""Category API (seller_api, signed): the tree, one category, its validity, its metadata."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.signed import SignedRoute, caller_of
from rocketgrowth.domain.catalog import parse_code, parse_locale, parse_registration_type

__all__ = ("router",)

#: the code as sent (digits checked by ``parse_code``, for the gateway's message)
CodePath = Annotated[str, Path(alias="displayCategoryCode")]

router = APIRouter(
    prefix="/v2/providers/seller_api/apis/api/v1/marketplace",
    tags=["categories"],
    default_response_class=JsonResponse,
    route_class=SignedRoute,
)


def _success(data: Any) -> JsonResponse:
    return JsonResponse({"code": "SUCCESS", "message": "", "data": data})


@router.get("/meta/display-categories", summary="Category list (registrationType RFM|CGF, locale kr|en|zh-CN)")
def list_categories(
    request: Request,
    registration_type: Annotated[str | None, Query(alias="registrationType")] = None,
    locale: Annotated[str | None, Query()] = None,
) -> JsonResponse:
    services = caller_of(request).services
    kind, language = parse_registration_type(registration_type), parse_locale(locale)
    with services.db.read() as conn:
        tree = services.categories.list_categories(conn, registration_type=kind, locale=language)
    return _success(tree)


@router.get("/meta/display-categories/{displayCategoryCode}", summary="One category with one depth of child")
def get_category(
    request: Request,
    display_category_code: CodePath,
    locale: Annotated[str | None, Query()] = None,
) -> JsonResponse:
    services = caller_of(request).services
    code, language = parse_code(display_category_code), parse_locale(locale)
    with services.db.read() as conn:
        node = services.categories.get_category(conn, code, locale=language)
    return _success(node)


@router.get("/meta/display-categories/{displayCategoryCode}/status", summary="Category validity")
def get_category_status(request: Request, display_category_code: CodePath) -> JsonResponse:
    services = caller_of(request).services
    code = parse_code(display_category_code)
    with services.db.read() as conn:
        valid = services.categories.get_category_status(conn, code)
    return _success(valid)


@router.get("/meta/category-related-metas/display-category-codes/{displayCategoryCode}", summary="Category metadata")
def get_category_meta(request: Request, display_category_code: CodePath) -> JsonResponse:
    services = caller_of(request).services
    code = parse_code(display_category_code)
    with services.db.read() as conn:
        meta = services.categories.get_category_meta(conn, code)
    return _success(meta)
