"""Rate-limit fairness: one vendor floods the server, another works at a steady pace under its limit.

The noisy vendor is held to its rate (the rest get 429 with Retry-After); the quiet vendor gets no
429 at all, and its latency rises only by a bounded amount. The flood runs in a child process of its
own (so the measuring client does not share a GIL with it); the server is ``rocketgrowth serve`` on
loopback with one worker.

    python -m bench.fairness --seconds 20 --connections 8 --db sqlite
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.served import Served, Vendor, database, make_vendor
from rocketgrowth.sdk._client import tls_context

__all__ = ("Fairness", "measure", "run")

SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"


def _client(base_url: str, vendor: Vendor) -> httpx.Client:
    from rocketgrowth.sdk._auth import CeaAuth

    return httpx.Client(
        base_url=base_url, auth=CeaAuth(vendor.access_key, vendor.secret_key), timeout=30, verify=tls_context()
    )


def _flood(base_url: str, vendor: Vendor, seconds: float, connections: int, out: Any) -> None:
    """As fast as ``connections`` keep-alive clients can go, until ``seconds`` pass (child process)."""
    counts: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        local: Counter[int] = Counter()
        with _client(base_url, vendor) as client:
            while time.monotonic() < deadline:
                try:
                    local[client.get(f"{SELLER}/seller-products/inflow-status").status_code] += 1
                except httpx.HTTPError:
                    local[0] += 1
        with lock:
            counts.update(local)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put(dict(counts))


def measure(base_url: str, vendor: Vendor, seconds: float, rate: float) -> tuple[list[float], Counter[int]]:
    """Paced calls (a product list page, then the inflow status) at ``rate`` per second: latencies in ms."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    with _client(base_url, vendor) as client:
        client.get(f"{SELLER}/seller-products/inflow-status")  # connect outside the measurement
        time.sleep(1.0)  # let the bucket refill after the warm-up call
        start = time.monotonic()
        n = 0
        while time.monotonic() - start < seconds:
            due = start + n / rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            url = f"{SELLER}/seller-products" if n % 2 == 0 else f"{SELLER}/seller-products/inflow-status"
            params = {"vendorId": vendor.vendor_id} if n % 2 == 0 else None
            began = time.perf_counter()
            response = client.get(url, params=params)
            latencies.append((time.perf_counter() - began) * 1000)
            statuses[response.status_code] += 1
            n += 1
    return latencies, statuses


def _pct(samples: list[float], q: float) -> float:
    if not samples:
        return 0.0
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@dataclass
class Fairness:
    limit: float
    connections: int
    seconds: float
    quiet_rate: float
    baseline_p50_ms: float
    baseline_p99_ms: float
    flood_p50_ms: float
    flood_p99_ms: float
    quiet_statuses: dict[int, int]
    noisy_statuses: dict[int, int]
    noisy_accepted_per_s: float
    noisy_requests_per_s: float

    def markdown(self) -> str:
        return (
            f"| quiet vendor ({self.quiet_rate:g}/s) | p50 | p99 |\n|---|---|---|\n"
            f"| alone | {self.baseline_p50_ms:.1f} ms | {self.baseline_p99_ms:.1f} ms |\n"
            f"| while another vendor floods ({self.connections} connections) | {self.flood_p50_ms:.1f} ms | "
            f"{self.flood_p99_ms:.1f} ms |\n\n"
            f"Noisy vendor: {self.noisy_requests_per_s:.0f} requests/s sent, {self.noisy_accepted_per_s:.2f}/s "
            f"accepted (limit {self.limit:g}/s), statuses {self.noisy_statuses}; quiet vendor statuses "
            f"{self.quiet_statuses}."
        )


def run(
    served: Served, noisy: Vendor, quiet: Vendor, *, seconds: float, connections: int, quiet_rate: float
) -> Fairness:
    baseline, base_statuses = measure(served.base_url, quiet, seconds, quiet_rate)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    flood = context.Process(target=_flood, args=(served.base_url, noisy, seconds + 3, connections, queue))
    flood.start()
    try:
        time.sleep(1.5)  # the flood is at full speed before the measurement starts
        under, flood_statuses = measure(served.base_url, quiet, seconds, quiet_rate)
        noisy_counts: dict[int, int] = queue.get(timeout=seconds + 60)
    finally:
        flood.join(timeout=30)
        if flood.is_alive():
            flood.kill()
    total = sum(noisy_counts.values())
    return Fairness(
        limit=served.rate_limit,
        connections=connections,
        seconds=seconds,
        quiet_rate=quiet_rate,
        baseline_p50_ms=statistics.median(baseline),
        baseline_p99_ms=_pct(baseline, 0.99),
        flood_p50_ms=statistics.median(under),
        flood_p99_ms=_pct(under, 0.99),
        quiet_statuses=dict(base_statuses + flood_statuses),
        noisy_statuses=noisy_counts,
        noisy_accepted_per_s=noisy_counts.get(200, 0) / (seconds + 3),
        noisy_requests_per_s=total / (seconds + 3),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--limit", type=float, default=5)
    parser.add_argument("--quiet-rate", type=float, default=4)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as url:
        noisy, quiet = make_vendor(url), make_vendor(url)
        with Served(url, rate_limit=args.limit) as served:
            result = run(served, noisy, quiet, seconds=args.seconds, connections=args.connections,
                         quiet_rate=args.quiet_rate)  # fmt: skip
    print(json.dumps(asdict(result)) if args.json else result.markdown())


if __name__ == "__main__":
    main()
