"""``rocketgrowth sandbox …``: the sandbox's operator API (``/sandbox/v1``), what Coupang's staff and
customers would do: reviews, inbounds, inspections, inquiries, the clock, reset, export/import.

Calls carry ``Authorization: Bearer <admin token>`` when one is given (``--admin-token`` or
``ROCKETGROWTH_ADMIN_TOKEN``; a server bound to loopback without a token accepts local callers).
Errors are read by the SDK's own response mapping, so they get the same JSON and exit codes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import httpx
import typer

from rocketgrowth.cli._common import emit, fail, options, read_json, usage_error
from rocketgrowth.sdk import APIError
from rocketgrowth.sdk._base import CONTENT_TYPE, USER_AGENT, Call, connection_error, parse_response
from rocketgrowth.sdk._client import tls_context

__all__ = ("DEFAULT_SANDBOX_URL", "Operator", "app", "operator_for")

DEFAULT_SANDBOX_URL = "http://127.0.0.1:8000"
OPERATOR = "/sandbox/v1"

app = typer.Typer(help="The sandbox's operator API: reviews, inbounds, inquiries, clock, state.", no_args_is_help=True)
vendors_app = typer.Typer(help="Sandbox vendors, their keys and consent.", no_args_is_help=True)
reviews_app = typer.Typer(help="The review queue.", no_args_is_help=True)
products_app = typer.Typer(help="Review decisions on products.", no_args_is_help=True)
inbounds_app = typer.Typer(help="Rocket Growth warehouse inbounds and inspections.", no_args_is_help=True)
rocket_growth_items_app = typer.Typer(help="Rocket Growth options and their inbound state.", no_args_is_help=True)
inquiries_app = typer.Typer(help="Customer inquiries (as the customer).", no_args_is_help=True)
clock_app = typer.Typer(help="Sandbox time.", no_args_is_help=True)
state_app = typer.Typer(help="The whole sandbox state: reset, export, import.", no_args_is_help=True)
app.add_typer(vendors_app, name="vendors")
app.add_typer(reviews_app, name="reviews")
app.add_typer(products_app, name="products")
app.add_typer(inbounds_app, name="inbounds")
app.add_typer(rocket_growth_items_app, name="rocket-growth-items")
app.add_typer(inquiries_app, name="inquiries")
app.add_typer(clock_app, name="clock")
app.add_typer(state_app, name="state")
rocket_growth_orders_app = typer.Typer(
    help="Rocket Growth orders: customers buying from the warehouse, shipment, cancel, a simulation.",
    no_args_is_help=True,
)
app.add_typer(rocket_growth_orders_app, name="rocket-growth-orders")


@dataclass(frozen=True, slots=True)
class Operator:
    """A small client of the operator API: JSON in, the envelope's ``data`` out, SDK errors on failure."""

    base_url: str
    token: str | None = None
    timeout: float = 30.0

    def call(self, method: str, path: str, body: Any = None) -> Any:
        headers = {"Content-Type": CONTENT_TYPE, "User-Agent": USER_AGENT}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        content = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        operation: Call[Any] = Call(method, path, lambda envelope: envelope.data, body=body)
        with httpx.Client(timeout=self.timeout, verify=tls_context()) as http:
            request = http.build_request(method, self.base_url.rstrip("/") + path, content=content, headers=headers)
            try:
                response = http.send(request)
            except httpx.TransportError as exc:
                raise connection_error(exc, request) from exc
        return parse_response(response, operation)


ADMIN_TOKEN = "rocketgrowth.admin_token"


def operator_for(ctx: typer.Context, token: str | None) -> Operator:
    """The operator client of the global options (sandbox URL default: the local ``serve``)."""
    opts = options(ctx)
    base_url = opts.base_url or DEFAULT_SANDBOX_URL
    host = httpx.URL(base_url).host
    if host == "coupang.com" or host.endswith(".coupang.com"):
        usage_error(f"{base_url} is Coupang's gateway: the operator API exists only on a rocketgrowth sandbox")
    return Operator(base_url, token, opts.timeout)


