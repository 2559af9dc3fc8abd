"""``api.signed``: a signed route authenticates first, then reads its caller through ``CallerDep``, which
``app.dependency_overrides`` replaces like any other dependency."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI, Request

from rocketgrowth.api.signed import Caller, caller_of
from rocketgrowth.settings import Settings
from tests.api.helpers import SELLER, start_app
from tests.conftest import LiveServer, make_vendor, signed_client

INFLOW = f"{SELLER}/seller-products/inflow-status"


@pytest.fixture
def served(db_url: str) -> Iterator[tuple[FastAPI, LiveServer]]:
    app, server = start_app(Settings(db_url=db_url, rate_limit=0))
    yield app, server
    server.stop()


def test_an_override_of_the_caller_is_used(served: tuple[FastAPI, LiveServer]) -> None:
    app, live = served
    vendor, other = make_vendor(live.services), make_vendor(live.services)

    async def as_other(request: Request) -> Caller:
        caller = await caller_of(request)  # authenticated as ``vendor``: the override speaks for ``other``
        with live.services.db.read() as conn:
            return dataclasses.replace(caller, vendor=live.services.vendors.get(conn, other.vendor_id))

    with signed_client(live, vendor) as api:
        assert api.get(INFLOW).json()["data"]["vendorId"] == vendor.vendor_id
        app.dependency_overrides[caller_of] = as_other
        try:
            assert api.get(INFLOW).json()["data"]["vendorId"] == other.vendor_id
            # the override replaces who the caller is, not the authentication before it
            with httpx.Client(base_url=live.base_url, timeout=30) as unsigned:
                assert unsigned.get(INFLOW).status_code == 401
        finally:
            app.dependency_overrides.clear()
        assert api.get(INFLOW).json()["data"]["vendorId"] == vendor.vendor_id
