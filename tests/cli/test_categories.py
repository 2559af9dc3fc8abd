"""``rocketgrowth categories …`` against the sandbox's built-in category catalog."""

from __future__ import annotations

from tests.cli.conftest import Cli, demo_category

DEMO_RG_CATEGORY = demo_category("RG")
DEMO_MARKETPLACE_CATEGORY = demo_category("MARKETPLACE")
DEMO_DISABLED_CATEGORY = demo_category("DISABLED")


def test_the_rocket_growth_tree_flat_and_as_a_tree(cli: Cli) -> None:
    rows = cli.ok("categories", "list", "--registration-type", "RFM", "--flat")
    codes = {row["displayCategoryCode"]: row for row in rows}
    assert DEMO_RG_CATEGORY in codes
    assert DEMO_MARKETPLACE_CATEGORY not in codes
    leaf = codes[DEMO_RG_CATEGORY]
    assert leaf["leaf"] is True
    assert leaf["path"].endswith("칫솔")
    tree = cli.ok("categories", "list", "--registration-type", "RFM")
    assert "child" in tree
    english = cli.ok("categories", "list", "--registration-type", "RFM", "--locale", "en", "--flat")
    assert {row["displayCategoryCode"] for row in english} == set(codes)
    assert english != rows  # the names are translated


def test_get_meta_and_status(cli: Cli) -> None:
    node = cli.ok("categories", "get", str(DEMO_RG_CATEGORY))
    assert node["name"] == "칫솔"
    meta = cli.ok("categories", "get-meta", str(DEMO_MARKETPLACE_CATEGORY))
    assert meta["allowedOfferConditions"] == ["NEW"]
    assert meta["noticeCategories"][0]["noticeCategoryName"] == "기타 재화"
    assert cli.ok("categories", "get-status", str(DEMO_RG_CATEGORY)) == {
        "displayCategoryCode": DEMO_RG_CATEGORY,
        "usable": True,
    }
    assert cli.ok("categories", "get-status", str(DEMO_DISABLED_CATEGORY))["usable"] is False


def test_table_and_unknown_code(cli: Cli) -> None:
    result = cli.run("--table", "categories", "list", "--registration-type", "RFM")
    assert result.exit_code == 0, result.stderr
    assert "displayCategoryCode" in result.stdout
    assert "칫솔" in result.stdout
    unknown = cli.error("categories", "get-meta", "99999999", exit_code=3)
    assert unknown["message"] == "카테고리[99999999]가 존재하지 않습니다."
