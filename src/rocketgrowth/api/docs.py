"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) with every file they load served from the package
(``api/static/docs/``, refreshed by ``scripts/update-docs-assets``), so that they work without a network:
FastAPI's documented self-hosting recipe (``get_swagger_ui_html`` / ``get_redoc_html`` with local URLs),
no web fonts, a local favicon and Swagger UI's online validator off. What the bundles themselves would
still fetch from outside (ReDoc's sidebar logo) the pages' Content-Security-Policy keeps in: the
browser does not even try."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ("ASSETS", "POLICY", "add_docs")

#: where the Swagger UI and ReDoc files are served
ASSETS = "/docs/assets"
#: this server only (the pages' own inline bootstrap script and styles, ReDoc's worker and inline images)
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'"
)


def add_docs(app: FastAPI) -> None:
    """Add ``/docs``, its OAuth2 redirect page, ``/redoc`` and their files to ``app``, created with
    ``docs_url=None`` and ``redoc_url=None`` (FastAPI's own pages load them from a CDN)."""
    openapi_url = app.openapi_url or "/openapi.json"
    oauth2_redirect_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"
    parameters = {**(app.swagger_ui_parameters or {}), "validatorUrl": None}

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS}/favicon-32x32.png",
            oauth2_redirect_url=f"{root}{oauth2_redirect_url}",
            swagger_ui_parameters=parameters,
        )
        page.headers["Content-Security-Policy"] = POLICY
        return page

    @app.get(oauth2_redirect_url, include_in_schema=False)
    async def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_redoc_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS}/favicon-32x32.png",
            with_google_fonts=False,
        )
        page.headers["Content-Security-Policy"] = POLICY
        return page

    app.mount(ASSETS, StaticFiles(packages=[("rocketgrowth.api", "static/docs")]), name="docs-assets")
