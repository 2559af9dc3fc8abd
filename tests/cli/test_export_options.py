"""``rocketgrowth products export --options``: one row per option and side over every product of every
business type, resumable, and sent back as it is to ``prices set`` / ``stock set`` (unchanged rows skipped)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from rocketgrowth.cli.export_options import OPTION_COLUMNS
from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY, DEMO_RG_CATEGORY
from tests.cli.conftest import Cli, create_products
from tests.conftest import LiveServer, VendorKeys, make_vendor
from tests.payloads import hybrid_payload, marketplace_payload, rocket_growth_payload


@pytest.fixture(scope="module")
def seller(live: LiveServer) -> tuple[VendorKeys, dict[str, int]]:
    """Approved marketplace (2 options), saved marketplace, approved Rocket Growth and hybrid products."""
    keys = make_vendor(live.services)
    services, vendor_id = live.services, keys.vendor_id
    payloads = {
        "marketplace": marketplace_payload(services, vendor_id, DEMO_MARKETPLACE_CATEGORY, options=2, requested=True),
        "saved": marketplace_payload(services, vendor_id, DEMO_MARKETPLACE_CATEGORY),
        "rocketGrowth": rocket_growth_payload(services, vendor_id, DEMO_RG_CATEGORY, requested=True),
        "hybrid": hybrid_payload(services, vendor_id, DEMO_RG_CATEGORY, options=2, requested=True),
    }
    ids = create_products(live, keys, list(payloads.values()))
    return keys, dict(zip(payloads, ids, strict=True))


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == OPTION_COLUMNS
        return list(reader)


def test_one_row_per_option_and_side_of_every_product(
    live: LiveServer, seller: tuple[VendorKeys, dict[str, int]], tmp_path: Path
) -> None:
    keys, ids = seller
    output = tmp_path / "options.csv"
    result = Cli(live, keys).run("products", "export", "--options", "--output", str(output))
    assert result.exit_code == 0, result.stderr
    assert "exporting options" in result.stderr
    assert json.loads(result.stdout) == {
        "products": 4,
        "rows": 8,
        "resumedProducts": 0,
        "format": "csv",
        "output": str(output),
    }
    rows = read_rows(output)
    sides = sorted((int(row["sellerProductId"]), row["itemName"], row["side"]) for row in rows)
    assert len(set(sides)) == len(sides) == 8  # the hybrid once, with both its sides
    by_product = {pid: [row for row in rows if row["sellerProductId"] == str(pid)] for pid in ids.values()}
    assert [row["side"] for row in by_product[ids["hybrid"]]] == ["marketplace", "rocketGrowth"] * 2
    assert [row["side"] for row in by_product[ids["rocketGrowth"]]] == ["rocketGrowth"]
    market = by_product[ids["marketplace"]][0]
    assert market["statusName"] == "승인완료"
    assert (market["price"], market["originalPrice"], market["quantity"], market["onSale"]) == (
        "10000",
        "13000",
        "100",
        "true",
    )
    assert market["vendorItemId"].isdigit()
    assert (market["exportedPrice"], market["exportedQuantity"]) == (market["price"], market["quantity"])
    saved = by_product[ids["saved"]][0]
    assert (saved["statusName"], saved["vendorItemId"], saved["onSale"]) == ("임시저장", "", "")


def test_the_edited_file_goes_back_to_prices_and_stock_as_it_is(
    live: LiveServer, seller: tuple[VendorKeys, dict[str, int]], tmp_path: Path
) -> None:
    keys, ids = seller
    cli = Cli(live, keys)
    output = tmp_path / "options.csv"
    cli.ok("products", "export", "--options", "--output", str(output))
    rows = read_rows(output)
    market = [row for row in rows if row["sellerProductId"] == str(ids["marketplace"])]
    market[0]["price"] = "11500"
    market[1]["quantity"] = "7"
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OPTION_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)

    prices = cli.ok("prices", "set", "--file", str(output))
    assert (prices["rows"], prices["unchanged"], prices["done"], prices["failed"]) == (8, 7, 1, [])
    stock = cli.ok("stock", "set", "--file", str(output))
    assert (stock["rows"], stock["unchanged"], stock["done"], stock["failed"]) == (8, 7, 1, [])
    with cli.client() as client:
        first = client.vendor_items.get_inventory(int(market[0]["vendorItemId"]))
        second = client.vendor_items.get_inventory(int(market[1]["vendorItemId"]))
    assert (first.sale_price, first.amount_in_stock) == (11500, 100)
    assert (second.sale_price, second.amount_in_stock) == (10000, 7)


def test_an_interrupted_export_is_resumed(
    live: LiveServer, seller: tuple[VendorKeys, dict[str, int]], tmp_path: Path
) -> None:
    keys, _ = seller
    cli = Cli(live, keys)
    full = tmp_path / "full.csv"
    cli.ok("products", "export", "--options", "--output", str(full))
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    first_product = lines[1].split(",")[0]
    kept = 1 + sum(1 for line in lines[1:] if line.startswith(first_product + ","))
    cut = tmp_path / "cut.csv"  # the first product whole, the next one's first row cut in the middle
    cut.write_text("".join(lines[:kept]) + lines[kept][: len(lines[kept]) // 2], encoding="utf-8")

    summary = cli.ok("products", "export", "--options", "--resume", "--output", str(cut))
    assert (summary["resumedProducts"], summary["products"]) == (1, 3)
    assert read_rows(cut) == read_rows(full)


def test_options_take_no_other_format_and_resume_needs_a_file(cli: Cli) -> None:
    error = cli.error("products", "export", "--options", "--format", "jsonl", "--output", "x.jsonl", exit_code=2)
    assert "--options writes CSV" in error["message"]
    error = cli.error("products", "export", "--options", "--resume", "--output", "-", exit_code=2)
    assert error["message"] == "--resume needs --output FILE"
    error = cli.error("products", "export", "--resume", "--output", "x.csv", exit_code=2)
    assert error["message"] == "--resume continues an --options export"
