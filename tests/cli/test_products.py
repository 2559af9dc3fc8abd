"""``rocketgrowth products …`` through the entry point against the live sandbox (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from rocketgrowth.sdk import BadRequestError
from tests.cli.conftest import Cli, approved_marketplace, demo_category, global_args, invoke, write_json
from tests.conftest import LiveServer, VendorKeys
from tests.payloads import marketplace_payload, rocket_growth_payload

ENTRY_POINT = Path(sys.executable).with_name("rocketgrowth")

DEMO_MARKETPLACE_CATEGORY = demo_category("MARKETPLACE")
DEMO_RG_CATEGORY = demo_category("RG")


def sku() -> str:
    return f"SKU-{uuid.uuid4().hex[:10]}"


class TestLifecycle:
    def test_marketplace_product_from_create_to_delete(self, cli: Cli, tmp_path: Path) -> None:
        payload = marketplace_payload(cli.live.services, cli.keys.vendor_id, DEMO_MARKETPLACE_CATEGORY, options=2)
        created = cli.ok("products", "create", write_json(tmp_path, "product.json", payload))
        product_id = created["sellerProductId"]
        assert isinstance(product_id, int)
        product = cli.ok("products", "get", str(product_id))
        assert product["statusName"] == "임시저장"
        assert product["sellerProductName"] == payload["sellerProductName"]

        cli.ok(
            "products",
            "edit",
            str(product_id),
            "--set",
            "sellerProductName=바뀐 이름 & =?",
            "--set",
            "items[1].itemName=둘째",
        )
        product = cli.ok("products", "get", str(product_id))
        assert product["sellerProductName"] == "바뀐 이름 & =?"
        assert [item["itemName"] for item in product["items"]] == [payload["items"][0]["itemName"], "둘째"]

        product["sellerProductName"] = f"갱신 {product_id}"
        updated = cli.ok("products", "update", write_json(tmp_path, "update.json", product))
        assert updated["sellerProductId"] == product_id
        rows = cli.ok("products", "list", "--name", f"갱신 {product_id}")
        assert [row["sellerProductId"] for row in rows] == [product_id]
        assert rows[0]["statusName"] == "임시저장"

        cli.ok("products", "request-approval", str(product_id))
        product = cli.ok("products", "get", str(product_id))
        assert product["statusName"] == "승인완료"
        statuses = [entry["status"] for entry in cli.ok("products", "list-histories", str(product_id))]
        assert "승인완료" in statuses
        assert "임시저장" in statuses

        refused = cli.error("products", "delete", str(product_id), exit_code=3)  # options still on sale
        assert refused["status"] == 400
        assert refused["request"].startswith("DELETE ")
        with cli.client() as client:
            for item in product["items"]:
                client.vendor_items.stop_sale(item["vendorItemId"])
        cli.ok("products", "delete", str(product_id))
        assert cli.ok("products", "get", str(product_id))["statusName"] == "상품삭제"

    def test_rocket_growth_edit_asks_for_review(self, cli: Cli, tmp_path: Path) -> None:
        payload = rocket_growth_payload(cli.live.services, cli.keys.vendor_id, DEMO_RG_CATEGORY)
        product_id = cli.ok("products", "create", write_json(tmp_path, "rg.json", payload))["sellerProductId"]
        assert cli.ok("products", "get", str(product_id))["statusName"] == "임시저장"

        refused = cli.error("products", "request-approval", str(product_id), exit_code=3)
        assert "requested=true" in refused["hint"]

        price = "items[0].rocketGrowthItemData.priceData.salePrice=8000"
        cli.ok("products", "edit", str(product_id), "--set", price)
        product = cli.ok("products", "get", str(product_id))
        assert product["statusName"] != "임시저장"  # requested:true by default for Rocket Growth
        assert product["items"][0]["rocketGrowthItemData"]["priceData"]["salePrice"] == 8000
        rows = cli.ok("products", "list", "--business-types", "rocketGrowth", "--all")
        row = next(row for row in rows if row["sellerProductId"] == product_id)
        assert row["items"][0]["rocketGrowthItemData"]["vendorItemId"]

    def test_partial_fields_inflow_status_and_lookups(self, cli: Cli, tmp_path: Path) -> None:
        code = sku()
        payload = marketplace_payload(cli.live.services, cli.keys.vendor_id, DEMO_MARKETPLACE_CATEGORY, sku=code)
        product_id = cli.ok("products", "create", write_json(tmp_path, "product.json", payload))["sellerProductId"]

        assert cli.ok("products", "get-partial", str(product_id))["deliveryChargeType"] == "FREE"
        change = write_json(tmp_path, "partial.json", {"returnCharge": 3000})
        cli.ok("products", "update-partial", str(product_id), change)
        assert cli.ok("products", "get-partial", str(product_id))["returnCharge"] == 3000

        assert cli.ok("products", "get-inflow-status")["registeredCount"] >= 1
        rows = cli.ok("products", "list-by-external-sku", f"{code}-0")
        assert [row["sellerProductId"] for row in rows] == [product_id]
        created = datetime.strptime(rows[0]["createdAt"], "%Y-%m-%dT%H:%M:%S")
        window = [(created + timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:%S") for m in (-1, 1)]
        assert product_id in [row["sellerProductId"] for row in cli.ok("products", "list-by-time-frame", *window)]
        too_long = (created + timedelta(minutes=11)).strftime("%Y-%m-%dT%H:%M:%S")
        cli.error("products", "list-by-time-frame", window[0], too_long, exit_code=2)

    def test_list_first_page_or_all(self, cli: Cli) -> None:
        name = f"목록 {uuid.uuid4().hex[:6]}"
        payloads = [
            marketplace_payload(cli.live.services, cli.keys.vendor_id, DEMO_MARKETPLACE_CATEGORY, name=name)
            for _ in range(3)
        ]
        with cli.client() as client:
            ids = [client.products.create(payload).seller_product_id for payload in payloads]
        result = cli.run("products", "list", "--name", name, "--max-per-page", "2")
        assert result.exit_code == 0
        assert len(json.loads(result.stdout)) == 2
        assert "--all" in result.stderr
        rows = cli.ok("products", "list", "--name", name, "--max-per-page", "2", "--all", "--status", "saved")
        assert sorted(row["sellerProductId"] for row in rows) == sorted(ids)
        assert cli.ok("products", "list", "--name", name, "--status", "승인완료") == []

    def test_table_output(self, cli: Cli) -> None:
        product_id, _ = approved_marketplace(cli.live, cli.keys, options=1)
        result = cli.run("--table", "products", "list", "--status", "APPROVED")
        assert result.exit_code == 0, result.stderr
        assert "sellerProductId" in result.stdout
        assert str(product_id) in result.stdout
        assert "승인완료" in result.stdout
        with_table = cli.run("--table", "products", "get", str(product_id))
        assert "sellerProductName" in with_table.stdout
        assert not with_table.stdout.lstrip().startswith("{")


class TestErrors:
    def test_api_errors_map_to_exit_codes(self, cli: Cli, live: LiveServer, vendor: VendorKeys) -> None:
        missing = cli.error("products", "get", "99999999999", exit_code=3)
        assert missing["error"] == "BadRequestError"
        assert "99999999999" in missing["message"]
        wrong = VendorKeys(vendor.vendor_id, vendor.access_key, "wrong-secret")
        result = invoke([*global_args(live, wrong), "products", "get", "1"])
        assert result.exit_code == 4
        error = json.loads(result.stderr)
        assert error["status"] == 401
        assert error["message"] == "Invalid signature."
        assert "secret key" in error["hint"]

    def test_usage_errors(self, cli: Cli, live: LiveServer, tmp_path: Path) -> None:
        no_keys = invoke([*global_args(live, None), "products", "list"])
        assert no_keys.exit_code == 2
        assert "access_key is required" in json.loads(no_keys.stderr)["message"]
        assert cli.run("products", "create", str(tmp_path / "absent.json")).exit_code == 2
        (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
        assert cli.error("products", "create", str(tmp_path / "bad.json"), exit_code=2)["error"] == "UsageError"
        assert cli.run("products", "list", "--status", "SOLD").exit_code == 2
        too_long = cli.error("products", "list", "--name", "가" * 21, exit_code=2)
        assert "20 characters" in too_long["message"]
        assert cli.run("products", "edit", "1", "--set", "no-equals-sign").exit_code == 2

    def test_edit_of_a_path_that_does_not_exist(self, cli: Cli) -> None:
        product_id, _ = approved_marketplace(cli.live, cli.keys, options=1)
        error = cli.error("products", "edit", str(product_id), "--set", "items[5].itemName=x", exit_code=2)
        assert "items.5.itemName: no element [5]" in error["message"]


class TestValidate:
    def test_valid_payload_against_the_api_metadata(self, cli: Cli, tmp_path: Path) -> None:
        payload = rocket_growth_payload(cli.live.services, cli.keys.vendor_id, DEMO_RG_CATEGORY)
        report = cli.ok("products", "validate", write_json(tmp_path, "ok.json", payload))
        assert report == {"valid": True, "mode": "create", "categoryMeta": "api", "problems": []}

    def test_problems_listed_with_exit_1(self, cli: Cli, tmp_path: Path) -> None:
        payload: dict[str, Any] = rocket_growth_payload(cli.live.services, cli.keys.vendor_id, DEMO_RG_CATEGORY)
        payload["rocketGrowthAdditionalInformation"]["legalAgreement"] = "Y"
        result = cli.run("products", "validate", write_json(tmp_path, "bad.json", payload))
        assert result.exit_code == 1
        report = json.loads(result.stdout)
        assert report["valid"] is False
        assert report["problems"] == ["로켓그로스 입고 불가 조건을 확인하시고 동의해주세요"]

    def test_offline_with_recorded_metadata(self, cli: Cli, live: LiveServer, tmp_path: Path) -> None:
        meta = cli.ok("categories", "get-meta", str(DEMO_MARKETPLACE_CATEGORY))
        meta_file = write_json(tmp_path, "meta.json", {"code": "SUCCESS", "message": "", "data": meta})
        payload = marketplace_payload(cli.live.services, cli.keys.vendor_id, DEMO_MARKETPLACE_CATEGORY)
        offline = [*global_args(live, None), "products", "validate"]
        ok = invoke([*offline, write_json(tmp_path, "p.json", payload), "--meta", meta_file])
        assert ok.exit_code == 0, ok.stdout + ok.stderr
        assert json.loads(ok.stdout)["categoryMeta"] == meta_file

        payload["items"][0]["notices"] = payload["items"][0]["notices"][:1]  # mandatory notice details missing
        bad = invoke([*offline, write_json(tmp_path, "q.json", payload), "--meta", meta_file])
        assert bad.exit_code == 1
        [problem] = json.loads(bad.stdout)["problems"]
        with cli.client() as client, pytest.raises(BadRequestError) as refused:
            client.products.create(payload)
        assert refused.value.message == problem  # the server says the same

        unchecked = invoke([*offline, write_json(tmp_path, "r.json", payload)])
        assert unchecked.exit_code == 0  # only the metadata knows the notices
        assert "category metadata not checked" in unchecked.stderr
        assert json.loads(unchecked.stdout)["categoryMeta"] is None


def test_the_installed_entry_point(live: LiveServer, vendor: VendorKeys, tmp_path: Path) -> None:
    """A real process of the console script, configured by environment variables."""
    payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, name="한글 이름")
    env = {
        **os.environ,
        "COUPANG_BASE_URL": live.base_url,
        "COUPANG_ACCESS_KEY": vendor.access_key,
        "COUPANG_SECRET_KEY": vendor.secret_key,
        "COUPANG_VENDOR_ID": vendor.vendor_id,
    }
    created = subprocess.run(
        [str(ENTRY_POINT), "products", "create", "-"], input=json.dumps(payload), capture_output=True, env=env, text=True,
        encoding="utf-8", timeout=60, check=False,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    product_id = json.loads(created.stdout)["sellerProductId"]
    shown = subprocess.run(
        [str(ENTRY_POINT), "products", "get", str(product_id)], capture_output=True, env=env, timeout=60, check=False
    )
    assert shown.returncode == 0, shown.stderr
    assert "한글 이름".encode() in shown.stdout  # UTF-8, not \\uXXXX escapes
    assert json.loads(shown.stdout)["sellerProductId"] == product_id
    missing = subprocess.run(
        [str(ENTRY_POINT), "products", "get", "99999999999"], capture_output=True, env=env, timeout=60, check=False
    )
    assert missing.returncode == 3
    assert json.loads(missing.stderr)["code"] == "ERROR"


class LossyHop:
    """A real HTTP hop in front of the live server: it forwards every request unchanged (signatures
    included) and, for product creates, holds the answer past the client's timeout, as a gateway that
    times out after the product was stored does."""

    def __init__(self, target: str, *, hold: float) -> None:
        hop = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                with httpx.Client(timeout=30) as http:
                    answer = http.request(self.command, target + self.path, content=body, headers=headers)
                if self.command == "POST" and self.path.endswith("/seller-products"):
                    hop.held += 1
                    time.sleep(hold)
                try:
                    self.send_response(answer.status_code)
                    self.send_header("content-type", answer.headers.get("content-type", "application/json"))
                    self.send_header("content-length", str(len(answer.content)))
                    self.end_headers()
                    self.wfile.write(answer.content)
                except OSError:
                    pass  # the client gave up waiting

            do_GET = do_POST = do_PUT = do_DELETE = _forward

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.held = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class TestCreateOutcomeUnknown:
    def test_reconciled_by_external_sku_after_a_lost_answer(
        self, live: LiveServer, vendor: VendorKeys, tmp_path: Path
    ) -> None:
        code = sku()
        payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY, sku=code)
        hop = LossyHop(live.base_url, hold=2.5)
        try:
            args = ["--base-url", hop.base_url, "--timeout", "1", *global_args(live, vendor)[2:]]
            result = invoke([*args, "products", "create", write_json(tmp_path, "p.json", payload)])
        finally:
            hop.close()
        assert result.exit_code == 0, result.stdout + result.stderr
        assert hop.held == 1  # posted once, never again
        assert "Do NOT post it again" in result.stderr
        found = json.loads(result.stdout)
        assert found["reconciled"] is True
        with Cli(live, vendor).client() as client:
            rows = client.products.list_by_external_sku(f"{code}-0")
        assert [row.seller_product_id for row in rows] == [found["sellerProductId"]]

    def test_without_an_external_sku_it_says_so_and_exits_9(
        self, live: LiveServer, vendor: VendorKeys, tmp_path: Path
    ) -> None:
        payload = marketplace_payload(live.services, vendor.vendor_id, DEMO_MARKETPLACE_CATEGORY)
        hop = LossyHop(live.base_url, hold=2.5)
        try:
            args = ["--base-url", hop.base_url, "--timeout", "1", *global_args(live, vendor)[2:]]
            result = invoke([*args, "products", "create", write_json(tmp_path, "p.json", payload)])
        finally:
            hop.close()
        assert result.exit_code == 9
        assert hop.held == 1
        assert "no externalVendorSku" in result.stderr
        error = json.loads(result.stderr.strip().splitlines()[-1])
        assert error["error"] == "CreateOutcomeUnknownError"
        assert "reconcile_create" in error["hint"]
