"""The web console over plain HTTP: access (loopback, admin token as bearer or login cookie), the
forms' refusals (nothing changes), and what each page shows."""

from __future__ import annotations

import html
import json
import uuid
from collections.abc import Iterator
from types import ModuleType
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from rocketgrowth.api.routes import console
from rocketgrowth.api.routes.console import COOKIE
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.settings import Settings
from tests.api.helpers import create, get, start_app
from tests.conftest import LiveServer, make_vendor, signed_client, start_server
from tests.payloads import hybrid_payload, marketplace_payload

TOKEN = "console-token"
PAGES = [
    "/console",
    "/console/products",
    "/console/reviews",
    "/console/rocket-growth",
    "/console/rocket-growth/orders",
    "/console/inquiries",
    "/console/clock",
]


@pytest.fixture(scope="module")
def guarded(db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=db_url, rate_limit=0, admin_token=TOKEN))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def manual(db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=db_url, rate_limit=0, review_mode="manual"))
    yield server
    server.stop()


@pytest.fixture
def categories() -> ModuleType:
    return pytest.importorskip("rocketgrowth.domain.categories", reason="category metadata not there yet")


def browser(server: LiveServer, **headers: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.base_url, headers=headers, follow_redirects=False, timeout=30, verify=tls_context()
    )


def flash(response: httpx.Response) -> dict[str, str]:
    """The message a form's redirect carries (``ok`` or ``error``)."""
    assert response.status_code == 303, response.text
    query = parse_qs(urlsplit(response.headers["location"]).query)
    return {key: values[0] for key, values in query.items()}


def consent_of(server: LiveServer, vendor_id: str) -> bool:
    with server.services.db.read() as conn:
        return server.services.vendors.get(conn, vendor_id).rocket_growth_consent


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*PAGES, "/console/seller/A00000001"])
def test_pages_render_for_loopback_callers(live: LiveServer, path: str) -> None:
    keys = make_vendor(live.services)
    path = path.replace("A00000001", keys.vendor_id)
    with browser(live) as client:
        response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/console/static/console.css"' in response.text


