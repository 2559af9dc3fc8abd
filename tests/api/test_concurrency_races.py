"""More races over real HTTP on SQLite and PostgreSQL (``test_concurrency.py`` has modifies vs
prices, one barcode in concurrent creates, distinct ids): many clients on one option's price and
stock, two products racing for one barcode by modify, creates and modifies racing for barcodes,
a delete racing modifies, and creates by many vendors at once. Each checks the final state in the
database: every acknowledged write counted once (versions), one owner per barcode, ids unique,
history complete.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from sqlalchemy import func, select

from rocketgrowth.store import tables
from tests.api.db_dump import require_categories
from tests.api.helpers import ITEMS, PRODUCTS, create, get, success, vendor_item_ids
from tests.conftest import LiveServer, VendorKeys, make_vendor, signed_client
from tests.payloads import as_update, marketplace_payload, rocket_growth_payload

categories = require_categories()
WORKERS = 8


def _race(
    live: LiveServer, keys: VendorKeys, calls: list[Callable[[httpx.Client], httpx.Response]]
) -> list[httpx.Response]:
    """Run ``calls`` from WORKERS threads released together (each thread its own connection)."""
    barrier = threading.Barrier(min(WORKERS, len(calls)))
    local = threading.local()

    def run(call: Callable[[httpx.Client], httpx.Response]) -> httpx.Response:
        if not hasattr(local, "client"):
            local.client = signed_client(live, keys)
            try:
                barrier.wait(timeout=30)
            except threading.BrokenBarrierError:
                pass
        response: httpx.Response = call(local.client)
        return response

    with ThreadPoolExecutor(WORKERS) as pool:
        responses = list(pool.map(run, calls))
    assert all(r.status_code in (200, 400) for r in responses), [r.text for r in responses if r.status_code >= 500]
    return responses


def _version(live: LiveServer, pid: int) -> int:
    with live.services.db.read() as conn:
        product = live.services.products.get_product(conn, pid)
    assert product is not None
    return product.version


def _approved(live: LiveServer, keys: VendorKeys, api: httpx.Client, **kwargs: Any) -> dict[str, Any]:
    payload = marketplace_payload(
        live.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True, **kwargs
    )
    return get(api, create(api, payload))


def test_many_clients_on_one_options_price_and_stock(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    view = _approved(live, vendor, api)
    pid, (vid,) = view["sellerProductId"], vendor_item_ids(view)
    base = _version(live, pid)
    prices = [10_000 + 10 * n for n in range(1, 25)]
    stocks = list(range(100, 124))
    calls: list[Callable[[httpx.Client], httpx.Response]] = []
    for price, stock in zip(prices, stocks, strict=True):
        calls.append(lambda c, p=price: c.put(f"{ITEMS}/{vid}/prices/{p}", params={"forceSalePriceUpdate": "true"}))
        calls.append(lambda c, s=stock: c.put(f"{ITEMS}/{vid}/quantities/{s}"))
    responses = _race(live, vendor, calls)
    assert [r.status_code for r in responses] == [200] * len(calls)
    inventory = success(api.get(f"{ITEMS}/{vid}/inventories"))
    assert inventory["salePrice"] in prices
    assert inventory["amountInStock"] in stocks
    assert _version(live, pid) == base + len(calls)  # every acknowledged write counted once: none lost


def test_two_products_racing_for_one_barcode_by_modify(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    code = categories.DEMO_RG_CATEGORY
    views = [
        get(
            api,
            create(api, rocket_growth_payload(live.services, vendor.vendor_id, code, barcodes=[f"88012345{n:05d}"])),
        )
        for n in range(WORKERS)
    ]
    contested = "8809999900017"

    def claim(view: dict[str, Any]) -> Callable[[httpx.Client], httpx.Response]:
        body = as_update(view)
        body["items"][0]["rocketGrowthItemData"]["barcode"] = contested
        return lambda c: c.put(PRODUCTS, json=body)

    responses = _race(live, vendor, [claim(v) for v in views])
    statuses = Counter(r.status_code for r in responses)
    assert statuses == Counter({200: 1, 400: WORKERS - 1}), [r.text for r in responses]
    assert all("중복된 바코드" in r.json()["message"] for r in responses if r.status_code == 400)
    owners = [v["sellerProductId"] for v, r in zip(views, responses, strict=True) if r.status_code == 200]
    with live.services.db.read() as conn:
        rows = conn.execute(
            select(tables.vendor_items.c.seller_product_id).where(
                tables.vendor_items.c.vendor_id == vendor.vendor_id, tables.vendor_items.c.barcode == contested
            )
        ).all()
    assert [r[0] for r in rows] == owners


def test_creates_and_modifies_racing_for_barcodes_leave_one_owner_each(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client
) -> None:
    code = categories.DEMO_RG_CATEGORY
    pool = [f"880777{n:07d}" for n in range(4)]
    existing = [
        get(api, create(api, rocket_growth_payload(live.services, vendor.vendor_id, code, barcodes=[f"880666{n:07d}"])))
        for n in range(4)
    ]
    calls: list[Callable[[httpx.Client], httpx.Response]] = []
    for n in range(16):
        barcode = pool[n % len(pool)]
        if n % 2:
            body = as_update(existing[n % len(existing)])
            body["items"][0]["rocketGrowthItemData"]["barcode"] = barcode
            calls.append(lambda c, b=body: c.put(PRODUCTS, json=b))
        else:
            payload = rocket_growth_payload(live.services, vendor.vendor_id, code, barcodes=[barcode])
            calls.append(lambda c, p=payload: c.post(PRODUCTS, json=p))
    _race(live, vendor, calls)
    with live.services.db.read() as conn:
        duplicates = conn.execute(
            select(tables.vendor_items.c.barcode, func.count())
            .where(tables.vendor_items.c.vendor_id == vendor.vendor_id, tables.vendor_items.c.barcode.is_not(None))
            .group_by(tables.vendor_items.c.barcode)
            .having(func.count() > 1)
        ).all()
        taken = set(
            conn.execute(
                select(tables.vendor_items.c.barcode).where(
                    tables.vendor_items.c.vendor_id == vendor.vendor_id, tables.vendor_items.c.barcode.in_(pool)
                )
            ).scalars()
        )
    assert duplicates == []
    assert taken == set(pool)  # each contested barcode ended with exactly one product


def test_a_delete_racing_modifies_is_all_or_nothing(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    payload = marketplace_payload(live.services, vendor.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY)
    view = get(api, create(api, payload))  # 임시저장: deletable
    pid = view["sellerProductId"]
    history_before = len(success(api.get(f"{PRODUCTS}/{pid}/histories", params={"maxPerPage": 100})))

    def modify(n: int) -> Callable[[httpx.Client], httpx.Response]:
        body = as_update(view)
        body["sellerProductName"] = f"race {n}"
        return lambda c: c.put(PRODUCTS, json=body)

    calls = [modify(n) for n in range(WORKERS - 1)]
    calls.insert(WORKERS // 2, lambda c: c.delete(f"{PRODUCTS}/{pid}"))
    responses = _race(live, vendor, calls)
    deleted = responses[WORKERS // 2]
    assert deleted.status_code == 200, deleted.text
    after = get(api, pid)
    assert after["statusName"] == "상품삭제"
    history = success(api.get(f"{PRODUCTS}/{pid}/histories", params={"maxPerPage": 100}))
    assert sum(1 for h in history if h["status"] == "상품삭제") == 1
    modified = sum(1 for n, r in enumerate(responses) if n != WORKERS // 2 and r.status_code == 200)
    # one entry per acknowledged modify, one for the delete: nothing lost, nothing extra
    assert len(history) == history_before + modified + 1, history
    if modified:
        assert after["sellerProductName"] in {f"race {n}" for n in range(WORKERS - 1)}


def test_many_vendors_creating_at_once_get_unique_ids(live: LiveServer) -> None:
    vendors = [make_vendor(live.services) for _ in range(4)]
    results: list[tuple[VendorKeys, int]] = []
    lock = threading.Lock()

    def creates(keys: VendorKeys) -> None:
        with signed_client(live, keys) as client:
            for _ in range(6):
                payload = marketplace_payload(
                    live.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, options=2, requested=True
                )
                pid = create(client, payload)
                with lock:
                    results.append((keys, pid))

    threads = [threading.Thread(target=creates, args=(keys,)) for keys in vendors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({pid for _, pid in results}) == len(results) == 24
    with live.services.db.read() as conn:
        rows = conn.execute(
            select(tables.vendor_items.c.seller_product_item_id, tables.vendor_items.c.vendor_item_id).where(
                tables.vendor_items.c.seller_product_id.in_([pid for _, pid in results])
            )
        ).all()
    assert len(rows) == 48
    assert len({r[0] for r in rows}) == 48
    assert len({r[1] for r in rows}) == 48
    for keys, pid in results:  # each vendor sees its own products only
        with signed_client(live, keys) as client:
            assert get(client, pid)["vendorId"] == keys.vendor_id
