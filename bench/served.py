"""``rocketgrowth serve`` as a child process on loopback, for fault and load runs: start, wait until it
answers, read its memory, kill it (SIGKILL included), start it again on the same database.

Used by ``bench.soak``, ``bench.crash`` and ``bench.fairness`` and by their tests; it talks to
127.0.0.1 only and never outlives its ``with`` block.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

from rocketgrowth.sdk._client import tls_context

__all__ = ("Served", "Vendor", "database", "free_port", "make_vendor", "rocketgrowth_command")

PG_ADMIN_URL = os.environ.get("ROCKETGROWTH_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rocketgrowth_command() -> list[str]:
    """The ``rocketgrowth`` entry point of this interpreter's environment."""
    script = Path(sys.executable).parent / "rocketgrowth"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rocketgrowth.cli.main"]


@contextmanager
def database(kind: str, directory: Path) -> Iterator[str]:
    """A fresh database URL: ``sqlite`` (a file in ``directory``) or ``postgres`` (created, then dropped)."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / f'rg-{uuid.uuid4().hex[:8]}.db'}"
        return
    import psycopg

    name = f"rg_rel_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass(frozen=True)
class Vendor:
    vendor_id: str
    access_key: str
    secret_key: str


def make_vendor(db_url: str, *, consent: bool = True) -> Vendor:
    """A vendor with a key, written straight into the database (migrating it first)."""
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings

    services = Services.build(Settings(db_url=db_url, rate_limit=0))
    try:
        services.db.migrate()
        with services.db.write() as conn:
            services.categories.seed_builtin(conn)
        vendor_id = "A" + str(uuid.uuid4().int)[:8]
        with services.db.write() as conn:
            now = services.now(conn)
            services.vendors.create_vendor(conn, vendor_id, now=now)
            key = services.vendors.issue_vendor_key(conn, vendor_id, now=now)
            if consent:
                services.vendors.set_vendor_consent(conn, vendor_id, True, now=now)
    finally:
        services.db.dispose()
    return Vendor(vendor_id, key.access_key, key.secret_key)


@dataclass
class Served:
    """One server process; ``start()`` again after ``kill()`` reuses the port and the database."""

    db_url: str
    rate_limit: float = 0.0
    extra: tuple[str, ...] = ()
    log_path: Path | None = None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Served:
        command = [*rocketgrowth_command(), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--db", self.db_url, "--rate-limit", str(self.rate_limit), *self.extra]  # fmt: skip
        if self.log_path is not None and self._log is None:
            self._log = self.log_path.open("ab")
        output: Any = self._log if self._log is not None else subprocess.DEVNULL
        self.process = subprocess.Popen(  # its own group: the server and its worker processes
            command, stdout=output, stderr=output, env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode} (log: {self.log_path})")
            try:
                if httpx.get(f"{self.base_url}/health", timeout=1, verify=tls_context()).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("server did not answer in time")

    def kill(self) -> None:
        """SIGKILL to the server and its workers: no shutdown handler runs, nothing is flushed."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._log is not None:
            self._log.close()
            self._log = None

    def memory_kib(self) -> dict[str, int]:
        """Resident memory of the serving process (KiB) from /proc: ``VmRSS`` and its parts ``RssAnon``
        (heap: what a leak grows) and ``RssFile`` (mapped files, e.g. SQLite's mmap: reclaimable)."""
        out: dict[str, int] = {}
        for line in Path(f"/proc/{self.serving_pid()}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                out[name] = int(value.split()[0])
        return out

    def serving_pid(self) -> int:
        """The process that answers calls: the server's (first) worker child, the server itself without one."""
        assert self.process is not None
        for task in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            for pid in task.read_text().split():
                if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return int(pid)
        return self.process.pid

    def rss_kib(self) -> int:
        """Resident memory of the serving process (KiB)."""
        return self.memory_kib()["VmRSS"]

    def __enter__(self) -> Served:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
