"""Small helpers for API tests: call, assert the envelope, create products through the API."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import SELLER

PRODUCTS = f"{SELLER}/seller-products"
ITEMS = f"{SELLER}/vendor-items"


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
