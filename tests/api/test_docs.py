"""``/docs`` and ``/redoc`` without a network: the pages name no outside host, their files come from the
package, and headless Chromium with every host but 127.0.0.1 unresolvable renders every operation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from rocketgrowth.api.docs import ASSETS, POLICY
from tests.api.test_console_browser import chromium
from tests.conftest import LiveServer

WAIT = 30
ASSET_TYPES = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}


def _operations(live: LiveServer) -> list[tuple[str, str]]:
    schema: dict[str, Any] = httpx.get(f"{live.base_url}/openapi.json", timeout=30).json()
    return [(method.upper(), path) for path, item in schema["paths"].items() for method in item]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_pages_load_nothing_from_outside(live: LiveServer, page: str) -> None:
    html = httpx.get(f"{live.base_url}{page}", timeout=10).text
    urls = re.findall(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""", html)
    assert urls, html
    assert all(url.startswith((ASSETS, "/openapi.json", "/docs/")) for url in urls), urls
    assert "fonts.googleapis" not in html
    assert httpx.get(f"{live.base_url}{page}", timeout=10).headers["content-security-policy"] == POLICY
    assert '"validatorUrl": null' in html or page == "/redoc"


def test_the_assets_come_from_the_package(live: LiveServer) -> None:
    for name, content_type in ASSET_TYPES.items():
        response = httpx.get(f"{live.base_url}{ASSETS}/{name}", timeout=10)
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith(content_type), (name, response.headers)
        assert len(response.content) > 500, name
    assert httpx.get(f"{live.base_url}{ASSETS}/../app.py", timeout=10).status_code == 404


@pytest.fixture(scope="module")
def offline() -> Iterator[WebDriver]:
    """Headless Chromium that can reach 127.0.0.1 only: every other host name fails to resolve."""
    with chromium("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1") as browser:
        # what the page's Content-Security-Policy refused, recorded from the first script on
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_REFUSED})
        yield browser


RECORD_REFUSED = (
    "window.refused = [];"
    "document.addEventListener('securitypolicyviolation', event => window.refused.push(event.blockedURI));"
)


def _fetched_from_outside(browser: WebDriver, base_url: str) -> list[str]:
    """What the page fetched from anywhere but this server: every resource it asked for, less what the
    server's policy made the browser refuse before any request."""
    asked: list[str] = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    refused: list[str] = browser.execute_script("return window.refused")
    return [url for url in asked if not url.startswith(base_url) and url not in refused]


@pytest.mark.browser
def test_offline_swagger_ui_lists_every_operation(live: LiveServer, offline: WebDriver) -> None:
    expected = _operations(live)
    offline.get(f"{live.base_url}/docs")
    WebDriverWait(offline, WAIT).until(
        lambda browser: len(browser.find_elements(By.CSS_SELECTOR, ".opblock")) >= len(expected)
    )
    shown = {
        (block.find_element(By.CSS_SELECTOR, ".opblock-summary-method").text,
         block.find_element(By.CSS_SELECTOR, ".opblock-summary-path").get_attribute("data-path"))
        for block in offline.find_elements(By.CSS_SELECTOR, ".opblock")
    }  # fmt: skip
    assert shown == set(expected)
    assert _fetched_from_outside(offline, live.base_url) == []


@pytest.mark.browser
def test_offline_redoc_lists_every_operation(live: LiveServer, offline: WebDriver) -> None:
    expected = _operations(live)
    offline.get(f"{live.base_url}/redoc")
    WebDriverWait(offline, WAIT).until(
        lambda browser: len(browser.find_elements(By.CSS_SELECTOR, "[data-section-id^='operation/']")) >= len(expected)
    )
    assert _fetched_from_outside(offline, live.base_url) == []
