"""The web console in headless Debian Chromium: the seller's WING consent flow and the review queue,
each checked afterwards through the signed seller API."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from rocketgrowth.settings import Settings
from tests.api.helpers import PRODUCTS, create, get, rejected, success
from tests.conftest import IN_CI, LiveServer, make_vendor, signed_client, start_server
from tests.payloads import hybrid_payload, marketplace_payload, rocket_growth_payload

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 15


def require_browser() -> None:
    """Skip locally when Debian's chromium/chromium-driver are absent; fail in CI, where they are mandatory."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if not missing:
        return
    message = f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver)"
    if IN_CI:
        pytest.fail(f"{message} (mandatory in CI)")
    pytest.skip(message)


@contextmanager
def chromium(*arguments: str) -> Iterator[WebDriver]:
    """Headless Debian Chromium with a throwaway profile (and ``arguments`` besides), quit afterwards."""
    require_browser()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    with tempfile.TemporaryDirectory(prefix="rg-chromium-") as profile:
        for argument in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--window-size=1280,1000",
            *arguments,
        ):
            options.add_argument(argument)
        browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            yield browser
        finally:
            browser.quit()


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def manual(db_url: str) -> Iterator[LiveServer]:
    server = start_server(Settings(db_url=db_url, rate_limit=0, review_mode="manual"))
    yield server
    server.stop()


@pytest.fixture
def categories() -> ModuleType:
    return pytest.importorskip("rocketgrowth.domain.categories", reason="category metadata not there yet")


def _wait_visible(browser: WebDriver, element_id: str) -> WebElement:
    return WebDriverWait(browser, WAIT).until(expected_conditions.visibility_of_element_located((By.ID, element_id)))


def _agree_in_the_browser(driver: WebDriver, base_url: str, vendor_id: str) -> None:
    """WING's flow: the button beside "Issue open API Key", the inspection checkbox, Agree."""
    driver.get(f"{base_url}/console/seller/{vendor_id}")
    assert "Issue open API Key" in driver.find_element(By.TAG_NAME, "body").text
    driver.find_element(
        By.XPATH, "//button[normalize-space()='Agree to Rocket Growth Product API & Inspection']"
    ).click()
    agree = _wait_visible(driver, "agree")
    assert not agree.is_enabled()  # disabled until the inspection terms are confirmed
    driver.find_element(By.ID, "confirm-inspection").click()
    assert agree.is_enabled()
    agree.click()
    assert _wait_visible(driver, "already-agreed").text == "You have already agreed."
    assert "You have already agreed." in driver.find_element(By.ID, "consent-state").text


def test_seller_page_consent_flow(live: LiveServer, driver: WebDriver) -> None:
    keys = make_vendor(live.services, consent=False)
    driver.get(f"{live.base_url}/console/seller/{keys.vendor_id}")
    assert keys.access_key in driver.find_element(By.TAG_NAME, "body").text
    assert keys.secret_key not in driver.page_source
    _agree_in_the_browser(driver, live.base_url, keys.vendor_id)
    with live.services.db.read() as conn:
        assert live.services.vendors.get(conn, keys.vendor_id).rocket_growth_consent

    # a later visit: the panel shows the agreement instead of the form
    driver.get(f"{live.base_url}/console/seller/{keys.vendor_id}")
    assert not driver.find_element(By.ID, "consent-dialog").is_displayed()
    driver.find_element(By.ID, "open-consent").click()
    assert _wait_visible(driver, "already-agreed").text == "You have already agreed."
    assert not driver.find_elements(By.ID, "agree")


def test_agreeing_in_the_browser_opens_rocket_growth_creates(
    live: LiveServer, driver: WebDriver, categories: ModuleType
) -> None:
    keys = make_vendor(live.services, consent=False)
    payload = rocket_growth_payload(live.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True)
    with signed_client(live, keys) as api:
        assert "Agree to Rocket Growth Product API & Inspection" in rejected(api.post(PRODUCTS, json=payload))
        _agree_in_the_browser(driver, live.base_url, keys.vendor_id)
        view = get(api, create(api, payload))
        assert view["statusName"] == "승인완료"
        assert view["items"][0]["rocketGrowthItemData"]["barcode"].startswith("S00")


