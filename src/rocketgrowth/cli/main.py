"""``rocketgrowth``: the root command; each area registers its sub-commands here."""

from __future__ import annotations

import typer

from rocketgrowth.cli import server

__all__ = ("app", "main")

app = typer.Typer(
    name="rocketgrowth",
    help="Coupang seller product API with Rocket Growth: sandbox server and client.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
server.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
