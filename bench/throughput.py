"""Throughput and latency of signed API calls under 32 connections (wrk), on SQLite and PostgreSQL,
with 1 and 2 workers, rate limit off, review mode auto.

Every figure is also a ratio to the framework ceiling measured in the same run: a plain FastAPI app's
trivial JSON route served by uvicorn with its defaults (``bench.ceiling``), a process of its own with
as many workers as the sandbox server it is compared with. To keep the ratios robust on a shared
machine the ceiling and the endpoint are measured in alternating slices (ceiling, endpoint, ceiling,
endpoint, …) and the ratio is the median of the per-round ratios. Each server's CPU time per request
is recorded too: the ceiling's over the endpoint's is the same comparison, insensitive to what else
runs on the machine.

Two workers against one: both servers run at once on the same database and are driven in alternating
slices, so that both see the same machine.

    python -m bench.throughput [--quick] [--db sqlite,postgres] [--seconds 4] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import ceiling, floor
from bench.common import Server, machine_lines, markdown_table, write_section
from bench.fixture import ENDPOINTS, Fixture, prepared
from bench.load import Request, Result, run_load, tool

__all__ = ("Measured", "interleaved", "main")

MIX = ("get", "list", "create", "price", "mixed")
#: the calls measured again on the floor (``bench.floor``: the same app with its reads from memory; a price
#: change still writes)
FLOOR_MIX = ("get", "list", "price", "mixed")
#: the floor's price change with an empty write transaction, and with its write left out (``bench.floor --write``)
EMPTY_WRITE = "`PUT …/vendor-items/{id}/prices/{price}` committing a write transaction that writes nothing"
NO_WRITE = "`PUT …/vendor-items/{id}/prices/{price}` with no database work (still through the writer thread)"
CONNECTIONS = 32


@dataclass
class Measured:
    endpoint: str
    rps: float
    p50_ms: float
    p99_ms: float
    ratio: float  # req/s over the ceiling's, median of rounds
    cpu_ratio: float  # ceiling's CPU time per request over the endpoint's
    errors: int
    ceiling_rps: float
    ceiling_p99_ms: float


def _cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores (``/proc/stat``)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # guest time is counted in user already
    tick = os.sysconf("SC_CLK_TCK")
    return (total - idle) / tick, total / tick


CEILING = [Request("GET", ceiling.PATH)]


def _slice(server: Server, requests: list[Request], seconds: float) -> tuple[Result, float]:
    """One measured slice: the load result and the server's CPU seconds per request."""
    pids = server.worker_pids()
    before = _cpu_seconds(pids)
    result = run_load(server.base_url, requests, connections=CONNECTIONS, duration=seconds, warmup=0)
    cpu = (_cpu_seconds(pids) - before) / max(1, result.requests)
    return result, cpu


