"""``rocketgrowth sandbox …``: the operator API through the CLI, on a sandbox with manual review and an
admin token (its own server: these tests move the clock and reset the state)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rocketgrowth.settings import Settings
from tests.cli.conftest import Cli, demo_category, global_args, invoke, write_json
from tests.conftest import LiveServer, VendorKeys, make_vendor, start_server
from tests.payloads import marketplace_payload, rocket_growth_payload

ADMIN = "operator-token"


@pytest.fixture(scope="module")
def live(db_url: str) -> Iterator[LiveServer]:
    """This module's own sandbox: manual review, operator API behind a bearer token."""
    server = start_server(Settings(db_url=db_url, rate_limit=0, review_mode="manual", admin_token=ADMIN))
    yield server
    server.stop()


def operator(live: LiveServer, *args: str, token: str | None = ADMIN) -> Any:
    """Run ``rocketgrowth sandbox …`` and return its JSON (exit 0 expected)."""
    result = run_operator(live, *args, token=token)
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout)


def run_operator(live: LiveServer, *args: str, token: str | None = ADMIN) -> Any:
    sandbox = ["sandbox", "--admin-token", token] if token else ["sandbox"]
    return invoke([*global_args(live, None), *sandbox, *args])


def new_vendor_id() -> str:
    return "A" + str(uuid.uuid4().int)[:8]


def test_the_token_is_required(live: LiveServer) -> None:
    result = run_operator(live, "clock", "get", token=None)
    assert result.exit_code == 4
    error = json.loads(result.stderr)
    assert error["status"] == 403
    assert "Bearer" in error["message"]
    assert run_operator(live, "clock", "get", token="wrong").exit_code == 4


def test_never_sent_to_the_real_gateway() -> None:
    result = invoke(["--base-url", "https://api-gateway.coupang.com", "sandbox", "clock", "get"])
    assert result.exit_code == 2
    assert "only on a rocketgrowth sandbox" in json.loads(result.stderr)["message"]


def test_vendor_create_consent_and_keys(live: LiveServer, tmp_path: Path) -> None:
    vendor_id = new_vendor_id()
    created = operator(live, "vendors", "create", vendor_id, "--name", "테스트 상점")
    assert created["vendorId"] == vendor_id
    assert created["rocketGrowthConsent"] is False
    keys = VendorKeys(vendor_id, created["accessKey"], created["secretKey"])
    doctor = invoke([*global_args(live, keys, rate="4"), "doctor", "--json", "--admin-token", ADMIN])
    assert doctor.exit_code == 1
    consent = {c["check"]: c for c in json.loads(doctor.stdout)["checks"]}["Rocket Growth consent"]
    assert consent["mark"] == "✗"

    agreed = operator(live, "vendors", "set-consent", vendor_id)
    assert agreed["rocketGrowthConsent"] is True
    doctor = invoke([*global_args(live, keys, rate="4"), "doctor", "--json", "--admin-token", ADMIN])
    assert doctor.exit_code == 0, doctor.stdout
    assert operator(live, "vendors", "set-consent", vendor_id, "--withdraw")["rocketGrowthConsent"] is False

    listed = {row["vendorId"]: row for row in operator(live, "vendors", "list")}
    assert listed[vendor_id]["name"] == "테스트 상점"
    second = operator(live, "vendors", "issue-key", vendor_id)
    assert second["accessKey"] != keys.access_key
    assert invoke([*global_args(live, keys), "products", "list"]).exit_code == 0  # the first key still works
    other = VendorKeys(vendor_id, second["accessKey"], second["secretKey"])
    assert invoke([*global_args(live, other), "products", "list"]).exit_code == 0

    duplicate = run_operator(live, "vendors", "create", vendor_id)
    assert duplicate.exit_code == 3


def test_consent_gates_rocket_growth_creates(live: LiveServer, tmp_path: Path) -> None:
    keys = make_vendor(live.services, consent=False)
    payload = rocket_growth_payload(live.services, keys.vendor_id, demo_category("RG"))
    file = write_json(tmp_path, "rg.json", payload)
    cli = Cli(live, keys)
    refused = cli.error("products", "create", file, exit_code=3)
    assert "WING" in refused["message"]
    operator(live, "vendors", "set-consent", keys.vendor_id)
    assert isinstance(cli.ok("products", "create", file)["sellerProductId"], int)


def _in_review(live: LiveServer, keys: VendorKeys, *, options: int) -> int:
    payload = marketplace_payload(live.services, keys.vendor_id, demo_category("MARKETPLACE"), options=options)
    payload["requested"] = True
    with Cli(live, keys).client() as client:
        return client.products.create(payload).seller_product_id


