"""``rocketgrowth`` commands as real processes for the multi-process tests (several workers, several
servers on one database, concurrent ``db upgrade``): each server runs in its own process group and is
ended with it, on loopback only."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import free_port

__all__ = ("ServerProcess", "cpu_ticks", "rocketgrowth", "serve")


def rocketgrowth(*args: str) -> list[str]:
    """The command line of this environment's ``rocketgrowth`` entry point."""
    return [str(Path(sys.executable).parent / "rocketgrowth"), *args]


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@dataclass
class ServerProcess:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        """The worker processes (the server's children, a multiprocessing resource tracker left out)."""
        children: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            children += [int(pid) for pid in task.read_text().split()]
        return [pid for pid in children if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()]


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/health")
        ok = conn.getresponse().status == 200
        conn.close()
        return ok
    except OSError:
        return False


@contextmanager
def serve(db_url: str, log_dir: Path, *args: str, workers: int = 1, timeout: float = 90) -> Iterator[ServerProcess]:
    """``rocketgrowth serve --db db_url --workers N *args`` on a free port, until the block ends."""
    port = free_port()
    log = log_dir / f"server-{port}.log"
    command = rocketgrowth("serve", "--db", db_url, "--port", str(port), "--workers", str(workers), *args)
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    server = ServerProcess(port, process, log)
    try:
        deadline = time.monotonic() + timeout
        while not (_answers(port) and (workers == 1 or len(server.workers()) >= workers)):
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {log.read_text()[-3000:]}")
            time.sleep(0.1)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
