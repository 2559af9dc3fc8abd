"""``rocketgrowth``: the root command; each area registers its sub-commands here."""

from __future__ import annotations

import typer

from rocketgrowth.cli import (
    _common,
    bulk,
    categories,
    doctor,
    inquiries,
    products,
    rocket_growth,
    sandbox,
    server,
    vendor_items,
)

__all__ = ("app", "main")

app = typer.Typer(
    name="rocketgrowth",
    help="Coupang seller product API with Rocket Growth: sandbox server and client.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.callback()(_common.global_options)
server.register(app)
app.add_typer(products.app, name="products")
app.add_typer(vendor_items.app, name="vendor-items")
app.add_typer(bulk.prices_app, name="prices")
app.add_typer(bulk.stock_app, name="stock")
app.add_typer(categories.app, name="categories")
app.add_typer(inquiries.app, name="inquiries")
app.add_typer(rocket_growth.app, name="rocket-growth")
app.add_typer(sandbox.app, name="sandbox")
app.command("doctor")(doctor.doctor)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
