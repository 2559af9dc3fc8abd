"""``rocketgrowth serve`` with one worker and with several: every worker process starts, and calls on
kept-alive connections, several at once, are each answered whole and in order. (How long such a call
takes, the delayed-acknowledgement case included, is measured in ``bench/hostile.py``.)"""

from __future__ import annotations

import http.client
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.api.processes import serve

CONNECTIONS = 8
CALLS = 30


def _calls_on_one_connection(port: int) -> list[tuple[int, bytes]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        answers = []
        for _ in range(CALLS):
            conn.request("GET", "/health")
            response = conn.getresponse()
            answers.append((response.status, response.read()))
        return answers
    finally:
        conn.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_kept_alive_connections_are_answered_whole_with_one_worker_or_several(tmp_path: Path, workers: int) -> None:
    with serve(f"sqlite:///{tmp_path / 'rg.db'}", tmp_path, workers=workers) as server:
        if workers > 1:
            assert len(server.workers()) == workers
        with ThreadPoolExecutor(CONNECTIONS) as pool:
            results = list(pool.map(_calls_on_one_connection, [server.port] * CONNECTIONS))
    assert results == [[(200, b'{"code":"SUCCESS","message":"ok"}')] * CALLS] * CONNECTIONS
