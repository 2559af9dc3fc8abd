"""The operator API (``/sandbox/v1``) through real HTTP, on SQLite and PostgreSQL: the admin token,
vendors and keys, consent, review modes and decisions, Rocket Growth inbound/inspection, the clock,
reset, and export → reset → import.

Servers: ``live`` (auto review) and ``manual`` share the module's database; ``delayed``
(``delay:60``) has a database of its own, because its tests move the clock (shared by every server
of a database) and reset it. Clients of that database sign with sandbox time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import ModuleType
from typing import Any

import anyio.from_thread
import httpx
import pytest
from sqlalchemy import update

from rocketgrowth.api.app import create_app
from rocketgrowth.sdk._auth import CeaAuth
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.settings import Settings
from rocketgrowth.store import tables
from tests.api.helpers import PRODUCTS, create, get, rejected, success
from tests.conftest import LiveServer, VendorKeys, make_vendor, pg_database_url, signed_client, start_server
from tests.payloads import as_update, hybrid_payload, marketplace_payload, rocket_growth_payload

OP = "/sandbox/v1"
TOKEN = "T-operator-token"

pytestmark = pytest.mark.usefixtures("rendered_stays_current")


# --- servers and clients ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def manual(db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=db_url, rate_limit=0, review_mode="manual"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def own_db_url(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second database of the module's backend."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path_factory.mktemp('timed')}/rocketgrowth.db"
    else:
        yield from pg_database_url()


@pytest.fixture(scope="module")
def delayed(own_db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=own_db_url, rate_limit=0, review_mode="delay:60"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def guarded(db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=db_url, rate_limit=0, admin_token=TOKEN))
    yield server
    server.stop()


@pytest.fixture
def categories() -> ModuleType:
    """Product tests need the category metadata (written in parallel by another part)."""
    return pytest.importorskip("rocketgrowth.domain.categories", reason="category metadata not there yet")


def operator(server: LiveServer, token: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return httpx.Client(base_url=server.base_url, headers=headers, timeout=30, verify=tls_context())


def sandbox_signed(server: LiveServer, keys: VendorKeys) -> httpx.Client:
    """A seller client that signs with sandbox time (real time + the operator's offset)."""

    def clock() -> datetime:
        with server.services.db.read() as conn:
            return server.services.now(conn).replace(tzinfo=UTC)

    auth = CeaAuth(keys.access_key, keys.secret_key, clock=clock)
    return httpx.Client(base_url=server.base_url, auth=auth, timeout=30)


def new_vendor_id() -> str:
    return "A" + str(uuid.uuid4().int)[:8]


def status_of(api: httpx.Client, pid: int) -> str:
    return str(get(api, pid)["statusName"])


def history(api: httpx.Client, pid: int) -> list[dict[str, Any]]:
    rows = success(api.get(f"{PRODUCTS}/{pid}/histories"))
    assert isinstance(rows, list)
    return list(reversed(rows))  # oldest first


def rg_blocks(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [item["rocketGrowthItemData"] for item in view["items"] if item.get("rocketGrowthItemData")]


# --- access -----------------------------------------------------------------------------------

ROUTES: list[tuple[str, str, Any]] = [
    ("POST", "/vendors", {"vendorId": "A00000001"}),
    ("GET", "/vendors", None),
    ("POST", "/vendors/A00000001/keys", None),
    ("PUT", "/vendors/A00000001/consent", {"consent": True}),
    ("GET", "/reviews", None),
    ("POST", "/products/15000000001/review", {"decision": "APPROVE"}),
    ("POST", "/vendor-items/30000000001/inbound", {"quantity": 1}),
    ("PUT", "/vendor-items/30000000001/inspection", {"result": "PASSED"}),
    ("GET", "/rocket-growth-items", None),
    ("GET", "/clock", None),
    ("POST", "/clock/advance", {"seconds": 3600}),
    ("POST", "/reset", None),
    ("GET", "/state", None),
    ("PUT", "/state", {"tables": {}}),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
@pytest.mark.parametrize("token", [None, "wrong"], ids=["no-token", "wrong-token"])
def test_every_operator_route_needs_the_admin_token(
    guarded: LiveServer, method: str, path: str, body: Any, token: str | None
) -> None:
    with guarded.services.db.read() as conn:
        vendors_before = guarded.services.vendors.list_vendors(conn)
        offset_before = guarded.services.state.clock_offset(conn)
    with operator(guarded, token) as client:
        response = client.request(method, OP + path, json=body)
    assert response.status_code == 403, response.text
    assert "admin token" in response.json()["message"]
    with guarded.services.db.read() as conn:
        assert guarded.services.vendors.list_vendors(conn) == vendors_before
        assert guarded.services.state.clock_offset(conn) == offset_before


def test_the_right_admin_token_opens_the_operator_api(guarded: LiveServer) -> None:
    vendor_id = new_vendor_id()
    with operator(guarded, TOKEN) as client:
        created = success(client.post(f"{OP}/vendors", json={"vendorId": vendor_id}))
        assert created["vendorId"] == vendor_id
        assert success(client.post(f"{OP}/vendors/{vendor_id}/keys"))["vendorId"] == vendor_id
        assert success(client.put(f"{OP}/vendors/{vendor_id}/consent", json={"consent": True}))["rocketGrowthConsent"]
        assert any(v["vendorId"] == vendor_id for v in success(client.get(f"{OP}/vendors")))
        for path in ("/reviews", "/rocket-growth-items", "/clock", "/state"):
            success(client.get(OP + path))
    # a lower-case scheme is the same bearer token
    with httpx.Client(base_url=guarded.base_url, headers={"Authorization": f"bearer {TOKEN}"}) as client:
        success(client.get(f"{OP}/clock"))


def test_without_a_token_only_loopback_callers_get_in(db_url: str) -> None:
    """The operator API without ``--admin-token`` answers loopback callers only. The caller's address is
    what the HTTP server reports to the app; here the app is called in process, as the server would
    call it for a peer on another host (no packet leaves this machine)."""
    app = create_app(Settings(db_url=db_url, rate_limit=0))
    try:
        for peer, status in (("10.1.2.3", 403), ("192.168.0.7", 403), ("127.0.0.1", 200), ("::1", 200)):
            transport = httpx.ASGITransport(app=app, client=(peer, 40000))
            with anyio.from_thread.start_blocking_portal() as portal:
                response = portal.call(_get_vendors, transport)
            assert response.status_code == status, (peer, response.text)
            if status == 403:
                assert "--admin-token" in response.json()["message"]
    finally:
        app.state.services.db.dispose()


async def _get_vendors(transport: httpx.ASGITransport) -> httpx.Response:
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
        return await client.get(f"{OP}/vendors")


# --- vendors ----------------------------------------------------------------------------------


def test_create_vendor_issues_a_working_key_and_lists_it_without_the_secret(live: LiveServer) -> None:
    vendor_id = new_vendor_id()
    with operator(live) as client:
        created = success(client.post(f"{OP}/vendors", json={"vendorId": vendor_id, "name": "테스트 상점"}))
        assert created["rocketGrowthConsent"] is False
        assert len(created["secretKey"]) == 40
        keys = VendorKeys(vendor_id, created["accessKey"], created["secretKey"])
        listed = next(v for v in success(client.get(f"{OP}/vendors")) if v["vendorId"] == vendor_id)
        assert listed["name"] == "테스트 상점"
        assert listed["accessKeys"] == [created["accessKey"]]
        assert created["secretKey"] not in str(listed)
        second = success(client.post(f"{OP}/vendors/{vendor_id}/keys"))
        assert second["accessKey"] != created["accessKey"]
        listed = next(v for v in success(client.get(f"{OP}/vendors")) if v["vendorId"] == vendor_id)
        assert sorted(listed["accessKeys"]) == sorted([created["accessKey"], second["accessKey"]])
    # both keys sign seller API calls
    for key in (keys, VendorKeys(vendor_id, second["accessKey"], second["secretKey"])):
        with signed_client(live, key) as api:
            assert success(api.get(f"{PRODUCTS}/inflow-status"))["vendorId"] == vendor_id


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"vendorId": "B12345678"}, "업체코드[B12345678]가 잘못 되었습니다."),
        ({"vendorId": "A123"}, "업체코드[A123]가 잘못 되었습니다."),
        ({}, "vendorId"),
        ({"vendorId": "A00000002", "extra": 1}, "extra"),
        ({"vendorId": "A00000002", "consent": "maybe"}, "consent"),
    ],
)
def test_create_vendor_refuses_bad_input(live: LiveServer, body: dict[str, Any], message: str) -> None:
    with operator(live) as client:
        assert message in rejected(client.post(f"{OP}/vendors", json=body))
        assert all(v["vendorId"] != body.get("vendorId") for v in success(client.get(f"{OP}/vendors")))


