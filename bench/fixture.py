"""A database with one vendor and N bulk-loaded hybrid products, and the signed request mixes the
benchmarks drive: ``ping`` (the sandbox's unsigned ``/health``), ``get``, ``list``, ``create`` and ``price``."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bench.common import SELLER, Keys, create_vendor, pg_database, services_for, signed_headers, sqlite_database
from bench.load import Request
from bench.loader import hybrid_payload, load_products, prototype
from rocketgrowth.store import tables

__all__ = ("ENDPOINTS", "Fixture", "prepared")

#: what each request mix is, for the tables
ENDPOINTS = {
    "ping": "`GET /health` (the sandbox's async route, small JsonResponse, unsigned)",
    "get": "`GET …/seller-products/{id}` (hybrid RG product, 3 options)",
    "list": "`GET …/seller-products?vendorId=…&businessTypes=rocketGrowth&maxPerPage=100`",
    "create": "`POST …/seller-products` (hybrid RG, 3 options, requested: auto-approved)",
    "price": "`PUT …/vendor-items/{id}/prices/{price}`",
    "mixed": "`GET …/seller-products/{id}`, every tenth call a `PUT …/prices/{price}` (each write ends every kept read)",
}
PRODUCTS = f"{SELLER}/seller-products"
ITEMS = f"{SELLER}/vendor-items"
#: how many different products / vendor items a mix cycles through
SPREAD = 64


@dataclass
class Fixture:
    db_url: str
    keys: Keys
    product_ids: list[int]
    vendor_item_ids: list[int]
    payload: dict[str, Any]

    def list_query(self, next_token: str | None = None) -> str:
        query = f"vendorId={self.keys.vendor_id}&businessTypes=rocketGrowth&maxPerPage=100"
        return query + (f"&nextToken={next_token}" if next_token else "")

    def requests(self, endpoint: str) -> list[Request]:
        """Signed requests (valid 5 minutes: sign again for each run) for one mix."""
        keys = self.keys
        if endpoint == "ping":
            return [Request("GET", "/health")]
        if endpoint == "get":
            paths = [f"{PRODUCTS}/{pid}" for pid in self.product_ids[:SPREAD]]
            return [Request("GET", p, signed_headers(keys, "GET", p)) for p in paths]
        if endpoint == "list":
            query = self.list_query()
            return [Request("GET", f"{PRODUCTS}?{query}", signed_headers(keys, "GET", PRODUCTS, query))]
        if endpoint == "create":
            body = json.dumps(self.payload, ensure_ascii=False).encode()
            return [Request("POST", PRODUCTS, signed_headers(keys, "POST", PRODUCTS), body)]
        if endpoint == "mixed":
            # nine queries by id, then a price change: the kept reads never outlive a tenth of the calls
            gets, prices = self.requests("get"), self.requests("price")
            mixed: list[Request] = []
            for n, request in enumerate(gets):
                mixed.append(request)
                if n % 9 == 8:
                    mixed.append(prices[(n // 9) % len(prices)])
            return mixed
        if endpoint == "price":
            out = []
            # two prices per option, alternating: every change stays within the −50 %…+100 % rule
            for vid in self.vendor_item_ids[:SPREAD]:
                for price in (9000, 9500):
                    path = f"{ITEMS}/{vid}/prices/{price}"
                    out.append(Request("PUT", path, signed_headers(keys, "PUT", path)))
            return out
        raise ValueError(endpoint)


def fixture_on(services: Any, db_url: str, products: int) -> Fixture:
    keys = create_vendor(services)
    payload = hybrid_payload(services, keys.vendor_id)
    load_products(services, prototype(services, keys.vendor_id, payload), products)
    P, V = tables.products, tables.vendor_items
    with services.db.read() as conn:
        pids = list(
            conn.execute(
                select(P.c.seller_product_id)
                .where(P.c.vendor_id == keys.vendor_id)
                .order_by(P.c.seller_product_id)
                .limit(SPREAD)
            ).scalars()
        )
        vids = list(conn.execute(
            select(V.c.vendor_item_id).where(V.c.vendor_id == keys.vendor_id, V.c.vendor_item_id.is_not(None))
            .order_by(V.c.vendor_item_id).limit(SPREAD)
        ).scalars())  # fmt: skip
    return Fixture(db_url, keys, pids, vids, payload)


@contextlib.contextmanager
def prepared(db: str, *, products: int = 200, name: str = "fixture") -> Iterator[Fixture]:
    """A fresh ``sqlite`` or ``postgres`` database holding one vendor's ``products`` (dropped afterwards)."""
    database = sqlite_database(name) if db == "sqlite" else pg_database(f"rg_bench_{name}")
    with database as url:
        services = services_for(url)
        try:
            yield fixture_on(services, url, products)
        finally:
            services.db.dispose()
