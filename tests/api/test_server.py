"""``api.server``: hostile clients at the connection level, against the live server (SQLite and
PostgreSQL) that ``rocketgrowth serve`` runs. Each attack opens several connections at once; meanwhile
another client keeps calling, and afterwards every attacking connection is closed and nothing stored
changed. Timeouts are short here (1 s) so the module stays quick; ``serve`` defaults to 5 s and 10 s.

The other client's bound is generous and relative: a burst of calls during the attack may take at most
``SLOWDOWN`` times the same burst without it (before these limits a 64 MiB header cost a worker seconds
of CPU and four of them nearly stopped the server). The costs themselves are measured in
``bench/hostile.py``."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson
import pytest

from rocketgrowth import signing
from rocketgrowth.api.server import raise_open_file_limit
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.settings import Settings
from tests.api.db_dump import diff, dump
from tests.api.helpers import PRODUCTS
from tests.api.processes import rocketgrowth
from tests.conftest import LiveServer, VendorKeys, free_port, make_vendor, signed_client, start_server

TIMEOUT = 1.0  # the server's header and body timeouts in this module
ATTACKERS = 4  # connections per attack, at once
CALLS = 20  # calls in one burst of the other client
SLOWDOWN = 20  # the most a burst may slow down during an attack (ratio to a burst without it)
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def live(db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=db_url, rate_limit=0, header_timeout=TIMEOUT, body_timeout=TIMEOUT))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def owner(live: LiveServer) -> VendorKeys:
    return make_vendor(live.services)


@dataclass
class Outcome:
    """What an attacking connection saw: the bytes answered, and whether the server closed it."""

    answer: bytes
    closed: bool

    @property
    def status(self) -> int | None:
        if not self.answer.startswith(b"HTTP/1.1 "):
            return None
        return int(self.answer[9:12])

    def envelope(self) -> dict[str, object]:
        return dict(orjson.loads(self.answer.partition(b"\r\n\r\n")[2]))


def _signed(owner: VendorKeys, method: str, path: str) -> bytes:
    header = signing.authorization_header(owner.access_key, owner.secret_key, method, path)
    return f"Authorization: {header}\r\n".encode()


def _finish(sock: socket.socket, answer: bytes = b"", wait: float = 10 * TIMEOUT) -> Outcome:
    """Read until the server closes the connection (or ``wait`` passes: then it is still open)."""
    sock.settimeout(wait)
    try:
        while chunk := sock.recv(65536):
            answer += chunk
    except TimeoutError:
        return Outcome(answer, closed=False)
    except ConnectionResetError:
        pass
    return Outcome(answer, closed=True)


def _send(port: int, *parts: bytes, pause: float = 0.0) -> Outcome:
    """Send ``parts`` (``pause`` seconds apart) on a new connection, then read until it closes. A server
    that closes before everything is sent ends the sending (the bytes it answered are kept)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10 * TIMEOUT) as sock:
        for part in parts:
            try:
                sock.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break
            if pause:
                time.sleep(pause)
        return _finish(sock)