def test_the_stylesheet_is_served(live: LiveServer) -> None:
    with browser(live) as client:
        response = client.get("/console/static/console.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert ".dialog" in response.text


def test_with_a_token_the_console_asks_for_it(guarded: LiveServer) -> None:
    with browser(guarded) as client:
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 303
            assert response.headers["location"] == f"/console/login?next={path}"
        assert client.get("/console/login").status_code == 200
        # a form posted without the token changes nothing
        keys = make_vendor(guarded.services, consent=False)
        refused = client.post(f"/console/seller/{keys.vendor_id}/consent", data={"confirm": "yes"})
        assert refused.status_code == 303
        assert refused.headers["location"].startswith("/console/login")
        assert not consent_of(guarded, keys.vendor_id)


def test_login_cookie_and_bearer_header_open_the_console(guarded: LiveServer) -> None:
    with browser(guarded) as client:
        wrong = client.post("/console/login", data={"token": "nope", "next": "/console/clock"})
        assert "Wrong token." in flash(wrong)["error"]
        assert COOKIE not in client.cookies
        right = client.post("/console/login", data={"token": TOKEN, "next": "/console/clock"})
        assert right.headers["location"] == "/console/clock"
        assert TOKEN not in right.headers["set-cookie"]  # the cookie holds a digest, not the token
        assert "httponly" in right.headers["set-cookie"].lower()
        for path in PAGES:
            assert client.get(path).status_code == 200, path
        client.post("/console/logout")
        assert client.get("/console").status_code == 303
    with browser(guarded, authorization=f"Bearer {TOKEN}") as client:
        assert client.get("/console/reviews").status_code == 200
    with browser(guarded, authorization="Bearer wrong") as client:
        assert client.get("/console/reviews").status_code == 303


def test_an_override_of_the_console_access_is_used(db_url: str) -> None:
    app, server = start_app(Settings(db_url=db_url, rate_limit=0, admin_token=TOKEN))
    try:
        let_in: list[str] = []
        app.dependency_overrides[console._denied] = lambda: let_in.append("operator")
        with browser(server) as client:
            for path in PAGES:
                assert client.get(path).status_code == 200, path
        assert let_in == ["operator"] * len(PAGES)
        app.dependency_overrides.clear()
        with browser(server) as client:
            assert client.get("/console").status_code == 303
    finally:
        server.stop()


def test_login_only_redirects_inside_the_console(guarded: LiveServer) -> None:
    with browser(guarded) as client:
        response = client.post("/console/login", data={"token": TOKEN, "next": "https://evil.example/"})
        assert response.headers["location"] == "/console"
        response = client.post("/console/login", data={"token": TOKEN, "next": "//evil.example/console"})
        assert response.headers["location"] == "/console"


def test_forms_posted_from_another_site_are_refused(live: LiveServer) -> None:
    keys = make_vendor(live.services, consent=False)
    with browser(live, origin="http://evil.example") as client:
        response = client.post(f"/console/seller/{keys.vendor_id}/consent", data={"confirm": "yes"})
    assert response.status_code == 403
    assert "another site" in response.text
    assert not consent_of(live, keys.vendor_id)
    with browser(live, origin=live.base_url) as client:
        response = client.post(f"/console/seller/{keys.vendor_id}/consent", data={"confirm": "yes"})
    assert flash(response)["ok"] == "You have already agreed."
    assert consent_of(live, keys.vendor_id)


# --- the seller page --------------------------------------------------------------------------


def test_seller_page_shows_the_access_key_never_the_secret(live: LiveServer) -> None:
    keys = make_vendor(live.services, consent=False)
    with browser(live) as client:
        page = client.get(f"/console/seller/{keys.vendor_id}").text
    assert keys.access_key in page
    assert keys.secret_key not in page
    assert "Agree to Rocket Growth Product API &amp; Inspection" in page
    assert 'id="agree" disabled' in page
    assert "You have already agreed." not in page


def test_agree_needs_the_inspection_checkbox(live: LiveServer) -> None:
    keys = make_vendor(live.services, consent=False)
    with browser(live) as client:
        refused = client.post(f"/console/seller/{keys.vendor_id}/consent", data={})
        assert "confirm the inspection terms" in flash(refused)["error"]
        assert not consent_of(live, keys.vendor_id)
        agreed = client.post(f"/console/seller/{keys.vendor_id}/consent", data={"confirm": "yes"})
        assert flash(agreed) == {"ok": "You have already agreed.", "agreed": "1"}
        assert consent_of(live, keys.vendor_id)
        page = client.get(agreed.headers["location"]).text
    assert page.count("You have already agreed.") >= 2  # the page and the panel
    assert 'data-open="1"' in page
    assert 'id="consent-form"' not in page


def test_unknown_seller_goes_back_to_the_overview(live: LiveServer) -> None:
    with browser(live) as client:
        assert "존재하지 않습니다" in flash(client.get("/console/seller/A99999997"))["error"]


# --- operator forms ---------------------------------------------------------------------------


def test_new_vendor_form_shows_the_secret_once(live: LiveServer) -> None:
    vendor_id = "A" + str(uuid.uuid4().int)[:8]
    with browser(live) as client:
        page = client.post("/console/vendors", data={"vendor_id": vendor_id, "name": "콘솔 상점", "consent": "yes"})
        assert page.status_code == 200
        assert 'id="created-keys"' in page.text
        with live.services.db.read() as conn:
            (key,) = live.services.vendors.keys(conn, vendor_id)
        assert key.secret_key in page.text
        assert consent_of(live, vendor_id)
        assert key.secret_key not in client.get("/console").text
        again = client.post("/console/vendors", data={"vendor_id": vendor_id})
        assert "이미 등록된 업체코드입니다" in flash(again)["error"]
        withdrawn = client.post(f"/console/vendors/{vendor_id}/consent", data={"consent": "no"})
        assert "withdrawn" in flash(withdrawn)["ok"]
        assert not consent_of(live, vendor_id)


def test_clock_form_advances_and_refuses_nonsense(live: LiveServer) -> None:
    with live.services.db.read() as conn:
        before = live.services.state.clock_offset(conn)
    with browser(live) as client:
        for bad in ("", "soon", "-5", "nan"):
            assert "seconds" in flash(client.post("/console/clock/advance", data={"seconds": bad}))["error"]
        with live.services.db.read() as conn:
            assert live.services.state.clock_offset(conn) == before
        done = flash(client.post("/console/clock/advance", data={"seconds": "30"}))
        assert "Sandbox time is now" in done["ok"]
        page = client.get("/console/clock").text
    with live.services.db.read() as conn:
        assert live.services.state.clock_offset(conn) == before + 30
    assert f'id="clock-offset">{before + 30:.0f}<' in page


def test_inquiry_form_refuses_an_unknown_option(live: LiveServer) -> None:
    with browser(live) as client:
        assert (
            "vendorItemId"
            in flash(client.post("/console/inquiries", data={"vendor_item_id": "1", "content": "?"}))["error"]
        )
        assert (
            "vendorItemId"
            in flash(client.post("/console/inquiries", data={"vendor_item_id": "x", "content": "?"}))["error"]
        )


def test_inquiry_form_adds_a_customer_question(live: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(live.services)
    payload = marketplace_payload(live.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True)
    with signed_client(live, keys) as api:
        vendor_item_id = get(api, create(api, payload))["items"][0]["vendorItemId"]
    with browser(live) as client:
        done = client.post(
            "/console/inquiries", data={"vendor_item_id": str(vendor_item_id), "content": "언제 오나요?"}
        )
        assert f"on vendorItemId {vendor_item_id}" in flash(done)["ok"]
        page = client.get("/console/inquiries").text
    assert "언제 오나요?" in page


def test_review_form_refusals_change_nothing(manual: LiveServer, categories: ModuleType) -> None:
    keys = make_vendor(manual.services)
    payload = marketplace_payload(
        manual.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True, options=2
    )
    with signed_client(manual, keys) as api, browser(manual) as client:
        pid = create(api, payload)
        form = f"/console/reviews/{pid}"
        assert "reason" in flash(client.post(form, data={"decision": "DENY", "reason": ""}))["error"]
        assert "positions" in flash(client.post(form, data={"decision": "PARTIAL_APPROVE"}))["error"]
        assert get(api, pid)["statusName"] == "승인대기중"
        denied = client.post(form, data={"decision": "DENY", "reason": "이미지 불량", "positions": ["0"]})
        assert flash(denied)["ok"] == f"{pid}: 승인반려"
        assert get(api, pid)["statusName"] == "승인반려"


def test_rocket_growth_forms_refuse_unknown_options(live: LiveServer) -> None:
    with browser(live) as client:
        inbound = client.post("/console/rocket-growth/1/inbound", data={"quantity": "3"})
        assert "no option has this id" in flash(inbound)["error"]
        assert "quantity" in flash(client.post("/console/rocket-growth/1/inbound", data={"quantity": "x"}))["error"]
        inspected = client.post("/console/rocket-growth/1/inspection", data={"result": "PASSED"})
        assert "no option has this id" in flash(inspected)["error"]
        assert "result" in flash(client.post("/console/rocket-growth/1/inspection", data={"result": ""}))["error"]


@pytest.mark.parametrize("text", ["a\x00b", "\x00"])
def test_form_text_the_databases_cannot_store_is_refused(live: LiveServer, text: str) -> None:
    vendor_id = "A" + str(uuid.uuid4().int)[:8]
    with browser(live) as client:
        response = client.post("/console/vendors", data={"vendor_id": vendor_id, "name": text})
        assert response.status_code == 400
        assert response.json()["message"].startswith("name: NUL")
        assert client.post("/console/inquiries", data={"vendor_item_id": "1", "content": text}).status_code == 400
    with live.services.db.read() as conn:
        assert all(v.vendor_id != vendor_id for v in live.services.vendors.list_vendors(conn))


# --- products ---------------------------------------------------------------------------------


def test_products_page_finds_by_vendor_id_and_name(live: LiveServer, categories: ModuleType) -> None:
    keys, other = make_vendor(live.services), make_vendor(live.services)
    name = f"콘솔 찾기 {uuid.uuid4().hex[:8]}"
    with signed_client(live, keys) as api:
        payload = marketplace_payload(
            live.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True
        )
        pid = create(api, {**payload, "sellerProductName": name})
        vendor_item_id = get(api, pid)["items"][0]["vendorItemId"]
    with browser(live) as client:
        for query in (str(pid), str(vendor_item_id), name[-8:], name[-8:].upper(), ""):
            page = client.get("/console/products", params={"q": query, "vendor": keys.vendor_id})
            assert page.status_code == 200, page.text
            assert f'id="found-{pid}"' in page.text, query
            assert name in page.text
        for query, vendor in ((str(pid), other.vendor_id), (name[-8:], other.vendor_id), ("%", keys.vendor_id)):
            page = client.get("/console/products", params={"q": query, "vendor": vendor})
            assert f'id="found-{pid}"' not in page.text, (query, vendor)
            assert 'id="nothing-found"' in page.text
        # a malformed or out-of-range number is a name to look for, never an error
        for query in ("-0", "9" * 40, " 1", "%00"):
            assert client.get("/console/products", params={"q": query}).status_code == 200


def test_product_page_shows_state_history_sides_inbounds_and_the_api_answer(
    live: LiveServer, categories: ModuleType
) -> None:
    keys = make_vendor(live.services)
    with signed_client(live, keys) as api:
        payload = hybrid_payload(live.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True)
        pid = create(api, payload)
        view = get(api, pid)
        answer = api.get(f"/v2/providers/seller_api/apis/api/v1/marketplace/seller-products/{pid}").json()
    rg_item = view["items"][0]["rocketGrowthItemData"]["sellerProductItemId"]
    with browser(live) as client:
        assert flash(client.post(f"/console/rocket-growth/{rg_item}/inbound", data={"quantity": "12"}))["ok"]
        page = client.get(f"/console/products/{pid}")
    assert page.status_code == 200, page.text
    text = html.unescape(page.text)
    assert "승인완료" in text
    assert "HYBRID" in text.upper()
    assert f'id="side-{rg_item}"' in page.text
    assert f'id="inbound-{rg_item}"' in page.text
    assert "CREATED" in text
    history = text.split('id="history"', 1)[1].split('id="api"', 1)[0]
    assert "승인완료" in history  # the automatic review's decision, newest first
    shown = json.loads(text.split('<pre class="json" id="api-answer">', 1)[1].split("</pre>", 1)[0])
    assert shown == answer  # exactly what the seller API answers for it


def test_unknown_or_malformed_product_goes_back_to_the_search(live: LiveServer) -> None:
    with browser(live) as client:
        for bad, message in (("99999999999", "업체상품[99999999999]이 존재하지 않습니다."),
                             ("--5", "sellerProductId[--5]는 숫자형으로 입력해주세요")):  # fmt: skip
            assert flash(client.get(f"/console/products/{bad}"))["error"] == message


def test_rocket_growth_order_forms_refuse_bad_input_and_change_nothing(
    live: LiveServer, categories: ModuleType
) -> None:
    keys = make_vendor(live.services)
    payload = hybrid_payload(live.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True)
    with signed_client(live, keys) as api:
        rg = get(api, create(api, payload))["items"][0]["rocketGrowthItemData"]
    item, vid = rg["sellerProductItemId"], str(rg["vendorItemId"])
    with browser(live) as client:
        assert flash(client.post(f"/console/rocket-growth/{item}/inbound", data={"quantity": "5"}))["ok"]
        inspected = client.post(
            f"/console/rocket-growth/{item}/inspection", data={"result": "PASSED", "acceptedQuantity": "4"}
        )
        assert "4 units orderable" in flash(inspected)["ok"]
        order = {"vendor_id": keys.vendor_id, "vendor_item_id": vid, "quantity": "1", "shipped": "yes"}
        refusals = [
            ({**order, "quantity": "5"}, "orderable"),
            ({**order, "quantity": "x"}, "quantity"),
            ({**order, "vendor_item_id": "1"}, "not an approved Rocket Growth option"),
            ({**order, "paid_at": "yesterday"}, "paidAt"),
        ]
        for data, named in refusals:
            assert named in flash(client.post("/console/rocket-growth/orders", data=data))["error"], data
        simulate = {"vendor_id": keys.vendor_id, "days": "0", "orders_per_day": "3", "seed": "1"}
        assert "days" in flash(client.post("/console/rocket-growth/simulate", data=simulate))["error"]
        assert "orderId" in flash(client.post("/console/rocket-growth/orders/abc/ship"))["error"]
        page = client.get("/console/rocket-growth/orders", params={"vendor": keys.vendor_id})
        assert 'id="no-orders"' in page.text
        placed = flash(client.post("/console/rocket-growth/orders", data={**order, "shipped": ""}))["ok"]
        order_id = placed.split()[1]
        assert "not shipped yet" in placed
        listed = client.get("/console/rocket-growth/orders", params={"vendor": keys.vendor_id, "status": "PAID"})
        assert f'id="order-{order_id}"' in listed.text
        assert f'id="ship-{order_id}"' in listed.text
        assert "CANCELLED" in flash(client.post(f"/console/rocket-growth/orders/{order_id}/cancel"))["ok"]
        # an unknown status is no filter at all
        assert client.get("/console/rocket-growth/orders", params={"status": "LOST"}).status_code == 200
        figures = client.get("/console/rocket-growth")
    assert f'id="rg-{item}"' in figures.text
    with live.services.db.read() as conn:
        stock = live.services.rocket_growth.get_stock(conn, item)
    assert (stock.received, stock.accepted, stock.orderable) == (5, 4, 4)
