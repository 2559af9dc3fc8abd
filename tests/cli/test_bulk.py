"""``rocketgrowth prices set`` / ``stock set`` from CSV: dry run, failures listed, journal resume, pacing."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.cli.conftest import Cli, approved_marketplace


def write_csv(path: Path, header: str, rows: Sequence[Sequence[object]]) -> Path:
    lines = [header, *(",".join(str(value) for value in row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def prices(cli: Cli, ids: Sequence[int]) -> list[int | None]:
    with cli.client() as client:
        return [client.vendor_items.get_inventory(vendor_item_id).sale_price for vendor_item_id in ids]


def stock(cli: Cli, ids: Sequence[int]) -> list[int | None]:
    with cli.client() as client:
        return [client.vendor_items.get_inventory(vendor_item_id).amount_in_stock for vendor_item_id in ids]


def journal_entries(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dry_run_checks_the_csv_and_sends_nothing(cli: Cli, tmp_path: Path) -> None:
    _, ids = approved_marketplace(cli.live, cli.keys, options=3)
    file = write_csv(
        tmp_path / "prices.csv",
        "vendorItemId,price,force",
        [(ids[0], 12000, ""), (ids[1], 9005, ""), (ids[2], 30000, "true")],
    )
    result = cli.run("prices", "set", "--file", str(file), "--dry-run")
    assert result.exit_code == 1
    plan = json.loads(result.stdout)
    assert plan["rows"] == 3
    assert plan["toDo"] == [
        {"line": 2, "vendorItemId": ids[0], "price": 12000},
        {"line": 4, "vendorItemId": ids[2], "price": 30000, "force": True},
    ]
    assert plan["invalid"] == [{"line": 3, "vendorItemId": str(ids[1]), "error": "price must be in 10-won units"}]
    assert prices(cli, ids) == [10000, 10000, 10000]
    assert not (tmp_path / "prices.csv.journal.jsonl").exists()

    write_csv(file, "vendorItemId,price", [(ids[0], 12000), (ids[1], 9000)])
    result = cli.run("prices", "set", "--file", str(file), "--dry-run", rate="4")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["estimatedSeconds"] == 0.5
    assert prices(cli, ids) == [10000, 10000, 10000]


def test_prices_resume_from_the_journal_after_an_interrupted_run(cli: Cli, tmp_path: Path) -> None:
    _, ids = approved_marketplace(cli.live, cli.keys, options=5)
    rows = [(ids[0], 12000), (ids[1], 11000), (ids[2], 50000), (ids[3], 9000), (ids[4], 8000)]  # 3rd: over +100 %
    file = write_csv(tmp_path / "prices.csv", "vendorItemId,price", rows)
    journal = tmp_path / "prices.csv.journal.jsonl"

    first = cli.run("prices", "set", "--file", str(file), "--fail-fast")
    assert first.exit_code == 1
    summary = json.loads(first.stdout)
    assert summary["done"] == 2
    assert summary["skipped"] == 0
    [failure] = summary["failed"]
    assert failure["line"] == 4
    assert failure["vendorItemId"] == ids[2]
    assert failure["status"] == 400
    assert "100%" in failure["error"]
    assert prices(cli, ids) == [12000, 11000, 10000, 10000, 10000]

    rows[2] = (ids[2], 15000)  # fixed
    write_csv(file, "vendorItemId,price", rows)
    second = cli.run("prices", "set", "--file", str(file))
    assert second.exit_code == 0, second.stdout + second.stderr
    summary = json.loads(second.stdout)
    assert (summary["skipped"], summary["done"], summary["failed"]) == (2, 3, [])
    assert prices(cli, ids) == [12000, 11000, 15000, 9000, 8000]

    done = [entry["vendorItemId"] for entry in journal_entries(journal) if entry["ok"]]
    assert sorted(done) == sorted(ids)  # each row sent once, successfully
    third = json.loads(cli.run("prices", "set", "--file", str(file)).stdout)
    assert (third["skipped"], third["done"]) == (5, 0)


def test_stock_lists_failed_rows_and_does_the_rest(cli: Cli, tmp_path: Path) -> None:
    _, ids = approved_marketplace(cli.live, cli.keys, options=3)
    rows = [(ids[0], 5), ("abc", 7), (99_999_999_999, 3), (ids[2], 0), (ids[1], 100_000)]
    file = write_csv(tmp_path / "stock.csv", "vendorItemId,quantity", rows)
    journal = tmp_path / "elsewhere" / "stock-journal.jsonl"
    journal.parent.mkdir()
    result = cli.run("stock", "set", "--file", str(file), "--journal", str(journal))
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["done"] == 2
    assert [failure["line"] for failure in summary["failed"]] == [3, 4, 6]
    assert "vendorItemId must be a whole number" in summary["failed"][0]["error"]
    assert summary["failed"][1]["status"] == 400
    assert "at most 99999" in summary["failed"][2]["error"]
    assert stock(cli, [ids[0], ids[2]]) == [5, 0]
    assert [entry["ok"] for entry in journal_entries(journal)] == [True, False, False, True, False]
    assert not (tmp_path / "stock.csv.journal.jsonl").exists()


def test_calls_are_paced_by_the_rate(cli: Cli, tmp_path: Path) -> None:
    _, ids = approved_marketplace(cli.live, cli.keys, options=5)
    file = write_csv(tmp_path / "stock.csv", "vendorItemId,quantity", [(i, 7) for i in ids])
    started = time.monotonic()
    result = cli.run("stock", "set", "--file", str(file), rate="5")
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    assert elapsed >= 0.75  # 5 calls at 5/s: 4 intervals of 0.2 s
    assert stock(cli, ids) == [7] * 5


def test_a_csv_without_the_columns_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "prices.csv", "id,amount", [(1, 1000)])
    result = cli.run("prices", "set", "--file", str(file))
    assert result.exit_code == 2
    assert "missing column(s) vendorItemId, price" in json.loads(result.stderr)["message"]


def test_a_repeated_row_is_sent_once(cli: Cli, tmp_path: Path) -> None:
    _, ids = approved_marketplace(cli.live, cli.keys, options=2)
    file = write_csv(tmp_path / "stock.csv", "vendorItemId,quantity", [(ids[0], 3), (ids[1], 4), (ids[0], 3)])
    summary = cli.ok("stock", "set", "--file", str(file))
    assert (summary["rows"], summary["done"], summary["skipped"]) == (3, 2, 1)
    assert [entry["line"] for entry in journal_entries(tmp_path / "stock.csv.journal.jsonl")] == [2, 3]
    assert stock(cli, ids) == [3, 4]
