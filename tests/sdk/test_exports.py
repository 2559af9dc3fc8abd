"""The public surface: ``__all__`` matches the modules, sync and async twins match, and importing
the SDK loads none of the server's dependencies."""

from __future__ import annotations

import inspect
import subprocess
import sys
import typing
from types import ModuleType

import pytest

import rocketgrowth
import rocketgrowth.sdk
from rocketgrowth.sdk import _client, categories, errors, inquiries, pagination, products, rocket_growth, vendor_items
from rocketgrowth.wire import categories as wire_categories
from rocketgrowth.wire import envelope, requests
from rocketgrowth.wire import inquiries as wire_inquiries
from rocketgrowth.wire import products as wire_products
from rocketgrowth.wire import rocket_growth as wire_rocket_growth
from rocketgrowth.wire import vendor_items as wire_vendor_items

PAIRS = [
    (products.Products, products.AsyncProducts),
    (vendor_items.VendorItems, vendor_items.AsyncVendorItems),
    (categories.Categories, categories.AsyncCategories),
    (inquiries.Inquiries, inquiries.AsyncInquiries),
    (rocket_growth.RocketGrowth, rocket_growth.AsyncRocketGrowth),
    (_client.Client, _client.AsyncClient),
    (pagination.Page, pagination.AsyncPage),
]
MODULES = [
    rocketgrowth.sdk,
    errors,
    pagination,
    products,
    vendor_items,
    categories,
    inquiries,
    rocket_growth,
    envelope,
    requests,
    wire_products,
    wire_categories,
    wire_inquiries,
    wire_vendor_items,
    wire_rocket_growth,
]
SYNC_ONLY = {"close", "__enter__", "__exit__", "__iter__"}
ASYNC_ONLY = {"aclose", "__aenter__", "__aexit__", "__aiter__"}


def public_methods(cls: type) -> dict[str, inspect.Signature]:
    found = {}
    for name, member in inspect.getmembers(cls):
        if (name.startswith("_") and name not in SYNC_ONLY | ASYNC_ONLY) or not callable(member):
            continue
        found[name] = inspect.signature(member)
    return found


@pytest.mark.parametrize(("sync", "async_"), PAIRS, ids=lambda cls: cls.__name__)
def test_sync_and_async_twins_match(sync: type, async_: type) -> None:
    sync_methods, async_methods = public_methods(sync), public_methods(async_)
    assert set(sync_methods) - SYNC_ONLY == set(async_methods) - ASYNC_ONLY
    for name, signature in sync_methods.items():
        if name in SYNC_ONLY:
            continue
        other = async_methods[name]
        assert list(signature.parameters) == list(other.parameters), name
        for param in signature.parameters.values():
            twin = other.parameters[param.name]
            assert (param.kind, param.default) == (twin.kind, twin.default), f"{name}({param.name})"
        if name not in vars(async_):
            continue  # shared by both twins (a common base class)
        method = getattr(async_, name)
        paged = typing.get_origin(typing.get_type_hints(method).get("return")) is pagination.AsyncPaginator
        is_async = inspect.iscoroutinefunction(method) or inspect.isasyncgenfunction(method) or paged
        assert is_async, f"{async_.__name__}.{name} must be async (or return an AsyncPaginator)"


def test_client_resources_match() -> None:
    names = ["products", "vendor_items", "categories", "inquiries", "rocket_growth"]
    for name in names:
        assert isinstance(getattr(_client.Client, name), property | type(_client.Client.products))
        assert hasattr(_client.AsyncClient, name)


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_all_matches_the_module(module: ModuleType) -> None:
    declared = set(module.__all__)
    defined = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and getattr(value, "__module__", None) == module.__name__
    }
    assert defined <= declared, f"public but not in __all__: {defined - declared}"
    assert all(hasattr(module, name) for name in declared)


def test_package_reexports_clients() -> None:
    assert rocketgrowth.Client is rocketgrowth.sdk.Client
    assert rocketgrowth.AsyncClient is rocketgrowth.sdk.AsyncClient
    with pytest.raises(AttributeError):
        _ = rocketgrowth.Nope  # type: ignore[attr-defined]


def test_sdk_import_loads_no_server_dependency() -> None:
    code = (
        "import sys, rocketgrowth, rocketgrowth.sdk, rocketgrowth.wire.products, rocketgrowth.wire.requests;"
        "c = rocketgrowth.Client(access_key='a', secret_key='s', vendor_id='A1', rate_limit=None);"
        "c.products; c.vendor_items; c.categories; c.inquiries; c.rocket_growth;"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'starlette', 'sqlalchemy', 'uvicorn', 'granian', 'alembic', 'redis', 'psycopg', 'orjson', 'jinja2')];"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
