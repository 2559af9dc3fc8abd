"""``rocketgrowth vendor-items …``: one option (vendorItemId) at a time, named as the SDK's
``client.vendor_items`` methods. Many at once from a CSV: ``prices set`` and ``stock set``."""

from __future__ import annotations

from typing import Annotated

import typer

from rocketgrowth.cli._common import emit, session

__all__ = ("app",)

app = typer.Typer(help="One option's stock, price and sale state (vendorItemId).", no_args_is_help=True)

ItemArg = Annotated[int, typer.Argument(help="vendorItemId", min=1)]
AmountArg = Annotated[int, typer.Argument(min=0)]


@app.command("get-inventory")
def get_inventory(ctx: typer.Context, vendor_item_id: ItemArg) -> None:
    """Stock, sale price and sale state of an option."""
    with session(ctx) as client:
        emit(ctx, client.vendor_items.get_inventory(vendor_item_id))


@app.command("set-quantity")
def set_quantity(ctx: typer.Context, vendor_item_id: ItemArg, quantity: AmountArg) -> None:
    """Set the stock of an option."""
    with session(ctx) as client:
        emit(ctx, client.vendor_items.set_quantity(vendor_item_id, quantity))


@app.command("set-price")
def set_price(
    ctx: typer.Context,
    vendor_item_id: ItemArg,
    price: AmountArg,
    force: Annotated[bool, typer.Option("--force", help="Lift the −50 %…+100 % guard")] = False,
) -> None:
    """Set the sale price of an option (10-won units)."""
    with session(ctx) as client:
        emit(ctx, client.vendor_items.set_price(vendor_item_id, price, force=force))


@app.command("set-original-price")
def set_original_price(ctx: typer.Context, vendor_item_id: ItemArg, original_price: AmountArg) -> None:
    """Set the base price the discount is shown against."""
    with session(ctx) as client:
        emit(ctx, client.vendor_items.set_original_price(vendor_item_id, original_price))


@app.command("resume-sale")
def resume_sale(ctx: typer.Context, vendor_item_id: ItemArg) -> None:
    """Resume the sale of an option."""
    with session(ctx) as client:
        emit(ctx, client.vendor_items.resume_sale(vendor_item_id))


@app.command("stop-sale")
def stop_sale(ctx: typer.Context, vendor_item_id: ItemArg) -> None:
    """Stop the sale of an option."""
    with session(ctx) as client:
        emit(ctx, client.vendor_items.stop_sale(vendor_item_id))
