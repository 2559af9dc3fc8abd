"""``rocketgrowth catalog import|export|reset`` through the real command, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from rocketgrowth.cli.main import app
from rocketgrowth.domain.categories import DEMO_RG_CATEGORY, DEMO_RG_EXPIRY_CATEGORY
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings

FILES = ("tree", "meta", "rfm-tree", "cgf-tree", "en-tree", "zh-tree")
CLEAN_ENV: dict[str, str | None] = {"ROCKETGROWTH_DB": None, "COUPANG_BASE_URL": None}


def run(*args: str) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, list(args))


def export(db: str, folder: Path) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [arg for name in FILES for arg in (f"--{name}", str(folder / f"{name}.json"))]
    result = run("catalog", "export", *paths, "--db", db)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["code"] == "SUCCESS"
    return {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in FILES}


def import_(db: str, folder: Path, *names: str) -> Result:
    chosen = names or FILES
    paths = [arg for name in chosen for arg in (f"--{name}", str(folder / f"{name}.json"))]
    return run("catalog", "import", *paths, "--db", db)


def failure(result: Result) -> str:
    assert result.exit_code == 2, result.output
    body = json.loads(result.stderr)
    assert body["code"] == "ERROR"
    message: str = body["message"]
    return message


@pytest.fixture
def builtin(db_url: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The built-in catalog as exported; the database is reset to it afterwards."""
    assert run("catalog", "reset", "--db", db_url).exit_code == 0
    yield export(db_url, tmp_path / "builtin")
    assert run("catalog", "reset", "--db", db_url).exit_code == 0


def test_export_writes_the_gateway_shapes(builtin: dict[str, Any]) -> None:
    tree = builtin["tree"]
    assert set(tree) == {"code", "message", "data"}
    assert tree["data"]["displayItemCategoryCode"] == 0
    assert tree["data"]["child"][0]["name"] == "패션의류잡화"
    assert builtin["en-tree"]["data"]["child"][0]["name"] == "Fashion"
    assert builtin["zh-tree"]["data"]["child"][0]["name"] == "时尚服饰"
    meta = builtin["meta"]
    assert meta[str(DEMO_RG_EXPIRY_CATEGORY)]["isExpirationDateRequiredForRocketGrowth"] is True
    assert len(json.dumps(builtin["rfm-tree"])) < len(json.dumps(tree))


def test_round_trip_export_import_export(db_url: str, builtin: dict[str, Any], tmp_path: Path) -> None:
    result = import_(db_url, tmp_path / "builtin")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["categories"], summary["leaves"], summary["leavesWithoutMeta"]) == (415, 313, 0)
    assert export(db_url, tmp_path / "again") == builtin


def test_a_recorded_catalog_replaces_the_builtin_one(db_url: str, builtin: dict[str, Any], tmp_path: Path) -> None:
    recorded = tmp_path / "recorded"
    recorded.mkdir()
    # what a user saved from the real gateway: the 2019 key name, null children, metas as a list of envelopes
    tree = {
        "code": "SUCCESS",
        "message": "",
        "data": {
            "displayItemCategoryCode": 0,
            "name": "ROOT",
            "status": "ACTIVE",
            "child": [
                {
                    "displayItemCategoryCode": 1010,
                    "name": "패션의류",
                    "status": "ACTIVE",
                    "child": [
                        {
                            "displayItemCategoryCode": 3000,
                            "name": "여성 긴소매 티셔츠",
                            "status": "ACTIVE",
                            "child": None,
                        },
                        {
                            "displayItemCategoryCode": 3001,
                            "name": "여성 반소매 티셔츠",
                            "status": "READY",
                            "child": None,
                        },
                    ],
                }
            ],
        },
    }
    meta = builtin["meta"][str(DEMO_RG_CATEGORY)]
    metas = [{"displayCategoryCode": 3000, "code": "SUCCESS", "message": "", "data": meta}]
    rfm = {"code": "SUCCESS", "data": {"displayCategoryCode": 0, "name": "ROOT", "child": [tree["data"]["child"][0]]}}
    (recorded / "tree.json").write_text(json.dumps(tree, ensure_ascii=False), encoding="utf-8")
    (recorded / "meta.json").write_text(json.dumps(metas, ensure_ascii=False), encoding="utf-8")
    (recorded / "rfm-tree.json").write_text(json.dumps(rfm, ensure_ascii=False), encoding="utf-8")
    result = import_(db_url, recorded, "tree", "meta", "rfm-tree")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["categories"] == 3
    assert summary["rocketGrowthLeaves"] == 2
    assert summary["leavesWithoutMetaSample"] == [3001]
    services = Services.build(Settings(db_url=db_url, rate_limit=0))
    try:
        with services.db.read() as conn:
            assert services.categories.is_rocket_growth(conn, 3000)
            assert services.categories.get_category_status(conn, 3000) is True
            assert services.categories.get_category_status(conn, 3001) is False
            found = services.categories.meta(conn, 3000)
            assert found is not None
            assert found.to_wire() == meta
            assert services.categories.meta(conn, DEMO_RG_CATEGORY) is None
    finally:
        services.db.dispose()
    again = export(db_url, tmp_path / "after")
    assert again["tree"]["data"]["child"][0]["child"][1] == {
        "displayItemCategoryCode": 3001,
        "name": "여성 반소매 티셔츠",
        "status": "READY",
        "child": [],
    }
    assert run("catalog", "reset", "--db", db_url).exit_code == 0
    assert export(db_url, tmp_path / "reset") == builtin


def test_a_bad_file_changes_nothing(db_url: str, builtin: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / "builtin"
    broken = dict(builtin["meta"])
    broken["424242"] = broken[str(DEMO_RG_CATEGORY)]  # a code the tree does not have
    (folder / "meta.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    message = failure(import_(db_url, folder, "tree", "meta"))
    assert message == "meta: categories not in the tree: [424242]"
    malformed = dict(builtin["meta"])
    malformed[str(DEMO_RG_CATEGORY)] = {**malformed[str(DEMO_RG_CATEGORY)], "attributes": [{"required": "MANDATORY"}]}
    (folder / "meta.json").write_text(json.dumps(malformed, ensure_ascii=False), encoding="utf-8")
    message = failure(import_(db_url, folder, "tree", "meta"))
    assert f"(category {DEMO_RG_CATEGORY})" in message
    assert "attributeTypeName" in message
    (folder / "tree.json").write_text('{"code": "SUCCESS",\n "data": {', encoding="utf-8")
    assert "not valid JSON (line 2" in failure(import_(db_url, folder, "tree", "meta"))
    assert failure(
        run("catalog", "import", "--tree", str(tmp_path / "none.json"), "--meta", "x", "--db", db_url)
    ).endswith("none.json: no such file")
    assert export(db_url, tmp_path / "unchanged") == builtin
