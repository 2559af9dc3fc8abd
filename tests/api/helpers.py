"""Small helpers for API tests: call, assert the envelope, create products through the API."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
from fastapi import FastAPI
from sqlalchemy import select

from rocketgrowth.api.app import create_app
from rocketgrowth.api.server import EmbeddedServer
from rocketgrowth.domain import render
from rocketgrowth.domain.product import BusinessType
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from rocketgrowth.store import tables
from tests.conftest import SELLER, LiveServer, free_port

PRODUCTS = f"{SELLER}/seller-products"
ITEMS = f"{SELLER}/vendor-items"


def start_app(settings: Settings) -> tuple[FastAPI, LiveServer]:
    """The app and the live server serving it, for a test that changes the app (its dependency overrides)."""
    app = create_app(settings)
    server = EmbeddedServer(app, settings, free_port())
    server.start()
    return app, LiveServer(f"http://127.0.0.1:{server.port}", app.state.services, server)


def success(response: httpx.Response) -> Any:
    """The ``data`` of a SUCCESS envelope (fails with the body otherwise)."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["code"] == "SUCCESS", body
    return body.get("data")


def rejected(response: httpx.Response, status: int = 400) -> str:
    """The message of an ERROR envelope with the given status."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == "ERROR", body
    assert body.get("data") is None
    return str(body["message"])


def create(api: httpx.Client, payload: dict[str, Any]) -> int:
    data = success(api.post(PRODUCTS, json=payload))
    assert isinstance(data, int)
    return data


def get(api: httpx.Client, seller_product_id: int) -> dict[str, Any]:
    data = success(api.get(f"{PRODUCTS}/{seller_product_id}"))
    assert isinstance(data, dict)
    return data


def vendor_item_ids(view: dict[str, Any]) -> list[int]:
    """Every vendorItemId of a product view, flat or new schema."""
    out: list[int] = []
    for item in view["items"]:
        if "vendorItemId" in item and item.get("vendorItemId"):
            out.append(item["vendorItemId"])
        for key in ("marketplaceItemData", "rocketGrowthItemData"):
            block = item.get(key)
            if block and block.get("vendorItemId"):
                out.append(block["vendorItemId"])
    return out


def assert_rendered_current(services: Services) -> int:
    """Every product's list rows and view, kept rendered in the database, are what its rendering gives now
    (or not rendered yet); how many products were checked."""
    P = tables.products
    with services.db.read() as conn:
        rows = conn.execute(select(P.c.seller_product_id, P.c.list_row, P.c.rocket_growth_list_row,
                                   P.c.product_view)).all()  # fmt: skip
        for pid, plain, rocket_growth, view in rows:
            product = services.products.get_product(conn, pid)
            assert product is not None
            if view is not None:
                assert orjson.loads(view) == render.product_view(product), pid
            if plain is None:
                assert rocket_growth is None, pid
                continue
            assert view is not None, pid
            assert orjson.loads(plain) == render.list_row(product), pid
            if product.business_type is BusinessType.MARKETPLACE:
                assert rocket_growth is None, pid
            else:
                assert orjson.loads(rocket_growth) == render.rocket_growth_list_row(product), pid
    return len(rows)
