"""``api.deps``: the operator API's access is a FastAPI dependency, so ``app.dependency_overrides`` replaces it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI

from rocketgrowth.api.deps import require_admin
from rocketgrowth.settings import Settings
from tests.api.helpers import start_app
from tests.conftest import LiveServer

TOKEN = "operator-secret"


@pytest.fixture
def guarded(db_url: str) -> Iterator[tuple[FastAPI, LiveServer]]:
    """An app whose operator API needs the bearer token, served."""
    app, server = start_app(Settings(db_url=db_url, rate_limit=0, admin_token=TOKEN))
    yield app, server
    server.stop()


def test_an_override_of_the_admin_dependency_is_used(guarded: tuple[FastAPI, LiveServer]) -> None:
    app, server = guarded
    with httpx.Client(base_url=server.base_url, timeout=30) as client:
        assert client.get("/sandbox/v1/vendors").status_code == 403
        assert client.get("/sandbox/v1/vendors", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200

        let_in: list[str] = []
        app.dependency_overrides[require_admin] = lambda: let_in.append("operator")
        try:
            response = client.get("/sandbox/v1/vendors")
            assert response.status_code == 200, response.text
            assert response.json()["code"] == "SUCCESS"
            assert client.post("/sandbox/v1/vendors", json={"vendorId": "A00000001"}).status_code == 200
            assert let_in == ["operator", "operator"]
        finally:
            app.dependency_overrides.clear()
        assert client.get("/sandbox/v1/vendors").status_code == 403
