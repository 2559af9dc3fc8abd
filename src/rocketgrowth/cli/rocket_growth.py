"""``rocketgrowth rocket-growth …``: the Rocket Growth Open API (warehouse inventory and orders).

``list-orders`` streams every order of an inclusive KST date range (asked for in windows of at most 30
days) to JSON lines (one order per line, as the API sends it) or CSV (one row per order item), with a
progress bar; ``--resume`` continues an interrupted export into the same file: it starts again at the
day of the last order written and skips the orders the file already holds.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from rocketgrowth.cli._common import emit, note, progress_bar, session, usage_error
from rocketgrowth.clock import KST
from rocketgrowth.wire.rocket_growth import Order, paid_at_of

__all__ = ("ORDER_COLUMNS", "app")

app = typer.Typer(help="Rocket Growth Open API: warehouse inventory and orders.", no_args_is_help=True)

INVENTORY_COLUMNS = ("vendorItemId", "externalSkuId", "orderableQuantity", "soldLastThirtyDays")
ORDER_COLUMNS = ("orderId", "paidAt", "vendorId", "vendorItemId", "productName", "salesQuantity", "unitSalesPrice",
                 "currency")  # fmt: skip


class OrderFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date yyyy-MM-dd", param_hint=option) from None


@app.command("list-inventories")
def list_rocket_growth_inventories(
    ctx: typer.Context,
    vendor_item_id: Annotated[int | None, typer.Option("--vendor-item-id", min=1, help="One option only")] = None,
    low_stock: Annotated[
        int | None, typer.Option("--low-stock", min=0, help="Only options with at most N orderable units")
    ] = None,
) -> None:
    """Orderable units and units sold in the last 30 days of every Rocket Growth option (all pages)."""
    with session(ctx) as client:
        rows = [
            {"vendorItemId": row.vendor_item_id, "externalSkuId": row.external_sku_id,
             "orderableQuantity": row.orderable_quantity, "soldLastThirtyDays": row.sold_last_thirty_days}
            for row in client.rocket_growth.list_inventories(vendor_item_id=vendor_item_id)
            if low_stock is None or row.orderable_quantity <= low_stock
        ]  # fmt: skip
        emit(ctx, rows, columns=INVENTORY_COLUMNS)


@app.command("get-order")
def get_rocket_growth_order(
    ctx: typer.Context, order_id: Annotated[int, typer.Argument(help="orderId", min=1)]
) -> None:
    """One order, as the API sends it."""
    with session(ctx) as client:
        emit(ctx, client.rocket_growth.get_order(order_id).raw)


def order_rows(order: Order) -> Iterator[dict[str, Any]]:
    """One CSV row per item of the order (``paidAt`` ISO-8601 UTC)."""
    for item in order.order_items:
        yield {"orderId": order.order_id, "paidAt": order.paid_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
               "vendorId": order.vendor_id, "vendorItemId": item.vendor_item_id, "productName": item.product_name,
               "salesQuantity": item.sales_quantity, "unitSalesPrice": item.unit_sales_price,
               "currency": item.currency}  # fmt: skip


def _written(path: Path, fmt: OrderFormat) -> tuple[set[int], date | None]:
    """The orders an earlier export wrote, and the KST day of the last one."""
    ids: set[int] = set()
    last: date | None = None
    with path.open(encoding="utf-8", newline="") as handle:
        records: Iterator[dict[str, Any]] = (
            csv.DictReader(handle) if fmt is OrderFormat.csv else (json.loads(line) for line in handle if line.strip())
        )
        for record in records:
            ids.add(int(record["orderId"]))
            last = paid_at_of(record["paidAt"]).astimezone(KST).date()
    return ids, last


def _write(out: IO[str], fmt: OrderFormat, *, header: bool) -> Any:
    if fmt is OrderFormat.csv:
        writer = csv.DictWriter(out, fieldnames=ORDER_COLUMNS)
        if header:
            writer.writeheader()
        return lambda order: writer.writerows(order_rows(order))
    return lambda order: out.write(json.dumps(order.raw, ensure_ascii=False) + "\n")


@app.command("list-orders")
def list_rocket_growth_orders(
    ctx: typer.Context,
    paid_from: Annotated[str, typer.Option("--from", help="First KST day paid, yyyy-MM-dd")],
    paid_to: Annotated[str, typer.Option("--to", help="Last KST day paid, yyyy-MM-dd (included)")],
    fmt: Annotated[OrderFormat, typer.Option("--format", help="jsonl (one order a line) or csv (one item a row)")] = (
        OrderFormat.jsonl
    ),
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="File to write (default: JSON on stdout)")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted export into --output")] = False,
) -> None:
    """Every shipped order paid from --from to --to (both days included), streamed."""
    first, last = _day(paid_from, "--from"), _day(paid_to, "--to")
    if last < first:
        raise typer.BadParameter("--to is before --from", param_hint="--to")
    if output is None:
        if resume:
            usage_error("--resume needs --output FILE")
        with session(ctx) as client:
            emit(ctx, [order.raw for order in client.rocket_growth.list_orders(first, last)])
        return
    path = Path(output)
    done: set[int] = set()
    if resume and path.exists():
        done, last_day = _written(path, fmt)
        if last_day is not None:
            first = max(first, last_day)
    days = (last - first).days + 1
    written = 0
    try:
        handle = path.open("a" if done or (resume and path.exists()) else "w", encoding="utf-8", newline="")
    except OSError as exc:
        usage_error(f"cannot write {output}: {exc.strerror or exc}")
    with handle, session(ctx) as client, progress_bar() as bar:
        write = _write(handle, fmt, header=handle.tell() == 0)
        task = bar.add_task("orders", total=None)
        for order in client.rocket_growth.list_orders(first, last):
            if order.order_id in done:
                continue
            write(order)
            written += 1
            bar.advance(task)
    span = f"{first} to {last} ({days} day{'s' if days != 1 else ''})"
    note(f"{written} orders written to {output}, paid {span}" + (f"; {len(done)} were there already" if done else ""))