@app.callback()
def sandbox(
    ctx: typer.Context,
    admin_token: Annotated[
        str | None, typer.Option("--admin-token", envvar="ROCKETGROWTH_ADMIN_TOKEN", help="Operator bearer token")
    ] = None,
) -> None:
    """The operator API of a rocketgrowth sandbox (never the real gateway)."""
    ctx.meta[ADMIN_TOKEN] = admin_token


@contextmanager
def operator(ctx: typer.Context) -> Iterator[Operator]:
    """The operator client for one command; its errors end the command like the SDK's."""
    client = operator_for(ctx, ctx.meta.get(ADMIN_TOKEN))
    try:
        yield client
    except APIError as exc:
        fail(exc)


def _send(ctx: typer.Context, method: str, path: str, body: Any = None) -> None:
    with operator(ctx) as client:
        emit(ctx, client.call(method, OPERATOR + path, body))


@vendors_app.command("create")
def create_vendor(
    ctx: typer.Context,
    vendor_id: Annotated[str, typer.Argument(help="Vendor code, e.g. A00012345")],
    name: Annotated[str | None, typer.Option("--name")] = None,
    consent: Annotated[bool, typer.Option("--consent", help="Also agree to the Rocket Growth terms")] = False,
) -> None:
    """Create a vendor with an API key (prints vendorId, accessKey, secretKey)."""
    body: dict[str, Any] = {"vendorId": vendor_id, "consent": consent}
    if name is not None:
        body["name"] = name
    _send(ctx, "POST", "/vendors", body)


@vendors_app.command("list")
def list_vendors(ctx: typer.Context) -> None:
    """Every vendor with its consent and access keys (never the secrets)."""
    _send(ctx, "GET", "/vendors")


@vendors_app.command("issue-key")
def issue_vendor_key(ctx: typer.Context, vendor_id: Annotated[str, typer.Argument(help="Vendor code")]) -> None:
    """Issue another API key for a vendor (earlier keys stay valid); prints the secret once."""
    _send(ctx, "POST", f"/vendors/{vendor_id}/keys")


@vendors_app.command("set-consent")
def set_vendor_consent(
    ctx: typer.Context,
    vendor_id: Annotated[str, typer.Argument(help="Vendor code")],
    withdraw: Annotated[bool, typer.Option("--withdraw", help="Withdraw the consent instead")] = False,
) -> None:
    """Agree (or no longer agree) to the Rocket Growth product API & inspection terms, as in WING."""
    _send(ctx, "PUT", f"/vendors/{vendor_id}/consent", {"consent": not withdraw})


