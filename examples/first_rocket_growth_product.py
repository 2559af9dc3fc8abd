"""The first Rocket Growth product, end to end, on the sandbox ``make serve`` starts.

consent check → template → create (approval requested) → approval through the sandbox operator API →
inbound and inspection → price change → list the Rocket Growth products.

Run it after pasting the ``export COUPANG_...`` lines that ``make serve`` prints::

    .venv/bin/python examples/first_rocket_growth_product.py
"""

from __future__ import annotations

import os
import sys
from typing import Any

import httpx

from rocketgrowth.sdk import Client

CATEGORY = 63162  # 생활용품 > 욕실용품 > 칫솔/치약 > 칫솔: a Rocket Growth category
BASE_URL = os.environ.get("COUPANG_BASE_URL", "http://127.0.0.1:8000")
ADMIN_TOKEN = os.environ.get("ROCKETGROWTH_ADMIN_TOKEN", "")


def operator(method: str, path: str, body: Any = None) -> Any:
    """A call to the sandbox's operator API (what Coupang's staff and warehouse do); its ``data``."""
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"} if ADMIN_TOKEN else {}
    response = httpx.request(method, f"{BASE_URL}/sandbox/v1{path}", json=body, headers=headers, timeout=30)
    response.raise_for_status()
    return response.json()["data"]


def main() -> None:
    with Client() as client:  # keys, vendor and base URL from the COUPANG_* variables
        # 1. consent: Rocket Growth creates are refused until the vendor agreed to the terms in WING
        vendors = operator("GET", "/vendors")
        me = next(v for v in vendors if v["vendorId"] == client.vendor_id)
        if not me["rocketGrowthConsent"]:
            sys.exit(f"vendor {client.vendor_id} has not agreed to the Rocket Growth terms (WING > 판매자정보)")
        print(f"1. vendor {client.vendor_id} agreed to the Rocket Growth terms")

        # 2. a payload the server accepts as it is; replace its placeholders with the real product
        payload = client.products.template(CATEGORY, kind="rocket-growth")
        payload["sellerProductName"] = "예제 칫솔 3개입"
        payload["items"][0]["itemName"] = "부드러운모 3개입"
        payload["items"][0]["rocketGrowthItemData"]["priceData"] = {"originalPrice": 12000, "salePrice": 9900}
        payload["requested"] = True  # ask for approval with the create
        assert client.products.validate(payload) == [], "the template should pass the server's rules"
        print("2. template filled and checked offline")

        # 3. create
        product_id = client.products.create(payload).seller_product_id
        print(f"3. created sellerProductId {product_id}")

        # 4. approval: the sandbox's operator decides (with `serve --review-mode auto` it is already done)
        if client.products.get(product_id).status_name in ("승인대기중", "심사중"):
            operator("POST", f"/products/{product_id}/review", {"decision": "APPROVE"})
        product = client.products.get(product_id)
        side = product.items[0].rocket_growth_item_data
        assert side is not None
        assert side.vendor_item_id is not None
        print(f"4. {product.status_name}: vendorItemId {side.vendor_item_id}")

        # 5. the warehouse receives stock and inspects it
        operator("POST", f"/vendor-items/{side.seller_product_item_id}/inbound", {"quantity": 50})
        operator("PUT", f"/vendor-items/{side.seller_product_item_id}/inspection", {"result": "PASSED"})
        print("5. inbound received and inspection passed")

        # 6. a price change of the Rocket Growth option
        client.vendor_items.set_price(side.vendor_item_id, 9500)
        print(f"6. sale price now {client.vendor_items.get_inventory(side.vendor_item_id).sale_price}")

        # 7. every Rocket Growth (and hybrid) product of the vendor, across all pages
        for row in client.products.list(business_types="rocketGrowth"):
            print(f"7. {row.seller_product_id}  {row.status_name}  {row.seller_product_name}")


if __name__ == "__main__":
    main()
