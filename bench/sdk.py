"""SDK: bulk create and bulk price update through the ``AsyncClient`` with the rate limit lifted on both
sides (client ``rate_limit=None``, server ``--rate-limit 0``), and the SDK's own cost per call (signing,
building the request, parsing the answer into models) against raw httpx sending the same calls to the
same server.

* bulk create: N hybrid RG products of 3 options (``requested``: reviewed automatically), 32 in flight;
* bulk price update: N options (vendorItemIds of those products), 32 in flight, two alternating prices;
* overhead: the same call made one at a time by ``client.products.get`` / ``client.vendor_items.set_price``
  / ``client.products.create`` and by a bare ``httpx.AsyncClient`` with headers signed once in advance
  and the body left unparsed, in alternating blocks; client CPU time and wall time per call.

    python -m bench.sdk [--products 10000] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from sqlalchemy import select

from bench.common import SELLER, Server, machine_lines, markdown_table, signed_headers, write_section
from bench.fixture import prepared
from rocketgrowth.sdk import AsyncClient
from rocketgrowth.store import tables

__all__ = ("main",)

IN_FLIGHT = 32
OVERHEAD_HEADERS = ["call", "calls each", "SDK CPU µs", "raw CPU µs", "SDK overhead µs", "SDK wall µs",
                    "raw wall µs", "wall SDK ÷ raw"]  # fmt: skip


async def _pool(count: int, make: Callable[[int], Awaitable[Any]]) -> float:
    """Run ``make(i)`` for i < count with IN_FLIGHT at a time; returns the seconds taken."""
    queue = iter(range(count))
    started = time.perf_counter()

    async def worker() -> None:
        for i in queue:
            await make(i)

    await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    return time.perf_counter() - started


def _vendor_item_ids(fixture: Any, count: int) -> list[int]:
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings

    services = Services.build(Settings(db_url=fixture.db_url, rate_limit=0))
    try:
        V = tables.vendor_items
        with services.db.read() as conn:
            return list(
                conn.execute(
                    select(V.c.vendor_item_id)
                    .where(V.c.vendor_id == fixture.keys.vendor_id, V.c.vendor_item_id.is_not(None))
                    .order_by(V.c.vendor_item_id)
                    .limit(count)
                ).scalars()
            )
    finally:
        services.db.dispose()


async def _overhead(client: AsyncClient, raw: httpx.AsyncClient, fixture: Any, calls: int) -> list[list[object]]:
    """Per call: client CPU µs and wall µs, SDK vs raw httpx, alternating blocks of 25 calls."""
    keys = fixture.keys
    pid = fixture.product_ids[0]
    vid = fixture.vendor_item_ids[0]
    body = json.dumps(fixture.payload, ensure_ascii=False).encode()
    get_path = f"{SELLER}/seller-products/{pid}"
    create_path = f"{SELLER}/seller-products"
    prices = (9000, 9500)

    def price_path(n: int) -> str:
        return f"{SELLER}/vendor-items/{vid}/prices/{prices[n % 2]}"

    presigned = {
        "get": signed_headers(keys, "GET", get_path),
        "create": signed_headers(keys, "POST", create_path),
        "price0": signed_headers(keys, "PUT", price_path(0)),
        "price1": signed_headers(keys, "PUT", price_path(1)),
    }
    kinds: dict[str, tuple[Callable[[int], Awaitable[Any]], Callable[[int], Awaitable[Any]]]] = {
        "`products.get` (hybrid, 3 options → `HybridProduct`)": (
            lambda n: client.products.get(pid),
            lambda n: raw.get(get_path, headers=presigned["get"]),
        ),
        "`vendor_items.set_price` (→ `Ack`)": (
            lambda n: client.vendor_items.set_price(vid, prices[n % 2]),
            lambda n: raw.put(price_path(n), headers=presigned[f"price{n % 2}"]),
        ),
        "`products.create` (→ `ProductSaved`)": (
            lambda n: client.products.create(fixture.payload),
            lambda n: raw.post(create_path, headers=presigned["create"], content=body),
        ),
    }
    rows: list[list[object]] = []
    for label, (sdk_call, raw_call) in kinds.items():
        per = calls if "create" not in label else max(50, calls // 4)
        cpu = {"sdk": 0.0, "raw": 0.0}
        wall = {"sdk": 0.0, "raw": 0.0}
        n = 0
        for _ in range(2):  # warm both paths
            await sdk_call(n)
            response = await raw_call(n)
            assert response.status_code == 200, response.text[:300]
        while n < per:
            for name, call in (("sdk", sdk_call), ("raw", raw_call)):
                c0, w0 = time.process_time(), time.perf_counter()
                for k in range(25):
                    await call(n + k)
                cpu[name] += time.process_time() - c0
                wall[name] += time.perf_counter() - w0
            n += 25
        c_sdk, c_raw = cpu["sdk"] / n * 1e6, cpu["raw"] / n * 1e6
        w_sdk, w_raw = wall["sdk"] / n * 1e6, wall["raw"] / n * 1e6
        rows.append([label, n, f"{c_sdk:,.0f}", f"{c_raw:,.0f}", f"{c_sdk - c_raw:,.0f}", f"{w_sdk:,.0f}",
                     f"{w_raw:,.0f}", f"{w_sdk / w_raw:.2f}"])  # fmt: skip
    return rows


async def _run(fixture: Any, server: Server, count: int, calls: int) -> tuple[float, float, list[list[object]]]:
    keys = fixture.keys
    timeout = httpx.Timeout(120.0)
    async with (
        AsyncClient(access_key=keys.access_key, secret_key=keys.secret_key, vendor_id=keys.vendor_id,
                    base_url=server.base_url, rate_limit=None, timeout=timeout) as client,
        httpx.AsyncClient(base_url=server.base_url, timeout=timeout) as raw,
    ):  # fmt: skip
        created: list[int] = []

        async def create(_i: int) -> None:
            saved = await client.products.create(fixture.payload)
            created.append(saved.seller_product_id)

        create_seconds = await _pool(count, create)
        assert len(created) == count
        vids = _vendor_item_ids(fixture, count)
        assert len(vids) == count, (len(vids), count)

        async def reprice(i: int) -> None:
            await client.vendor_items.set_price(vids[i], 9500 if i % 2 else 9000)

        price_seconds = await _pool(count, reprice)
        rows = await _overhead(client, raw, fixture, calls)
    return count / create_seconds, count / price_seconds, rows


def run(count: int, calls: int) -> str:
    with prepared("sqlite", products=200, name="sdk") as fixture, Server(fixture.db_url) as server:
        creates, prices, rows = asyncio.run(_run(fixture, server, count, calls))
    bulk = [
        ["create hybrid RG products of 3 options (`products.create`, auto-approved)", f"{count:,}",
         f"{creates:,.0f} products/s"],
        ["change prices (`vendor_items.set_price`)", f"{count:,}", f"{prices:,.0f} options/s"],
    ]  # fmt: skip
    lines = [
        "## 4. SDK",
        "",
        *machine_lines("python -m bench.sdk " + " ".join(sys.argv[1:])),
        f"- Server: one worker, SQLite, `--rate-limit 0`, review mode auto. Client: `AsyncClient(rate_limit=None)`"
        f" in the same machine, {IN_FLIGHT} calls in flight.",
        "",
        markdown_table(["bulk operation", "count", "per second"], bulk),
        "",
        "SDK overhead per call, one call at a time against the same server: the SDK (sign per call, build, "
        "send, parse into models) vs raw httpx (headers signed once beforehand, body not parsed). *CPU* is the "
        "client process's CPU time per call (the SDK's own cost); *wall* includes the server's answer.",
        "",
        markdown_table(OVERHEAD_HEADERS, rows),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=400, help="calls per kind for the overhead")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.products, args.calls = 300, 100
    started = time.monotonic()
    text = run(args.products, args.calls)
    write_section("sdk", text)
    print(text)
    print(f"\n[sdk] {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
