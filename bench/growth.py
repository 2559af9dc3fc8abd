"""Growth: list paging and product query as one vendor's catalog grows to 10 k, 100 k and 1 M products.

The catalog is built by the bulk loader (``bench.loader``: the domain's own product, copied with fresh
ids) up to each size in turn, in one database kept under ``$ROCKETGROWTH_BENCH_DIR`` (``bench.memory``
reuses the 1 M one). At each size a server (one worker) answers, on one keep-alive connection and in
round robin so that all three share the machine's conditions:

* the first page of ``GET /seller-products?businessTypes=rocketGrowth&maxPerPage=100``;
* a deep page: the last full page, asked with a ``nextToken`` issued through the server's own
  ``services.tokens.issue`` for the scope the server builds for that query (vendor + filter), after
  the product 100 from the end;
* ``GET /seller-products/{id}`` of products spread over the whole catalog.

Before each timed call an untimed price change commits (a ``PUT …/prices/…`` of one option, two prices
in turn): the server keeps what it read while no write commits (``store.generation``), and what is
measured here is the database's read, not the kept one.

    python -m bench.growth [--sizes 10000,100000,1000000] [--db sqlite] [--quick]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.common import (
    PG_ADMIN_URL,
    SELLER,
    WORK,
    Keys,
    Server,
    check_success,
    create_vendor,
    machine_lines,
    markdown_table,
    remove_sqlite,
    services_for,
    signed_headers,
    write_section,
)
from bench.loader import hybrid_payload, load_products, prototype
from rocketgrowth.operations.products import _list_filter
from rocketgrowth.store import tables

__all__ = ("catalog", "main")

PRODUCTS = f"{SELLER}/seller-products"
HEADERS = ["products", "first page ms", "deep page ms", "deep ÷ first", "query by id ms", "vs smallest", "load rate"]


def catalog_paths(db: str, name: str = "growth") -> tuple[str, Path]:
    """The database URL of a kept catalog and the file that records its vendor and size."""
    WORK.mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        return f"sqlite:///{WORK / f'{name}-sqlite.db'}", WORK / f"{name}-sqlite.json"
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/rg_bench_{name}", WORK / f"{name}-postgres.json"


def _fresh(db: str, url: str) -> None:
    if db == "sqlite":
        remove_sqlite(Path(url.removeprefix("sqlite:///")))
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def catalog(db: str, size: int, *, name: str = "growth") -> tuple[str, Keys, float]:
    """A kept catalog of exactly ``size`` products for one vendor, grown from the kept one when that is
    smaller (built afresh when larger); returns its URL, the vendor's keys and the seconds spent loading."""
    url, record = catalog_paths(db, name)
    info: dict[str, Any] = json.loads(record.read_text()) if record.exists() else {}
    if info and int(info["products"]) > size:
        info = {}
    if not info:
        record.unlink(missing_ok=True)
        _fresh(db, url)
    services = services_for(url)
    try:
        if not info:
            keys = create_vendor(services)
            info = {"keys": keys.__dict__, "products": 0}
        keys = Keys(**info["keys"])
        missing = size - int(info["products"])
        seconds = 0.0
        if missing > 0:
            proto = prototype(services, keys.vendor_id, hybrid_payload(services, keys.vendor_id))
            started = time.monotonic()
            load_products(services, proto, missing, start=int(info["products"]), progress=True)
            seconds = time.monotonic() - started
            info["products"] = size
            record.write_text(json.dumps(info))
    finally:
        services.db.dispose()
    return url, keys, seconds


def deep_token(url: str, keys: Keys, query: dict[str, str], *, from_end: int) -> tuple[str, int]:
    """The nextToken of the page that starts ``from_end`` products before the end, as the server issues it."""
    services = services_for(url)
    try:
        flt = _list_filter(query)
        scope = f"{keys.vendor_id}|{flt}"
        P = tables.products
        with services.db.read() as conn:
            count = conn.execute(select(func.count()).where(P.c.vendor_id == keys.vendor_id)).scalar_one()
            last_id = conn.execute(
                select(P.c.seller_product_id)
                .where(P.c.vendor_id == keys.vendor_id)
                .order_by(P.c.seller_product_id)
                .offset(count - from_end - 1)
                .limit(1)
            ).scalar_one()
            return services.tokens.issue(conn, scope, last_id), int(count)
    finally:
        services.db.dispose()


