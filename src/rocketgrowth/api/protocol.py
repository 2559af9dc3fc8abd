"""The HTTP protocol ``rocketgrowth serve`` runs: uvicorn's httptools protocol, with ``TCP_NODELAY`` set on
every connection and an answer's head and body sent together.

On the standard library's event loop (``serve`` runs it rather than uvloop) a connection gets
``TCP_NODELAY`` only when its listening socket was made with ``IPPROTO_TCP``; the socket uvicorn binds for
several workers is not, and uvicorn writes an answer's head and body separately, so the body waited for
the client's delayed acknowledgement: 40 ms per call (727 calls/s with the two workers idle).

Even without that delay, two writes are two system calls and two TCP segments, each waking the client:
the writes of one turn of the event loop now leave together at its end (``CoalescingTransport``).
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ("CoalescingTransport", "HttpProtocol")


class HttpProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # not a TCP socket after all: nothing to delay
                pass
        super().connection_made(transport)
        self.transport = CoalescingTransport(transport, self.loop)


class CoalescingTransport(asyncio.Transport):
    """``transport``, whose writes wait for the end of the event loop's current turn and then go out as
    one: uvicorn writes an answer's head (on ``http.response.start``) and its body (``http.response.body``)
    in the same turn. Closing sends what waits first; aborting drops it, as the transport's own buffer."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, list_of_data: Any) -> None:
        for data in list_of_data:
            self.write(data)

    def flush(self) -> None:
        """Send what waits now."""
        if not self._pending:
            return
        data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        self._pending.clear()
        self._transport.abort()

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def can_write_eof(self) -> bool:
        return self._transport.can_write_eof()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._transport.get_protocol()

    def is_reading(self) -> bool:
        return self._transport.is_reading()

    def pause_reading(self) -> None:
        self._transport.pause_reading()

    def resume_reading(self) -> None:
        self._transport.resume_reading()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self._transport.set_write_buffer_limits(high, low)

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(len(data) for data in self._pending)

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._transport.get_write_buffer_limits()
