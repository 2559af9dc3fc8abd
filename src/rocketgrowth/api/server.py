"""The HTTP server ``rocketgrowth serve`` and the tests' live server run: Granian, through its public
options only, with the limits that protect a worker from hostile clients at the connection level.

* **Header timeout** (``Settings.header_timeout``): a connection whose request head is not complete in
  time is closed, whether it sent nothing, half its headers, or sits idle between kept-alive calls
  (Granian's ``http1_settings.header_read_timeout``).
* **Head size**: Granian's read buffer is ``max_request_line + max_header_bytes``: a head far beyond it
  gets Granian's empty ``431``/``414`` and a closed connection; one that fits but is over a limit
  reaches ``api.limits.BodyLimitMiddleware``, which answers 400 in the API's envelope.
* **Body timeout** (``Settings.body_timeout``): ``BodyLimitMiddleware`` answers 400 and closes the
  connection when a body stops arriving.
* **Open files**: the process's soft ``RLIMIT_NOFILE`` is raised to its hard limit at start.

Malformed request lines and control characters in headers are refused by Granian itself (400, empty
body; the application never sees them); a request with both ``Transfer-Encoding`` and
``Content-Length`` is read by its ``Transfer-Encoding`` and its connection closed after the answer, as
RFC 9112 §6.3 allows. ``docs/reliability.md`` ("connection level") shows each case.
"""

from __future__ import annotations

import asyncio
import resource
import socket
import threading
import time
from typing import Any

from granian import Granian
from granian.constants import HTTPModes, Interfaces, Loops
from granian.http import HTTP1Settings
from granian.log import LogLevels
from granian.server.embed import Server

from rocketgrowth.settings import Settings

__all__ = ("EmbeddedServer", "raise_open_file_limit", "run")

#: the ASGI factory ``rocketgrowth serve`` starts in each worker (settings from ``ROCKETGROWTH_*``)
FACTORY = "rocketgrowth.api.asgi:app_from_env"


def raise_open_file_limit() -> int:
    """Raise this process's soft limit of open files to its hard limit (inherited by the workers);
    returns the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft != hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):  # a platform that refuses: keep what we have
            pass
    return soft


def _options(settings: Settings, log_level: str) -> dict[str, Any]:
    """What Granian is given, the same for ``serve`` and the tests' embedded server."""
    return {
        "interface": Interfaces.ASGI,
        "http": HTTPModes.http1,
        "websockets": False,
        "http1_settings": HTTP1Settings(
            header_read_timeout=max(1, min(60_000, round(settings.header_timeout * 1000))),
            max_buffer_size=max(8192, settings.max_request_line + settings.max_header_bytes),
        ),
        "log_level": LogLevels(log_level),
        "log_access": False,
    }


def run(settings: Settings, *, host: str, port: int, workers: int, log_level: str, factory: str = FACTORY) -> None:
    """Serve ``factory`` (an ASGI app factory's import path) with ``workers`` processes until interrupted
    (``rocketgrowth serve``: ``FACTORY``)."""
    raise_open_file_limit()
    Granian(
        factory,
        address=host,
        port=port,
        workers=workers,
        factory=True,
        loop=Loops.asyncio,
        **_options(settings, log_level),
    ).serve()


class EmbeddedServer:
    """``app`` served by Granian with ``serve``'s options on ``127.0.0.1:port``, in a thread of this
    process (the tests' live server): ``start()``, then ``stop()``."""

    def __init__(self, app: Any, settings: Settings, port: int, *, log_level: str = "warning") -> None:
        raise_open_file_limit()
        self.port = port
        self._server = Server(app, address="127.0.0.1", port=port, **_options(settings, log_level))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._server.serve(),))
        self._thread.daemon = True

    def start(self, timeout: float = 20) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline or not self._thread.is_alive():
                    raise RuntimeError("server did not start") from None
                time.sleep(0.02)

    def stop(self, timeout: float = 10) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._server.stop)
            self._thread.join(timeout)
        if not self._thread.is_alive():
            self._loop.close()
