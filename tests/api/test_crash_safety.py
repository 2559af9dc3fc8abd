"""kill -9 during a sustained write load, on SQLite (WAL) and PostgreSQL: after a restart every
acknowledged create, modify and price change is there and no product is half-written.

The driver is ``bench.crash`` (``python -m bench.crash`` runs the long version by hand); the server
is ``rocketgrowth serve`` as a child process on loopback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bench.crash import run

from tests.api.db_dump import require_categories
from tests.conftest import require_service

require_categories()
#: the long runs: ``RG_SLOW=1 pytest -m slow``
SLOW = [pytest.mark.slow, pytest.mark.skipif(os.environ.get("RG_SLOW") != "1", reason="long run: set RG_SLOW=1")]


def _check(kind: str, tmp_path: Path, *, seconds: float, cycles: int) -> None:
    if kind == "postgres":
        require_service("PostgreSQL", "127.0.0.1", 5432)
    report = run(kind, tmp_path, seconds=seconds, cycles=cycles, writers=4)
    assert not report.problems, "\n".join(report.problems)
    # the load really was mid-flight and really wrote: each kind of write was acknowledged
    assert report.in_flight_at_kill >= cycles, report
    assert all(report.acknowledged.get(what, 0) >= 10 for what in ("create", "modify", "price")), report
    assert report.products_checked >= report.acknowledged["create"]
    assert report.unacknowledged_products_found <= report.in_flight_at_kill


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_kill_during_writes_loses_nothing_acknowledged(kind: str, tmp_path: Path) -> None:
    _check(kind, tmp_path, seconds=3, cycles=2)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
@SLOW[0]
@SLOW[1]
def test_kill_during_writes_many_times(kind: str, tmp_path: Path) -> None:
    _check(kind, tmp_path, seconds=10, cycles=6)
