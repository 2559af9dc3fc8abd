"""Before/after: the server's CPU time per request of two revisions of ``src/``, measured in one run.

Each revision's ``src/`` is taken with ``git archive`` and imported in a child process of its own
(``PYTHONPATH``); the child builds the app and drives it in process — ASGI calls made one at a time, so
what is measured is the code, not the load generator or the machine's other tenants — and reports the
process CPU time per request (sync routes included: they run in the thread pool of the same process).
The revisions alternate, three times each, on the same database; the best of the three is kept.

    python -m bench.compare --before a215c82~1 [--after HEAD]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import tarfile
import time
from collections.abc import MutableMapping
from io import BytesIO
from pathlib import Path
from typing import Any

from bench.common import ROOT, WORK, Keys, machine_lines, markdown_table, write_section
from bench.fixture import ENDPOINTS, Fixture, prepared

__all__ = ("main",)

KINDS = ("ping", "get", "list", "price", "create")


def _source(revision: str) -> Path:
    """``src/`` of ``revision`` under ``WORK`` (``worktree`` = the files as they are now)."""
    if revision == "worktree":
        return ROOT / "src"
    sha = subprocess.run(["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()  # fmt: skip
    target = WORK / f"src-{sha}"
    if not target.exists():
        archive = subprocess.run(["git", "archive", sha, "src"], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target / "src"


async def _measure(fixture: Fixture, calls: int) -> dict[str, float]:
    from rocketgrowth.api.app import create_app
    from rocketgrowth.settings import Settings

    app = create_app(Settings(db_url=fixture.db_url, rate_limit=0), migrate=False)

    async def call(request: Any) -> None:
        path, _, query = request.target.partition("?")
        headers = [(k.lower().encode(), v.encode()) for k, v in request.headers.items()] + [(b"host", b"bench")]
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": request.method,
                 "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
                 "root_path": "", "headers": headers, "client": ("127.0.0.1", 50000),
                 "server": ("127.0.0.1", 8000), "state": {}}  # fmt: skip
        sent = False
        status: list[int] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": request.body, "more_body": False}
            await asyncio.sleep(3600)
            return {"type": "http.disconnect"}

        async def send(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])

        await app(scope, receive, send)
        if status != [200]:
            raise RuntimeError(f"{request.method} {request.target}: {status}")

    out = {}
    for kind in KINDS:
        requests = fixture.requests(kind)
        count = max(20, calls // 10) if kind in ("list", "create") else calls
        for n in range(10):
            await call(requests[n % len(requests)])
        # as the server does once it has started (``api.app``): what exists now is out of the collector's
        # sight, so a full collection that happens to fall in this call's few timed requests costs what it
        # costs the server, not a walk over every object made so far (that alone once doubled create's figure)
        gc.collect()
        gc.freeze()
        started = time.process_time()
        for n in range(count):
            await call(requests[n % len(requests)])
        out[kind] = (time.process_time() - started) / count * 1e6
    return out


def _child(fixture_json: str, calls: int) -> None:
    data = json.loads(fixture_json)
    fixture = Fixture(data["db_url"], Keys(**data["keys"]), data["product_ids"], data["vendor_item_ids"],
                      data["payload"])  # fmt: skip
    print(json.dumps(asyncio.run(_measure(fixture, calls))))


def run(before: str, after: str, *, calls: int, rounds: int) -> str:
    sources = {before: _source(before), after: _source(after)}
    best: dict[str, dict[str, float]] = {before: {}, after: {}}
    with prepared("sqlite", products=1000, name="compare") as fixture:
        data = json.dumps({"db_url": fixture.db_url, "keys": fixture.keys.__dict__,
                           "product_ids": fixture.product_ids, "vendor_item_ids": fixture.vendor_item_ids,
                           "payload": fixture.payload})  # fmt: skip
        for _ in range(rounds):
            for revision, src in sources.items():
                env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{ROOT}"}
                child = subprocess.run(
                    [sys.executable, "-m", "bench.compare", "--child", data, "--calls", str(calls)],
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                result = json.loads(child.stdout.strip().splitlines()[-1])
                for kind, micros in result.items():
                    best[revision][kind] = min(best[revision].get(kind, micros), micros)
    rows = []
    for kind in KINDS:
        b, a = best[before][kind], best[after][kind]
        ratio_b = best[before]["ping"] / b
        ratio_a = best[after]["ping"] / a
        rows.append([ENDPOINTS[kind], f"{b:,.0f}", f"{a:,.0f}", f"{b / a:.2f}×",
                     "—" if kind == "ping" else f"{100 * ratio_b:.0f} % → {100 * ratio_a:.0f} %"])  # fmt: skip
    lines = [
        "## Optimisations: before and after",
        "",
        *machine_lines("python -m bench.compare " + " ".join(sys.argv[1:])),
        f"- `{before}` (before) against `{after}` (after): each revision's `src/` in its own process, the app "
        f"called in process one request at a time (SQLite, 1 000 hybrid products, rate limit off), {rounds} "
        "alternating rounds, best of each. *CPU µs* = the process's CPU time per request (thread pool "
        "included); the last column is the ceiling's CPU per request over the call's, before → after.",
        "",
        markdown_table(["call", "before CPU µs", "after CPU µs", "speed-up", "vs ceiling (CPU)"], rows),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        parser = argparse.ArgumentParser()
        parser.add_argument("--child")
        parser.add_argument("--calls", type=int, default=300)
        args = parser.parse_args(argv)
        _child(args.child, args.calls)
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="git revision (or 'worktree')")
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    text = run(args.before, args.after, calls=args.calls, rounds=args.rounds)
    write_section("optimisations", text)
    print(text)


if __name__ == "__main__":
    main()
