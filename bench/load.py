"""Load generation: wrk with a generated Lua script (pre-built requests, round robin), or a small
asyncio HTTP/1.1 keep-alive client when wrk is missing. Both report requests/s and latency percentiles
and count every answer that is not 2xx, so a run that fails quietly cannot pass for a fast one."""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ("Request", "Result", "latencies", "run_load", "tool")


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # path and query, as sent
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    errors: int  # non-2xx answers, socket errors and timeouts
    p50_ms: float
    p90_ms: float
    p99_ms: float
    tool: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def run_load(
    base_url: str, requests: Sequence[Request], *, connections: int = 32, duration: float = 5.0, warmup: float = 1.0
) -> Result:
    """Drive ``requests`` (round robin) at ``base_url`` for ``duration`` seconds after a ``warmup``."""
    run = _wrk if tool() == "wrk" else _python
    if warmup > 0:
        run(base_url, requests, connections, warmup)
    return run(base_url, requests, connections, duration)


# --- wrk ---------------------------------------------------------------------------------------


def _lua_string(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    out = []
    for byte in raw:
        char = chr(byte)
        if 32 <= byte < 127 and char not in '"\\':
            out.append(char)
        else:
            out.append(f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


_LUA = """
local spec = {%(spec)s}
local raw = {}
local counter = 0

function init(args)
  for i, r in ipairs(spec) do
    raw[i] = wrk.format(r[1], r[2], r[3], r[4])
  end
  counter = math.random(#raw)
end

function request()
  counter = counter %% #raw + 1
  return raw[counter]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%%d,"duration_us":%%d,"errors":%%d,"p50":%%d,"p90":%%d,"p99":%%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
"""


def _wrk(base_url: str, requests: Sequence[Request], connections: int, duration: float) -> Result:
    entries = []
    for r in requests:
        headers = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in r.headers.items())
        body = _lua_string(r.body) if r.body else "nil"
        entries.append(f"{{{_lua_string(r.method)}, {_lua_string(r.target)}, {{{headers}}}, {body}}}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_LUA % {"spec": ",\n".join(entries)})
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", "10s",
             "-s", script.name, base_url],
            capture_output=True, text=True, timeout=duration + 60, check=True,
        ).stdout  # fmt: skip
    finally:
        Path(script.name).unlink()
    line = next(x for x in out.splitlines() if x.startswith("BENCH_JSON "))
    data = json.loads(line.removeprefix("BENCH_JSON "))
    return Result(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=data["errors"],
        p50_ms=data["p50"] / 1000,
        p90_ms=data["p90"] / 1000,
        p99_ms=data["p99"] / 1000,
        tool="wrk",
    )


# --- the Python fallback -----------------------------------------------------------------------


def _python(base_url: str, requests: Sequence[Request], connections: int, duration: float) -> Result:
    return asyncio.run(_python_async(base_url, requests, connections, duration))


def _raw(request: Request, host: str) -> bytes:
    lines = [f"{request.method} {request.target} HTTP/1.1", f"Host: {host}"]
    lines += [f"{k}: {v}" for k, v in request.headers.items()]
    lines.append(f"Content-Length: {len(request.body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + request.body


async def _python_async(base_url: str, requests: Sequence[Request], connections: int, duration: float) -> Result:
    host_port = base_url.removeprefix("http://")
    host, port = host_port.split(":")
    raws = [_raw(r, host_port) for r in requests]
    samples: list[float] = []
    errors = 0
    end = time.perf_counter() + duration

    async def worker(offset: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        i = offset
        try:
            while time.perf_counter() < end:
                raw = raws[i % len(raws)]
                i += 1
                started = time.perf_counter()
                writer.write(raw)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                samples.append(time.perf_counter() - started)
                if not 200 <= status < 300:
                    errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(connections)))
    elapsed = time.perf_counter() - started
    p = latencies(samples)
    return Result(len(samples), elapsed, errors, p[0], p[1], p[2], "python")


def latencies(samples: Sequence[float]) -> tuple[float, float, float]:
    """(p50, p90, p99) in milliseconds of samples in seconds."""
    if len(samples) < 2:
        value = samples[0] * 1000 if samples else 0.0
        return value, value, value
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return q[49] * 1000, q[89] * 1000, q[98] * 1000
