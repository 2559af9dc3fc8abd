"""The HTTP protocol ``rocketgrowth serve`` runs: uvicorn's httptools protocol, with ``TCP_NODELAY`` set on
every connection.

On the standard library's event loop (``serve`` runs it rather than uvloop) a connection gets
``TCP_NODELAY`` only when its listening socket was made with ``IPPROTO_TCP``; the socket uvicorn binds for
several workers is not, and uvicorn writes an answer's head and body separately, so the body waited for
the client's delayed acknowledgement: 40 ms per call (727 calls/s with the two workers idle).
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ("HttpProtocol",)


class HttpProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # not a TCP socket after all: nothing to delay
                pass
        super().connection_made(transport)
