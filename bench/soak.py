"""Soak: a sustained mixed load (reads, lists, writes) on loopback at a fraction of the measured peak,
for minutes: every response must be a success, the latency stays put and the server's memory is flat.

1. ``rocketgrowth serve`` (one worker, rate limit off) on a database seeded with products;
2. the peak: closed-loop clients (several processes) send the mix as fast as they can for a while;
3. the soak: open-loop clients send the same mix at ``--fraction`` (0.8) of that peak, paced, for
   ``--minutes``; the server's RSS is sampled every few seconds and its slope fitted.

The mix (per 100 calls): 45 product GETs, 20 list pages, 15 inventory GETs, 10 price changes,
5 modifies, 5 creates.

    python -m bench.soak --minutes 5 --db sqlite
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.served import Served, Vendor, database, make_vendor
from rocketgrowth.sdk._client import tls_context

__all__ = ("SoakReport", "run")

SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"
PRODUCTS = f"{SELLER}/seller-products"
ITEMS = f"{SELLER}/vendor-items"
MIX = (("get", 45), ("list", 20), ("inventory", 15), ("price", 10), ("modify", 5), ("create", 5))


@dataclass
class Plan:
    """What the clients need: keys, products to read and modify, options to price, a create payload."""

    base_url: str
    vendor: Vendor
    product_ids: list[int]
    vendor_item_ids: list[int]
    update_bodies: list[dict[str, Any]]
    create_payload: dict[str, Any]


def _call(client: httpx.Client, plan: Plan, op: str, rng: random.Random) -> int:
    if op == "get":
        return client.get(f"{PRODUCTS}/{rng.choice(plan.product_ids)}").status_code
    if op == "list":
        return client.get(PRODUCTS, params={"vendorId": plan.vendor.vendor_id, "maxPerPage": 20}).status_code
    if op == "inventory":
        return client.get(f"{ITEMS}/{rng.choice(plan.vendor_item_ids)}/inventories").status_code
    if op == "price":
        vid = rng.choice(plan.vendor_item_ids)
        price = 10_000 + 10 * rng.randrange(1, 500)
        return client.put(f"{ITEMS}/{vid}/prices/{price}", params={"forceSalePriceUpdate": "true"}).status_code
    if op == "modify":
        body = dict(rng.choice(plan.update_bodies))
        body["sellerProductName"] = f"soak {rng.random():.12f}"
        return client.put(PRODUCTS, json=body).status_code
    payload = {**plan.create_payload, "sellerProductName": f"soak new {rng.random():.12f}"}
    return client.post(PRODUCTS, json=payload).status_code


def _ops(rng: random.Random) -> str:
    pick = rng.randrange(100)
    for op, weight in MIX:
        if pick < weight:
            return op
        pick -= weight
    return MIX[0][0]


def _client(plan: Plan) -> httpx.Client:
    from rocketgrowth.sdk._auth import CeaAuth

    return httpx.Client(
        base_url=plan.base_url,
        auth=CeaAuth(plan.vendor.access_key, plan.vendor.secret_key),
        timeout=30,
        verify=tls_context(),
    )


def _worker(plan: Plan, seed: int, threads: int, seconds: float, rate: float | None, out: Any) -> None:
    """One client process: ``threads`` threads, closed loop (``rate`` None) or paced at ``rate`` per second
    in total. Sends back (start offset, latency ms, op, status) per call."""
    results: list[tuple[float, float, str, int]] = []
    lock = threading.Lock()
    start = time.monotonic() + 0.2

    def loop(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        local: list[tuple[float, float, str, int]] = []
        interval = threads / rate if rate else 0.0
        with _client(plan) as client:
            k = 0
            while True:
                due = start + (k * interval if rate else 0.0) + (n * interval / threads if rate else 0.0)
                now = time.monotonic()
                if now - start >= seconds or (rate and due - start >= seconds):
                    break
                if rate and due > now:
                    time.sleep(due - now)
                op = _ops(rng)
                began = time.monotonic()
                try:
                    status = _call(client, plan, op, rng)
                except httpx.HTTPError:
                    status = 0
                local.append((began - start, (time.monotonic() - began) * 1000, op, status))
                k += 1
        with lock:
            results.extend(local)

    workers = [threading.Thread(target=loop, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    out.put(results)


def _drive(
    plan: Plan, *, processes: int, threads: int, seconds: float, rate: float | None
) -> list[tuple[float, float, str, int]]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    share = rate / processes if rate else None
    children = [
        context.Process(target=_worker, args=(plan, p, threads, seconds, share, queue)) for p in range(processes)
    ]
    for child in children:
        child.start()
    results: list[tuple[float, float, str, int]] = []
    for _ in children:
        results.extend(queue.get(timeout=seconds + 120))
    for child in children:
        child.join(timeout=30)
    return results


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1) if ordered else 0.0


def _slope_per_min(points: list[tuple[float, int]]) -> float:
    """Least-squares slope of (seconds, KiB) in KiB per minute."""
    if len(points) < 2:
        return 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return round(60 * sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var, 1) if var else 0.0


@dataclass
class SoakReport:
    db: str
    seconds: float
    peak_per_s: float
    target_per_s: float
    achieved_per_s: float
    requests: int
    errors: int
    statuses: dict[int, int]
    p50_ms: float
    p99_ms: float
    p999_ms: float
    max_ms: float
    p99_by_op_ms: dict[str, float]
    p99_by_minute_ms: list[float]
    rss_kib: list[tuple[float, int]] = field(default_factory=list)
    rss_start_kib: int = 0
    rss_end_kib: int = 0
    rss_slope_kib_per_min: float = 0.0
    rss_slope_second_half_kib_per_min: float = 0.0
    products_at_end: int = 0
    #: the anonymous part of the RSS (heap; the file-backed rest is the OS page cache of SQLite's mmap)
    anon_kib: list[tuple[float, int]] = field(default_factory=list)
    anon_start_kib: int = 0
    anon_end_kib: int = 0
    anon_slope_second_half_kib_per_min: float = 0.0
    #: the machine's mean 1-minute load average during the soak (2 cores: above 2, others compete)
    load_average: float = 0.0
    #: SQLite only: the write-ahead log's size over time (KiB)
    wal_kib: list[tuple[float, int]] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [
            f"| {self.db} | value |", "|---|---|",
            f"| measured peak (closed loop) | {self.peak_per_s:.0f} req/s |",
            f"| soak target (open loop) | {self.target_per_s:.0f} req/s for {self.seconds / 60:.1f} min |",
            f"| achieved | {self.achieved_per_s:.0f} req/s, {self.requests} requests |",
            f"| errors (non-200 or transport) | {self.errors} |",
            f"| latency p50 / p99 / p99.9 / max | {self.p50_ms} / {self.p99_ms} / {self.p999_ms} / {self.max_ms} ms |",
            f"| p99 per minute | {', '.join(f'{v} ms' for v in self.p99_by_minute_ms)} |",
            f"| p99 per operation | {', '.join(f'{k} {v} ms' for k, v in sorted(self.p99_by_op_ms.items()))} |",
            f"| server RSS start → end | {self.rss_start_kib / 1024:.1f} → {self.rss_end_kib / 1024:.1f} MiB |",
            f"| RSS slope (all / second half) | {self.rss_slope_kib_per_min} / {self.rss_slope_second_half_kib_per_min} KiB/min |",
            f"| anonymous RSS (heap) start → end, slope in the second half | {self.anon_start_kib / 1024:.1f} → "
            f"{self.anon_end_kib / 1024:.1f} MiB, {self.anon_slope_second_half_kib_per_min} KiB/min |",
            f"| products in the database at the end | {self.products_at_end} |",
            f"| machine load average during the soak (2 cores) | {self.load_average} |",
        ]  # fmt: skip
        if self.wal_kib:
            peak_wal = max(size for _, size in self.wal_kib)
            lines.append(
                f"| SQLite WAL size: largest / at the end | {peak_wal / 1024:.1f} / {self.wal_kib[-1][1] / 1024:.1f} MiB |"
            )
        return "\n".join(lines)


def _seed(served: Served, vendor: Vendor, products: int) -> Plan:
    from tests.payloads import as_update, marketplace_payload

    from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings

    services = Services.build(Settings(db_url=served.db_url, rate_limit=0))
    try:
        payload = marketplace_payload(services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, options=3, requested=True)
    finally:
        services.db.dispose()
    plan = Plan(served.base_url, vendor, [], [], [], payload)
    with _client(plan) as client:
        for n in range(products):
            response = client.post(PRODUCTS, json={**payload, "sellerProductName": f"soak seed {n}"})
            assert response.status_code == 200, response.text
            pid = int(response.json()["data"])
            view = client.get(f"{PRODUCTS}/{pid}").json()["data"]
            plan.product_ids.append(pid)
            plan.vendor_item_ids.extend(int(i["vendorItemId"]) for i in view["items"] if i.get("vendorItemId"))
            plan.update_bodies.append(as_update(view))
    return plan


def run(
    kind: str, directory: Path, *, seconds: float, peak_seconds: float = 10, fraction: float = 0.8,
    processes: int = 2, threads: int = 4, seed_products: int = 40, sample_every: float = 2.0,
) -> SoakReport:  # fmt: skip
    with database(kind, directory) as url:
        vendor = make_vendor(url)
        with Served(url, rate_limit=0, log_path=directory / f"soak-{kind}.log") as served:
            plan = _seed(served, vendor, seed_products)
            peak_results = _drive(plan, processes=processes, threads=threads, seconds=peak_seconds, rate=None)
            peak = sum(1 for r in peak_results if r[3] == 200) / peak_seconds
            target = peak * fraction
            samples: list[tuple[float, int]] = []
            wal_sizes: list[tuple[float, int]] = []
            anon: list[tuple[float, int]] = []
            loads: list[float] = []
            stop = threading.Event()
            began = time.monotonic()

            wal = Path(url.removeprefix("sqlite:///") + "-wal") if kind == "sqlite" else None

            def sample() -> None:
                while not stop.is_set():
                    loads.append(float(Path("/proc/loadavg").read_text().split()[0]))
                    memory = served.memory_kib()
                    samples.append((round(time.monotonic() - began, 1), memory["VmRSS"]))
                    anon.append((samples[-1][0], memory["RssAnon"]))
                    if wal is not None:
                        wal_sizes.append((samples[-1][0], wal.stat().st_size // 1024 if wal.exists() else 0))
                    stop.wait(sample_every)

            sampler = threading.Thread(target=sample)
            sampler.start()
            try:
                results = _drive(plan, processes=processes, threads=threads, seconds=seconds, rate=target)
            finally:
                stop.set()
                sampler.join()
            memory = served.memory_kib()
            samples.append((round(time.monotonic() - began, 1), memory["VmRSS"]))
            anon.append((samples[-1][0], memory["RssAnon"]))
            with _client(plan) as client:
                listed = client.get(f"{PRODUCTS}/inflow-status").json()["data"]["registeredCount"]
    latencies = [r[1] for r in results]
    statuses = Counter(r[3] for r in results)
    by_op: dict[str, list[float]] = {}
    for r in results:
        by_op.setdefault(r[2], []).append(r[1])
    minutes = max(1, round(seconds / 60))
    per_minute = [[r[1] for r in results if m * 60 <= r[0] < (m + 1) * 60] for m in range(minutes)]
    half = [p for p in samples if p[0] >= samples[-1][0] / 2]
    anon_half = [p for p in anon if p[0] >= anon[-1][0] / 2]
    return SoakReport(
        db=kind,
        seconds=seconds,
        peak_per_s=round(peak, 1),
        target_per_s=round(target, 1),
        achieved_per_s=round(len(results) / seconds, 1),
        requests=len(results),
        errors=sum(n for status, n in statuses.items() if status != 200),
        statuses=dict(statuses),
        p50_ms=_pct(latencies, 0.5),
        p99_ms=_pct(latencies, 0.99),
        p999_ms=_pct(latencies, 0.999),
        max_ms=round(max(latencies, default=0.0), 1),
        p99_by_op_ms={op: _pct(values, 0.99) for op, values in by_op.items()},
        p99_by_minute_ms=[_pct(values, 0.99) for values in per_minute if values],
        rss_kib=samples,
        rss_start_kib=samples[0][1],
        rss_end_kib=samples[-1][1],
        rss_slope_kib_per_min=_slope_per_min(samples),
        rss_slope_second_half_kib_per_min=_slope_per_min(half),
        anon_kib=anon,
        anon_start_kib=anon[0][1],
        anon_end_kib=anon[-1][1],
        anon_slope_second_half_kib_per_min=_slope_per_min(anon_half),
        products_at_end=int(listed),
        wal_kib=wal_sizes,
        load_average=round(statistics.fmean(loads), 1) if loads else 0.0,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--fraction", type=float, default=0.8, help="of the measured peak")
    parser.add_argument("--peak-seconds", type=float, default=15)
    parser.add_argument("--json", type=Path, help="also write the full report (with RSS samples) here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        report = run(args.db, Path(tmp), seconds=args.minutes * 60, peak_seconds=args.peak_seconds,
                     fraction=args.fraction)  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2))
    print(report.markdown())
    if report.errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
