"""``rocketgrowth serve`` answers a call on a kept-alive connection at once, with one worker and with
several: on the standard library's event loop the sockets of several workers did not get TCP_NODELAY,
and every answer's body waited for the client's delayed acknowledgement (≈ 40 ms a call)."""

from __future__ import annotations

import http.client
import statistics
import time
from pathlib import Path

import pytest

from tests.api.processes import serve


@pytest.mark.parametrize("workers", [1, 2])
def test_answers_on_a_kept_connection_come_at_once(tmp_path: Path, workers: int) -> None:
    with serve(f"sqlite:///{tmp_path / 'rg.db'}", tmp_path, workers=workers) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            times = []
            for _ in range(30):
                started = time.perf_counter()
                conn.request("GET", "/health")
                response = conn.getresponse()
                assert response.status == 200
                assert response.read() == b'{"code":"SUCCESS","message":"ok"}'
                times.append(time.perf_counter() - started)
        finally:
            conn.close()
    assert statistics.median(times) < 0.02, times  # a delayed acknowledgement is 40 ms
