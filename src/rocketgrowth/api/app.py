"""``create_app(settings)``: the FastAPI application with every router and the one error mapping."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from rocketgrowth.api import errors
from rocketgrowth.api.docs import add_docs
from rocketgrowth.api.limits import BodyLimitMiddleware
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.routes import categories, console, inquiries, products, rocket_growth, sandbox, vendor_items
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from rocketgrowth.store.db import Database

__all__ = ("ROUTERS", "create_app")

#: every router of the app, in the order a request tries them (each carries its prefix, tags, dependencies,
#: route class and response class)
ROUTERS: tuple[APIRouter, ...] = (
    products.router, vendor_items.router, categories.router, inquiries.router, rocket_growth.router,
    inquiries.operator_router, sandbox.router, rocket_growth.operator_router, console.router,
)  # fmt: skip

DESCRIPTION = """A faithful, stateful sandbox of Coupang's seller product API (Marketplace and Rocket Growth).

Seller API calls are signed exactly as for `https://api-gateway.coupang.com` (CEA HMAC-SHA256):
change only the base URL. The operator API under `/sandbox/v1` drives reviews, inbounds,
inquiries and the clock; the web console is at `/console`.
"""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Once the server has started: everything built so far (modules, the app, its statements) moves
    out of the garbage collector's sight, so a full collection no longer walks them while requests
    wait (seen as the tail latency of every route). When it stops:
    the worker's Redis connections are closed."""
    gc.collect()
    gc.freeze()
    yield
    services: Services = app.state.services
    await services.limiter.aclose()
    await services.rocket_growth_limiter.aclose()


def create_app(settings: Settings | None = None, *, db: Database | None = None, migrate: bool = True) -> FastAPI:
    settings = settings or Settings.from_env()
    services = Services.build(settings, db)
    if migrate:
        services.db.migrate()
        with services.db.write() as conn:
            services.categories.seed_builtin(conn)
    app = FastAPI(
        title="rocketgrowth",
        version="0.1.0",
        description=DESCRIPTION,
        default_response_class=JsonResponse,
        lifespan=_lifespan,
        docs_url=None,  # served from the package instead (api/docs.py)
        redoc_url=None,
    )
    app.state.services = services

    # whether the server is up (readiness probe of the tests, the benchmarks and deployments)
    @app.get("/health", include_in_schema=False)
    async def health() -> JsonResponse:
        return JsonResponse({"code": "SUCCESS", "message": "ok"})

    for router in ROUTERS:
        app.include_router(router)
    add_docs(app)
    errors.install(app)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        path_limits={"/sandbox/v1/state": settings.max_state_bytes},
        max_request_line=settings.max_request_line,
        max_header_bytes=settings.max_header_bytes,
        body_timeout=settings.body_timeout,
    )

    return app
