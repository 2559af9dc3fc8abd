"""The demo data: ``seed_demo`` on both databases, and ``rocketgrowth serve --demo`` as a real process
showing products of every kind in different states, inbounds and an inquiry at once (``--no-demo-data``:
none; a database that has products: nothing added)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from rocketgrowth.demo import DEMO_INQUIRY, seed_demo
from rocketgrowth.operations import sandbox
from rocketgrowth.sdk import Client
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from tests.api.processes import ServerProcess, serve

DEMO_VENDOR = "A00012345"


def test_seed_demo_fills_an_empty_database_once(db_url: str) -> None:
    services = Services.build(Settings(db_url=db_url, rate_limit=0, review_mode="manual"))
    try:
        services.db.migrate()
        with services.db.write() as conn:
            services.categories.seed_builtin(conn)
        sandbox.create_vendor(services, DEMO_VENDOR, consent=True)
        seeded = seed_demo(services, DEMO_VENDOR)
        assert seeded is not None
        counts = {state: len(ids) for state, ids in seeded.items()}
        assert counts == {
            "approved": 4,
            "saleStopped": 1,
            "inReview": 1,
            "denied": 1,
            "saved": 2,
            "inbounds": 2,
            "inquiries": 1,
            "rocketGrowthOrders": 60,
        }
        with services.db.read() as conn:
            assert services.products.count_products(conn, DEMO_VENDOR) == 9
        items = {row["sellerProductName"]: row for row in sandbox.list_rocket_growth_items(services)}
        assert items["데모 로켓그로스 칫솔"]["inboundStatus"] == "INSPECTION_PASSED"
        brush = items["데모 로켓그로스 칫솔"]
        assert brush["soldLastThirtyDays"] == 120 - brush["orderableQuantity"] > 0
        assert items["데모 로켓그로스 봉지라면"]["inboundStatus"] == "CREATED"
        assert items["데모 하이브리드 임시저장"]["statusName"] == "임시저장"
        assert seed_demo(services, DEMO_VENDOR) is None  # only into an empty database
    finally:
        services.db.dispose()


def demo_client(server: ServerProcess) -> Client:
    keys = json.loads(server.log.read_text(encoding="utf-8").splitlines()[0])
    return Client(
        access_key=keys["accessKey"],
        secret_key=keys["secretKey"],
        vendor_id=keys["vendorId"],
        base_url=server.base_url,
        rate_limit=None,
    )


@pytest.mark.slow
def test_serve_demo_shows_every_kind_at_once(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    with serve(db, tmp_path, "--demo") as server, demo_client(server) as client:
        marketplace = {row.seller_product_name: row.status_name for row in client.products.list()}
        rocket_growth = {row.seller_product_name for row in client.products.list(business_types="rocketGrowth")}
        inquiries = list(client.inquiries.list())
        items = httpx.get(f"{server.base_url}/sandbox/v1/rocket-growth-items").json()["data"]
        assert "demo data: 9 products of every kind" in server.log.read_text(encoding="utf-8")
    assert marketplace["데모 주문제작 스티커"] == "승인완료"
    assert marketplace["데모 임시저장 스티커"] == "임시저장"
    assert marketplace["데모 승인대기 스티커"] == "승인대기중"
    assert marketplace["데모 반려 스티커"] == "승인반려"
    assert marketplace["데모 하이브리드 칫솔"] == "승인완료"  # (a hybrid is in both lists)
    assert rocket_growth >= {"데모 로켓그로스 칫솔", "데모 로켓그로스 봉지라면", "데모 하이브리드 칫솔"}
    assert [inquiry.content for inquiry in inquiries] == [DEMO_INQUIRY]
    assert {item["inboundStatus"] for item in items} >= {"CREATED", "INSPECTION_PASSED"}

    with serve(db, tmp_path, "--demo") as server, demo_client(server) as client:  # not into a used database
        again = list(client.products.list())
        assert "nothing added" in server.log.read_text(encoding="utf-8")
    assert len(again) == len(marketplace)


def test_no_demo_data_leaves_the_database_empty(tmp_path: Path) -> None:
    with serve(f"sqlite:///{tmp_path / 'bare.db'}", tmp_path, "--demo", "--no-demo-data") as server:
        with demo_client(server) as client:
            assert list(client.products.list()) == []
            assert list(client.inquiries.list()) == []
        assert "demo data" not in server.log.read_text(encoding="utf-8")
