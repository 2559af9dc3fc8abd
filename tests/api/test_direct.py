"""``api.direct``: seller API routes whose parameters need no solving are called without FastAPI's request
handler, and answer exactly as through it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import fastapi.routing
import httpx
import pytest
from fastapi import APIRouter, Body, Query, Request
from fastapi import Path as PathParam
from fastapi.routing import APIRoute

from rocketgrowth.api.app import create_app
from rocketgrowth.api.direct import direct_call
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.signed import SignedRoute
from rocketgrowth.domain.categories import DEMO_RG_CATEGORY
from rocketgrowth.settings import Settings
from tests.api.helpers import ITEMS, PRODUCTS, create, get, rejected, success, vendor_item_ids
from tests.conftest import LiveServer, VendorKeys
from tests.payloads import hybrid_payload


def _routes(tmp_path: Path) -> dict[tuple[str, str], SignedRoute]:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path}/routes.db", rate_limit=0))
    try:
        return {
            (method, route.path.rsplit("/marketplace", 1)[-1]): route
            for route in app.router.routes
            if isinstance(route, SignedRoute)
            for method in route.methods
        }
    finally:
        app.state.services.db.dispose()


def test_the_frequent_calls_are_direct_and_calls_with_a_body_are_not(tmp_path: Path) -> None:
    routes = _routes(tmp_path)
    direct = {key for key, route in routes.items() if direct_call(route) is not None}
    assert {
        ("GET", "/seller-products/{sellerProductId}"),
        ("GET", "/seller-products"),
        ("PUT", "/vendor-items/{vendorItemId}/prices/{price}"),
        ("PUT", "/vendor-items/{vendorItemId}/quantities/{quantity}"),
        ("GET", "/vendor-items/{vendorItemId}/inventories"),
    } <= direct
    # a body, or parameters with aliases on a thread-pool route: FastAPI solves them
    assert not direct & {
        ("POST", "/seller-products"),
        ("PUT", "/seller-products"),
        ("PUT", "/seller-products/{sellerProductId}/partial"),
        ("GET", "/meta/display-categories"),
    }


@pytest.fixture
def solved(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the calls whose parameters FastAPI solved (its request handler ran)."""
    paths: list[str] = []
    original = fastapi.routing.solve_dependencies

    async def counting(*, request: Request, **kwargs: Any) -> Any:
        paths.append(request.url.path)
        return await original(request=request, **kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counting)
    return paths


def test_direct_calls_answer_as_fastapi_would(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, solved: list[str]
) -> None:
    pid = create(api, hybrid_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, requested=True))
    assert solved == [PRODUCTS]  # the create's body
    vid = vendor_item_ids(get(api, pid))[0]
    price = success(api.get(f"{ITEMS}/{vid}/inventories"))["salePrice"]
    assert success(api.put(f"{ITEMS}/{vid}/prices/{price + 100}")) is None
    assert success(api.get(f"{ITEMS}/{vid}/inventories"))["salePrice"] == price + 100
    # a bad path parameter is refused by the operation, in the API's own words, as before
    assert "숫자형" in rejected(api.put(f"{ITEMS}/{vid}/quantities/abc"))
    # a query that names none of the route's parameters changes nothing
    assert success(api.put(f"{ITEMS}/{vid}/prices/{price}", params={"unrelated": "1"})) is None
    assert solved == [PRODUCTS]

    # the route's own query parameter: FastAPI validates it, as before
    success(api.put(f"{ITEMS}/{vid}/prices/{price * 3}", params={"forceSalePriceUpdate": "true"}))
    assert success(api.get(f"{ITEMS}/{vid}/inventories"))["salePrice"] == price * 3
    assert "forceSalePriceUpdate" in rejected(
        api.put(f"{ITEMS}/{vid}/prices/{price}", params={"forceSalePriceUpdate": "maybe"})
    )
    assert solved == [PRODUCTS, f"{ITEMS}/{vid}/prices/{price * 3}", f"{ITEMS}/{vid}/prices/{price}"]


def _route(endpoint: Callable[..., Any], path: str = "/things/{thing}") -> APIRoute:
    router = APIRouter(route_class=SignedRoute)
    router.add_api_route(path, endpoint, methods=["GET"])
    route = router.routes[-1]
    assert isinstance(route, SignedRoute)
    return route


async def _plain(thing: str, request: Request, verbose: bool = False) -> JsonResponse:
    return JsonResponse({"thing": thing, "verbose": verbose})


async def _number(thing: int, request: Request) -> JsonResponse:
    return JsonResponse({})


async def _aliased(request: Request, thing: Annotated[str, PathParam(alias="theThing")]) -> JsonResponse:
    return JsonResponse({})


async def _constrained(request: Request, thing: Annotated[str, PathParam(max_length=3)]) -> JsonResponse:
    return JsonResponse({})


async def _required_query(thing: str, request: Request, q: Annotated[str, Query()]) -> JsonResponse:
    return JsonResponse({})


async def _tuple_default(thing: str, request: Request, tags: Annotated[tuple[str, ...], Query()] = ()) -> JsonResponse:
    return JsonResponse({})


async def _body(thing: str, request: Request, payload: Annotated[dict[str, Any], Body()]) -> JsonResponse:
    return JsonResponse({})


async def _no_request(thing: str) -> JsonResponse:
    return JsonResponse({})


def _sync(thing: str, request: Request) -> JsonResponse:
    return JsonResponse({})


@pytest.mark.parametrize(
    ("endpoint", "path"),
    [
        (_number, "/things/{thing}"),
        (_plain, "/things/{thing:path}"),
        (_aliased, "/things/{theThing}"),
        (_constrained, "/things/{thing}"),
        (_required_query, "/things/{thing}"),
        (_tuple_default, "/things/{thing}"),
        (_body, "/things/{thing}"),
        (_no_request, "/things/{thing}"),
        (_sync, "/things/{thing}"),
    ],
)
def test_parameters_that_need_solving_keep_fastapi(endpoint: Callable[..., Any], path: str) -> None:
    assert direct_call(_route(endpoint, path)) is None


def test_a_direct_call_passes_the_path_and_the_query_defaults() -> None:
    asyncio.run(_direct_call_passes_the_path_and_the_query_defaults())


async def _direct_call_passes_the_path_and_the_query_defaults() -> None:
    route = _route(_plain)
    direct = direct_call(route)
    assert direct is not None
    scope = {"type": "http", "method": "GET", "path": "/things/a%20b", "query_string": b"other=1", "headers": []}
    _, child = route.matches(scope)
    response = await direct(Request({**scope, **child}))
    assert response is not None
    assert response.body == b'{"thing":"a%20b","verbose":false}'
    asked = {**scope, **child, "query_string": b"verbose=true"}
    assert await direct(Request(asked)) is None  # FastAPI's handler reads the value
