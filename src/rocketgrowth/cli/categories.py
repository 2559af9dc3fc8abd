"""``rocketgrowth categories …``: the display-category tree, one category, its metadata and status."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from rocketgrowth.cli._common import emit, options, session
from rocketgrowth.wire.categories import CategoryNode

__all__ = ("app", "flatten")

app = typer.Typer(help="Display categories and what a product of each must carry.", no_args_is_help=True)

CodeArg = Annotated[int, typer.Argument(help="displayCategoryCode", min=0)]


def flatten(node: CategoryNode, path: str = "") -> list[dict[str, Any]]:
    """The tree as rows (depth first): code, name, status, the path of names, whether it is a leaf."""
    here = f"{path} > {node.name}" if path else (node.name or "")
    rows = [
        {
            "displayCategoryCode": node.display_category_code,
            "name": node.name,
            "status": node.status,
            "path": here,
            "leaf": not node.children,
        }
    ]
    for child in node.children:
        rows += flatten(child, here)
    return rows


@app.command("list")
def list_categories(
    ctx: typer.Context,
    registration_type: Annotated[
        str | None, typer.Option("--registration-type", help="RFM: the categories Rocket Growth operates")
    ] = None,
    locale: Annotated[str | None, typer.Option("--locale", help="en, zh-CN or kr")] = None,
    flat: Annotated[bool, typer.Option("--flat", help="One row per category instead of the tree")] = False,
) -> None:
    """The whole category tree (as its root node), or one row per category with --flat."""
    with session(ctx) as client:
        root = client.categories.list(registration_type=registration_type, locale=locale)
    emit(ctx, flatten(root) if flat or options(ctx).table else root)


@app.command("get")
def get_category(ctx: typer.Context, code: CodeArg) -> None:
    """One category with its children (0 = the root)."""
    with session(ctx) as client:
        emit(ctx, client.categories.get(code))


@app.command("get-meta")
def get_category_meta(ctx: typer.Context, code: CodeArg) -> None:
    """Attributes, notices, documents and certifications a product of this leaf category needs
    (save it to a file for `products validate --meta`)."""
    with session(ctx) as client:
        emit(ctx, client.categories.get_meta(code))


@app.command("get-status")
def get_category_status(ctx: typer.Context, code: CodeArg) -> None:
    """Whether a leaf category can be used for new products."""
    with session(ctx) as client:
        emit(ctx, {"displayCategoryCode": code, "usable": client.categories.get_status(code)})
