"""``rocketgrowth products …``: one command per SDK method, named as it is (``products.list_histories``
→ ``products list-histories``), plus ``export`` (every page, streamed). ``validate`` is the offline preflight,
``template`` a payload to start from."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from typing import Annotated, Any

import typer

from rocketgrowth.cli._common import (
    EXIT_FAILED,
    emit,
    fail,
    note,
    options,
    read_json,
    read_object,
    session,
    usage_error,
)
from rocketgrowth.cli.export import BusinessTypes, StatusOpt, export, status_code
from rocketgrowth.domain.template import TemplateKind
from rocketgrowth.sdk import APIError, APIStatusError, Client, CreateOutcomeUnknownError
from rocketgrowth.sdk._preflight import preflight_problems
from rocketgrowth.wire.categories import CategoryMeta

__all__ = ("app", "parse_assignment", "set_path")

app = typer.Typer(
    help="Products: list, read, create, modify, request approval, delete, template, validate, export.",
    no_args_is_help=True,
)

LIST_COLUMNS = ("sellerProductId", "sellerProductName", "statusName", "displayCategoryCode", "brand", "createdAt")
IdArg = Annotated[int, typer.Argument(help="sellerProductId", min=1)]
FileArg = Annotated[str, typer.Argument(help="JSON file of the product payload (- = stdin)")]


class Mode(StrEnum):
    create = "create"
    update = "update"


@app.command("list")
def list_products(
    ctx: typer.Context,
    business_types: BusinessTypes = None,
    status: StatusOpt = None,
    name: Annotated[str | None, typer.Option("--name", help="sellerProductName contains (≤ 20 chars)")] = None,
    max_per_page: Annotated[int | None, typer.Option("--max-per-page", min=1, max=100)] = None,
    all_pages: Annotated[bool, typer.Option("--all", help="Follow nextToken through every page")] = False,
) -> None:
    """List products (the first page, or every page with --all)."""
    filters = {"business_types": business_types, "status": status_code(status), "seller_product_name": name}
    with session(ctx) as client:
        page = client.products.list(max_per_page=max_per_page, **filters)
        rows = list(page) if all_pages else page.items
        if not all_pages and page.has_next_page():
            note("more pages follow: add --all (or use `products export`)")
    emit(ctx, rows, columns=LIST_COLUMNS)


@app.command("get")
def get_product(ctx: typer.Context, seller_product_id: IdArg) -> None:
    """One product, as the API returns it (flat schema, or the new one for Rocket Growth/hybrid)."""
    with session(ctx) as client:
        emit(ctx, client.products.get(seller_product_id))


def _reconciled(client: Client, exc: CreateOutcomeUnknownError) -> dict[str, Any]:
    """After a create whose answer was lost: look the product up by externalVendorSku, or fail (9)."""
    note(
        "The create was sent but its answer was lost: the product may exist. Do NOT post it again; "
        "look it up by externalVendorSku (on the real gateway it can take a minute or more to appear)."
    )
    if not exc.external_vendor_skus:
        note("The payload has no externalVendorSku: check `rocketgrowth products list --name …` before retrying.")
        fail(exc)
    sku = exc.external_vendor_skus[0]
    note(f"Reconciling by externalVendorSku {sku} …")
    try:
        found = client.products.reconcile_create(sku)
    except APIError as lookup:
        note(f"The lookup failed too ({lookup.message}): run `rocketgrowth products list` later.")
        fail(exc)
    if found is None:
        note("Not found (yet): look again in a minute before posting it again.")
        fail(exc)
    return {
        "sellerProductId": found.seller_product_id,
        "message": "reconciled by externalVendorSku",
        "reconciled": True,
    }


@app.command("create")
def create_product(ctx: typer.Context, file: FileArg) -> None:
    """Register a product. Never retried: after a timeout it reconciles by externalVendorSku."""
    payload = read_object(file)
    with session(ctx) as client:
        try:
            result: Any = client.products.create(payload)
        except CreateOutcomeUnknownError as exc:
            result = _reconciled(client, exc)
    emit(ctx, result)


@app.command("update")
def update_product(ctx: typer.Context, file: FileArg) -> None:
    """Replace a product document (sellerProductId in the payload); see also `edit`."""
    payload = read_object(file)
    with session(ctx) as client:
        emit(ctx, client.products.update(payload))


_SEGMENT = re.compile(r"([^\[\]]+)((?:\[\d+\])*)")


def parse_assignment(text: str) -> tuple[list[str | int], Any]:
    """``items[0].itemName=새 이름`` → (path tokens, value); the value is JSON when it parses, else text."""
    path, sep, raw = text.partition("=")
    if not sep or not path.strip():
        raise typer.BadParameter(f"{text!r}: expected path=value", param_hint="--set")
    tokens: list[str | int] = []
    for part in path.strip().split("."):
        match = _SEGMENT.fullmatch(part)
        if match is None:
            raise typer.BadParameter(f"{path!r}: bad path (e.g. items[0].itemName)", param_hint="--set")
        tokens.append(int(match[1]) if match[1].isdigit() else match[1])
        tokens += [int(index) for index in re.findall(r"\[(\d+)\]", match[2])]
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return tokens, value


def _step(target: Any, token: str | int, path: str) -> Any:
    if isinstance(token, int):
        if not isinstance(target, list) or token >= len(target):
            raise ValueError(f"{path}: no element [{token}]")
        return target[token]
    if not isinstance(target, dict):
        raise ValueError(f"{path}: {token!r} is not inside an object")
    if target.get(token) is None:
        target[token] = {}
    return target[token]


def set_path(document: dict[str, Any], tokens: list[str | int], value: Any) -> None:
    """Set ``value`` at ``tokens`` in ``document`` (missing objects are created, list indexes must exist)."""
    path = ".".join(str(token) for token in tokens)
    target: Any = document
    for token in tokens[:-1]:
        target = _step(target, token, path)
    last = tokens[-1]
    if isinstance(last, int):
        if not isinstance(target, list) or last > len(target):
            raise ValueError(f"{path}: no element [{last}]")
        target[last : last + 1] = [value]
    elif isinstance(target, dict):
        target[last] = value
    else:
        raise ValueError(f"{path}: {last!r} is not inside an object")


@app.command("edit")
def edit_product(
    ctx: typer.Context,
    seller_product_id: IdArg,
    assignments: Annotated[
        list[str], typer.Option("--set", help="path=value (JSON value, else text), e.g. items[0].itemName=새 이름")
    ],
    requested: Annotated[
        bool | None, typer.Option("--requested/--no-requested", help="Ask for approval with the change")
    ] = None,
) -> None:
    """GET the product, change the given fields, PUT it back (one modify)."""
    changes = [parse_assignment(text) for text in assignments]

    def change(document: dict[str, Any]) -> None:
        for tokens, value in changes:
            set_path(document, tokens, value)

    with session(ctx) as client:
        emit(ctx, client.products.edit(seller_product_id, change, requested=requested))


@app.command("request-approval")
def request_approval(ctx: typer.Context, seller_product_id: IdArg) -> None:
    """Request approval of a saved marketplace product (Rocket Growth: `edit … --requested`)."""
    with session(ctx) as client:
        emit(ctx, client.products.request_approval(seller_product_id))


@app.command("delete")
def delete_product(ctx: typer.Context, seller_product_id: IdArg) -> None:
    """Delete a marketplace product whose options are all stopped."""
    with session(ctx) as client:
        emit(ctx, client.products.delete(seller_product_id))


@app.command("list-histories")
def list_histories(ctx: typer.Context, seller_product_id: IdArg) -> None:
    """Status changes of a product, newest first (every page)."""
    with session(ctx) as client:
        emit(ctx, list(client.products.list_histories(seller_product_id)))


@app.command("get-partial")
def get_partial(ctx: typer.Context, seller_product_id: IdArg) -> None:
    """Shipping and return fields of a marketplace product (changeable without a new approval)."""
    with session(ctx) as client:
        emit(ctx, client.products.get_partial(seller_product_id))


@app.command("update-partial")
def update_partial(ctx: typer.Context, seller_product_id: IdArg, file: FileArg) -> None:
    """Change shipping and return fields without a new approval (not for Rocket Growth products)."""
    payload = read_object(file)
    with session(ctx) as client:
        emit(ctx, client.products.update_partial(seller_product_id, payload))


@app.command("get-inflow-status")
def get_inflow_status(ctx: typer.Context) -> None:
    """Whether the vendor may register more products, and how many it has."""
    with session(ctx) as client:
        emit(ctx, client.products.get_inflow_status())


@app.command("list-by-time-frame")
def list_by_time_frame(
    ctx: typer.Context,
    start: Annotated[str, typer.Argument(help="createdAtFrom, yyyy-MM-ddTHH:mm:ss (KST)")],
    end: Annotated[str, typer.Argument(help="createdAtTo, at most 10 minutes after the start")],
) -> None:
    """Products created in a window of at most 10 minutes."""
    with session(ctx) as client:
        emit(ctx, client.products.list_by_time_frame(start, end), columns=LIST_COLUMNS)


@app.command("list-by-external-sku")
def list_by_external_sku(
    ctx: typer.Context, external_vendor_sku: Annotated[str, typer.Argument(help="externalVendorSku")]
) -> None:
    """Products whose options carry this externalVendorSku."""
    with session(ctx) as client:
        emit(ctx, client.products.list_by_external_sku(external_vendor_sku), columns=LIST_COLUMNS)


def _meta_file(path: str) -> CategoryMeta:
    data = read_json(path)
    if isinstance(data, dict) and isinstance(data.get("data"), dict) and "attributes" not in data:
        data = data["data"]  # a recorded response envelope
    try:
        return CategoryMeta.model_validate(data)
    except ValueError as exc:
        usage_error(f"{path} is not category metadata: {exc}")


@app.command("template")
def template(
    ctx: typer.Context,
    category: Annotated[int, typer.Option("--category", help="Leaf displayCategoryCode", min=1)],
    kind: Annotated[TemplateKind, typer.Option("--kind", help="Which sides the option has")],
) -> None:
    """Print a create payload for a category that `products validate` and the server accept as it is:
    every mandatory attribute, notice, certification and document of its metadata, filled with the first
    allowed value or a placeholder to replace (names, image, prices, return address)."""
    with session(ctx) as client:
        emit(ctx, client.products.template(category, kind=kind))


@app.command("validate")
def validate(
    ctx: typer.Context,
    file: FileArg,
    meta: Annotated[str | None, typer.Option("--meta", help="Recorded category metadata (JSON)")] = None,
    mode: Annotated[Mode | None, typer.Option("--mode", help="Default: update when sellerProductId is given")] = None,
) -> None:
    """Check a payload offline with the server's own rules; exit 1 with the problems listed."""
    payload = read_object(file)
    chosen = mode or (Mode.update if payload.get("sellerProductId") is not None else Mode.create)
    code = str(payload.get("displayCategoryCode", "")).strip()
    category: CategoryMeta | None = None
    source: str | None = None
    problems: list[str] = []
    if meta is not None:
        category, source = _meta_file(meta), meta
    elif options(ctx).has_credentials() and code.isdigit():
        with session(ctx) as client:
            try:
                category, source = client.categories.get_meta(code), "api"
            except APIStatusError as exc:
                problems.append(f"displayCategoryCode {code}: {exc.message}")
    else:
        note("category metadata not checked: pass --meta FILE, or credentials to fetch it from the API")
    problems += preflight_problems(payload, category, chosen.value)
    emit(ctx, {"valid": not problems, "mode": chosen.value, "categoryMeta": source, "problems": problems})
    if problems:
        raise typer.Exit(EXIT_FAILED)


app.command("export")(export)
