"""``rocketgrowth products template``: the payload it prints passes ``products validate`` and is created
by the live server as it is, for each kind; bad input exits non-zero with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from rocketgrowth.domain.categories import (
    DEMO_DISABLED_CATEGORY,
    DEMO_DOCUMENTS_CATEGORY,
    DEMO_FASHION_CATEGORY,
    DEMO_MARKETPLACE_CATEGORY,
    DEMO_NOT_RG_CATEGORY,
    DEMO_RG_CATEGORY,
    DEMO_RG_EXPIRY_CATEGORY,
)
from tests.cli.conftest import Cli, write_json

INNER_CATEGORY = 51825  # a top-level category of the built-in catalog


@pytest.mark.parametrize(
    ("kind", "category", "business_type"),
    [
        ("marketplace", DEMO_MARKETPLACE_CATEGORY, "marketplace"),
        ("marketplace", DEMO_NOT_RG_CATEGORY, "marketplace"),
        ("rocket-growth", DEMO_RG_EXPIRY_CATEGORY, "rocketGrowth"),
        ("rocket-growth", DEMO_DOCUMENTS_CATEGORY, "rocketGrowth"),
        ("hybrid", DEMO_FASHION_CATEGORY, "hybrid"),
        ("hybrid", DEMO_RG_CATEGORY, "hybrid"),
    ],
)
def test_the_template_validates_and_is_created_as_it_is(
    cli: Cli, tmp_path: Path, kind: str, category: int, business_type: str
) -> None:
    payload = cli.ok("products", "template", "--category", str(category), "--kind", kind)
    assert payload["vendorId"] == cli.keys.vendor_id
    assert payload["displayCategoryCode"] == category
    path = write_json(tmp_path, "product.json", payload)
    checked = cli.ok("products", "validate", path)
    assert checked == {"valid": True, "mode": "create", "categoryMeta": "api", "problems": []}
    product_id = cli.ok("products", "create", path)["sellerProductId"]
    product = cli.ok("products", "get", str(product_id))
    assert product["statusName"] == "임시저장"
    assert product["items"][0]["itemName"] == payload["items"][0]["itemName"]
    with cli.client() as client:
        rows = list(client.products.list(seller_product_id=product_id, business_types="rocketGrowth"))
    assert (rows != []) is (business_type != "marketplace")


@pytest.mark.parametrize(
    ("category", "kind", "exit_code", "message"),
    [
        (99999999, "marketplace", 3, "카테고리[99999999]가 존재하지 않습니다."),
        (INNER_CATEGORY, "marketplace", 3, f"카테고리[{INNER_CATEGORY}]는 최하위 카테고리가 아닙니다."),
        (DEMO_DISABLED_CATEGORY, "marketplace", 2, f"category {DEMO_DISABLED_CATEGORY} is not in service"),
        (DEMO_MARKETPLACE_CATEGORY, "rocket-growth", 2, "is not a Rocket Growth category"),
    ],
)
def test_a_category_that_cannot_be_used_is_refused(
    cli: Cli, category: int, kind: str, exit_code: int, message: str
) -> None:
    error = cli.error("products", "template", "--category", str(category), "--kind", kind, exit_code=exit_code)
    assert message in error["message"]


def test_an_unknown_kind_is_a_usage_error(cli: Cli) -> None:
    result = cli.run("products", "template", "--category", str(DEMO_RG_CATEGORY), "--kind", "rocket")
    assert result.exit_code == 2
    assert result.stdout == ""
    message = " ".join(result.stderr.replace("│", " ").split())
    assert (
        "Invalid value for '--kind': Value error, 'rocket' is not one of 'marketplace', 'rocket-growth', 'hybrid'"
        in message
    )