def _positions(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise typer.BadParameter(f"{text!r}: option positions such as 0,2", param_hint="--partial") from None


@reviews_app.command("list")
def list_reviews(ctx: typer.Context) -> None:
    """The review queue (승인대기중, 심사중) of every vendor."""
    _send(ctx, "GET", "/reviews")


@products_app.command("review")
def review_product(
    ctx: typer.Context,
    seller_product_id: Annotated[int, typer.Argument(help="sellerProductId", min=1)],
    approve: Annotated[bool, typer.Option("--approve", help="Approve every option")] = False,
    deny: Annotated[str | None, typer.Option("--deny", metavar="REASON", help="Deny, with the reason")] = None,
    partial: Annotated[
        str | None, typer.Option("--partial", metavar="POSITIONS", help="Approve these options, e.g. 0,2")
    ] = None,
) -> None:
    """Decide a product under review: --approve, --deny REASON or --partial 0,2."""
    if sum((approve, deny is not None, partial is not None)) != 1:
        raise typer.BadParameter("give exactly one of --approve, --deny REASON, --partial POSITIONS")
    body: dict[str, Any]
    if approve:
        body = {"decision": "APPROVE"}
    elif deny is not None:
        body = {"decision": "DENY", "reason": deny}
    else:
        body = {"decision": "PARTIAL_APPROVE", "positions": _positions(partial or "")}
    _send(ctx, "POST", f"/products/{seller_product_id}/review", body)


ItemArg = Annotated[int, typer.Argument(help="sellerProductItemId of a Rocket Growth option", min=1)]


@inbounds_app.command("create")
def create_inbound(
    ctx: typer.Context,
    seller_product_item_id: ItemArg,
    quantity: Annotated[int, typer.Option("--quantity", min=1, help="Units received (inbounds add up)")],
) -> None:
    """Receive units of a Rocket Growth option into its open inbound (locks its barcode and skuInfo)."""
    _send(ctx, "POST", f"/vendor-items/{seller_product_item_id}/inbound", {"quantity": quantity})


@inbounds_app.command("set-inspection")
def set_inbound_inspection(
    ctx: typer.Context,
    seller_product_item_id: ItemArg,
    passed: Annotated[bool, typer.Option("--passed/--failed", help="The inspection result")],
    comment: Annotated[str | None, typer.Option("--comment", help="The inspector's note")] = None,
    accepted: Annotated[
        int | None, typer.Option("--accepted", min=0, help="Units that pass (default: all of the inbound)")
    ] = None,
) -> None:
    """Record the warehouse inspection result of a Rocket Growth option's inbound."""
    body: dict[str, Any] = {"result": "PASSED" if passed else "FAILED"}
    if comment is not None:
        body["comment"] = comment
    if accepted is not None:
        body["acceptedQuantity"] = accepted
    _send(ctx, "PUT", f"/vendor-items/{seller_product_item_id}/inspection", body)


@rocket_growth_items_app.command("list")
def list_rocket_growth_items(ctx: typer.Context) -> None:
    """Rocket Growth options with their inbound and inspection state."""
    _send(ctx, "GET", "/rocket-growth-items")


@inquiries_app.command("add")
def add_inquiry(
    ctx: typer.Context,
    vendor_item_id: Annotated[int, typer.Argument(help="vendorItemId of an approved option", min=1)],
    text: Annotated[str, typer.Argument(help="The customer's question")],
) -> None:
    """A customer asks a question about an option."""
    _send(ctx, "POST", "/inquiries", {"vendorItemId": vendor_item_id, "content": text})


@inquiries_app.command("list-all")
def list_all_inquiries(
    ctx: typer.Context,
    vendor_id: Annotated[str | None, typer.Option("--vendor-id", help="Only this vendor's")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000)] = 100,
) -> None:
    """The newest inquiries with their answers and who wrote them."""
    query = f"?limit={limit}" + (f"&vendorId={quote(vendor_id, safe='')}" if vendor_id else "")
    _send(ctx, "GET", f"/inquiries{query}")


@clock_app.command("get")
def get_clock(ctx: typer.Context) -> None:
    """The sandbox time (KST) and its offset from real time."""
    _send(ctx, "GET", "/clock")


@clock_app.command("advance")
def advance_clock(
    ctx: typer.Context,
    seconds: Annotated[float, typer.Argument(help="Seconds to move sandbox time on", min=0)],
) -> None:
    """Move sandbox time on (review delays, inquiry windows); settles due delayed reviews."""
    _send(ctx, "POST", "/clock/advance", {"seconds": seconds})


@state_app.command("reset")
def reset_state(
    ctx: typer.Context,
    keep_vendors: Annotated[bool, typer.Option("--keep-vendors", help="Keep vendors and their keys")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask")] = False,
) -> None:
    """Erase products, inquiries and (unless --keep-vendors) vendors; categories stay."""
    if not yes and not typer.confirm("Erase the sandbox?"):
        raise typer.Abort()
    _send(ctx, "POST", "/reset", {"keepVendors": keep_vendors})


@state_app.command("export")
def export_state(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="JSON file to write", dir_okay=False)],
    categories: Annotated[bool, typer.Option("--categories", help="Include the category tree and metadata")] = False,
) -> None:
    """Save the whole sandbox state to a JSON file (for `sandbox state import`)."""
    with operator(ctx) as client:
        state = client.call("GET", f"{OPERATOR}/state" + ("?categories=true" if categories else ""))
    try:
        file.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        usage_error(f"cannot write {file}: {exc.strerror or exc}")
    emit(ctx, {"exported": str(file)})


