"""A short soak (20 s) of the mixed load at 80 % of the measured peak, on SQLite and PostgreSQL: zero
errors, the paced rate is reached, the tail latency is bounded and the server's memory does not run
away. ``python -m bench.soak --minutes 5`` is the long run (figures in docs/reliability.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bench.soak import run

from tests.api.db_dump import require_categories
from tests.conftest import require_service

require_categories()
SECONDS = float(os.environ.get("RG_SOAK_SECONDS", "20"))


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_short_soak_at_eighty_percent_of_peak(kind: str, tmp_path: Path) -> None:
    if kind == "postgres":
        require_service("PostgreSQL", "127.0.0.1", 5432)
    report = run(kind, tmp_path, seconds=SECONDS, peak_seconds=5, fraction=0.8, seed_products=20)
    assert report.errors == 0, report.statuses
    assert report.requests > 0
    assert report.achieved_per_s >= 0.85 * report.target_per_s, report.markdown()
    # loose enough for a busy 2-core CI machine; the 5-minute run states the real figures
    assert report.p99_ms < 1500, report.markdown()
    # memory: warm-up growth only (caches, the growing catalogue of products), no runaway
    assert report.rss_end_kib - report.rss_start_kib < 64 * 1024, report.markdown()
    assert set(report.p99_by_op_ms) == {"get", "list", "inventory", "price", "modify", "create"}
