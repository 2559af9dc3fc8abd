"""The app's route table: flat (no included-router wrappers resolved per request), the ceiling first, every
route answering JSON the API's way, and every seller API route authenticating its calls first."""

from __future__ import annotations

from fastapi.routing import APIRoute

from rocketgrowth.api.app import create_app
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.signed import SignedRoute
from rocketgrowth.settings import Settings


def test_routes_are_flat_and_answer_the_apis_json() -> None:
    app = create_app(Settings(db_url="sqlite://", rate_limit=0), migrate=False)
    routes = app.router.routes
    api_routes = [route for route in routes if isinstance(route, APIRoute)]
    # only FastAPI's own documentation routes besides the API's: nothing wrapped to resolve per request
    # (the Mount is the API docs' files, tried last)
    assert {type(route).__name__ for route in routes} == {"APIRoute", "SignedRoute", "Route", "Mount"}
    assert type(routes[-1]).__name__ == "Mount"
    assert api_routes[0].path == "/health"
    for route in api_routes:
        if not route.include_in_schema:  # the console's pages choose their responses themselves
            continue
        assert route.response_class is JsonResponse, route.path  # (not a default left for an include to fill)
    paths = {route.path for route in api_routes}
    assert "/v2/providers/seller_api/apis/api/v1/marketplace/seller-products/{sellerProductId}" in paths
    for route in api_routes:  # the gateway's APIs (seller_api, openapi) are signed; the operator's are not
        assert isinstance(route, SignedRoute) == route.path.startswith("/v2/providers/"), route.path
