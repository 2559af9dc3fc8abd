"""Profile the server under load: ``py-spy record`` of the worker while wrk drives one request mix.

``python -m bench.profile --endpoint get|list|create|price|ping [--db sqlite|postgres] [--seconds 8]``
prints the functions with the most samples (inclusive and self) from the collapsed stacks, and keeps the
raw profile (and an SVG flame graph) under ``$ROCKETGROWTH_BENCH_DIR/profiles``.
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import threading
from pathlib import Path

from bench.common import WORK, Server
from bench.fixture import Fixture, prepared
from bench.load import run_load

__all__ = ("main", "summarize")

#: leaf frames of a thread or event loop that waits for work
IDLE = ("Condition.wait (", "Runner.run (", "select (", "poll (", "Queue.get (", "_worker (")


def summarize(collapsed: Path, *, top: int = 30, filter_idle: bool = True) -> str:
    """Inclusive and self sample counts per function from py-spy's ``--format raw`` output."""
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [f.split(" (")[0] + " (" + f.split(" (")[1].split(":")[0].rsplit("/", 1)[-1] + ")"
                  if " (" in f else f for f in stack.split(";")]  # fmt: skip
        if filter_idle and frames and frames[-1].startswith(IDLE):
            continue
        total += count
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    lines = [f"busy samples: {total}", "", "inclusive:"]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in inclusive.most_common(top)]
    lines += ["", "self:"]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in own.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", default="get", choices=["get", "list", "create", "price", "ping", "mixed"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--gil", action="store_true", help="only samples of the thread holding the GIL")
    parser.add_argument(
        "--threads", action="store_true", help="each stack under its thread (event loop, writer, Granian's)"
    )
    parser.add_argument("--products", type=int, default=200)
    args = parser.parse_args(argv)
    out_dir = WORK / "profiles"
    out_dir.mkdir(parents=True, exist_ok=True)
    raw = out_dir / f"{args.endpoint}-{args.db}.txt"
    with prepared(args.db, products=args.products) as fixture, Server(fixture.db_url) as server:
        requests = Fixture.requests(fixture, args.endpoint)
        run_load(server.base_url, requests, duration=2, warmup=0)
        worker = server.worker_pids()[0]  # Granian serves in a child of the process ``serve`` started
        spy = subprocess.Popen(
            [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(worker),
             "--duration", str(int(args.seconds)), "--rate", "250", "--format", "raw", "--output", str(raw),
             "--nonblocking", *(["--gil"] if args.gil else []), *(["--threads"] if args.threads else [])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        load = threading.Thread(
            target=run_load, args=(server.base_url, requests), kwargs={"duration": args.seconds + 1, "warmup": 0}
        )
        load.start()
        spy.wait()
        load.join()
    print(summarize(raw, top=args.top))
    print(f"\nraw profile: {raw}")


if __name__ == "__main__":
    main()
