"""Crash safety: kill -9 the server in the middle of a sustained write load, start it again, and check
that every write it acknowledged (HTTP 200) is there and that no product is half-written.

Writers (one thread each, each owning its products) create products of the three shapes
(marketplace, Rocket Growth, hybrid; auto-approved), modify them (a new name each time) and change
their options' prices, recording every acknowledged write and the one in flight. After SIGKILL and a
restart on the same database:

* every acknowledged create reads back (GET 200) with all its options; its name is the last
  acknowledged one or the one in flight when the server died; every price likewise;
* every product row in the database is whole: options at positions 0..n-1, the sides its business
  type needs (with vendorItemIds once approved), at least one history entry, and a GET that works;
* products nobody was told about are only the creates that were in flight (at most one per writer).

    python -m bench.crash --db sqlite --seconds 20 --cycles 3
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from bench.served import Served, Vendor, database, make_vendor
from rocketgrowth.sdk._client import tls_context

__all__ = ("CrashReport", "run")

SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"
PRODUCTS = f"{SELLER}/seller-products"
ITEMS = f"{SELLER}/vendor-items"
SIDES = {"MARKETPLACE": {"MARKETPLACE"}, "ROCKET_GROWTH": {"ROCKET_GROWTH"}, "HYBRID": {"MARKETPLACE", "ROCKET_GROWTH"}}


@dataclass
class Journal:
    """What one writer was told (acknowledged), and what it sent without an answer since (pending).

    After a crash a field may hold its last acknowledged value or any value sent after it whose answer
    never came; a later acknowledgement clears the pending ones.
    """

    created: dict[int, dict[str, Any]] = field(default_factory=dict)  # pid → {name, options, view}
    names: dict[int, str] = field(default_factory=dict)  # pid → last acknowledged name
    prices: dict[int, int] = field(default_factory=dict)  # vendorItemId → last acknowledged price
    pending_creates: set[str] = field(default_factory=set)
    pending_names: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    pending_prices: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    in_flight: int = 0  # requests without an answer when the server died
    acks: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)


@dataclass
class CrashReport:
    db: str
    cycles: int
    writers: int
    acknowledged: dict[str, int]
    in_flight_at_kill: int
    unacknowledged_products_found: int
    products_checked: int
    write_rate_per_s: float
    restart_seconds: list[float]
    problems: list[str]


class Writer:
    def __init__(self, n: int, base_url: str, vendor: Vendor, payloads: dict[str, dict[str, Any]]) -> None:
        from rocketgrowth.sdk._auth import CeaAuth

        self.n = n
        self.journal = Journal()
        self.payloads = payloads
        self.auth = CeaAuth(vendor.access_key, vendor.secret_key)
        self.base_url = base_url
        self.serial = itertools.count()
        self.random = random.Random(n)

    def _name(self, kind: str) -> str:
        return f"w{self.n}-{kind}-{next(self.serial)}-{time.monotonic_ns()}"

    def run(self, stop: threading.Event) -> None:
        with httpx.Client(base_url=self.base_url, auth=self.auth, timeout=30, verify=tls_context()) as client:
            while not stop.is_set():
                try:
                    self.step(client)
                except httpx.HTTPError:
                    self.journal.in_flight += 1
                    return  # the server is gone: what was sent stays pending

    def step(self, client: httpx.Client) -> None:
        j = self.journal
        choice = self.random.random()
        ready = [pid for pid, created in j.created.items() if created["view"] is not None]
        if not ready or choice < 0.34:
            shape = self.random.choice(sorted(self.payloads))
            name = self._name("c")
            payload = {**self.payloads[shape], "sellerProductName": name, "requested": True}
            j.pending_creates.add(name)
            pid = self._ok(client.post(PRODUCTS, json=payload), "create")
            if pid is not None:
                j.pending_creates.discard(name)
                j.created[int(pid)] = {"name": name, "options": len(payload["items"]), "view": None}
                j.names[int(pid)] = name
                j.created[int(pid)]["view"] = client.get(f"{PRODUCTS}/{pid}").json()["data"]
            return
        pid = self.random.choice(sorted(ready))
        if choice < 0.67:
            from tests.payloads import as_update

            name = self._name("m")
            body = as_update(j.created[pid]["view"])
            body.update({"sellerProductName": name, "requested": True})
            j.pending_names[pid].add(name)
            if self._ok(client.put(PRODUCTS, json=body), "modify") is not None:
                j.names[pid] = name
                j.pending_names[pid].clear()
            return
        vids = _vendor_item_ids(j.created[pid]["view"])
        if not vids:
            return
        vid = self.random.choice(vids)
        price = 10_000 + 10 * self.random.randrange(1, 500)
        j.pending_prices[vid].add(price)
        response = client.put(f"{ITEMS}/{vid}/prices/{price}", params={"forceSalePriceUpdate": "true"})
        if self._ok(response, "price") is not None:
            j.prices[vid] = price
            j.pending_prices[vid].clear()

    def _ok(self, response: httpx.Response, what: str) -> Any:
        if response.status_code == 200 and response.json().get("code") == "SUCCESS":
            self.journal.acks[what] += 1
            return response.json().get("data", True) or True
        if len(self.journal.errors) < 5:
            self.journal.errors.append(f"{what}: {response.status_code} {response.text[:200]}")
        return None


def _vendor_item_ids(view: dict[str, Any]) -> list[int]:
    out: list[int] = []
    for item in view["items"]:
        if item.get("vendorItemId"):
            out.append(int(item["vendorItemId"]))
        for key in ("marketplaceItemData", "rocketGrowthItemData"):
            block = item.get(key) or {}
            if block.get("vendorItemId"):
                out.append(int(block["vendorItemId"]))
    return out


def _price_of(client: httpx.Client, vid: int) -> int | None:
    data = client.get(f"{ITEMS}/{vid}/inventories").json().get("data") or {}
    price = data.get("salePrice")
    return int(price) if price is not None else None


def _payloads(db_url: str, vendor_id: str) -> dict[str, dict[str, Any]]:
    from tests.payloads import hybrid_payload, marketplace_payload, rocket_growth_payload

    from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY, DEMO_RG_CATEGORY
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings

    services = Services.build(Settings(db_url=db_url, rate_limit=0))
    try:
        return {
            "marketplace": marketplace_payload(services, vendor_id, DEMO_MARKETPLACE_CATEGORY, options=2),
            "rocket_growth": rocket_growth_payload(services, vendor_id, DEMO_RG_CATEGORY, options=2),
            "hybrid": hybrid_payload(services, vendor_id, DEMO_RG_CATEGORY, options=2),
        }
    finally:
        services.db.dispose()


def _check_rows(db_url: str, vendor_id: str) -> tuple[list[int], list[str]]:
    """Every product of the vendor is whole in the database: its options, sides and history."""
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings
    from rocketgrowth.store import tables

    problems: list[str] = []
    services = Services.build(Settings(db_url=db_url, rate_limit=0))
    try:
        with services.db.read() as conn:
            products = conn.execute(
                select(
                    tables.products.c.seller_product_id, tables.products.c.business_type, tables.products.c.status
                ).where(tables.products.c.vendor_id == vendor_id)
            ).all()
            sides = defaultdict(list)
            for row in conn.execute(select(tables.vendor_items).where(tables.vendor_items.c.vendor_id == vendor_id)):
                sides[row.seller_product_id].append(row)
            histories = defaultdict(int)
            for (pid,) in conn.execute(
                select(tables.product_histories.c.seller_product_id).where(
                    tables.product_histories.c.vendor_id == vendor_id
                )
            ):
                histories[pid] += 1
    finally:
        services.db.dispose()
    for pid, business, status in products:
        rows = sides.get(pid, [])
        positions = sorted({r.position for r in rows})
        if not rows or positions != list(range(len(positions))):
            problems.append(f"product {pid}: options at positions {positions}")
        for position in positions:
            kinds = {r.side for r in rows if r.position == position}
            if kinds != SIDES[business]:
                problems.append(f"product {pid} option {position}: sides {kinds} for {business}")
        if status == "APPROVED" and any(r.vendor_item_id is None for r in rows):
            problems.append(f"product {pid}: approved without every vendorItemId")
        if histories.get(pid, 0) < 1:
            problems.append(f"product {pid}: no history")
    return [int(p[0]) for p in products], problems


def _verify(served: Served, vendor: Vendor, journals: list[Journal], problems: list[str]) -> tuple[int, int]:
    """Returns (products checked, products found that no writer was told about)."""
    from rocketgrowth.sdk._auth import CeaAuth

    pids, row_problems = _check_rows(served.db_url, vendor.vendor_id)
    problems.extend(row_problems)
    acked = {pid for j in journals for pid in j.created}
    in_flight = {name for j in journals for name in j.pending_creates}
    unknown = 0
    with httpx.Client(
        base_url=served.base_url, auth=CeaAuth(vendor.access_key, vendor.secret_key), timeout=30
    ) as client:
        for pid in pids:
            response = client.get(f"{PRODUCTS}/{pid}")
            if response.status_code != 200:
                problems.append(f"GET {pid}: {response.status_code} {response.text[:200]}")
                continue
            view = response.json()["data"]
            if pid not in acked:
                unknown += 1
                if view["sellerProductName"] not in in_flight:
                    problems.append(f"product {pid} ({view['sellerProductName']}) was never acknowledged nor in flight")
        for j in journals:
            for pid, created in j.created.items():
                response = client.get(f"{PRODUCTS}/{pid}")
                if response.status_code != 200:
                    problems.append(f"acknowledged product {pid} lost: {response.status_code}")
                    continue
                view = response.json()["data"]
                if len(view["items"]) != created["options"]:
                    problems.append(f"product {pid}: {len(view['items'])} options, {created['options']} sent")
                allowed = {j.names[pid], *j.pending_names.get(pid, ())}
                if view["sellerProductName"] not in allowed:
                    problems.append(f"product {pid}: name {view['sellerProductName']!r}, acknowledged {allowed}")
            for vid, price in j.prices.items():
                allowed_prices = {price, *j.pending_prices.get(vid, ())}
                found = _price_of(client, vid)
                if found not in allowed_prices:
                    problems.append(f"vendor item {vid}: price {found}, acknowledged {allowed_prices}")
    return len(pids), unknown


def run(kind: str, directory: Path, *, seconds: float = 10, cycles: int = 2, writers: int = 4) -> CrashReport:
    """``cycles`` times: write for ``seconds``, SIGKILL, restart, verify everything acknowledged so far."""
    problems: list[str] = []
    restarts: list[float] = []
    in_flight = unknown = checked = 0
    acknowledged: dict[str, int] = {}
    writing = 0.0
    with database(kind, directory) as url:
        vendor = make_vendor(url)
        payloads = _payloads(url, vendor.vendor_id)
        served = Served(url, log_path=directory / f"server-{kind}.log").start()
        try:
            team = [Writer(n, served.base_url, vendor, payloads) for n in range(writers)]
            for _ in range(cycles):
                stop = threading.Event()
                threads = [threading.Thread(target=w.run, args=(stop,)) for w in team]
                began = time.monotonic()
                for thread in threads:
                    thread.start()
                time.sleep(seconds)
                served.kill()  # mid-load: the writers are inside requests
                writing += time.monotonic() - began
                stop.set()
                for thread in threads:
                    thread.join(timeout=60)
                began = time.monotonic()
                served.start()
                restarts.append(round(time.monotonic() - began, 2))
                checked, unknown = _verify(served, vendor, [w.journal for w in team], problems)
            in_flight = sum(w.journal.in_flight for w in team)
            acknowledged: dict[str, int] = defaultdict(int)
            for w in team:
                for what, count in w.journal.acks.items():
                    acknowledged[what] += count
                problems.extend(w.journal.errors)
        finally:
            served.stop()
    return CrashReport(
        db=kind,
        cycles=cycles,
        writers=writers,
        acknowledged=dict(acknowledged),
        in_flight_at_kill=in_flight,
        unacknowledged_products_found=unknown,
        products_checked=checked,
        write_rate_per_s=round(sum(acknowledged.values()) / max(writing, 1e-9), 1),
        restart_seconds=restarts,
        problems=problems,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=10, help="write load before each kill")
    parser.add_argument("--cycles", type=int, default=2)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        report = run(args.db, Path(tmp), seconds=args.seconds, cycles=args.cycles, writers=args.writers)
    print(json.dumps(asdict(report), ensure_ascii=False, indent=2))
    if report.problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