def test_operator_approves_from_the_review_queue(manual: LiveServer, driver: WebDriver, categories: ModuleType) -> None:
    keys = make_vendor(manual.services)
    payload = marketplace_payload(manual.services, keys.vendor_id, categories.DEMO_MARKETPLACE_CATEGORY, requested=True)
    with signed_client(manual, keys) as api:
        pid = create(api, payload)
        assert get(api, pid)["statusName"] == "승인대기중"

        driver.get(f"{manual.base_url}/console/reviews")
        card = driver.find_element(By.ID, f"review-{pid}")
        assert keys.vendor_id in card.text
        assert "승인대기중" in card.text
        driver.find_element(By.ID, f"approve-{pid}").click()
        assert "승인완료" in _wait_visible(driver, "flash-ok").text
        assert not driver.find_elements(By.ID, f"review-{pid}")

        view = get(api, pid)
        assert view["statusName"] == "승인완료"
        assert isinstance(view["items"][0]["vendorItemId"], int)


def test_operator_partially_approves_the_checked_options(
    manual: LiveServer, driver: WebDriver, categories: ModuleType
) -> None:
    keys = make_vendor(manual.services)
    payload = hybrid_payload(manual.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True, options=3)
    with signed_client(manual, keys) as api:
        pid = create(api, payload)
        driver.get(f"{manual.base_url}/console/reviews")
        card = driver.find_element(By.ID, f"review-{pid}")
        card.find_element(By.CSS_SELECTOR, "input[name='positions'][value='1']").click()
        driver.find_element(By.ID, f"partial-{pid}").click()
        assert "부분승인완료" in _wait_visible(driver, "flash-ok").text

        view = get(api, pid)
        assert view["statusName"] == "부분승인완료"
        issued = [bool(item["rocketGrowthItemData"]["vendorItemId"]) for item in view["items"]]
        assert issued == [False, True, False]
        history = success(api.get(f"{PRODUCTS}/{pid}/histories"))
        assert history[0]["status"] == "부분승인완료"


def test_find_a_product_and_read_what_the_api_answers(
    live: LiveServer, driver: WebDriver, categories: ModuleType
) -> None:
    keys = make_vendor(live.services)
    payload = hybrid_payload(live.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True)
    with signed_client(live, keys) as api:
        pid = create(api, payload)
        answer = api.get(f"{PRODUCTS}/{pid}").json()
    name = answer["data"]["sellerProductName"]

    driver.get(f"{live.base_url}/console")
    driver.find_element(By.LINK_TEXT, "Products").click()
    Select(_wait_visible(driver, "search-vendor")).select_by_value(keys.vendor_id)
    driver.find_element(By.ID, "search-q").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "#product-search button").click()
    row = _wait_visible(driver, f"found-{pid}")
    assert keys.vendor_id in row.text
    assert "승인완료" in row.text
    row.find_element(By.LINK_TEXT, str(pid)).click()

    assert _wait_visible(driver, "product-id").text == str(pid)
    assert _wait_visible(driver, "status-name").text == "승인완료"
    rg_item = answer["data"]["items"][0]["rocketGrowthItemData"]["sellerProductItemId"]
    assert driver.find_element(By.ID, f"side-{rg_item}").is_displayed()
    assert "no inbound" in driver.find_element(By.ID, f"inbound-{rg_item}").text
    assert "승인완료" in driver.find_element(By.ID, "history").text
    assert json.loads(driver.find_element(By.ID, "api-answer").text) == answer

    # an unknown id goes back to the search with the reason
    driver.get(f"{live.base_url}/console/products/99999999999")
    assert "업체상품[99999999999]이 존재하지 않습니다." in _wait_visible(driver, "flash-error").text


def _follow(driver: WebDriver, button: WebElement) -> None:
    """Click a form's button and wait until the next page has loaded (a mark left on the old page's
    window is gone: a new document)."""
    driver.execute_script("window.rgOldPage = true;")
    button.click()
    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return !window.rgOldPage && document.readyState === 'complete'")
    )


def _submit(driver: WebDriver, button: WebElement) -> str:
    """Click a form's button; the next page's flash message."""
    _follow(driver, button)
    return _wait_visible(driver, "flash-ok").text