def test_create_vendor_twice_is_refused(live: LiveServer, vendor: VendorKeys) -> None:
    with operator(live) as client:
        message = rejected(client.post(f"{OP}/vendors", json={"vendorId": vendor.vendor_id}))
    assert message == f"이미 등록된 업체코드입니다. [{vendor.vendor_id}]"


def test_unknown_vendor_keys_and_consent_are_refused(live: LiveServer) -> None:
    with operator(live) as client:
        assert "존재하지 않습니다" in rejected(client.post(f"{OP}/vendors/A99999998/keys"))
        assert "존재하지 않습니다" in rejected(client.put(f"{OP}/vendors/A99999998/consent", json={"consent": True}))
        assert "consent" in rejected(client.put(f"{OP}/vendors/A99999998/consent", json={}))


def test_consent_given_and_withdrawn_decides_rocket_growth_creates(live: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(live.services, consent=False)
    payload = rocket_growth_payload(live.services, keys.vendor_id, categories.DEMO_RG_CATEGORY)
    with signed_client(live, keys) as api, operator(live) as client:
        refused = rejected(api.post(PRODUCTS, json=payload))
        assert "Agree to Rocket Growth Product API & Inspection" in refused
        view = success(client.put(f"{OP}/vendors/{keys.vendor_id}/consent", json={"consent": True}))
        assert view["rocketGrowthConsent"] is True
        assert view["consentedAt"]
        create(api, rocket_growth_payload(live.services, keys.vendor_id, categories.DEMO_RG_CATEGORY))
        view = success(client.put(f"{OP}/vendors/{keys.vendor_id}/consent", json={"consent": False}))
        assert view["rocketGrowthConsent"] is False
        assert view["consentedAt"] is None
        assert rejected(api.post(PRODUCTS, json=payload)) == refused
        # marketplace-only products never needed the consent
        create(api, marketplace_payload(live.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY))


# --- review modes and decisions ---------------------------------------------------------------


def test_auto_mode_approves_at_once_and_issues_ids_and_barcodes(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, categories: ModuleType
) -> None:
    payload = hybrid_payload(live.services, vendor.vendor_id, categories.DEMO_RG_CATEGORY, requested=True, options=2)
    view = get(api, create(api, payload))
    assert view["statusName"] == "승인완료"
    assert isinstance(view["productId"], int)
    ids = []
    for item in view["items"]:
        rg, mp = item["rocketGrowthItemData"], item["marketplaceItemData"]
        assert rg["barcode"] == f"S00{rg['sellerProductItemId']}"
        assert isinstance(rg["vendorItemId"], int)
        assert isinstance(mp["vendorItemId"], int)
        ids += [rg["vendorItemId"], mp["vendorItemId"]]
    assert len(set(ids)) == 4  # the two sides of a hybrid option have distinct vendorItemIds
    with operator(live) as client:
        assert all(p["sellerProductId"] != view["sellerProductId"] for p in success(client.get(f"{OP}/reviews")))


def test_auto_mode_denies_with_the_reviewers_reason(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, categories: ModuleType
) -> None:
    payload = marketplace_payload(live.services, vendor.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True)
    payload["items"][0]["images"][0]["vendorPath"] = "http://127.0.0.1/unreachable.jpg"
    pid = create(api, payload)
    assert status_of(api, pid) == "승인반려"
    last = history(api, pid)[-1]
    assert last["status"] == "승인반려"
    assert "이미지 다운로드 실패" in last["comment"]
    assert last["createdBy"] == "쿠팡 셀러 시스템"


def test_manual_mode_waits_for_the_operator_then_approves(manual: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(manual.services)
    payload = rocket_growth_payload(manual.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True)
    with signed_client(manual, keys) as api, operator(manual) as client:
        pid = create(api, payload)
        assert status_of(api, pid) == "승인대기중"
        queued = next(p for p in success(client.get(f"{OP}/reviews")) if p["sellerProductId"] == pid)
        assert queued["vendorId"] == keys.vendor_id
        assert queued["statusName"] == "승인대기중"
        assert queued["findings"] == []
        (option,) = queued["options"]
        assert option["position"] == 0
        assert option["marketplace"] is None
        assert option["rocketGrowth"]["vendorItemId"] is None
        assert status_of(api, pid) == "승인대기중"  # reads do not decide in manual mode
        view = success(client.post(f"{OP}/products/{pid}/review", json={"decision": "APPROVE"}))
        assert view["statusName"] == "승인완료"
        seen = get(api, pid)
        assert seen["statusName"] == "승인완료"
        assert seen["productId"] == view["productId"]
        assert isinstance(rg_blocks(seen)[0]["vendorItemId"], int)
        assert [h["status"] for h in history(api, pid)] == ["임시저장", "승인요청", "승인대기중", "승인완료"]
        assert all(p["sellerProductId"] != pid for p in success(client.get(f"{OP}/reviews")))


def test_partial_approval_issues_ids_only_for_the_chosen_options(manual: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(manual.services)
    payload = hybrid_payload(manual.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True, options=3)
    with signed_client(manual, keys) as api, operator(manual) as client:
        pid = create(api, payload)
        decision = {"decision": "PARTIAL_APPROVE", "positions": [0, 2], "reason": "옵션 1 이미지 확인 필요"}
        success(client.post(f"{OP}/products/{pid}/review", json=decision))
        view = get(api, pid)
        assert view["statusName"] == "부분승인완료"
        for position, item in enumerate(view["items"]):
            chosen = position in (0, 2)
            for block in (item["rocketGrowthItemData"], item["marketplaceItemData"]):
                assert (block["vendorItemId"] is not None) is chosen
        approved = [b["vendorItemId"] for i in view["items"] for b in (i["rocketGrowthItemData"],
                    i["marketplaceItemData"]) if b["vendorItemId"]]  # fmt: skip
        assert len(approved) == len(set(approved)) == 4
        last = history(api, pid)[-1]
        assert (last["status"], last["comment"]) == ("부분승인완료", "옵션 1 이미지 확인 필요")


def test_deny_needs_a_reason_and_records_it(manual: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(manual.services)
    payload = marketplace_payload(manual.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True)
    with signed_client(manual, keys) as api, operator(manual) as client:
        pid = create(api, payload)
        for body in ({"decision": "DENY"}, {"decision": "DENY", "reason": "   "}):
            assert "reason" in rejected(client.post(f"{OP}/products/{pid}/review", json=body))
        assert status_of(api, pid) == "승인대기중"
        reason = "상품명에 홍보 문구가 포함되어 있습니다."
        view = success(client.post(f"{OP}/products/{pid}/review", json={"decision": "DENY", "reason": reason}))
        assert view["statusName"] == "승인반려"
        assert view["items"][0]["vendorItemId"] is None
        last = history(api, pid)[-1]
        assert (last["status"], last["comment"], last["createdBy"]) == ("승인반려", reason, "쿠팡 셀러 시스템")
        # a denied product is out of the queue and can't be decided again
        assert "심사 대기" in rejected(client.post(f"{OP}/products/{pid}/review", json={"decision": "APPROVE"}))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"decision": "PARTIAL_APPROVE"}, "PARTIAL_APPROVE needs positions"),
        ({"decision": "PARTIAL_APPROVE", "positions": []}, "PARTIAL_APPROVE needs positions"),
        ({"decision": "PARTIAL_APPROVE", "positions": [5]}, "승인할 옵션이 올바르지 않습니다"),
        ({"decision": "PARTIAL_APPROVE", "positions": [-1]}, "positions"),
        ({"decision": "APPROVE", "positions": [0]}, "positions are only for PARTIAL_APPROVE"),
        ({"decision": "MAYBE"}, "decision"),
        ({}, "decision"),
    ],
)
def test_review_refuses_bad_decisions_and_changes_nothing(
    manual: LiveServer, categories: ModuleType, body: dict[str, Any], message: str
) -> None:
    keys = make_vendor(manual.services)
    payload = marketplace_payload(
        manual.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True, options=2
    )
    with signed_client(manual, keys) as api, operator(manual) as client:
        pid = create(api, payload)
        assert message in rejected(client.post(f"{OP}/products/{pid}/review", json=body))
        assert status_of(api, pid) == "승인대기중"
        assert [h["status"] for h in history(api, pid)] == ["임시저장", "승인요청", "승인대기중"]


