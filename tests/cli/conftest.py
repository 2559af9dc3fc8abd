"""CLI test helpers: run ``rocketgrowth`` through its entry point (``CliRunner`` on the real app object)
against the live sandbox, signed with a vendor's keys."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from rocketgrowth.cli.main import app
from rocketgrowth.sdk import Client
from tests.api.helpers import create, get, vendor_item_ids
from tests.conftest import LiveServer, VendorKeys, signed_client
from tests.payloads import marketplace_payload

#: nothing from the developer's shell may leak into a test run
CLEAN_ENV: dict[str, str | None] = {
    "COUPANG_BASE_URL": None,
    "COUPANG_ACCESS_KEY": None,
    "COUPANG_SECRET_KEY": None,
    "COUPANG_VENDOR_ID": None,
    "ROCKETGROWTH_ADMIN_TOKEN": None,
}


def global_args(live: LiveServer, keys: VendorKeys | None, *, rate: str = "0") -> list[str]:
    args = ["--base-url", live.base_url, "--rate", rate]
    if keys is not None:
        args += ["--access-key", keys.access_key, "--secret-key", keys.secret_key, "--vendor-id", keys.vendor_id]
    return args


def invoke(args: Sequence[str], *, input: str | None = None) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, list(args), input=input)


@dataclass
class Cli:
    """``rocketgrowth`` bound to the live server and one vendor."""

    live: LiveServer
    keys: VendorKeys

    def run(self, *args: str, input: str | None = None, rate: str = "0") -> Result:
        return invoke([*global_args(self.live, self.keys, rate=rate), *args], input=input)

    def client(self) -> Client:
        """The SDK client of the same vendor, for what a test sets up or checks outside the CLI."""
        keys = self.keys
        return Client(
            access_key=keys.access_key,
            secret_key=keys.secret_key,
            vendor_id=keys.vendor_id,
            base_url=self.live.base_url,
            rate_limit=None,
        )

    def ok(self, *args: str) -> Any:
        """Run, expect exit 0, return the JSON printed on stdout."""
        result = self.run(*args)
        assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return json.loads(result.stdout)

    def error(self, *args: str, exit_code: int) -> dict[str, Any]:
        """Run, expect ``exit_code``, return the error JSON printed on stderr."""
        result = self.run(*args)
        assert result.exit_code == exit_code, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
        body: dict[str, Any] = json.loads(result.stderr.strip().splitlines()[-1])
        return body


@pytest.fixture
def cli(live: LiveServer, vendor: VendorKeys) -> Cli:
    return Cli(live, vendor)


def demo_category(kind: str) -> int:
    """``DEMO_<kind>_CATEGORY`` of the built-in categories (skips while the category metadata is not there)."""
    module = pytest.importorskip("rocketgrowth.domain.categories", reason="category metadata not there yet")
    return int(getattr(module, f"DEMO_{kind}_CATEGORY"))


def write_json(directory: Path, name: str, data: Any) -> str:
    path = directory / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def create_products(live: LiveServer, keys: VendorKeys, payloads: Sequence[dict[str, Any]]) -> list[int]:
    """Create products quickly through the API (signed httpx, no pacing); their sellerProductIds."""
    with signed_client(live, keys) as api:
        return [create(api, payload) for payload in payloads]


def approved_marketplace(live: LiveServer, keys: VendorKeys, *, options: int) -> tuple[int, list[int]]:
    """An approved marketplace product (review mode auto) and its vendorItemIds."""
    payload = marketplace_payload(live.services, keys.vendor_id, demo_category("MARKETPLACE"), options=options)
    payload["requested"] = True
    with signed_client(live, keys) as api:
        product_id = create(api, payload)
        ids = vendor_item_ids(get(api, product_id))
    assert len(ids) == options
    return product_id, ids
