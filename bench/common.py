"""What every benchmark shares: the machine, databases, vendors and signed headers, a server started
as a subprocess (``rocketgrowth serve``), and the writer of ``docs/benchmarks.md`` sections."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rocketgrowth import signing

__all__ = (
    "DOCS",
    "PG_ADMIN_URL",
    "REDIS_URL",
    "ROOT",
    "SELLER",
    "WORK",
    "Keys",
    "Server",
    "check_success",
    "create_vendor",
    "free_port",
    "http_call",
    "machine",
    "machine_lines",
    "markdown_table",
    "pg_database",
    "remove_sqlite",
    "rss_of",
    "services_for",
    "signed_headers",
    "sqlite_database",
    "write_section",
)

ROOT = Path(__file__).resolve().parents[1]
#: where the sections go (``ROCKETGROWTH_BENCH_DOCS`` elsewhere, e.g. for a smoke run that must not overwrite it)
DOCS = Path(os.environ.get("ROCKETGROWTH_BENCH_DOCS", ROOT / "docs" / "benchmarks.md"))
#: large generated data (databases, exports) lives here, never in git
WORK = Path(os.environ.get("ROCKETGROWTH_BENCH_DIR", "/tmp/rocketgrowth-bench"))
PG_ADMIN_URL = os.environ.get("ROCKETGROWTH_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("ROCKETGROWTH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"
RG_BIN = Path(sys.executable).parent / "rocketgrowth"


# --- machine -----------------------------------------------------------------------------------


def _first(pattern: str, text: str) -> str:
    match = re.search(pattern, text, re.MULTILINE)
    return match.group(1).strip() if match else "?"


def _version(*command: str) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr).strip() else "?"


def _wrk_version() -> str:
    match = re.search(r"wrk\s+\S*?(\d+\.\d+\.\d+)", _version("wrk", "--version"))
    return f"wrk {match.group(1)}" if match else "wrk"


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem_kb = _first(r"^MemTotal:\s+(\d+)", meminfo)
    cpu = _first(r"^model name\s*:\s*(.+)$", cpuinfo)
    import fastapi
    import granian
    import sqlalchemy
    import uvicorn

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{cpu} × {os.cpu_count()} cores",
        "memory": f"{int(mem_kb) / 1024 / 1024:.0f} GiB" if mem_kb.isdigit() else "?",
        "os": platform.platform(),
        "python": platform.python_version(),
        "stack": f"fastapi {fastapi.__version__}, granian {granian.__version__} (rocketgrowth serve, asyncio loop), "
        f"uvicorn {uvicorn.__version__} (references), "
        f"SQLAlchemy {sqlalchemy.__version__}",
        "sqlite": sqlite3.sqlite_version,
        "postgresql": _version("psql", "--version"),
        "wrk": _wrk_version() if shutil.which("wrk") else "not found (Python load generator)",
    }


def machine_lines(command: str) -> list[str]:
    m = machine()
    return [
        f"- Run: {m['date']} — `{command}`",
        f"- Machine: {m['cpu']}, {m['memory']}; {m['os']}; Python {m['python']}",
        f"- Stack: {m['stack']}; SQLite {m['sqlite']}; {m['postgresql']}; load: {m['wrk']}",
    ]


# --- databases and vendors ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def pg_database(prefix: str = "rg_bench", *, keep: bool = False) -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards unless ``keep``."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        if not keep:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def sqlite_database(name: str, *, keep: bool = False) -> Iterator[str]:
    """A fresh SQLite file under ``WORK``, removed afterwards unless ``keep``."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"{name}.db"
    remove_sqlite(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        if not keep:
            remove_sqlite(path)


def remove_sqlite(path: Path) -> None:
    """A SQLite database's files: the database, its WAL and shared memory, the writers' lock file and the
    generation (``store.generation``)."""
    for suffix in ("", "-wal", "-shm", "-writer", "-generation"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


@dataclass(frozen=True)
class Keys:
    vendor_id: str
    access_key: str
    secret_key: str


def services_for(db_url: str) -> Any:
    """Migrated, seeded ``Services`` on ``db_url`` (rate limit off): what ``rocketgrowth serve`` prepares."""
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings

    services = Services.build(Settings(db_url=db_url, rate_limit=0, review_mode="auto"))
    services.db.migrate()
    with services.db.write() as conn:
        services.categories.seed_builtin(conn)
    return services


def create_vendor(services: Any, *, consent: bool = True) -> Keys:
    vendor_id = "A" + str(uuid.uuid4().int)[:8]
    with services.db.write() as conn:
        now = services.now(conn)
        services.vendors.create_vendor(conn, vendor_id, now=now)
        key = services.vendors.issue_vendor_key(conn, vendor_id, now=now)
        if consent:
            services.vendors.set_vendor_consent(conn, vendor_id, True, now=now)
    return Keys(vendor_id, key.access_key, key.secret_key)


def signed_headers(keys: Keys, method: str, path: str, query: str = "") -> dict[str, str]:
    """Headers of a signed call; the CEA signature covers date+method+path+query (not the body) for 5 min."""
    return {
        "Authorization": signing.authorization_header(keys.access_key, keys.secret_key, method, path, query),
        "Content-Type": "application/json;charset=UTF-8",
    }


# --- the server --------------------------------------------------------------------------------


@dataclass
class Server:
    """``rocketgrowth serve`` in its own process group on a free loopback port; ``stop()`` ends the group."""

    db_url: str
    workers: int = 1
    rate_limit: float = 0
    redis_url: str = ""
    extra_env: dict[str, str] = field(default_factory=dict)
    extra_args: list[str] = field(default_factory=list)
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    #: answered with 200 once the server is up
    ready_path: str = "/health"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        """The command line: the same entry point users start (``rocketgrowth serve``)."""
        command = [
            str(RG_BIN), "serve", "--db", self.db_url, "--port", str(self.port), "--workers", str(self.workers),
            "--rate-limit", str(self.rate_limit), "--review-mode", "auto", "--log-level", "warning",
        ]  # fmt: skip
        if self.redis_url:
            command += ["--redis-url", self.redis_url]
        return command + self.extra_args

    def start(self, timeout: float = 90.0) -> Server:
        self.port = self.port or free_port()
        WORK.mkdir(parents=True, exist_ok=True)
        self.log = WORK / f"server-{self.port}.log"
        env = {**os.environ, "ROCKETGROWTH_BENCH": "1", **self.extra_env}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=WORK
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if http_call(self.base_url, "GET", self.ready_path)[0] == 200 and self._workers_ready():
                    return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start in time")

    def _workers_ready(self) -> bool:
        return len(self.worker_pids()) >= self.workers

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: the server's worker children (one with ``--workers 1``)."""
        assert self.process is not None
        children = _children(self.process.pid)
        # the supervisor may keep a multiprocessing resource tracker child: it serves nothing
        return [pid for pid in children if "multiprocessing.resource_tracker" not in _cmdline(pid)]

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *args: object) -> None:
        self.stop()


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            out += [int(p) for p in task.read_text().split()]
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def rss_of(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of a process, in bytes (``VmRSS``/``VmHWM``)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return (int(_first(r"^VmRSS:\s+(\d+)", status)) * 1024, int(_first(r"^VmHWM:\s+(\d+)", status)) * 1024)


def http_call(
    base_url: str, method: str, path: str, *, headers: dict[str, str] | None = None, body: bytes | None = None
) -> tuple[int, bytes]:
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def check_success(status: int, body: bytes, what: str) -> Any:
    """The ``data`` of a success envelope (``SUCCESS``; the Rocket Growth Open API's numeric 200), or an
    error naming ``what``."""
    if status != 200:
        raise RuntimeError(f"{what}: HTTP {status} {body[:500]!r}")
    parsed = json.loads(body)
    if parsed.get("code") not in ("SUCCESS", 200):
        raise RuntimeError(f"{what}: {parsed}")
    return parsed.get("data")


# --- docs/benchmarks.md ------------------------------------------------------------------------

SECTIONS = (
    "summary", "throughput", "growth", "rocket_growth", "prism", "sdk", "memory", "hostile", "reads", "optimisations",
)  # fmt: skip
_HEADER = """# Benchmarks

Written by `python -m bench.<name>` (or `make bench` = `python -m bench.run_all`); each section says
when, on what and with which command it was measured. Absolute figures depend on the machine (and on
whatever else ran on it); the **ratios are measured within one run** of one command, against a
reference served by the same stack at the same time, and are what the targets are about.
"""


def write_section(name: str, text: str) -> None:
    """Replace (or add) the section ``name`` of ``docs/benchmarks.md``; the others are kept."""
    assert name in SECTIONS, name
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    current = DOCS.read_text() if DOCS.exists() else _HEADER
    blocks: dict[str, str] = {}
    for key in SECTIONS:
        match = re.search(rf"<!-- begin:{key} -->\n(.*?)<!-- end:{key} -->\n", current, re.DOTALL)
        if match:
            blocks[key] = match.group(1)
    blocks[name] = text.rstrip() + "\n"
    head = current.split("<!-- begin:", 1)[0].rstrip() + "\n"
    out = [head]
    for key in SECTIONS:
        if key in blocks:
            out.append(f"\n<!-- begin:{key} -->\n{blocks[key]}<!-- end:{key} -->\n")
    DOCS.write_text("".join(out))


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
