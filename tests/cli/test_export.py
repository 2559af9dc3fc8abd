"""``rocketgrowth products export``: every page of a few hundred products, as JSON lines and CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, create_products, demo_category
from tests.conftest import LiveServer, VendorKeys, make_vendor
from tests.payloads import marketplace_payload, rocket_growth_payload

MARKETPLACE_COUNT = 230  # three pages of 100
ROCKET_GROWTH_COUNT = 3

DEMO_MARKETPLACE_CATEGORY = demo_category("MARKETPLACE")
DEMO_RG_CATEGORY = demo_category("RG")


@pytest.fixture(scope="module")
def catalog(live: LiveServer) -> tuple[VendorKeys, list[int], list[int]]:
    """A vendor with a few hundred marketplace products and a few two-option Rocket Growth ones."""
    keys = make_vendor(live.services)
    services = live.services
    template = marketplace_payload(services, keys.vendor_id, DEMO_MARKETPLACE_CATEGORY)
    payloads = [{**template, "sellerProductName": f"내보내기 {n}"} for n in range(MARKETPLACE_COUNT)]
    marketplace = create_products(live, keys, payloads)
    rocket = [rocket_growth_payload(services, keys.vendor_id, DEMO_RG_CATEGORY, options=2, requested=True)]
    rocket_growth = create_products(live, keys, rocket * ROCKET_GROWTH_COUNT)
    return keys, marketplace, rocket_growth


def test_jsonl_holds_every_product_of_every_page(
    live: LiveServer, catalog: tuple[VendorKeys, list[int], list[int]], tmp_path: Path
) -> None:
    keys, marketplace, _ = catalog  # without --business-types: marketplace and hybrid rows only
    output = tmp_path / "products.jsonl"
    summary = Cli(live, keys).ok("products", "export", "--format", "jsonl", "--output", str(output))
    lines = output.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert sorted(row["sellerProductId"] for row in rows) == sorted(marketplace)
    assert len(set(lines)) == len(lines)
    assert summary == {"exported": len(rows), "pages": 3, "format": "jsonl", "output": str(output)}
    assert "내보내기 0" in output.read_text(encoding="utf-8")  # Korean as is


def test_csv_one_row_per_option_for_rocket_growth(
    live: LiveServer, catalog: tuple[VendorKeys, list[int], list[int]], tmp_path: Path
) -> None:
    keys, _, rocket_growth = catalog
    output = tmp_path / "rg.csv"
    cli = Cli(live, keys)
    result = cli.run(
        "products", "export", "--format", "csv", "--output", str(output), "--business-types", "rocketGrowth"
    )
    assert result.exit_code == 0, result.stderr
    assert "exporting products" in result.stderr  # the progress bar is on stderr
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 * ROCKET_GROWTH_COUNT
    assert sorted({int(row["sellerProductId"]) for row in rows}) == sorted(rocket_growth)
    assert all(row["rocketGrowthVendorItemId"].isdigit() for row in rows)
    assert all(row["marketplaceVendorItemId"] == "" for row in rows)


def test_csv_of_all_products(
    live: LiveServer, catalog: tuple[VendorKeys, list[int], list[int]], tmp_path: Path
) -> None:
    keys, marketplace, _ = catalog
    output = tmp_path / "all.csv"
    summary = Cli(live, keys).ok("products", "export", "--format", "csv", "-o", str(output), "--status", "SAVED")
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert summary["exported"] == len(rows) == MARKETPLACE_COUNT
    assert {int(row["sellerProductId"]) for row in rows} == set(marketplace)
    assert rows[0]["statusName"] == "임시저장"
    assert rows[0]["itemName"] == ""


def test_to_stdout_keeps_the_summary_off_it(live: LiveServer, catalog: tuple[VendorKeys, list[int], list[int]]) -> None:
    keys, _, rocket_growth = catalog
    result = Cli(live, keys).run("products", "export", "-o", "-", "--business-types", "rocketGrowth")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(row["sellerProductId"] for row in rows) == sorted(rocket_growth)
    assert '"exported": 3' in result.stderr
