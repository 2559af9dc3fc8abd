"""``api.signed``: a signed route authenticates first, then reads its caller through ``CallerDep``, which
``app.dependency_overrides`` replaces like any other dependency."""

from __future__ import annotations

import dataclasses

import httpx
from fastapi import FastAPI, Request

from rocketgrowth.api.signed import Caller, caller_of
from tests.api.helpers import SELLER
from tests.conftest import LiveServer, VendorKeys, make_vendor, signed_client

INFLOW = f"{SELLER}/seller-products/inflow-status"


def test_an_override_of_the_caller_is_used(live: LiveServer, vendor: VendorKeys, api: httpx.Client) -> None:
    other = make_vendor(live.services)
    app = live.server.config.app
    assert isinstance(app, FastAPI)
    assert api.get(INFLOW).json()["data"]["vendorId"] == vendor.vendor_id

    async def as_other(request: Request) -> Caller:
        caller = await caller_of(request)  # authenticated as ``vendor``: the override speaks for ``other``
        with live.services.db.read() as conn:
            found = live.services.vendors.get(conn, other.vendor_id)
        return dataclasses.replace(caller, vendor=found)

    app.dependency_overrides[caller_of] = as_other
    try:
        assert api.get(INFLOW).json()["data"]["vendorId"] == other.vendor_id
        # the override replaces who the caller is, not the authentication before it
        with httpx.Client(base_url=live.base_url, timeout=30) as unsigned:
            assert unsigned.get(INFLOW).status_code == 401
    finally:
        app.dependency_overrides.clear()
    with signed_client(live, other) as client:
        assert client.get(INFLOW).json()["data"]["vendorId"] == other.vendor_id
