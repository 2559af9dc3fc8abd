"""Against the peer a user would otherwise run as a sandbox: Stoplight Prism (``@stoplight/prism-cli``
from npm) mocking the project's own OpenAPI document, same endpoint, same load, same run.

Prism is installed into ``bench/.prism`` (git-ignored) from the npm registry with ``--ignore-scripts``:
its only install script is a telemetry ping (``@scarf/scarf``), and nothing is downloaded from outside the
registry. It serves the app's ``/openapi.json`` (OpenAPI 3.1; Prism accepts it as generated) in two forms:

* as is — ``GET …/seller-products/{id}`` declares an open object, so Prism answers ``{}``;
* with the 200 response's ``example`` set to the body rocketgrowth returns for the same product, so that
  both answer the same bytes (the fair comparison, and the one the target is checked on).

rocketgrowth (one worker, SQLite, rate limit off, signed calls) and Prism (one Node process, info logs
off) are driven by wrk with 32 connections in alternating slices; the ratio is the median of the rounds.

    python -m bench.prism [--seconds 4] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench.common import ROOT, WORK, Server, check_success, free_port, http_call, machine_lines, write_section
from bench.fixture import prepared
from bench.load import Request, run_load

__all__ = ("PRISM_DIR", "ensure_prism", "main")

PRISM_DIR = ROOT / "bench" / ".prism"
PRISM_VERSION = "5.16.0"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"


def ensure_prism() -> Path:
    """Prism's CLI, installed from the npm registry into ``bench/.prism`` when missing."""
    if not PRISM_BIN.exists():
        if shutil.which("npm") is None:
            raise RuntimeError("npm is needed to install @stoplight/prism-cli")
        PRISM_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(PRISM_DIR), "--ignore-scripts", "--no-audit", "--no-fund",
             f"@stoplight/prism-cli@{PRISM_VERSION}"],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return PRISM_BIN


@contextlib.contextmanager
def prism(document: Path) -> Iterator[str]:
    """``prism mock`` on a free port; yields its base URL."""
    port = free_port()
    log = (WORK / f"prism-{port}.log").open("wb")
    process = subprocess.Popen(
        ["node", str(ensure_prism()), "mock", str(document), "-h", "127.0.0.1", "-p", str(port), "-v", "warn"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"prism exited: {(WORK / f'prism-{port}.log').read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                http_call(base, "GET", "/health")  # any answer (404 here) means it listens
                break
            if time.monotonic() > deadline:
                raise RuntimeError("prism did not start")
            time.sleep(0.2)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()


def documents(openapi: dict[str, object], path: str, example: object) -> tuple[Path, Path]:
    """The app's document as is, and with the product query's 200 example set to ``example``."""
    WORK.mkdir(parents=True, exist_ok=True)
    plain = WORK / "openapi.json"
    plain.write_text(json.dumps(openapi))
    enriched = json.loads(json.dumps(openapi))
    content = enriched["paths"][path]["get"]["responses"]["200"]["content"]
    for media in content.values():
        media["example"] = example
    with_example = WORK / "openapi-with-example.json"
    with_example.write_text(json.dumps(enriched))
    return plain, with_example


def _rps(base: str, requests: list[Request], seconds: float) -> float:
    result = run_load(base, requests, connections=32, duration=seconds, warmup=0)
    if result.errors:
        raise RuntimeError(f"{result.errors} failed calls against {base}")
    return result.rps


def run(*, seconds: float, rounds: int) -> str:
    with (
        prepared("sqlite", products=200, name="prism") as fixture,
        Server(fixture.db_url) as one,
        Server(fixture.db_url, workers=2) as two,
    ):
        pid = fixture.product_ids[0]
        path_template = "/v2/providers/seller_api/apis/api/v1/marketplace/seller-products/{sellerProductId}"
        target = path_template.replace("{sellerProductId}", str(pid))
        ours = [r for r in fixture.requests("get") if r.target == target]
        status, body = http_call(one.base_url, "GET", target, headers=ours[0].headers)
        check_success(status, body, "GET product")
        openapi = json.loads(http_call(one.base_url, "GET", "/openapi.json")[1])
        plain, with_example = documents(openapi, path_template, json.loads(body))
        lines_out = []
        ratios: dict[str, float] = {}
        for label, document in (("as is (`{}`)", plain), ("with the product as 200 example", with_example)):
            with prism(document) as base:
                status, prism_body = http_call(base, "GET", target, headers=ours[0].headers)
                assert status == 200, (status, prism_body[:300])
                servers = [("one worker", one)] + ([("two workers", two)] if "example" in label else [])
                for url in (base, *(server.base_url for _, server in servers)):
                    run_load(url, ours, duration=1, warmup=0)
                samples: dict[str, list[float]] = {name: [] for name, _ in servers}
                prism_rps: list[float] = []
                for _ in range(rounds):
                    b = _rps(base, ours, seconds)
                    prism_rps.append(b)
                    for name, server in servers:
                        samples[name].append(_rps(server.base_url, ours, seconds) / b)
                for name, _server in servers:
                    ratios[f"{label}, {name}"] = statistics.median(samples[name])
                    rg = statistics.median(r * p for r, p in zip(samples[name], prism_rps, strict=True))
                    lines_out.append(
                        f"| {label} | rocketgrowth, {name} | {len(body):,} B / {len(prism_body):,} B | {rg:,.0f} | "
                        f"{statistics.median(prism_rps):,.0f} | {ratios[f'{label}, {name}']:.2f}× |"
                    )
    fair = ratios["with the product as 200 example, one worker"]
    both = ratios["with the product as 200 example, two workers"]
    lines = [
        "## 3. Against Stoplight Prism",
        "",
        *machine_lines("python -m bench.prism " + " ".join(sys.argv[1:])),
        f"- Prism {PRISM_VERSION} (`npm install --prefix bench/.prism --ignore-scripts @stoplight/prism-cli`: "
        "every package from registry.npmjs.org, no binary fetched; the one install script skipped is "
        f"`@scarf/scarf`'s telemetry), Node {_node_version()}, `prism mock <doc> -v warn` (static examples). "
        "It accepts the app's generated OpenAPI 3.1 document as is; no request body or response had to be "
        "declared for this endpoint.",
        "- Same call on both: signed `GET …/seller-products/{id}` of a hybrid RG product of 3 options "
        f"(Prism ignores the signature: the document declares no security scheme); wrk, 32 connections, "
        f"{seconds:g} s slices alternating Prism (one Node process) and rocketgrowth (SQLite, stateful: it reads "
        f"the product; one worker, and two workers — the machine's two cores), {rounds} rounds, median of the "
        "per-round ratios.",
        "",
        "| Prism document | server | body rocketgrowth / Prism | rocketgrowth req/s | Prism req/s | "
        "rocketgrowth ÷ Prism |",
        "|---|---|---|---|---|---|",
        *lines_out,
        "",
        f"Target: at least 2× Prism's throughput on the same endpoint, while stateful → {fair:.2f}× with one "
        f"worker against Prism's one process (same response body); {both:.2f}× with two workers.",
    ]
    return "\n".join(lines)


def _node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds = 1.0, 1
    text = run(seconds=args.seconds, rounds=args.rounds)
    write_section("prism", text)
    print(text)


if __name__ == "__main__":
    main()