def spread_ids(url: str, keys: Keys, n: int) -> list[int]:
    services = services_for(url)
    try:
        P = tables.products
        with services.db.read() as conn:
            lo, hi = conn.execute(
                select(func.min(P.c.seller_product_id), func.max(P.c.seller_product_id)).where(
                    P.c.vendor_id == keys.vendor_id
                )
            ).one()
        return [lo + (hi - lo) * k // (n - 1) for k in range(n)]
    finally:
        services.db.dispose()


def a_vendor_item(url: str, keys: Keys) -> int:
    """One vendorItemId of the vendor's catalog (the untimed writes change its price)."""
    services = services_for(url)
    try:
        V = tables.vendor_items
        with services.db.read() as conn:
            return int(
                conn.execute(select(func.min(V.c.vendor_item_id)).where(V.c.vendor_id == keys.vendor_id)).scalar_one()
            )
    finally:
        services.db.dispose()


def timed_round_robin(
    base_url: str,
    calls: dict[str, list[tuple[str, dict[str, str]]]],
    rounds: int,
    writes: Sequence[tuple[str, dict[str, str]]] = (),
) -> dict[str, float]:
    """Median milliseconds per call kind; one keep-alive connection, the kinds in turn, each after one of
    ``writes`` (``PUT``s, in turn, untimed) when there are any."""
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    samples: dict[str, list[float]] = {k: [] for k in calls}
    try:
        for n in range(rounds + 3):
            for k, (kind, variants) in enumerate(calls.items()):
                if writes:
                    path, signed = writes[(n * len(calls) + k) % len(writes)]
                    conn.request("PUT", path, headers=signed)
                    written = conn.getresponse()
                    check_success(written.status, written.read(), f"PUT {path}")
                target, headers = variants[n % len(variants)]
                started = time.perf_counter()
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                check_success(response.status, body, f"{kind} {target}")
                if n >= 3:  # the first rounds warm caches
                    samples[kind].append(elapsed * 1000)
    finally:
        conn.close()
    return {k: statistics.median(v) for k, v in samples.items()}


def measure(url: str, keys: Keys, *, rounds: int) -> dict[str, float]:
    query = {"vendorId": keys.vendor_id, "businessTypes": "rocketGrowth", "maxPerPage": "100"}
    plain = "&".join(f"{k}={v}" for k, v in query.items())
    token, count = deep_token(url, keys, query, from_end=100)
    deep = f"{plain}&nextToken={token}"
    ids = spread_ids(url, keys, 16)
    vid = a_vendor_item(url, keys)
    prices = [f"{SELLER}/vendor-items/{vid}/prices/{price}" for price in (9000, 9500)]
    with Server(url) as server:
        calls = {
            "first": [(f"{PRODUCTS}?{plain}", signed_headers(keys, "GET", PRODUCTS, plain))],
            "deep": [(f"{PRODUCTS}?{deep}", signed_headers(keys, "GET", PRODUCTS, deep))],
            "get": [(f"{PRODUCTS}/{pid}", signed_headers(keys, "GET", f"{PRODUCTS}/{pid}")) for pid in ids],
        }
        # the deep page really is the last one: 100 rows, no nextToken
        host_conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        host_conn.request("GET", calls["deep"][0][0], headers=calls["deep"][0][1])
        page = json.loads(host_conn.getresponse().read())
        host_conn.close()
        assert len(page["data"]) == 100, len(page["data"])
        assert page["nextToken"] == "", page["nextToken"]
        writes = [(path, signed_headers(keys, "PUT", path)) for path in prices]
        result = timed_round_robin(server.base_url, calls, rounds, writes)
    result["count"] = count
    return result


def run(db: str, sizes: list[int], *, rounds: int, name: str) -> str:
    rows = []
    base_get = None
    verdict = ""
    for size in sizes:
        print(f"[growth] {db}: catalog of {size:,}", file=sys.stderr, flush=True)
        url, keys, seconds = catalog(db, size, name=name)
        m = measure(url, keys, rounds=rounds)
        base_get = base_get or m["get"]
        ratio = m["deep"] / m["first"]
        rows.append([f"{size:,}", f"{m['first']:.1f}", f"{m['deep']:.1f}", f"{ratio:.2f}", f"{m['get']:.2f}",
                     f"{m['get'] / base_get:.2f}", f"{size / seconds:,.0f}/s" if seconds else "(kept)"])  # fmt: skip
        verdict = f"deep/first at {size:,}: {ratio:.2f}; query by id {m['get'] / base_get:.2f}× the smallest catalog's"
    lines = [
        f"## 2. Growth ({db})",
        "",
        *machine_lines("python -m bench.growth " + " ".join(sys.argv[1:])),
        "- One vendor's catalog of hybrid Rocket Growth products (3 options, 6 sides each), bulk-loaded "
        "(`bench.loader`: `validate_product` → `lifecycle.create` → `lifecycle.approve` once, then copied "
        "with fresh ids by `executemany`, 5 000 products a transaction, with their histories).",
        "- Server: one worker, rate limit off. One keep-alive connection, the three calls in turn, "
        f"{rounds} rounds after 3 warm-up rounds; medians in ms. *Deep page*: the last full page, asked "
        "with a `nextToken` issued by the server's own `services.tokens.issue` for the scope it builds for "
        "the query (checked: 100 rows, no further token). *Query by id*: 16 products spread over the whole "
        "id range. Before each timed call an untimed price change commits, so that every read is the "
        "database's, not one the server kept.",
        "",
        markdown_table(HEADERS, rows),
        "",
        f"Targets: deep page ÷ first page ≤ 1.3 at 1 M; query by id flat across sizes → {verdict}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres or both (sqlite,postgres)")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="1 000 and 10 000 products, 20 rounds (smoke)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.rounds = "1000,10000", 20
    sizes = sorted(int(s) for s in args.sizes.split(","))
    started = time.monotonic()
    name = "growth-quick" if args.quick else "growth"
    text = "\n\n".join(run(db, sizes, rounds=args.rounds, name=name) for db in args.db.split(","))
    write_section("growth", text)
    print(text)
    print(f"\n[growth] {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
