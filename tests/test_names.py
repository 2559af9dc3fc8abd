"""One name per operation: the table in ``docs/architecture.md`` (Operation names) against the app's
routes, the ``operations`` modules, the stores, both SDK clients and the CLI, and the naming rule."""

from __future__ import annotations

import importlib
import inspect
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from fastapi.routing import APIRoute

from rocketgrowth.api.app import ROUTERS
from rocketgrowth.cli.main import app as cli_app
from rocketgrowth.sdk import AsyncClient, Client
from rocketgrowth.services import Services

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
PREFIXES = {
    "…": "/v2/providers/seller_api/apis/api/v1/marketplace",
    "CS": "/v2/providers/openapi/apis/api",
    "RG": "/v2/providers/rg_open_api/apis/api/v1/vendors/{vendorId}",
}
#: the paths whose routes are operations: the gateway's and the operator API (not the console, not /health)
OPERATION_PATHS = ("/v2/", "/sandbox/v1/")
#: CLI groups whose commands are operations (every command in them must be in the table)
CLI_GROUPS = ("products", "vendor-items", "categories", "inquiries", "rocket-growth", "sandbox")
SDK_RESOURCES = ("products", "vendor_items", "categories", "inquiries", "rocket_growth")
NONE = "—"


@dataclass(frozen=True)
class Row:
    #: ``(method, path)`` of each route of the operation (one operation may be served on two paths)
    served: frozenset[tuple[str, str]]
    route: str | None
    module: str | None
    store: str | None
    sdk: str | None
    cli: str | None


def _cell(text: str) -> str | None:
    text = text.strip().strip("`")
    return None if text.startswith(NONE) else text


def _rows() -> list[Row]:
    section = DOC.read_text(encoding="utf-8").split("## Operation names", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not line.startswith("|") or cells[0] in ("Route", "---"):
            continue
        served = set()
        for route in re.findall(r"`([A-Z]+ [^`]+)`", cells[0]):
            method, path = route.split(" ", 1)
            for short, prefix in PREFIXES.items():
                if path.startswith(short):
                    path = prefix + path[len(short) :]
            served.add((method, path))
        rows.append(Row(frozenset(served), *(_cell(cell) for cell in cells[1:])))
    return rows


ROWS = _rows()


def _singular(resource: str) -> str:
    if resource.endswith("ies"):
        return resource[:-3] + "y"
    return resource[:-1] if resource.endswith("s") else resource


def _verb(route: str, resource: str) -> str | None:
    """The route's name without the resource's noun (once), or ``None`` when the noun is not in it."""
    words = route.split("_")
    for noun in (resource, _singular(resource)):
        size = len(noun.split("_"))
        for start in range(len(words) - size + 1):
            if "_".join(words[start : start + size]) == noun:
                return "_".join(words[:start] + words[start + size :])
    return None


def _cli_commands() -> set[str]:
    """Every leaf command as its space-separated path, e.g. ``sandbox vendors create``."""
    found: set[str] = set()

    def walk(command: Any, path: list[str]) -> None:
        subcommands = getattr(command, "commands", None)  # a group (typer's click or click's own)
        if subcommands is None:
            found.add(" ".join(path))
        for name, sub in (subcommands or {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(cli_app), [])
    return found


def _operation_routes() -> dict[str, list[APIRoute]]:
    """The operation routes by function name (one function may serve two paths, never two functions one name)."""
    by_name: dict[str, list[APIRoute]] = {}
    for route in (route for router in ROUTERS for route in router.routes):  # what create_app includes
        if isinstance(route, APIRoute) and route.path.startswith(OPERATION_PATHS):
            by_name.setdefault(route.endpoint.__name__, []).append(route)
    for name, routes in by_name.items():
        assert len({route.endpoint for route in routes}) == 1, f"two route functions are named {name}"
    return by_name


def test_the_table_is_read() -> None:
    assert len(ROWS) > 40
    assert sum(row.route is not None for row in ROWS) == len({row.route for row in ROWS if row.route})


def test_every_operation_route_is_in_the_table_as_it_is_served() -> None:
    routes = _operation_routes()
    listed = {row.route: row for row in ROWS if row.route is not None}
    assert sorted(routes) == sorted(listed)
    for name, served in routes.items():
        assert listed[name].served == {(method, route.path) for route in served for method in route.methods}, name


@pytest.mark.parametrize("row", [row for row in ROWS if row.module], ids=lambda row: row.route)
def test_the_route_calls_the_operation_of_its_name(row: Row) -> None:
    module = importlib.import_module(f"rocketgrowth.operations.{row.module}")
    assert callable(getattr(module, row.route or "", None)), f"operations.{row.module}.{row.route}"
    endpoint = _operation_routes()[row.route or ""][0].endpoint
    assert re.search(rf"\bops\.{row.route}\b", inspect.getsource(endpoint)), f"{row.route} calls another operation"


@pytest.mark.parametrize("row", [row for row in ROWS if row.store], ids=lambda row: row.store)
def test_the_store_method_has_the_route_name(row: Row) -> None:
    attribute, method = (row.store or "").split(".")
    store = typing.get_type_hints(Services)[attribute]
    assert callable(getattr(store, method, None)), f"{store.__name__}.{method}"
    assert method == row.route


@pytest.mark.parametrize("client", [Client, AsyncClient])
def test_the_sdk_has_exactly_the_tables_methods(client: type[Client] | type[AsyncClient]) -> None:
    listed = {row.sdk for row in ROWS if row.sdk}
    instance = client(access_key="ak", secret_key="sk", vendor_id="A00012345", base_url="http://127.0.0.1:9")
    public = {
        f"{resource}.{name}"
        for resource in SDK_RESOURCES
        for name in dir(getattr(instance, resource))
        if not name.startswith("_")
    }
    assert public == listed


def test_every_cli_command_of_an_operation_group_is_in_the_table() -> None:
    commands = _cli_commands()
    listed = {row.cli for row in ROWS if row.cli}
    assert listed <= commands, sorted(listed - commands)
    in_groups = {path for path in commands if path.split(" ")[0] in CLI_GROUPS}
    assert in_groups == listed


@pytest.mark.parametrize("row", [row for row in ROWS if row.route and (row.sdk or row.cli)], ids=lambda r: r.route)
def test_sdk_and_cli_use_the_routes_verb(row: Row) -> None:
    assert row.route is not None
    if row.sdk:
        resource, verb = row.sdk.split(".")
        assert _verb(row.route, resource) == verb, f"{row.route} / {row.sdk}"
    if row.cli:
        words = row.cli.split(" ")
        resource, verb = words[-2].replace("-", "_"), words[-1].replace("-", "_")
        assert _verb(row.route, resource) == verb, f"{row.route} / {row.cli}"
    if row.sdk and row.cli:
        assert row.cli.replace("-", "_").split(" ") == row.sdk.split("."), f"{row.sdk} / {row.cli}"
