"""``rocketgrowth rocket-growth …`` (seller) and ``rocketgrowth sandbox rocket-growth-orders …`` (operator)
against the live sandbox, on SQLite and PostgreSQL: stock in, orders placed, shipped, cancelled and
simulated, then the inventory and the orders read back, exported to JSONL and CSV, and resumed."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Any

from rocketgrowth.clock import KST
from tests.api.helpers import create, get
from tests.cli.conftest import demo_category, global_args, invoke
from tests.conftest import LiveServer, VendorKeys, make_vendor, signed_client
from tests.payloads import rocket_growth_payload


def run(live: LiveServer, keys: VendorKeys | None, *args: str) -> Any:
    result = invoke([*global_args(live, keys), "--rg-rate", "0", *args])
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout) if result.stdout.strip() else None


def kst_today(live: LiveServer) -> date:
    with live.services.db.read() as conn:
        return live.services.now(conn).replace(tzinfo=UTC).astimezone(KST).date()


def stocked(live: LiveServer, keys: VendorKeys, units: int) -> int:
    payload = rocket_growth_payload(live.services, keys.vendor_id, demo_category("RG"), requested=True)
    with signed_client(live, keys) as api:
        block = get(api, create(api, payload))["items"][0]["rocketGrowthItemData"]
    item = str(block["sellerProductItemId"])
    assert (
        run(live, None, "sandbox", "inbounds", "create", item, "--quantity", str(units))["awaitingInspection"] == units
    )
    assert run(live, None, "sandbox", "inbounds", "set-inspection", item, "--passed")["orderableQuantity"] == units
    return int(block["vendorItemId"])


def test_orders_placed_shipped_cancelled_and_read_back(live: LiveServer, tmp_path: Path) -> None:
    keys = make_vendor(live.services)
    vid = stocked(live, keys, 200)
    today = kst_today(live)
    yesterday = (today - timedelta(days=1)).isoformat()
    orders = "sandbox", "rocket-growth-orders"
    placed = run(live, None, *orders, "create", "--vendor-id", keys.vendor_id, f"{vid}:3", "--paid-at",
                 f"{yesterday}T10:00:00")["orderId"]  # fmt: skip
    waiting = run(live, None, *orders, "create", "--vendor-id", keys.vendor_id, str(vid), "--not-shipped")["orderId"]
    dropped = run(live, None, *orders, "create", "--vendor-id", keys.vendor_id, f"{vid}:2", "--not-shipped")["orderId"]
    assert run(live, None, *orders, "ship", str(waiting))["status"] == "SHIPPED"
    assert run(live, None, *orders, "cancel", str(dropped))["status"] == "CANCELLED"
    simulated = run(live, None, *orders, "simulate", "--vendor-id", keys.vendor_id, "--days", "20",
                    "--orders-per-day", "2", "--seed", "5")["orders"]  # fmt: skip
    assert simulated == 40
    listed = run(live, None, *orders, "list-all", "--vendor-id", keys.vendor_id, "--status", "CANCELLED")
    assert [o["orderId"] for o in listed] == [dropped]
    refused = invoke([*global_args(live, None), *orders, "create", "--vendor-id", keys.vendor_id, f"{vid}:999"])
    assert refused.exit_code == 3
    assert "orderable" in json.loads(refused.stderr.strip().splitlines()[-1])["message"]

    (row,) = run(live, keys, "rocket-growth", "list-inventories")
    sold = row["soldLastThirtyDays"]
    assert row["vendorItemId"] == vid
    assert row["orderableQuantity"] == 200 - sold
    assert run(live, keys, "rocket-growth", "list-inventories", "--low-stock", str(row["orderableQuantity"] - 1)) == []
    detail = run(live, keys, "rocket-growth", "get-order", str(placed))
    assert detail["orderItems"][0]["salesQuantity"] == 3
    assert detail["paidAt"].endswith("Z")

    first, last = (today - timedelta(days=25)).isoformat(), today.isoformat()
    everything = run(live, keys, "rocket-growth", "list-orders", "--from", first, "--to", last)
    ids = [order["orderId"] for order in everything]
    assert {placed, waiting} <= set(ids)
    assert dropped not in ids
    assert sum(line["salesQuantity"] for order in everything for line in order["orderItems"]) == sold

    # JSON lines: one order a line; interrupted after two lines, --resume completes it without repeats
    jsonl = tmp_path / "orders.jsonl"
    run(live, keys, "rocket-growth", "list-orders", "--from", first, "--to", last, "--output", str(jsonl))
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["orderId"] for line in lines] == ids
    jsonl.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    args = ("rocket-growth", "list-orders", "--from", first, "--to", last, "--output", str(jsonl), "--resume")
    run(live, keys, *args)
    assert [json.loads(line)["orderId"] for line in jsonl.read_text(encoding="utf-8").splitlines()] == ids
    # CSV: one row per order item
    table = tmp_path / "orders.csv"
    run(live, keys, "rocket-growth", "list-orders", "--from", first, "--to", last, "--format", "csv", "--output",
        str(table))  # fmt: skip
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["orderId"]) for r in rows] == ids
    assert {r["vendorItemId"] for r in rows} == {str(vid)}
    assert all(r["paidAt"].endswith("Z") and r["currency"] == "KRW" for r in rows)

    backwards = invoke([*global_args(live, keys), "rocket-growth", "list-orders", "--from", last, "--to", first])
    assert backwards.exit_code == 2
