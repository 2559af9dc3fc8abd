"""What the connection-level limits and the HTTP server cost (``api.server``): prints a Markdown report
for ``docs/benchmarks.md``; loopback only, bounded, stops by itself.

    python -m bench.hostile              # about 1 minute
    python -m bench.hostile --quick      # smoke: shorter load rounds

1. **Calls on one kept-alive connection**, one worker and two: median and p99 of sequential
   ``GET /health`` (an answer waiting for the client's delayed acknowledgement would show as ~40 ms).
2. **Cost of a refused head**: for each hostile head, the seconds until the server closes the
   connection and the server's CPU per attack (``/proc``, averaged over ``--attacks`` runs), next to a
   normal call's CPU.
3. **Throughput, same minute**: ``rocketgrowth serve`` against the same application under uvicorn with
   its defaults (no limits, no timeouts), 32 connections on ``/health`` and a signed read.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import (
    WORK,
    Server,
    create_vendor,
    free_port,
    machine_lines,
    markdown_table,
    services_for,
    signed_headers,
    sqlite_database,
    write_section,
)
from bench.load import Request, run_load

MIB = 1024 * 1024
INFLOW = "/v2/providers/seller_api/apis/api/v1/marketplace/seller-products/inflow-status"

#: name → the bytes sent (the sender stops when the server closes)
HEADS: dict[str, list[bytes]] = {
    "normal call (`GET /health`)": [b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"],
    "request line of 9 KiB (API envelope)": [b"GET /" + b"a" * 9 * 1024 + b" HTTP/1.1\r\nHost: x\r\n\r\n"],
    "header block of 66 KiB (API envelope)": [
        b"GET /health HTTP/1.1\r\nHost: x\r\n"
        + b"".join(b"X-%d: %s\r\n" % (n, b"a" * 1000) for n in range(66))
        + b"\r\n"
    ],
    "request line of 32 MiB": [b"GET /", *[b"a" * MIB] * 32, b" HTTP/1.1\r\n\r\n"],
    "header block of 64 MiB": [b"GET / HTTP/1.1\r\nHost: x\r\nX-A: ", *[b"a" * MIB] * 64, b"\r\n\r\n"],
}


def _ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total


def _attack(port: int, parts: list[bytes]) -> float:
    """Seconds from the first byte sent until the server has closed the connection."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        for part in parts:
            try:
                sock.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break
        try:
            while sock.recv(65536):
                pass
        except ConnectionResetError:
            pass
    return time.perf_counter() - started


def kept_alive(server: Server, calls: int) -> tuple[float, float]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    times = []
    try:
        for _ in range(calls):
            started = time.perf_counter()
            conn.request("GET", "/health")
            response = conn.getresponse()
            response.read()
            assert response.status == 200
            times.append(time.perf_counter() - started)
    finally:
        conn.close()
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.99) - 1] * 1000


@contextmanager
def uvicorn_defaults(db_url: str) -> Iterator[int]:
    """The same application factory under ``uvicorn`` with its defaults, one worker."""
    port = free_port()
    env = {**os.environ, "ROCKETGROWTH_DB": db_url, "ROCKETGROWTH_RATE_LIMIT": "0", "ROCKETGROWTH_MIGRATE": "0"}
    command = [sys.executable, "-m", "uvicorn", "--factory", "rocketgrowth.api.asgi:app_from_env"]
    command += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    WORK.mkdir(parents=True, exist_ok=True)
    with (WORK / f"uvicorn-{port}.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("uvicorn did not start") from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short load rounds")
    parser.add_argument("--attacks", type=int, default=10, help="runs of each hostile head")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each load round")
    args = parser.parse_args(argv)
    seconds = 3.0 if args.quick else args.seconds
    out = ["## 6. Connection level (`python -m bench.hostile`)", "", *machine_lines("python -m bench.hostile"), ""]

    with sqlite_database("hostile") as db_url:
        services = services_for(db_url)
        keys = create_vendor(services)
        services.db.dispose()
        read = Request("GET", INFLOW, signed_headers(keys, "GET", INFLOW))

        rows = []
        for workers in (1, 2):
            with Server(db_url, workers=workers) as server:
                median, p99 = kept_alive(server, 500)
                rows.append([workers, f"{median:.2f}", f"{p99:.2f}"])
        out += ["Sequential calls on one kept-alive connection (500 calls):", ""]
        out += [markdown_table(["workers", "median ms", "p99 ms"], rows), ""]

        rows = []
        with Server(db_url) as server:
            pids = server.worker_pids()
            for name, parts in HEADS.items():
                before = _ticks(pids)
                closed = [_attack(server.port, parts) for _ in range(args.attacks)]
                cpu_ms = (_ticks(pids) - before) * 1000 / os.sysconf("SC_CLK_TCK") / args.attacks
                rows.append([name, f"{statistics.median(closed) * 1000:.1f}", f"{cpu_ms:.1f}"])
        out += [
            f"A refused head ({args.attacks} runs each, one worker; CPU is the server's, 10 ms ticks averaged):",
            "",
        ]
        out += [markdown_table(["head", "closed after (ms, median)", "server CPU per attack (ms)"], rows), ""]

        rows = []
        with Server(db_url) as server:
            ours = [
                run_load(server.base_url, [request], duration=seconds) for request in (Request("GET", "/health"), read)
            ]
        with uvicorn_defaults(db_url) as port:
            base = f"http://127.0.0.1:{port}"
            theirs = [run_load(base, [request], duration=seconds) for request in (Request("GET", "/health"), read)]
        for what, mine, other in zip(("`GET /health`", "signed read (inflow-status)"), ours, theirs, strict=True):
            rows.append([
                what, f"{mine.rps:,.0f}", f"{mine.p99_ms:.1f}", f"{other.rps:,.0f}", f"{other.p99_ms:.1f}",
                f"{mine.rps / other.rps:.2f}", mine.errors + other.errors,
            ])  # fmt: skip
        out += [f"Throughput, 32 connections, {seconds:g} s each, same minute, one worker:", ""]
        out += [
            markdown_table(
                ["call", "serve req/s", "serve p99 ms", "uvicorn defaults req/s", "uvicorn p99 ms", "ratio", "errors"],
                rows,
            ),
            "",
        ]
    text = "\n".join(out)
    write_section("hostile", text)
    print(text)


if __name__ == "__main__":
    main()
