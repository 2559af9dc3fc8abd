"""Server-side commands that work on a database directly: ``serve``, ``vendor``, ``db``."""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from typing import Annotated

import typer

from rocketgrowth.cli import categories_admin
from rocketgrowth.settings import DEFAULT_DB_URL

__all__ = ("register",)

DEMO_VENDOR = "A00012345"

DbOption = Annotated[
    str, typer.Option("--db", envvar="ROCKETGROWTH_DB", help="sqlite:///file.db or postgresql://user@host/db")
]

vendor_app = typer.Typer(help="Vendors and their API keys (works on the database directly).", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


def _prepare(db_url: str) -> object:
    """Migrate and seed the database once; returns the Services."""
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings

    services = Services.build(Settings(db_url=db_url, rate_limit=0))
    services.db.migrate(progress=_render_progress)
    with services.db.write() as conn:
        services.categories.seed_builtin(conn)
    return services


def _render_progress(done: int, total: int) -> None:
    """How far the products' kept JSON is rendered again (after a change of the rendering), on stderr."""
    last = done >= total
    tty = sys.stderr.isatty()
    typer.echo(
        f"{chr(13) if tty else ''}rendering stored product JSON again: {done}/{total}", err=True, nl=last or not tty
    )


def _vendor_with_key(db_url: str, vendor_id: str, *, consent: bool, create: bool = True) -> dict[str, object]:
    from rocketgrowth.errors import NotFound
    from rocketgrowth.services import Services

    services = _prepare(db_url)
    assert isinstance(services, Services)
    with services.db.write() as conn:
        now = services.now(conn)
        try:
            vendor = services.vendors.get(conn, vendor_id)
            keys = services.vendors.keys(conn, vendor_id)
            key = keys[0] if keys else services.vendors.issue_vendor_key(conn, vendor_id, now=now)
        except NotFound:
            if not create:
                raise
            vendor = services.vendors.create_vendor(conn, vendor_id, now=now)
            key = services.vendors.issue_vendor_key(conn, vendor_id, now=now)
        if consent and not vendor.rocket_growth_consent:
            vendor = services.vendors.set_vendor_consent(conn, vendor_id, True, now=now)
    services.db.dispose()
    return {
        "vendorId": vendor.vendor_id,
        "accessKey": key.access_key,
        "secretKey": key.secret_key,
        "rocketGrowthConsent": vendor.rocket_growth_consent,
    }


@vendor_app.command("create")
def vendor_create(
    vendor_id: Annotated[str, typer.Argument(help="Vendor code, e.g. A00012345")],
    consent: Annotated[bool, typer.Option("--consent", help="Also agree to the Rocket Growth terms")] = False,
    db: DbOption = DEFAULT_DB_URL,
) -> None:
    """Create a vendor and its API key; prints {"vendorId","accessKey","secretKey"}."""
    from rocketgrowth.errors import Error
    from rocketgrowth.services import Services

    services = _prepare(db)
    assert isinstance(services, Services)
    try:
        with services.db.write() as conn:
            now = services.now(conn)
            services.vendors.create_vendor(conn, vendor_id, now=now)
            key = services.vendors.issue_vendor_key(conn, vendor_id, now=now)
            if consent:
                services.vendors.set_vendor_consent(conn, vendor_id, True, now=now)
    except Error as exc:
        typer.echo(json.dumps({"code": "ERROR", "message": exc.message}, ensure_ascii=False), err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps({"vendorId": vendor_id, "accessKey": key.access_key, "secretKey": key.secret_key}))


@vendor_app.command("set-consent")
def vendor_set_consent(
    vendor_id: Annotated[str, typer.Argument(help="Vendor code")],
    withdraw: Annotated[bool, typer.Option("--withdraw", help="Withdraw the consent instead")] = False,
    db: DbOption = DEFAULT_DB_URL,
) -> None:
    """Agree to the Rocket Growth product API & inspection terms for a vendor (as in WING)."""
    from rocketgrowth.errors import Error
    from rocketgrowth.services import Services

    services = _prepare(db)
    assert isinstance(services, Services)
    try:
        with services.db.write() as conn:
            vendor = services.vendors.set_vendor_consent(conn, vendor_id, not withdraw, now=services.now(conn))
    except Error as exc:
        typer.echo(json.dumps({"code": "ERROR", "message": exc.message}, ensure_ascii=False), err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps({"vendorId": vendor.vendor_id, "rocketGrowthConsent": vendor.rocket_growth_consent}))


@vendor_app.command("keys")
def vendor_keys(vendor_id: Annotated[str, typer.Argument()], db: DbOption = DEFAULT_DB_URL) -> None:
    """Print a vendor's key (issues one when it has none)."""
    typer.echo(json.dumps(_vendor_with_key(db, vendor_id, consent=False, create=False)))


@db_app.command("upgrade")
def db_upgrade(db: DbOption = DEFAULT_DB_URL) -> None:
    """Run the migrations once (before starting several workers or machines)."""
    _prepare(db)
    typer.echo(json.dumps({"code": "SUCCESS", "message": "database is up to date"}))


def _seed_demo(db_url: str) -> None:
    """Demo products, inbounds and an inquiry for the demo vendor, into an empty database only."""
    from rocketgrowth.demo import seed_demo
    from rocketgrowth.services import Services
    from rocketgrowth.settings import Settings

    services = Services.build(Settings(db_url=db_url, rate_limit=0, review_mode="manual"))
    try:
        seeded = seed_demo(services, DEMO_VENDOR)
    finally:
        services.db.dispose()
    if seeded is None:
        typer.echo("demo data: the database already has products; nothing added", err=True)
    else:
        others = ("inbounds", "inquiries", "rocketGrowthOrders")
        products = sum(len(ids) for key, ids in seeded.items() if key not in others)
        labels = {"saleStopped": "sale stopped", "inReview": "in review"}
        states = ", ".join(f"{len(ids)} {labels.get(key, key)}" for key, ids in seeded.items() if key not in others)
        typer.echo(
            f"demo data: {products} products of every kind ({states}), {len(seeded['inbounds'])} Rocket Growth "
            f"inbounds, {len(seeded['rocketGrowthOrders'])} Rocket Growth orders, {len(seeded['inquiries'])} "
            "customer inquiry (see /console)"
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: Annotated[str, typer.Option(help="Address to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    db: DbOption = DEFAULT_DB_URL,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    review_mode: Annotated[str, typer.Option("--review-mode", help="auto, manual or delay:SECONDS")] = "auto",
    rate_limit: Annotated[float, typer.Option("--rate-limit", help="Calls/s per vendor (0 = off)")] = 10.0,
    rg_rate_limit: Annotated[
        float, typer.Option("--rg-rate-limit", help="Rocket Growth Open API calls/min per vendor (0 = off)")
    ] = 50.0,
    redis_url: Annotated[str, typer.Option("--redis-url", envvar="ROCKETGROWTH_REDIS_URL")] = "",
    admin_token: Annotated[str, typer.Option("--admin-token", envvar="ROCKETGROWTH_ADMIN_TOKEN")] = "",
    demo: Annotated[bool, typer.Option("--demo", help=f"Create demo vendor {DEMO_VENDOR} and print its keys")] = False,
    no_demo_data: Annotated[
        bool, typer.Option("--no-demo-data", help="With --demo: no demo products, inbounds or inquiry")
    ] = False,
    log_level: Annotated[str, typer.Option("--log-level")] = "warning",
    header_timeout: Annotated[
        float, typer.Option("--header-timeout", help="Seconds to send a request's head (and to idle between calls)")
    ] = 5.0,
    body_timeout: Annotated[float, typer.Option("--body-timeout", help="Seconds a request body may stall")] = 10.0,
    max_request_line: Annotated[int, typer.Option("--max-request-line", help="Longest request line, bytes")] = 8192,
    max_header_bytes: Annotated[int, typer.Option("--max-header-bytes", help="Largest header block, bytes")] = 65536,
) -> None:
    """Start the sandbox server (SQLite by default; PostgreSQL with --db postgresql://…)."""
    from rocketgrowth.api import server
    from rocketgrowth.domain.review import parse_review_mode
    from rocketgrowth.settings import Settings

    try:
        parse_review_mode(review_mode)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--review-mode") from None
    if not _is_loopback(host) and not admin_token:
        raise typer.BadParameter("binding a non-loopback address needs --admin-token", param_hint="--host")
    if workers > 1 and rate_limit > 0 and not redis_url:
        typer.echo("note: with several workers the rate limit is per worker; pass --redis-url to share it", err=True)
    if demo:
        info = _vendor_with_key(db, DEMO_VENDOR, consent=True)
        typer.echo(json.dumps(info))
        if not no_demo_data:
            _seed_demo(db)
        typer.echo(
            f"\nrocketgrowth sandbox on http://{host}:{port}  (API docs: /docs, console: /console)\n"
            f"  export COUPANG_BASE_URL=http://{host}:{port}\n"
            f"  export COUPANG_VENDOR_ID={info['vendorId']}\n"
            f"  export COUPANG_ACCESS_KEY={info['accessKey']}\n"
            f"  export COUPANG_SECRET_KEY={info['secretKey']}\n"
        )
    else:
        _prepare(db)
    os.environ.update(
        {
            "ROCKETGROWTH_DB": db,
            "ROCKETGROWTH_REVIEW_MODE": review_mode,
            "ROCKETGROWTH_RATE_LIMIT": str(rate_limit),
            "ROCKETGROWTH_RG_RATE_LIMIT": str(rg_rate_limit),
            "ROCKETGROWTH_REDIS_URL": redis_url,
            "ROCKETGROWTH_ADMIN_TOKEN": admin_token,
            "ROCKETGROWTH_MIGRATE": "0",
            "ROCKETGROWTH_HEADER_TIMEOUT": str(header_timeout),
            "ROCKETGROWTH_BODY_TIMEOUT": str(body_timeout),
            "ROCKETGROWTH_MAX_REQUEST_LINE": str(max_request_line),
            "ROCKETGROWTH_MAX_HEADER_BYTES": str(max_header_bytes),
        }
    )
    server.run(Settings.from_env(), host=host, port=port, workers=workers, log_level=log_level)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(vendor_app, name="vendor")
    app.add_typer(db_app, name="db")
    app.add_typer(categories_admin.catalog_app, name="catalog")
