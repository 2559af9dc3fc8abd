"""What each database read costs a signed call in the server: the real server against the floor
(``bench.floor``) with only the key lookup from memory, and with every read from memory, driven in
alternating slices on one SQLite database (one worker each, 32 connections).

The difference of the CPU time per request between two of them is what the reads they differ by cost the
worker: the key lookup (real − key from memory), then the product view or the list page (key from memory
− all from memory). The real server keeps its reads while no write commits (``store.generation``), so a
read-only load costs it about what the floor costs; the *mixed* load (a price change every tenth call,
``bench.fixture``) shows what the reads cost when writes keep ending what was kept.

    python -m bench.reads [--seconds 3] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys

from bench.common import Server, machine_lines, markdown_table, write_section
from bench.fixture import ENDPOINTS, prepared
from bench.floor import MEMOS, Floor
from bench.load import tool
from bench.throughput import CONNECTIONS, _slice

__all__ = ("main",)

CALLS = ("get", "list", "mixed")
SERVERS = ("real", "key from memory", "all reads from memory")


def run(*, seconds: float, rounds: int, products: int) -> str:
    rows: list[list[object]] = []
    with prepared("sqlite", products=products, name="reads") as fixture:
        servers = {
            "real": Server(fixture.db_url, workers=1),
            "key from memory": Floor(fixture.db_url, memo=("key",)),
            "all reads from memory": Floor(fixture.db_url, memo=MEMOS),
        }
        for server in servers.values():
            server.start()
        try:
            for call in CALLS:
                requests = fixture.requests(call)
                for server in servers.values():
                    _slice(server, requests, 1)
                cpu: dict[str, list[float]] = {name: [] for name in servers}
                rps: dict[str, list[float]] = {name: [] for name in servers}
                for _ in range(rounds):
                    for name, server in servers.items():
                        print(f"[reads] {call} {name}", file=sys.stderr, flush=True)
                        result, seconds_per_request = _slice(server, requests, seconds)
                        cpu[name].append(seconds_per_request * 1e6)
                        rps[name].append(result.rps)
                real, key, bottom = (statistics.median(cpu[name]) for name in SERVERS)
                rows.append([ENDPOINTS[call], *(f"{statistics.median(rps[n]):,.0f}" for n in SERVERS),
                             f"{real:.0f}", f"{key:.0f}", f"{bottom:.0f}", f"{real - key:.0f}",
                             f"{key - bottom:.0f}"])  # fmt: skip
        finally:
            for server in servers.values():
                server.stop()
    headers = ["call", "req/s real", "req/s key from memory", "req/s all from memory", "CPU µs real",
               "CPU µs key from memory", "CPU µs all from memory", "key read µs", "page read µs"]  # fmt: skip
    return "\n".join(
        [
            "## 7. What the reads cost the server (`python -m bench.reads`)",
            "",
            *machine_lines("python -m bench.reads " + " ".join(sys.argv[1:])),
            f"- Load: {tool()}, {CONNECTIONS} connections, {seconds:g} s slices × {rounds} rounds alternating "
            f"between the three servers (one worker each, one SQLite database of {products} hybrid products); "
            "*CPU µs* = the worker's CPU time per request (all its threads), median of the rounds.",
            "- *key read*: real − key from memory; *page read*: key from memory − all reads from memory (the "
            "product view for the query by id and the mixed load, the list page for the list). The real server "
            "keeps its reads while no write commits: on the read-only loads both are its cost of keeping them; "
            "on the mixed load, what the reads cost when every tenth call is a write.",
            "",
            markdown_table(headers, rows),
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="one short round (smoke)")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds, args.products = 1.0, 1, 200
    text = run(seconds=args.seconds, rounds=args.rounds, products=args.products)
    write_section("reads", text)
    print(text)


if __name__ == "__main__":
    main()
