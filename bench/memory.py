"""Memory: the server's RSS with 1 M products stored (after a warm list/query load), and the SDK's peak
RSS while it exports those 1 M products as JSON lines, streaming through ``client.products.list``.

The catalog is ``bench.growth``'s kept one (built to 1 M when missing). The server (one worker, SQLite)
is measured when started, then after wrk has driven a mix of first pages, deep pages (tokens spread over
the catalog), and product queries spread over the catalog. With SQLite's ``mmap_size``, pages of the
database file read through the mapping count in RSS as *file-backed* memory (shared with the OS page
cache and dropped under pressure): the table gives anonymous and file-backed RSS apart.

The export runs in its own process (``python -m bench.export_child``, which imports the SDK only): the sync ``Client``,
``rate_limit=None``, ``products.list(business_types="rocketGrowth", max_per_page=100)``, each row's JSON as
the API sent it written to a file under ``$ROCKETGROWTH_BENCH_DIR``; its peak RSS is its ``VmHWM``.

    python -m bench.memory [--products 1000000] [--quick]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.common import (
    SELLER,
    WORK,
    Keys,
    Server,
    machine_lines,
    markdown_table,
    signed_headers,
    write_section,
)
from bench.growth import catalog, deep_token, spread_ids
from bench.load import Request, run_load

__all__ = ("main",)

PRODUCTS = f"{SELLER}/seller-products"
MB = 1024 * 1024


def _status_kb(pid: int) -> dict[str, int]:
    """RSS and peak from ``status``; PSS (anonymous / file) from ``smaps_rollup``: every pooled SQLite
    connection maps the database file, and RSS counts a page once per mapping, PSS once."""
    text = Path(f"/proc/{pid}/status").read_text() + Path(f"/proc/{pid}/smaps_rollup").read_text()
    pattern = r"^(VmRSS|VmHWM|Pss|Pss_Anon|Pss_File):\s+(\d+) kB"
    return {k: int(v) * 1024 for k, v in re.findall(pattern, text, re.M)}


def _warm_requests(url: str, keys: Keys) -> list[Request]:
    query = {"vendorId": keys.vendor_id, "businessTypes": "rocketGrowth", "maxPerPage": "100"}
    plain = "&".join(f"{k}={v}" for k, v in query.items())
    out = [Request("GET", f"{PRODUCTS}?{plain}", signed_headers(keys, "GET", PRODUCTS, plain))]
    token, count = deep_token(url, keys, query, from_end=100)
    for from_end in (100, count // 2, count // 4, 3 * count // 4):
        token, _ = deep_token(url, keys, query, from_end=from_end)
        q = f"{plain}&nextToken={token}"
        out.append(Request("GET", f"{PRODUCTS}?{q}", signed_headers(keys, "GET", PRODUCTS, q)))
    for pid in spread_ids(url, keys, 32):
        path = f"{PRODUCTS}/{pid}"
        out.append(Request("GET", path, signed_headers(keys, "GET", path)))
    return out


def run(products: int, warm_seconds: float) -> str:
    print(f"[memory] catalog of {products:,}", file=sys.stderr, flush=True)
    url, keys, _ = catalog("sqlite", products, name="growth" if products >= 1_000_000 else "memory")
    requests = _warm_requests(url, keys)
    with Server(url) as server:
        pid = server.worker_pids()[0]
        started = _status_kb(pid)
        result = run_load(server.base_url, requests, connections=32, duration=warm_seconds, warmup=0)
        assert result.errors == 0, result
        warm = _status_kb(pid)
        print("[memory] export through the SDK", file=sys.stderr, flush=True)
        out = WORK / "export.jsonl"
        child = subprocess.run(
            [sys.executable, "-m", "bench.export_child", server.base_url, json.dumps(keys.__dict__), str(out)],
            capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1],
        )  # fmt: skip
        export = json.loads(child.stdout.strip().splitlines()[-1])
        after_export = _status_kb(pid)
    out.unlink(missing_ok=True)
    assert export["count"] == products, export

    def mb(v: int) -> str:
        return f"{v / MB:,.0f}"

    def row(label: str, m: dict[str, int]) -> list[object]:
        return [label, mb(m["Pss"]), mb(m["Pss_Anon"]), mb(m["Pss_File"]), mb(m["VmRSS"]), mb(m["VmHWM"])]

    server_rows = [
        row("started", started),
        row(f"after {result.requests:,} warm calls ({warm_seconds:g} s)", warm),
        row(f"after serving the export ({products // 100:,} pages)", after_export),
    ]
    db_size = sum(Path(url.removeprefix("sqlite:///") + s).stat().st_size for s in ("", "-wal") if
                  Path(url.removeprefix("sqlite:///") + s).exists())  # fmt: skip
    lines = [
        "## 5. Memory",
        "",
        *machine_lines("python -m bench.memory " + " ".join(sys.argv[1:])),
        f"- Catalog: {products:,} hybrid RG products of 3 options for one vendor (`bench.growth`'s), SQLite file "
        f"{db_size / MB:,.0f} MB. Server: one worker. Warm load: wrk, 32 connections, first pages, deep pages "
        "at ¼, ½, ¾ and the end, and product queries spread over the catalog.",
        "",
        "Server memory in MB. PSS counts each page once (*file*: pages of the database read through SQLite's "
        "mmap, and of the libraries: shared with the page cache, dropped under pressure; *anonymous*: the "
        "process's own heap); RSS counts a page once per mapping, and every pooled SQLite connection maps "
        "the file, so RSS overstates it.",
        "",
        markdown_table(["when", "PSS", "anonymous", "file", "RSS", "peak RSS (VmHWM)"], server_rows),
        "",
        f"SDK export: {export['count']:,} products in {export['seconds']:,.0f} s "
        f"({export['count'] / export['seconds']:,.0f} products/s), {export['bytes'] / MB:,.0f} MB of JSON lines; "
        f"peak RSS of the exporting process **{export['peak_rss'] / MB:,.0f} MB** (after imports, before the "
        f"first call: {export['rss_before'] / MB:,.0f} MB; server modules loaded: {export['modules'] or 'none'}).",
        "",
        f"Target: export of 1 M products with SDK memory under 200 MB → {export['peak_rss'] / MB:,.0f} MB"
        + ("" if products >= 1_000_000 else f" (measured at {products:,})")
        + ".",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--warm-seconds", type=float, default=20.0)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.products, args.warm_seconds = 5_000, 3.0
    started = time.monotonic()
    text = run(args.products, args.warm_seconds)
    write_section("memory", text)
    print(text)
    print(f"\n[memory] {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
