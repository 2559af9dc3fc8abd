"""The framework ceiling: a plain FastAPI app with one trivial JSON route (FastAPI's first example),
served by ``uvicorn`` with its defaults, as a process of its own beside the sandbox in the same run.

Nothing of rocketgrowth is in it: its req/s is what FastAPI + uvicorn give on this machine to a route
that does no work, and the sandbox's calls are measured as a share of that. The one option passed
besides host, port and workers is ``--log-level warning``, the level ``rocketgrowth serve`` runs the
sandbox at in the benchmarks (it only turns the access log off on both sides).

    python -m uvicorn bench.ceiling:app      # what ``Ceiling`` starts
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from fastapi import FastAPI

from bench.common import ROOT, Server

__all__ = ("PATH", "Ceiling", "app")

#: the route the load generator calls
PATH = "/"

app = FastAPI()


@app.get(PATH)
async def root() -> dict[str, str]:
    return {"message": "Hello World"}


@dataclass
class Ceiling(Server):
    """``uvicorn bench.ceiling:app`` on a free loopback port, with ``workers`` workers (``db_url`` unused)."""

    db_url: str = ""
    ready_path: str = PATH
    #: the server runs in bench's work directory: it finds ``bench.ceiling`` through the path
    extra_env: dict[str, str] = field(default_factory=lambda: {"PYTHONPATH": str(ROOT)})

    def worker_pids(self) -> list[int]:
        """uvicorn serves in its own process with one worker, in its children with more."""
        assert self.process is not None
        return [self.process.pid] if self.workers == 1 else super().worker_pids()

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "uvicorn", "bench.ceiling:app", "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(self.workers), "--log-level", "warning",
        ]  # fmt: skip