def test_rocket_growth_stock_orders_and_simulation_in_the_browser(
    live: LiveServer, driver: WebDriver, categories: ModuleType
) -> None:
    keys = make_vendor(live.services)
    payload = rocket_growth_payload(live.services, keys.vendor_id, categories.DEMO_RG_CATEGORY, requested=True)
    with signed_client(live, keys) as api:
        rg = get(api, create(api, payload))["items"][0]["rocketGrowthItemData"]
        item, vid = rg["sellerProductItemId"], rg["vendorItemId"]

        # the warehouse: receive 30 units, accept 25 of them
        driver.get(f"{live.base_url}/console/rocket-growth")
        row = driver.find_element(By.ID, f"rg-{item}")
        units = row.find_element(By.NAME, "quantity")
        units.clear()
        units.send_keys("30")
        assert "30 units" in _submit(
            driver, row.find_element(By.XPATH, ".//button[normalize-space()='Create inbound']")
        )
        row = driver.find_element(By.ID, f"rg-{item}")
        row.find_element(By.NAME, "acceptedQuantity").send_keys("25")
        passed = _submit(driver, row.find_element(By.XPATH, ".//button[normalize-space()='Inspection pass']"))
        assert "25 units orderable" in passed
        row = driver.find_element(By.ID, f"rg-{item}")
        figures = [row.find_element(By.CSS_SELECTOR, f"[data-figure='{name}']").text
                   for name in ("received", "accepted", "orderable", "sold")]  # fmt: skip
        assert figures == ["30", "25", "25", "0"]

        # a customer's order, not shipped yet: the operator ships it from the orders page
        _follow(driver, driver.find_element(By.LINK_TEXT, "RG orders"))
        Select(_wait_visible(driver, "order-vendor")).select_by_value(keys.vendor_id)
        driver.find_element(By.ID, "order-item").send_keys(str(vid))
        quantity = driver.find_element(By.ID, "order-quantity")
        quantity.clear()
        quantity.send_keys("4")
        driver.find_element(By.ID, "order-shipped").click()  # unchecked: paid, not shipped
        placed = _submit(driver, driver.find_element(By.ID, "place-order"))
        order_id = int(placed.split()[1])
        assert "not shipped yet" in placed
        inventory = f"/v2/providers/rg_open_api/apis/api/v1/vendors/{keys.vendor_id}/rg/inventory/summaries"
        assert api.get(inventory).json()["data"][0]["inventoryDetails"]["totalOrderableQuantity"] == 21
        assert (
            api.get(f"/v2/providers/rg_open_api/apis/api/v1/vendors/{keys.vendor_id}/rg/order/{order_id}").status_code
            == 400
        )
        assert "SHIPPED" in _submit(driver, driver.find_element(By.ID, f"ship-{order_id}"))
        detail = api.get(f"/v2/providers/rg_open_api/apis/api/v1/vendors/{keys.vendor_id}/rg/order/{order_id}").json()
        assert detail["data"]["orderItems"][0]["salesQuantity"] == 4

        # the simulation, then the filters
        Select(_wait_visible(driver, "simulate-vendor")).select_by_value(keys.vendor_id)
        for field, value in (("simulate-days", "7"), ("simulate-per-day", "2"), ("simulate-seed", "11")):
            box = driver.find_element(By.ID, field)
            box.clear()
            box.send_keys(value)
        simulated = _submit(driver, driver.find_element(By.ID, "run-simulation"))  # "Simulation placed N shipped …"
        count = int(simulated.split()[2])
        assert 0 < count <= 14  # 7 days × 2, fewer when the 21 units run out first
        Select(_wait_visible(driver, "filter-vendor")).select_by_value(keys.vendor_id)
        Select(driver.find_element(By.ID, "filter-status")).select_by_value("SHIPPED")
        _follow(driver, driver.find_element(By.CSS_SELECTOR, "#order-filters button"))
        rows = driver.find_elements(By.CSS_SELECTOR, "#orders tbody tr")
        assert len(rows) == count + 1
        assert all("shipped" in r.text for r in rows)
        Select(_wait_visible(driver, "filter-status")).select_by_value("CANCELLED")
        _follow(driver, driver.find_element(By.CSS_SELECTOR, "#order-filters button"))
        assert _wait_visible(driver, "no-orders").is_displayed()

        rows_api = api.get(inventory).json()["data"]
        assert (
            rows_api[0]["salesCountMap"]["SALES_COUNT_LAST_THIRTY_DAYS"]
            == 25 - rows_api[0]["inventoryDetails"]["totalOrderableQuantity"]
        )