def interleaved(
    server: Server, top: Server, fixture: Fixture, endpoint: str, *, seconds: float, rounds: int
) -> Measured:
    """``endpoint`` on ``server`` against the ceiling server ``top``, in alternating slices."""
    run_load(server.base_url, fixture.requests(endpoint), connections=CONNECTIONS, duration=1, warmup=0)
    run_load(top.base_url, CEILING, connections=CONNECTIONS, duration=1, warmup=0)
    ratios, cpu_ratios, results, ceilings, ceiling_p99 = [], [], [], [], []
    for _ in range(rounds):
        ceiling_result, ceiling_cpu = _slice(top, CEILING, seconds)
        result, cpu = _slice(server, fixture.requests(endpoint), seconds)
        ratios.append(result.rps / ceiling_result.rps)
        cpu_ratios.append(ceiling_cpu / cpu if cpu else 0.0)
        results.append(result)
        ceilings.append(ceiling_result.rps)
        ceiling_p99.append(ceiling_result.p99_ms)
    return Measured(
        endpoint=endpoint,
        rps=statistics.median(r.rps for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        ratio=statistics.median(ratios),
        cpu_ratio=statistics.median(cpu_ratios),
        errors=sum(r.errors for r in results),
        ceiling_rps=statistics.median(ceilings),
        ceiling_p99_ms=statistics.median(ceiling_p99),
    )


def _scaling(
    one: Server, two: Server, fixture: Fixture, endpoint: str, *, seconds: float, rounds: int
) -> tuple[float, float, float]:
    """req/s of the two-worker server over the one-worker server, alternating slices, median of rounds; and
    the cores the whole machine kept busy (server, database, load generator) with one and with two."""
    ratios, busy = [], {1: [], 2: []}
    for _ in range(rounds):
        for workers, server in ((1, one), (2, two)):
            busy_before, total_before = _machine_busy()
            result, _ = _slice(server, fixture.requests(endpoint), seconds)
            busy_after, total_after = _machine_busy()
            busy[workers].append((busy_after - busy_before) / (total_after - total_before) * (os.cpu_count() or 1))
            if workers == 1:
                a = result
            else:
                ratios.append(result.rps / a.rps)
    return statistics.median(ratios), statistics.median(busy[1]), statistics.median(busy[2])


def _pct(value: float) -> str:
    return f"{100 * value:.0f} %"


def run(dbs: list[str], *, seconds: float, rounds: int, products: int) -> str:
    lines: list[str] = []
    rows: list[list[object]] = []
    scaling_rows: list[list[object]] = []
    floor_rows: list[list[object]] = []
    verdict: dict[str, str] = {}
    for db in dbs:
        with prepared(db, products=products, name=f"throughput_{db}") as fixture:
            one = Server(fixture.db_url, workers=1).start()
            two = Server(fixture.db_url, workers=2).start()
            tops = {1: ceiling.Ceiling(workers=1).start(), 2: ceiling.Ceiling(workers=2).start()}
            try:
                for server in (one, two):
                    for endpoint in MIX:
                        print(f"[throughput] {db} workers={server.workers} {endpoint}", file=sys.stderr, flush=True)
                        top = tops[server.workers]
                        m = interleaved(server, top, fixture, endpoint, seconds=seconds, rounds=rounds)
                        rows.append([db, server.workers, ENDPOINTS[endpoint], f"{m.rps:,.0f}", f"{m.p50_ms:.1f}",
                                     f"{m.p99_ms:.1f}", _pct(m.ratio), _pct(m.cpu_ratio), f"{m.ceiling_rps:,.0f}",
                                     f"{m.ceiling_p99_ms:.1f}", m.errors])  # fmt: skip
                        if db == "sqlite" and server.workers == 1:
                            verdict[endpoint] = (
                                f"{_pct(m.ratio)} (CPU {_pct(m.cpu_ratio)}), p99 {m.p99_ms:.1f} ms "
                                f"(the ceiling's own p99: {m.ceiling_p99_ms:.1f} ms)"
                            )
                if db == "sqlite":
                    # the floor's calls (its price change writes), then its price change with an empty write
                    # transaction, then with no database work
                    runs = {
                        "real": [(endpoint, ENDPOINTS[endpoint], f"floor-{endpoint}") for endpoint in FLOOR_MIX],
                        "empty": [("price", EMPTY_WRITE, "floor-price-empty-write")],
                        "none": [("price", NO_WRITE, "floor-price-no-write")],
                    }
                    for write, calls in runs.items():
                        with floor.Floor(fixture.db_url, write=write) as bottom:
                            for endpoint, label, key in calls:
                                print(f"[throughput] {key}", file=sys.stderr, flush=True)
                                m = interleaved(bottom, tops[1], fixture, endpoint, seconds=seconds, rounds=rounds)
                                floor_rows.append([label, f"{m.rps:,.0f}", f"{m.p99_ms:.1f}", _pct(m.ratio),
                                                   _pct(m.cpu_ratio), f"{m.ceiling_rps:,.0f}"])  # fmt: skip
                                verdict[key] = f"{_pct(m.ratio)} (p99 {m.p99_ms:.1f} ms)"
                for endpoint in MIX:
                    print(f"[throughput] {db} 2 workers / 1 worker {endpoint}", file=sys.stderr, flush=True)
                    factor, busy_one, busy_two = _scaling(one, two, fixture, endpoint, seconds=seconds, rounds=rounds)
                    scaling_rows.append(
                        [db, ENDPOINTS[endpoint], f"{factor:.2f}×", f"{busy_one:.2f}", f"{busy_two:.2f}"]
                    )
                    if db == "postgres" and endpoint == "get":
                        verdict["scaling"] = f"{factor:.2f}×"
            finally:
                for started in (one, two, *tops.values()):
                    started.stop()
    lines += [
        "## 1. Throughput and latency",
        "",
        *machine_lines("python -m bench.throughput " + " ".join(sys.argv[1:])),
        f"- Load: {tool()} (1 thread), {CONNECTIONS} connections, {seconds:g} s slices × {rounds} rounds, "
        f"alternating with the ceiling; {products} hybrid RG products of 3 options loaded (`bench.loader`) plus "
        "what the creates add. Signed calls: pre-signed headers per path (the CEA signature covers "
        "date+method+path+query, valid 5 minutes; re-signed for every slice). Prices alternate between two "
        "values per option (always within −50 %…+100 %), 64 options round robin; GETs cycle over 64 products. "
        "On SQLite a server keeps the key read, the product view and the list page while no write commits "
        "(`store/generation.py`): the read-only rows measure it with its reads kept after the first; the *mixed* "
        "row changes a price every tenth call, which ends every kept read.",
        '- Ceiling: a plain FastAPI app\'s trivial JSON route (`GET /` → `{"message": "Hello World"}`, '
        "`bench/ceiling.py`) served by uvicorn with its defaults (only the access log off, as for the sandbox), "
        "a process of its own with as many workers as the sandbox server, up in the same run. *ratio* = req/s "
        "÷ the ceiling's req/s; *CPU ratio* = the ceiling's server CPU time per request ÷ the endpoint's (what "
        "the ratio would be with the machine to itself).",
        "",
        markdown_table(
            [
                "db",
                "workers",
                "call",
                "req/s",
                "p50 ms",
                "p99 ms",
                "ratio",
                "CPU ratio",
                "ceiling req/s",
                "ceiling p99 ms",
                "errors",
            ],
            rows,
        ),
        "",
        "Two workers over one (both servers up at once on the same database, alternating slices). *Busy cores*:"
        f" the machine's CPU time during the slices over their length ({os.cpu_count()} cores in all: server, "
        "database and load generator together); a second worker can only add what the first left idle.",
        "",
        markdown_table(
            ["db", "call", "2 workers ÷ 1 worker", "busy cores, 1 worker", "busy cores, 2 workers"], scaling_rows
        ),
    ]
    if floor_rows:
        lines += [
            "",
            "The floor (`bench.floor`, SQLite, one worker): the same app served the same way, with the key lookup, "
            "the product view and the list page read from the database once and then from memory even after a "
            "write (a price change still writes; in the last two rows it commits a write transaction that writes "
            "nothing, then does no database work at all: its path is parsed and the call goes to the writer thread "
            "and back). What is left is the stack's own cost of a signed call (Granian, FastAPI's routing and parameter solving, the "
            "signature check, the envelope); a share of the ceiling above the floor's cannot be reached by any "
            "database layer.",
            "",
            markdown_table(["call", "req/s", "p99 ms", "ratio", "CPU ratio", "ceiling req/s"], floor_rows),
        ]
    if verdict:
        lines += [
            "",
            "Targets (SQLite, one worker; p99 ≤ 25 ms at 32 connections): query by id ≥ 40 % of the ceiling → "
            f"{verdict.get('get', 'n/a')}; list page of 100 RG rows ≥ 15 % → {verdict.get('list', 'n/a')}; "
            f"PUT price → {verdict.get('price', 'n/a')}; mixed (a price change every tenth call) → "
            f"{verdict.get('mixed', 'n/a')}; the floor: query by id "
            f"{verdict.get('floor-get', 'n/a')}, list page {verdict.get('floor-list', 'n/a')}, PUT price "
            f"{verdict.get('floor-price', 'n/a')}, PUT price with an empty write transaction "
            f"{verdict.get('floor-price-empty-write', 'n/a')}, PUT price with no database work "
            f"{verdict.get('floor-price-no-write', 'n/a')}, mixed {verdict.get('floor-mixed', 'n/a')}; two workers on PostgreSQL ≥ 1.6× one (query by id) → "
            f"{verdict.get('scaling', 'n/a')}.",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="one short round (smoke)")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds = 1.0, 1
    started = time.monotonic()
    text = run(args.db.split(","), seconds=args.seconds, rounds=args.rounds, products=args.products)
    write_section("throughput", text)
    print(text)
    print(f"\n[throughput] {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
