"""Every script in ``examples/`` runs as a newcomer runs it (a subprocess with the ``COUPANG_*``
variables ``make serve`` prints) against a live sandbox that reviews manually, on both databases."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY
from rocketgrowth.settings import Settings
from tests.api.helpers import create, get, vendor_item_ids
from tests.conftest import LiveServer, VendorKeys, make_vendor, signed_client, start_server
from tests.payloads import marketplace_payload

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def sandbox(db_url: str) -> Iterator[LiveServer]:
    """The sandbox as ``make serve`` runs it, but every approval is the operator's (review mode manual)."""
    server = start_server(Settings(db_url=db_url, rate_limit=0, review_mode="manual"))
    yield server
    server.stop()


def run_example(name: str, live: LiveServer, keys: VendorKeys) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COUPANG_", "ROCKETGROWTH_"))}
    env.update(
        COUPANG_BASE_URL=live.base_url,
        COUPANG_VENDOR_ID=keys.vendor_id,
        COUPANG_ACCESS_KEY=keys.access_key,
        COUPANG_SECRET_KEY=keys.secret_key,
    )
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"{name} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_every_example_is_tested() -> None:
    assert sorted(path.name for path in EXAMPLES.glob("*.py")) == [
        "answer_inquiries.py",
        "first_rocket_growth_product.py",
    ]


def test_first_rocket_growth_product(sandbox: LiveServer) -> None:
    keys = make_vendor(sandbox.services)
    out = run_example("first_rocket_growth_product.py", sandbox, keys)
    lines = out.splitlines()
    assert lines[0] == f"1. vendor {keys.vendor_id} agreed to the Rocket Growth terms"
    assert lines[3].startswith("4. 승인완료: vendorItemId ")
    assert "5. inbound received and inspection passed" in lines
    assert "6. sale price now 9500" in lines
    assert lines[-1].endswith("승인완료  예제 칫솔 3개입")


def test_first_rocket_growth_product_stops_without_consent(sandbox: LiveServer) -> None:
    keys = make_vendor(sandbox.services, consent=False)
    with pytest.raises(AssertionError, match="has not agreed to the Rocket Growth terms"):
        run_example("first_rocket_growth_product.py", sandbox, keys)


def test_answer_inquiries(sandbox: LiveServer) -> None:
    keys = make_vendor(sandbox.services)
    payload = marketplace_payload(sandbox.services, keys.vendor_id, DEMO_MARKETPLACE_CATEGORY, requested=True)
    with signed_client(sandbox, keys) as api:
        product_id = create(api, payload)
        decision = {"decision": "APPROVE"}
        httpx.post(f"{sandbox.base_url}/sandbox/v1/products/{product_id}/review", json=decision).raise_for_status()
        (vendor_item_id,) = vendor_item_ids(get(api, product_id))
    for question in ("배송은 언제 되나요?", "색상이 사진과 같나요?"):
        body = {"vendorItemId": vendor_item_id, "content": question}
        httpx.post(f"{sandbox.base_url}/sandbox/v1/inquiries", json=body).raise_for_status()
    out = run_example("answer_inquiries.py", sandbox, keys)
    assert out.splitlines()[0] == "2 inquiries without an answer"
    assert out.count("  answered") == 2
    assert out.splitlines()[-1] == "0 inquiries left without an answer"
