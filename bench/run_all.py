"""Every performance benchmark in turn (``make bench``), each writing its section of ``docs/benchmarks.md``.

    python -m bench.run_all            # the full set: about 25 minutes on 2 cores (1 M products)
    python -m bench.run_all --quick    # smoke: small catalogs, one short round each (about 2 minutes)
    ROCKETGROWTH_BENCH_DOCS=/tmp/smoke.md python -m bench.run_all --quick   # leave docs/benchmarks.md alone
    python -m bench.run_all --only throughput,prism

The 1 M-product catalog is built once (``bench.growth``) and kept under ``$ROCKETGROWTH_BENCH_DIR``
(default ``/tmp/rocketgrowth-bench``) for ``bench.memory``; delete it to rebuild.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

__all__ = ("BASELINE", "BENCHMARKS", "main")

#: the last commit before the performance work (``bench.compare`` measures against it)
BASELINE = "a215c82~1"

#: module, full arguments, quick arguments
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "throughput": ([], ["--quick", "--products", "300"]),
    "growth": ([], ["--quick"]),
    "rocket_growth": (["--db", "sqlite,postgres"], ["--quick"]),
    "prism": ([], ["--quick"]),
    "sdk": ([], ["--quick"]),
    "memory": ([], ["--quick"]),
    "hostile": ([], ["--quick", "--attacks", "3"]),
    "reads": ([], ["--quick"]),
    "compare": (["--before", BASELINE], ["--before", BASELINE, "--rounds", "1", "--calls", "60"]),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small and short: a smoke run")
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated subset")
    args = parser.parse_args(argv)
    started = time.monotonic()
    failed = []
    for name in args.only.split(","):
        full, quick = BENCHMARKS[name]
        print(f"\n=== bench.{name} ===", file=sys.stderr, flush=True)
        begun = time.monotonic()
        module = importlib.import_module(f"bench.{name}")
        saved = sys.argv
        sys.argv = [f"bench.{name}", *(quick if args.quick else full)]
        try:
            module.main(sys.argv[1:])
        except Exception as exc:  # one failing benchmark must not hide the others' figures
            failed.append(name)
            print(f"bench.{name} failed: {exc!r}", file=sys.stderr)
        finally:
            sys.argv = saved
        print(f"=== bench.{name}: {time.monotonic() - begun:.0f} s ===", file=sys.stderr, flush=True)
    print(f"\nall benchmarks: {time.monotonic() - started:.0f} s", file=sys.stderr)
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