def test_review_of_unknown_or_malformed_products_is_refused(manual: LiveServer) -> None:
    with operator(manual) as client:
        assert "존재하지 않습니다" in rejected(client.post(f"{OP}/products/1/review", json={"decision": "APPROVE"}))
        assert "숫자형" in rejected(client.post(f"{OP}/products/abc/review", json={"decision": "APPROVE"}))


def test_delay_mode_decides_after_the_clock_passes_the_delay(delayed: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(delayed.services)
    payload = marketplace_payload(
        delayed.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True
    )
    with sandbox_signed(delayed, keys) as api, operator(delayed) as client:
        pid = create(api, payload)
        assert status_of(api, pid) == "승인대기중"
        assert success(client.post(f"{OP}/clock/advance", json={"seconds": 30}))["settledReviews"] == 0
        assert status_of(api, pid) == "승인대기중"
        assert success(client.post(f"{OP}/clock/advance", json={"seconds": 40}))["settledReviews"] >= 1
        view = get(api, pid)
        assert view["statusName"] == "승인완료"
        assert isinstance(view["items"][0]["vendorItemId"], int)


def test_delay_mode_settles_due_reviews_when_the_operator_looks(delayed: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(delayed.services)
    payload = marketplace_payload(
        delayed.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True
    )
    with sandbox_signed(delayed, keys) as api, operator(delayed) as client:
        pid = create(api, payload)
        assert any(p["sellerProductId"] == pid for p in success(client.get(f"{OP}/reviews")))
        # its delay runs out without the clock moving (as after 60 real seconds)
        with delayed.services.db.write() as conn:
            due = delayed.services.now(conn) - timedelta(seconds=1)
            conn.execute(
                update(tables.products).where(tables.products.c.seller_product_id == pid).values(review_due_at=due)
            )
        assert all(p["sellerProductId"] != pid for p in success(client.get(f"{OP}/reviews")))
        assert status_of(api, pid) == "승인완료"


# --- Rocket Growth inbound and inspection -----------------------------------------------------


def test_inbound_locks_the_barcode_seen_through_the_seller_api(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, categories: ModuleType
) -> None:
    payload = hybrid_payload(
        live.services, vendor.vendor_id, categories.DEMO_RG_CATEGORY, requested=True, barcodes=["8801234500019"]
    )
    pid = create(api, payload)
    (rg,) = rg_blocks(get(api, pid))
    item_id = rg["sellerProductItemId"]
    with operator(live) as client:
        inbound = success(client.post(f"{OP}/vendor-items/{item_id}/inbound", json={"quantity": 5}))
        assert inbound["inboundStatus"] == "CREATED"
        assert inbound["locked"] is True
        assert inbound["inboundAt"]
        assert (inbound["awaitingInspection"], inbound["receivedQuantity"], inbound["orderableQuantity"]) == (5, 5, 0)
        listed = next(
            i for i in success(client.get(f"{OP}/rocket-growth-items")) if i["sellerProductItemId"] == item_id
        )
        assert listed == inbound
    body = as_update(get(api, pid))
    body["items"][0]["rocketGrowthItemData"]["barcode"] = "8801234500026"
    assert "바코드/SKU 정보(barcode, skuInfo)는 수정할 수 없습니다" in rejected(api.put(PRODUCTS, json=body))
    assert rg_blocks(get(api, pid))[0]["barcode"] == "8801234500019"
    # the same barcode (or none) still goes through
    body = as_update(get(api, pid))
    success(api.put(PRODUCTS, json=body))


def test_inbound_and_inspection_rules(
    live: LiveServer, vendor: VendorKeys, api: httpx.Client, categories: ModuleType
) -> None:
    payload = hybrid_payload(live.services, vendor.vendor_id, categories.DEMO_RG_CATEGORY, requested=True)
    view = get(api, create(api, payload))
    item = view["items"][0]
    rg_id = item["rocketGrowthItemData"]["sellerProductItemId"]
    mp_id = item["marketplaceItemData"]["sellerProductItemId"]
    with operator(live) as client:
        one = {"quantity": 1}
        for path in (f"/vendor-items/{mp_id}/inbound", f"/vendor-items/{mp_id}/inspection"):
            body = {"result": "PASSED"} if path.endswith("inspection") else one
            assert "marketplace side" in rejected(
                client.request("POST" if body is one else "PUT", OP + path, json=body)
            )
        assert "no option has this id" in rejected(client.post(f"{OP}/vendor-items/1/inbound", json=one))
        assert "숫자형" in rejected(client.post(f"{OP}/vendor-items/x1/inbound", json=one))
        inbound = f"{OP}/vendor-items/{rg_id}/inbound"
        bad_bodies = [(None, "body"), ({}, "quantity"), ({"quantity": 0}, "quantity"), ({"quantity": -3}, "quantity"),
                      ({"quantity": "x"}, "quantity"), ({"quantity": 1, "extra": 1}, "extra")]  # fmt: skip
        for bad, named in bad_bodies:
            assert named in rejected(client.post(inbound, json=bad)), bad
        untouched = next(
            i for i in success(client.get(f"{OP}/rocket-growth-items")) if i["sellerProductItemId"] == rg_id
        )
        assert (untouched["inboundStatus"], untouched["receivedQuantity"]) == (None, 0)
        inspect = f"{OP}/vendor-items/{rg_id}/inspection"
        assert "create an inbound first" in rejected(client.put(inspect, json={"result": "PASSED"}))
        success(client.post(inbound, json={"quantity": 4}))
        # a second inbound before the inspection adds to the open one
        added = success(client.post(inbound, json={"quantity": 6}))
        assert (added["inboundStatus"], added["awaitingInspection"], added["receivedQuantity"]) == ("CREATED", 10, 10)
        assert "result" in rejected(client.put(inspect, json={"result": "MAYBE"}))
        assert "acceptedQuantity" in rejected(client.put(inspect, json={"result": "PASSED", "acceptedQuantity": 11}))
        assert "acceptedQuantity" in rejected(client.put(inspect, json={"result": "FAILED", "acceptedQuantity": 2}))
        failed = success(client.put(inspect, json={"result": "FAILED", "comment": "바코드 훼손"}))
        assert (failed["inboundStatus"], failed["inspectionComment"]) == ("INSPECTION_FAILED", "바코드 훼손")
        assert (failed["awaitingInspection"], failed["acceptedQuantity"], failed["orderableQuantity"]) == (0, 0, 0)
        assert "create an inbound first" in rejected(client.put(inspect, json={"result": "PASSED"}))
        again = success(client.post(inbound, json={"quantity": 8}))
        assert (again["inboundStatus"], again["inspectionComment"]) == ("CREATED", None)
        passed = success(client.put(inspect, json={"result": "PASSED", "acceptedQuantity": 7}))
        assert passed["inboundStatus"] == "INSPECTION_PASSED"
        assert passed["locked"] is True
        figures = (passed["receivedQuantity"], passed["acceptedQuantity"], passed["orderableQuantity"])
        assert figures == (18, 7, 7)
        success(client.post(inbound, json={"quantity": 3}))
        everything = success(client.put(inspect, json={"result": "PASSED"}))  # default: every unit of the inbound
        assert (everything["acceptedQuantity"], everything["orderableQuantity"]) == (10, 10)


def test_inbound_needs_an_approved_option(manual: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(manual.services)
    payload = rocket_growth_payload(manual.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True)
    with signed_client(manual, keys) as api, operator(manual) as client:
        (rg,) = rg_blocks(get(api, create(api, payload)))
        message = rejected(client.post(f"{OP}/vendor-items/{rg['sellerProductItemId']}/inbound", json={"quantity": 1}))
        assert "has no vendorItemId yet" in message


# --- clock ------------------------------------------------------------------------------------


def test_clock_advance_expires_real_time_signatures(delayed: LiveServer) -> None:
    keys = make_vendor(delayed.services)
    with operator(delayed) as client:
        before = success(client.get(f"{OP}/clock"))
        after = success(client.post(f"{OP}/clock/advance", json={"seconds": 600}))
        assert after["offsetSeconds"] == before["offsetSeconds"] + 600
        now = datetime.strptime(after["now"], "%Y-%m-%dT%H:%M:%S")
        real_kst = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=9)
        assert abs((now - real_kst).total_seconds() - after["offsetSeconds"]) < 30
    with signed_client(delayed, keys) as real_time:
        response = real_time.get(f"{PRODUCTS}/inflow-status")
    assert response.status_code == 401
    assert response.json()["message"] == "Specified signature is expired."
    with sandbox_signed(delayed, keys) as sandbox_time:
        assert success(sandbox_time.get(f"{PRODUCTS}/inflow-status"))["vendorId"] == keys.vendor_id


@pytest.mark.parametrize("seconds", [-1, "soon", None, 1e12])
def test_clock_never_goes_back(delayed: LiveServer, seconds: Any) -> None:
    with operator(delayed) as client:
        before = success(client.get(f"{OP}/clock"))["offsetSeconds"]
        assert "seconds" in rejected(client.post(f"{OP}/clock/advance", json={"seconds": seconds}))
        assert success(client.get(f"{OP}/clock"))["offsetSeconds"] == before


# --- reset, export, import --------------------------------------------------------------------


def test_reset_keeps_vendors_on_request_then_erases_them(delayed: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(delayed.services)
    payload = marketplace_payload(delayed.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY)
    with sandbox_signed(delayed, keys) as api, operator(delayed) as client:
        pid = create(api, payload)
        categories_before = len(success(client.get(f"{OP}/state?categories=true"))["tables"]["categories"])
        done = success(client.post(f"{OP}/reset", json={"keepVendors": True}))
        assert done["deleted"]["products"] >= 1
        assert "vendors" not in done["deleted"]
        assert "존재하지 않습니다" in rejected(api.get(f"{PRODUCTS}/{pid}"))
        assert success(api.get(f"{PRODUCTS}/inflow-status"))["registeredCount"] == 0
        success(client.post(f"{OP}/reset"))
        assert api.get(f"{PRODUCTS}/inflow-status").status_code == 401
        state = success(client.get(f"{OP}/state?categories=true"))
        assert all(rows == [] for name, rows in state["tables"].items() if name != "categories")
        assert len(state["tables"]["categories"]) == categories_before
        assert "keepVendors" in rejected(client.post(f"{OP}/reset", json={"keepVendors": "yes please"}))


def _without_time(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in state.items() if k not in ("exportedAt", "sequences")}


def test_export_reset_import_round_trip_then_ids_continue(delayed: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(delayed.services)
    with sandbox_signed(delayed, keys) as api, operator(delayed) as client:
        mp = create(api, marketplace_payload(delayed.services, keys.vendor_id,
                                             categories.DEMO_MARKETPLACE_CATEGORY, options=2))  # fmt: skip
        rg = create(api, rocket_growth_payload(delayed.services, keys.vendor_id, categories.DEMO_RG_CATEGORY))
        exported = success(client.get(f"{OP}/state"))
        assert exported["format"] == "rocketgrowth-state"
        assert "categories" not in exported["tables"]
        assert exported == {**success(client.get(f"{OP}/state")), "exportedAt": exported["exportedAt"]}
        views = {pid: get(api, pid) for pid in (mp, rg)}
        success(client.post(f"{OP}/reset"))
        loaded = success(client.put(f"{OP}/state", json=exported))["loaded"]
        assert loaded["products"] == len(exported["tables"]["products"])
        assert _without_time(success(client.get(f"{OP}/state"))) == _without_time(exported)
        for pid, view in views.items():
            assert get(api, pid) == view  # the imported key signs, the products read back the same
        issued = {
            "seller_product_id": {p["seller_product_id"] for p in exported["tables"]["products"]},
            "seller_product_item_id": {i["seller_product_item_id"] for i in exported["tables"]["vendor_items"]},
        }
        fresh = get(api, create(api, marketplace_payload(delayed.services, keys.vendor_id,
                                                           categories.DEMO_MARKETPLACE_CATEGORY)))  # fmt: skip
        assert fresh["sellerProductId"] > max(issued["seller_product_id"])
        assert fresh["sellerProductId"] not in issued["seller_product_id"]
        assert fresh["items"][0]["sellerProductItemId"] > max(issued["seller_product_item_id"])
        # importing an older export never moves a sequence back
        success(client.put(f"{OP}/state", json=exported))
        newer = create(api, marketplace_payload(delayed.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY))
        assert newer > fresh["sellerProductId"]


def test_state_import_never_moves_sequences_back(delayed: LiveServer) -> None:
    with operator(delayed) as client:
        before = success(client.get(f"{OP}/state"))["sequences"]
        state = success(client.get(f"{OP}/state"))
        state["sequences"] = dict.fromkeys(state["sequences"], 1)
        success(client.put(f"{OP}/state", json=state))
        after = success(client.get(f"{OP}/state"))["sequences"]
    assert all(after[kind] >= before[kind] for kind in before)


def _bad_states(good: dict[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """Broken copies of a good export, each with the message it must get."""
    import copy

    def broken(change: Any) -> dict[str, Any]:
        state = copy.deepcopy(good)
        change(state)
        return state

    t = "tables"
    return [
        ("unknown table", broken(lambda s: s[t].update(extra=[])), "unknown table 'extra'"),
        ("missing table", broken(lambda s: s[t].pop("vendors")), "tables.vendors is missing"),
        ("not a list", broken(lambda s: s[t].update(vendors={})), "tables.vendors must be a list"),
        ("unknown column", broken(lambda s: s[t]["vendors"][0].update(colour="red")), "unknown column 'colour'"),
        ("missing column", broken(lambda s: s[t]["vendors"][0].pop("created_at")), "column 'created_at' is required"),
        ("wrong type", broken(lambda s: s[t]["products"][0].update(version="1")), "tables.products[0].version"),
        ("bad date", broken(lambda s: s[t]["vendors"][0].update(created_at="yesterday")), "ISO date-time"),
        ("too long", broken(lambda s: s[t]["vendors"][0].update(name="x" * 201)), "longer than 200"),
        ("bool as int", broken(lambda s: s[t]["products"][0].update(version=True)), "tables.products[0].version"),
        ("duplicate key", broken(lambda s: s[t]["vendors"].append(s[t]["vendors"][0])), "duplicate primary key"),
        ("bad status", broken(lambda s: s[t]["products"][0].update(status="LOST")), "'LOST' is not one of"),
        (
            "orphan item",
            broken(lambda s: s[t]["vendor_items"][0].update(seller_product_id=1)),
            "not in tables.products",
        ),
        ("orphan key", broken(lambda s: s[t]["api_keys"][0].update(vendor_id="A00000000")), "not in tables.vendors"),
        ("bad body", broken(lambda s: s[t]["products"][0]["body"].update(items=[1])), "items list of objects"),
        ("bad position", broken(lambda s: s[t]["vendor_items"][0].update(position=99)), "position"),
        ("bad sequence", broken(lambda s: s["sequences"].update(item_id=-5)), "sequences.item_id"),
        ("bad clock", broken(lambda s: s["clock"].update(offsetSeconds=-1)), "clock.offsetSeconds"),
        ("other format", broken(lambda s: s.update(format="something-else")), "format"),
        (
            "duplicate vendorItemId",
            broken(lambda s: s[t]["vendor_items"][1].update(vendor_item_id=s[t]["vendor_items"][0]["vendor_item_id"])),
            "uniqueness rule",
        ),
    ]


def test_state_import_is_checked_first_and_changes_nothing_on_error(
    delayed: LiveServer, categories: ModuleType
) -> None:
    with operator(delayed) as client:
        success(client.post(f"{OP}/reset"))  # the state below is this test's rows only
    keys = make_vendor(delayed.services)
    payload = marketplace_payload(delayed.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY,
                                  requested=True, options=2)  # fmt: skip
    with sandbox_signed(delayed, keys) as api, operator(delayed) as client:
        create(api, payload)
        success(client.post(f"{OP}/clock/advance", json={"seconds": 61}))  # decided: vendorItemIds issued
        good = success(client.get(f"{OP}/state"))
        assert [bool(i["vendor_item_id"]) for i in good["tables"]["vendor_items"]] == [True, True]
        for name, state, message in _bad_states(good):
            response = client.put(f"{OP}/state", json=state)
            assert message in rejected(response), name
            assert _without_time(success(client.get(f"{OP}/state"))) == _without_time(good), name
        assert "body은(는) JSON 객체여야 합니다." in rejected(client.put(f"{OP}/state", json=[1, 2]))