def _huge(prefix: bytes, size: int, suffix: bytes) -> list[bytes]:
    return [prefix, *[b"a" * MIB] * (size // MIB), suffix]


def _port(live: LiveServer) -> int:
    return int(live.base_url.rsplit(":", 1)[1])


Attack = Callable[[int, VendorKeys], Outcome]
ATTACKS: dict[str, Attack] = {
    "request line of 32 MiB": lambda port, _: _send(port, *_huge(b"GET /", 32 * MIB, b" HTTP/1.1\r\nHost: x\r\n\r\n")),
    "request line of 9 KiB": lambda port, _: _send(port, b"GET /" + b"a" * 9 * 1024 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
    "header block of 64 MiB": lambda port, _: _send(
        port, *_huge(b"GET /health HTTP/1.1\r\nHost: x\r\nX-A: ", 64 * MIB, b"\r\n\r\n")
    ),
    "header block of 66 KiB": lambda port, _: _send(
        port,
        b"GET /health HTTP/1.1\r\nHost: x\r\n"
        + b"".join(b"X-%d: %s\r\n" % (n, b"a" * 1000) for n in range(66))
        + b"\r\n",
    ),
    "headers sent slowly": lambda port, _: _send(
        port, b"GET /health HTTP/1.1\r\n", *[b"X-%d: a\r\n" % n for n in range(50)], pause=TIMEOUT / 5
    ),
    "body that stalls": lambda port, owner: _send(
        port,
        f"POST {PRODUCTS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n".encode()
        + _signed(owner, "POST", PRODUCTS)
        + b'\r\n{"sellerProductName": ',
    ),
    "idle connection": lambda port, _: _send(port),
    "malformed request line": lambda port, _: _send(port, b"GARBAGE\r\n\r\n"),
    "Transfer-Encoding and Content-Length": lambda port, owner: _send(
        port,
        f"POST {PRODUCTS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n".encode()
        + b"Content-Length: 40\r\nTransfer-Encoding: chunked\r\n"
        + _signed(owner, "POST", PRODUCTS)
        + b"\r\n0\r\n\r\n",
    ),
    "control character in a header": lambda port, _: _send(
        port, b"GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n"
    ),
}


def _burst(live: LiveServer, owner: VendorKeys) -> float:
    """Seconds for ``CALLS`` signed reads on one new connection."""
    with signed_client(live, owner) as api:
        started = time.perf_counter()
        for _ in range(CALLS):
            assert api.get(f"{PRODUCTS}/inflow-status").status_code == 200
        return time.perf_counter() - started


def _bursts_during(live: LiveServer, owner: VendorKeys, attacks: list[Future[Outcome]]) -> list[float]:
    """Bursts of the other client until every attack is over (at least one)."""
    times = [_burst(live, owner)]
    while not all(attack.done() for attack in attacks):
        times.append(_burst(live, owner))
    return times


@pytest.mark.parametrize("name", list(ATTACKS))
def test_hostile_connections_are_closed_while_others_are_served(live: LiveServer, owner: VendorKeys, name: str) -> None:
    before = dump(live.services)
    baseline = min(_burst(live, owner) for _ in range(3))
    with ThreadPoolExecutor(ATTACKERS) as pool:
        attacks = [pool.submit(ATTACKS[name], _port(live), owner) for _ in range(ATTACKERS)]
        during = _bursts_during(live, owner, attacks)
        outcomes = [attack.result() for attack in attacks]

    assert max(during) <= SLOWDOWN * baseline, (during, baseline)
    for outcome in outcomes:
        assert outcome.closed, outcome
        _assert_answer(name, outcome)
    after = dump(live.services)
    assert after == before, diff(before, after)
    assert httpx.get(f"{live.base_url}/health", timeout=10, verify=tls_context()).status_code == 200


def _assert_answer(name: str, outcome: Outcome) -> None:
    """The answer each attack gets: the API's envelope where the application sees the request, the
    server's own empty refusal where it does not (or none: a timeout closes, a refusal the client
    did not read may be lost to the reset that closing an unread connection sends)."""
    if name in ("request line of 9 KiB", "header block of 66 KiB", "body that stalls"):
        assert outcome.status == 400, outcome
        assert outcome.envelope()["code"] == "ERROR"
        expected = {"request line of 9 KiB": "요청 줄", "header block of 66 KiB": "요청 헤더"}.get(name, "요청 본문이")
        assert str(outcome.envelope()["message"]).startswith(expected), outcome
    elif name == "request line of 32 MiB":
        assert outcome.status in (None, 414, 431), outcome
    elif name == "header block of 64 MiB":
        assert outcome.status in (None, 431), outcome
    elif name in ("headers sent slowly", "idle connection"):
        assert outcome.answer == b"", outcome
    elif name in ("malformed request line", "control character in a header"):
        assert outcome.status == 400, outcome
    else:  # Transfer-Encoding wins (an empty chunked body: the route's own 400), then the server closes
        assert name == "Transfer-Encoding and Content-Length"
        assert outcome.status == 400, outcome
        assert outcome.envelope()["code"] == "ERROR", outcome
        assert b"\r\nconnection: close\r\n" in outcome.answer.lower(), outcome


def test_heads_just_within_the_limits_are_served(live: LiveServer, owner: VendorKeys) -> None:
    """A request line of 8 KiB (most of it a query) and a header block of 64 KiB reach the route."""
    line = f"GET {PRODUCTS}/inflow-status?".encode()
    line += b"x=" + b"a" * (8 * 1024 - len(line) - len(b"x= HTTP/1.1")) + b" HTTP/1.1\r\n"
    assert len(line) == 8 * 1024 + 2  # (the limit counts the line without its CRLF)
    outcome = _send(_port(live), line + b"Host: x\r\nConnection: close\r\n\r\n")
    assert outcome.status == 401, outcome  # the route's own answer: unsigned
    with signed_client(live, owner) as api:
        filler = {f"x-{n}": "a" * 1000 for n in range(60)}
        assert api.get(f"{PRODUCTS}/inflow-status", headers=filler).status_code == 200


def test_a_connection_that_keeps_calling_stays_open(live: LiveServer, owner: VendorKeys) -> None:
    """The header timeout bounds each request's head, not a connection's life."""
    with signed_client(live, owner) as api:
        for _ in range(4):
            assert api.get(f"{PRODUCTS}/inflow-status").status_code == 200
            time.sleep(TIMEOUT / 2)
        assert api.get(f"{PRODUCTS}/inflow-status").status_code == 200


def test_the_open_file_limit_is_raised_to_the_hard_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 256), hard))
    try:
        assert raise_open_file_limit() == resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == hard or hard == resource.RLIM_INFINITY
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_when_descriptors_run_short_others_are_served_once_idle_ones_time_out(db_url: str, tmp_path: Path) -> None:
    """``rocketgrowth serve`` under a hard limit of 256 open files (soft 64: raised at start), with more
    idle connections than it can hold: the server keeps running, the idle ones are closed by the header
    timeout, and a new client is answered."""
    port = free_port()
    command = rocketgrowth("serve", "--db", db_url, "--port", str(port), "--rate-limit", "0")
    command += ["--header-timeout", str(TIMEOUT)]
    log = tmp_path / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (64, 256)),
        )
    idle: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        while not _health(port, timeout=2):
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.1)
        limits = Path(f"/proc/{process.pid}/limits").read_text()
        assert [line.split()[3:5] for line in limits.splitlines() if line.startswith("Max open files")] == [
            ["256", "256"]
        ]
        for _ in range(400):
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(("127.0.0.1", port))
            idle.append(sock)
        assert _health(port, timeout=20 * TIMEOUT), log.read_text()[-3000:]
        assert process.poll() is None
    finally:
        for sock in idle:
            sock.close()
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(timeout=10)


def _health(port: int, *, timeout: float) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False
