"""Concurrent writers over real HTTP: no lost update, no duplicate barcode, history complete."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY, DEMO_RG_CATEGORY
from tests.api.helpers import ITEMS, PRODUCTS, create, get, success, vendor_item_ids
from tests.conftest import LiveServer, VendorKeys, signed_client
from tests.payloads import as_update, marketplace_payload, rocket_growth_payload

WORKERS = 8


def _version(live: LiveServer, pid: int) -> int:
    with live.services.db.read() as conn:
        product = live.services.products.get_product(conn, pid)
    assert product is not None
    return product.version


def _history(api: httpx.Client, pid: int) -> list[dict[str, str]]:
    return list(success(api.get(f"{PRODUCTS}/{pid}/histories", params={"maxPerPage": 100})))


def test_concurrent_modifies_and_price_changes_are_all_applied(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    view = get(
        api,
        create(
            api,
            marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, options=4, requested=True),
        ),
    )
    pid = view["sellerProductId"]
    vids = vendor_item_ids(view)
    base_version, base_history = _version(live, pid), len(_history(api, pid))

    def modify(n: int) -> None:
        with signed_client(live, vendor) as client:
            body = as_update(view)
            body["items"][0]["itemName"] = f"writer-{n}"
            body["requested"] = True
            success(client.put(PRODUCTS, json=body))

    def price(n: int) -> None:
        with signed_client(live, vendor) as client:
            success(client.put(f"{ITEMS}/{vids[n % len(vids)]}/prices/{10000 + 10 * (n // len(vids) + 1)}"))

    with ThreadPoolExecutor(WORKERS) as pool:
        jobs = [pool.submit(modify, n) for n in range(6)] + [pool.submit(price, n) for n in range(8)]
        for job in jobs:
            job.result()
    after = get(api, pid)
    assert after["items"][0]["itemName"] in {f"writer-{n}" for n in range(6)}
    # each option got two price writes (10010 then 10020, in some order); each final price is one of them
    for item in after["items"]:
        assert item["salePrice"] in (10010, 10020)
    assert _version(live, pid) == base_version + 6 * 2 + 8  # a modify, then its automatic approval
    history = _history(api, pid)
    assert len(history) == base_history + 6 * 4  # 임시저장(수정), 승인요청, 승인대기중, 승인완료 per modify


def test_concurrent_creates_with_one_barcode_store_it_once(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    def attempt(_: int) -> int:
        payload = rocket_growth_payload(live.services, vendor.vendor_id, DEMO_RG_CATEGORY, barcodes=["8806666666664"])
        with signed_client(live, vendor) as client:
            return client.post(PRODUCTS, json=payload).status_code

    with ThreadPoolExecutor(WORKERS) as pool:
        codes = list(pool.map(attempt, range(WORKERS)))
    assert sorted(codes) == [200] + [400] * (WORKERS - 1)
    rows = success(api.get(PRODUCTS, params={"vendorId": vendor.vendor_id, "businessTypes": "rocketGrowth"}))
    assert len(rows) == 1


def test_concurrent_creates_get_distinct_ids(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    def attempt(_: int) -> int:
        payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, options=2)
        with signed_client(live, vendor) as client:
            return create(client, payload)

    with ThreadPoolExecutor(WORKERS) as pool:
        ids = list(pool.map(attempt, range(WORKERS * 2)))
    assert len(set(ids)) == len(ids)
    item_ids = [i["sellerProductItemId"] for pid in ids for i in get(api, pid)["items"]]
    assert len(set(item_ids)) == len(item_ids)