def test_review_decisions(live: LiveServer) -> None:
    keys = make_vendor(live.services)
    cli = Cli(live, keys)
    approved, denied, partial = (_in_review(live, keys, options=n) for n in (1, 1, 3))
    queue = {row["sellerProductId"] for row in operator(live, "reviews", "list")}
    assert {approved, denied, partial} <= queue

    assert operator(live, "products", "review", str(approved), "--approve")["statusName"] == "승인완료"
    assert operator(live, "products", "review", str(denied), "--deny", "대표 이미지 불량")["statusName"] == "승인반려"
    history = cli.ok("products", "list-histories", str(denied))
    assert any("대표 이미지 불량" in (entry.get("comment") or "") for entry in history)
    view = operator(live, "products", "review", str(partial), "--partial", "0,2")
    assert view["statusName"] == "부분승인완료"
    assert [bool(item.get("vendorItemId")) for item in view["items"]] == [True, False, True]
    assert cli.ok("products", "get", str(partial))["statusName"] == "부분승인완료"

    assert run_operator(live, "products", "review", str(approved)).exit_code == 2  # no decision given
    assert run_operator(live, "products", "review", str(approved), "--approve", "--deny", "x").exit_code == 2


def test_inbound_and_inspection_lock_the_barcode(live: LiveServer) -> None:
    keys = make_vendor(live.services)
    payload = rocket_growth_payload(live.services, keys.vendor_id, demo_category("RG"), requested=True)
    cli = Cli(live, keys)
    with cli.client() as client:
        product_id = client.products.create(payload).seller_product_id
    operator(live, "products", "review", str(product_id), "--approve")
    item_id = cli.ok("products", "get", str(product_id))["items"][0]["rocketGrowthItemData"]["sellerProductItemId"]

    received = operator(live, "inbounds", "create", str(item_id), "--quantity", "4")
    assert received["sellerProductItemId"] == item_id
    assert received["locked"] is True
    assert operator(live, "inbounds", "create", str(item_id), "--quantity", "2")["awaitingInspection"] == 6
    inspected = operator(live, "inbounds", "set-inspection", str(item_id), "--failed", "--comment", "라벨 누락")
    assert inspected["inspectionComment"] == "라벨 누락"
    operator(live, "inbounds", "create", str(item_id), "--quantity", "5")
    passed = operator(live, "inbounds", "set-inspection", str(item_id), "--passed", "--accepted", "3")
    assert (passed["receivedQuantity"], passed["acceptedQuantity"], passed["orderableQuantity"]) == (11, 3, 3)
    items = {row["sellerProductItemId"]: row for row in operator(live, "rocket-growth-items", "list")}
    assert items[item_id]["inboundStatus"] == passed["inboundStatus"] == "INSPECTION_PASSED"

    refused = cli.error(
        "products", "edit", str(product_id), "--set", "items[0].rocketGrowthItemData.barcode=8801234567893", exit_code=3
    )
    assert refused["status"] == 400


def test_inquiry_added_by_the_operator(live: LiveServer) -> None:
    keys = make_vendor(live.services)
    product_id = _in_review(live, keys, options=1)
    view = operator(live, "products", "review", str(product_id), "--approve")
    vendor_item_id = view["items"][0]["vendorItemId"]
    added = operator(live, "inquiries", "add", str(vendor_item_id), "재입고 예정이 있나요?")
    listed = operator(live, "inquiries", "list-all", "--vendor-id", keys.vendor_id)
    assert [row["inquiryId"] for row in listed] == [added["inquiryId"]]
    assert listed[0]["answered"] is False


def test_clock_export_reset_import(live: LiveServer, tmp_path: Path) -> None:
    """Last in the module: it moves the clock and erases the state."""
    keys = make_vendor(live.services)
    before = operator(live, "clock", "get")
    moved = operator(live, "clock", "advance", "90")
    assert moved["offsetSeconds"] == pytest.approx(before["offsetSeconds"] + 90)
    assert moved["now"] > before["now"]
    assert invoke([*global_args(live, keys), "products", "list"]).exit_code == 0  # signatures still accepted

    state = tmp_path / "state.json"
    assert operator(live, "state", "export", str(state)) == {"exported": str(state)}
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert isinstance(saved, dict)

    declined = invoke([*global_args(live, None), "sandbox", "--admin-token", ADMIN, "state", "reset"], input="n\n")
    assert declined.exit_code == 1
    assert invoke([*global_args(live, keys), "products", "list"]).exit_code == 0

    erased = operator(live, "state", "reset", "--yes")
    assert erased["keptVendors"] is False
    gone = invoke([*global_args(live, keys), "products", "list"])
    assert gone.exit_code == 4  # the key went with the vendor

    loaded = operator(live, "state", "import", str(state))
    assert "loaded" in loaded
    assert invoke([*global_args(live, keys), "products", "list"]).exit_code == 0
