"""``rocketgrowth catalog …``: replace or dump the sandbox's category catalog (on the database directly).

``import`` reads what a user recorded from the real gateway (the category list, optionally also
fetched with ``registrationType=RFM|CGF`` and ``locale=en|zh-CN``, and the metadata of the leaves)
and swaps the whole catalog in one transaction: on any error nothing changes. ``export`` writes the
same files from a database, so ``export`` → ``import`` reproduces a catalog; ``reset`` brings back
the built-in one. Running servers pick the new catalog up on their next request.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from rocketgrowth.settings import DEFAULT_DB_URL

if TYPE_CHECKING:
    from rocketgrowth.domain.catalog import Catalog, CategoryNode
    from rocketgrowth.services import Services

__all__ = ("catalog_app",)

catalog_app = typer.Typer(
    help="The sandbox's category catalog: import one recorded from the real gateway, export, reset.",
    no_args_is_help=True,
)

DbOption = Annotated[
    str, typer.Option("--db", envvar="ROCKETGROWTH_DB", help="sqlite:///file.db or postgresql://user@host/db")
]


def _fail(message: str) -> NoReturn:
    typer.echo(json.dumps({"code": "ERROR", "message": message}, ensure_ascii=False), err=True)
    raise typer.Exit(2)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        _fail(f"{path}: no such file")
    except json.JSONDecodeError as exc:
        _fail(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{path}: cannot be read ({exc})")


@contextmanager
def _services(db_url: str, *, seed: bool) -> Iterator[Services]:
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings

    services = Services.build(Settings(db_url=db_url, rate_limit=0))
    try:
        services.db.migrate()
        if seed:
            with services.db.write() as conn:
                services.categories.seed_builtin(conn)
        yield services
    finally:
        services.db.dispose()


def _summary(catalog: Catalog, message: str) -> dict[str, Any]:
    nodes = catalog.nodes()
    leaves = [n for n in nodes if catalog.is_leaf(n.code)]
    without = [n.code for n in leaves if n.meta is None]
    return {
        "code": "SUCCESS",
        "message": message,
        "categories": len(nodes),
        "leaves": len(leaves),
        "rocketGrowthLeaves": sum(1 for n in leaves if n.rocket_growth),
        "globalFulfillmentLeaves": sum(1 for n in leaves if n.global_fulfillment),
        "leavesWithoutMeta": len(without),
        "leavesWithoutMetaSample": without[:10],
    }


def _nodes_from_files(
    tree: Path,
    meta: Path,
    rfm_tree: Path | None,
    cgf_tree: Path | None,
    en_tree: Path | None,
    zh_tree: Path | None,
) -> list[CategoryNode]:
    from rocketgrowth.domain.catalog import Locale
    from rocketgrowth.domain.catalog_files import build_nodes, read_metas, read_names, read_tree

    nodes = read_tree(_read_json(tree), source=str(tree))
    metas = read_metas(_read_json(meta), source=str(meta))
    rfm = {n.code for n in read_tree(_read_json(rfm_tree), source=str(rfm_tree))} if rfm_tree else set()
    cgf = {n.code for n in read_tree(_read_json(cgf_tree), source=str(cgf_tree))} if cgf_tree else set()
    names = {}
    if en_tree:
        names[Locale.EN] = read_names(_read_json(en_tree), source=str(en_tree))
    if zh_tree:
        names[Locale.ZH_CN] = read_names(_read_json(zh_tree), source=str(zh_tree))
    return build_nodes(nodes, metas, rocket_growth=rfm, global_fulfillment=cgf, names=names)


@catalog_app.command("import")
def import_catalog(
    tree: Annotated[Path, typer.Option("--tree", help="Category list response (GET …/meta/display-categories)")],
    meta: Annotated[Path, typer.Option("--meta", help="Metadata: {code: meta} or [{displayCategoryCode, meta}]")],
    rfm_tree: Annotated[
        Path | None, typer.Option("--rfm-tree", help="The list fetched with registrationType=RFM")
    ] = None,
    cgf_tree: Annotated[
        Path | None, typer.Option("--cgf-tree", help="The list fetched with registrationType=CGF")
    ] = None,
    en_tree: Annotated[Path | None, typer.Option("--en-tree", help="The list fetched with locale=en")] = None,
    zh_tree: Annotated[Path | None, typer.Option("--zh-tree", help="The list fetched with locale=zh-CN")] = None,
    db: DbOption = DEFAULT_DB_URL,
) -> None:
    """Replace the whole catalog with one recorded from the real gateway (atomic: all or nothing)."""
    from rocketgrowth.errors import Error

    try:
        nodes = _nodes_from_files(tree, meta, rfm_tree, cgf_tree, en_tree, zh_tree)
        with _services(db, seed=False) as services:
            with services.db.write() as conn:
                services.categories.replace_all(conn, nodes)
            with services.db.read() as conn:
                catalog = services.categories.catalog(conn)
    except Error as exc:
        _fail(exc.message)
    typer.echo(json.dumps(_summary(catalog, f"imported {tree.name} and {meta.name}"), ensure_ascii=False))


@catalog_app.command("export")
def export_catalog(
    tree: Annotated[Path, typer.Option("--tree", help="Write the category list response here")],
    meta: Annotated[Path, typer.Option("--meta", help="Write {code: meta} of every leaf here")],
    rfm_tree: Annotated[
        Path | None, typer.Option("--rfm-tree", help="Also write the registrationType=RFM list")
    ] = None,
    cgf_tree: Annotated[
        Path | None, typer.Option("--cgf-tree", help="Also write the registrationType=CGF list")
    ] = None,
    en_tree: Annotated[Path | None, typer.Option("--en-tree", help="Also write the locale=en list")] = None,
    zh_tree: Annotated[Path | None, typer.Option("--zh-tree", help="Also write the locale=zh-CN list")] = None,
    db: DbOption = DEFAULT_DB_URL,
) -> None:
    """Write the catalog in the gateway's shapes, ready for "rocketgrowth catalog import"."""
    from rocketgrowth.domain.catalog import Locale, RegistrationType
    from rocketgrowth.domain.catalog_files import meta_document, tree_document

    with _services(db, seed=True) as services, services.db.read() as conn:
        catalog = services.categories.catalog(conn)
    documents: list[tuple[Path | None, Any]] = [
        (tree, tree_document(catalog)),
        (meta, meta_document(catalog)),
        (rfm_tree, tree_document(catalog, registration_type=RegistrationType.RFM)),
        (cgf_tree, tree_document(catalog, registration_type=RegistrationType.CGF)),
        (en_tree, tree_document(catalog, locale=Locale.EN)),
        (zh_tree, tree_document(catalog, locale=Locale.ZH_CN)),
    ]
    for path, document in documents:
        if path is None:
            continue
        try:
            path.write_text(json.dumps(document, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            _fail(f"{path}: cannot be written ({exc})")
    typer.echo(json.dumps(_summary(catalog, f"exported to {tree.name} and {meta.name}"), ensure_ascii=False))


@catalog_app.command("reset")
def reset_catalog(db: DbOption = DEFAULT_DB_URL) -> None:
    """Bring back the built-in catalog."""
    with _services(db, seed=False) as services:
        with services.db.write() as conn:
            services.categories.restore_builtin(conn)
        with services.db.read() as conn:
            catalog = services.categories.catalog(conn)
    typer.echo(json.dumps(_summary(catalog, "built-in catalog restored"), ensure_ascii=False))
