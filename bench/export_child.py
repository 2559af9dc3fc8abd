"""The exporting process of ``bench.memory``: only the SDK is imported, so its peak RSS is the SDK's.

``python -m bench.export_child BASE_URL KEYS_JSON OUT`` prints ``{"count", "seconds", "peak_rss", …}``.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from rocketgrowth.sdk import Client

__all__ = ("export",)


def _peak_rss() -> int:
    """This process's peak RSS since it started (``VmHWM``: unlike ``ru_maxrss``, it does not carry the
    parent's size over from the fork before ``exec``)."""
    match = re.search(r"^VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
    return int(match.group(1)) * 1024 if match else 0


def export(base_url: str, keys: dict[str, str], out: Path) -> dict[str, Any]:
    """Every Rocket Growth product through ``client.products.list``, one JSON line each (the row as sent)."""
    before = _peak_rss()
    started = time.monotonic()
    count = 0
    with (
        Client(access_key=keys["access_key"], secret_key=keys["secret_key"], vendor_id=keys["vendor_id"],
               base_url=base_url, rate_limit=None, timeout=120) as client,
        out.open("w") as sink,
    ):  # fmt: skip
        for row in client.products.list(business_types="rocketGrowth", max_per_page=100):
            sink.write(json.dumps(row.raw, ensure_ascii=False))
            sink.write("\n")
            count += 1
    return {
        "count": count,
        "seconds": time.monotonic() - started,
        "peak_rss": _peak_rss(),
        "rss_before": before,
        "bytes": out.stat().st_size,
        "modules": sorted(m for m in ("fastapi", "sqlalchemy", "uvicorn", "starlette") if m in sys.modules),
    }


if __name__ == "__main__":
    print(json.dumps(export(sys.argv[1], json.loads(sys.argv[2]), Path(sys.argv[3]))))
