"""A short soak of the mixed load at 80 % of the measured peak, from several client processes, on SQLite
and PostgreSQL: every call answered without an error, every kind of call among them. The figures (rate
reached, tail latency, memory over time) are the long run's: ``python -m bench.soak --minutes 5``
(docs/reliability.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bench.soak import run

from tests.api.db_dump import require_categories
from tests.conftest import require_service

require_categories()
SECONDS = float(os.environ.get("RG_SOAK_SECONDS", "10"))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_short_soak_at_eighty_percent_of_peak(kind: str, tmp_path: Path) -> None:
    if kind == "postgres":
        require_service("PostgreSQL", "127.0.0.1", 5432)
    report = run(kind, tmp_path, seconds=SECONDS, peak_seconds=3, fraction=0.8, seed_products=20)
    assert report.errors == 0, report.statuses
    assert report.requests > 0
    assert set(report.p99_by_op_ms) == {"get", "list", "inventory", "price", "modify", "create"}
