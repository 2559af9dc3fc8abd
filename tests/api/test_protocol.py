"""``api.protocol``: the writes of one turn of the event loop leave as one (an answer's head and body)."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest

from rocketgrowth.api.protocol import CoalescingTransport
from tests.conftest import LiveServer


class _Recording(asyncio.Transport):
    """The transport under the coalescing one: what it was asked to send, and whether it is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[bytes] = []
        self.closed = False
        self.aborted = False

    def write(self, data: Any) -> None:
        self.sent.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed or self.aborted

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True

    def get_write_buffer_size(self) -> int:
        return 0


def _turns(check: Any) -> None:
    async def run() -> None:
        await check(asyncio.get_running_loop())

    asyncio.run(run())


def test_the_writes_of_one_turn_leave_together_at_its_end() -> None:
    async def check(loop: asyncio.AbstractEventLoop) -> None:
        under = _Recording()
        transport = CoalescingTransport(under, loop)
        transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
        transport.write(memoryview(b"{}"))
        assert under.sent == []
        assert transport.get_write_buffer_size() == 21
        await asyncio.sleep(0)
        assert under.sent == [b"HTTP/1.1 200 OK\r\n\r\n{}"]
        transport.write(b"next")
        await asyncio.sleep(0)
        assert under.sent[1:] == [b"next"]

    _turns(check)


def test_closing_sends_what_waits_and_aborting_drops_it() -> None:
    async def check(loop: asyncio.AbstractEventLoop) -> None:
        closed = _Recording()
        transport = CoalescingTransport(closed, loop)
        transport.write(b"last words")
        transport.close()
        assert (closed.sent, closed.closed) == ([b"last words"], True)
        transport.write(b"too late")  # the connection is closing: nothing more goes out, nothing fails
        await asyncio.sleep(0)
        assert closed.sent == [b"last words"]

        aborted = _Recording()
        transport = CoalescingTransport(aborted, loop)
        transport.write(b"dropped")
        transport.abort()
        await asyncio.sleep(0)
        assert (aborted.sent, aborted.aborted) == ([], True)

    _turns(check)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_answers_on_one_kept_alive_connection(live: LiveServer) -> None:
    """Several calls on one connection, each answer whole (head and body) before the next call."""
    host, port = live.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        for _ in range(3):
            conn.sendall(b"GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
            answer = b""
            while not answer.endswith(b'"ok"}'):
                chunk = conn.recv(65536)
                assert chunk, f"connection closed after {answer!r}"
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
            assert answer.endswith(b'{"code":"SUCCESS","message":"ok"}')