@state_app.command("import")
def import_state(
    ctx: typer.Context, file: Annotated[str, typer.Argument(help="JSON file from `sandbox state export`")]
) -> None:
    """Replace the sandbox state with a saved one."""
    _send(ctx, "PUT", "/state", read_json(file))


# --- Rocket Growth orders ---------------------------------------------------------------------

ROCKET_GROWTH = "/rocket-growth"


def _order_item(text: str) -> dict[str, int]:
    vendor_item_id, _, quantity = text.partition(":")
    if not (vendor_item_id.isdigit() and (quantity or "1").isdigit()):
        raise typer.BadParameter(f"{text!r}: VENDOR_ITEM_ID[:QUANTITY], e.g. 70000000001:2", param_hint="ITEMS")
    return {"vendorItemId": int(vendor_item_id), "quantity": int(quantity or "1")}


@rocket_growth_orders_app.command("create")
def create_rocket_growth_order(
    ctx: typer.Context,
    vendor_id: Annotated[str, typer.Option("--vendor-id", help="The seller whose options are bought")],
    items: Annotated[list[str], typer.Argument(help="VENDOR_ITEM_ID[:QUANTITY] … (quantity 1 by default)")],
    paid_at: Annotated[
        str | None, typer.Option("--paid-at", help="yyyy-MM-ddTHH:mm:ss KST (default: sandbox now)")
    ] = None,
    shipped: Annotated[
        bool, typer.Option("--shipped/--not-shipped", help="Shipped orders show in the seller's order list")
    ] = True,
) -> None:
    """A customer orders Rocket Growth options: their orderable units are taken at once."""
    body: dict[str, Any] = {"vendorId": vendor_id, "items": [_order_item(item) for item in items], "shipped": shipped}
    if paid_at is not None:
        body["paidAt"] = paid_at
    _send(ctx, "POST", f"{ROCKET_GROWTH}/orders", body)


@rocket_growth_orders_app.command("ship")
def ship_rocket_growth_order(ctx: typer.Context, order_id: Annotated[int, typer.Argument(min=1)]) -> None:
    """Ship a paid order: the seller's order list shows it from now on."""
    _send(ctx, "POST", f"{ROCKET_GROWTH}/orders/{order_id}/ship")


@rocket_growth_orders_app.command("cancel")
def cancel_rocket_growth_order(ctx: typer.Context, order_id: Annotated[int, typer.Argument(min=1)]) -> None:
    """Cancel a paid order before shipment: its units become orderable again."""
    _send(ctx, "POST", f"{ROCKET_GROWTH}/orders/{order_id}/cancel")


@rocket_growth_orders_app.command("simulate")
def simulate_rocket_growth_orders(
    ctx: typer.Context,
    vendor_id: Annotated[str, typer.Option("--vendor-id")],
    days: Annotated[int, typer.Option("--days", min=1, help="Spread over this many days before sandbox now")] = 30,
    orders_per_day: Annotated[int, typer.Option("--orders-per-day", min=1)] = 5,
    seed: Annotated[int, typer.Option("--seed", min=0, help="The same seed and stock give the same orders")] = 0,
) -> None:
    """Shipped orders over the vendor's options with stock (never below zero stock)."""
    body = {"vendorId": vendor_id, "days": days, "ordersPerDay": orders_per_day, "seed": seed}
    _send(ctx, "POST", f"{ROCKET_GROWTH}/simulate", body)


@rocket_growth_orders_app.command("list-all")
def list_all_rocket_growth_orders(
    ctx: typer.Context,
    vendor_id: Annotated[str | None, typer.Option("--vendor-id")] = None,
    status: Annotated[str | None, typer.Option("--status", help="PAID, SHIPPED or CANCELLED")] = None,
) -> None:
    """The newest orders (of one vendor, in one status) with their state."""
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in (("vendorId", vendor_id), ("status", status)) if v)
    _send(ctx, "GET", f"{ROCKET_GROWTH}/orders" + (f"?{query}" if query else ""))
