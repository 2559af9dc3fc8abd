"""Kept renderings carry the version of the rendering that made them (``render.RENDER_VERSION``). After a
change of the rendering, reads never answer the old texts, and ``rocketgrowth db upgrade`` and server
start render every product again, in batches, showing their progress (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio
import orjson
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from rocketgrowth import jsontext
from rocketgrowth.api.app import create_app
from rocketgrowth.cli.main import app as cli
from rocketgrowth.domain import render
from rocketgrowth.operations.products import get_product, list_products
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from rocketgrowth.store import migrate, tables
from tests.conftest import make_vendor
from tests.factories import insert_approved_product

P = tables.products


def _bump_rendering(monkeypatch: pytest.MonkeyPatch, mark: str) -> int:
    """A new version of the three renderings: each now also says ``renderedBy: mark``."""

    def marked(rendering: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
        return lambda product: {**rendering(product), "renderedBy": mark}

    for name in ("list_row", "rocket_growth_list_row", "product_view"):
        monkeypatch.setattr(render, name, marked(getattr(render, name)))
    monkeypatch.setattr(render, "RENDER_VERSION", render.RENDER_VERSION + 1)
    return render.RENDER_VERSION


def _kept(services: Services) -> list[tuple[int, Any, Any, Any]]:
    with services.db.read() as conn:
        rows = conn.execute(select(P.c.seller_product_id, P.c.render_version, P.c.list_row, P.c.product_view))
        return [(pid, version, orjson.loads(row), orjson.loads(view)) for pid, version, row, view in rows]


def _assert_all_rendered_by(services: Services, version: int, mark: str | None) -> None:
    kept = _kept(services)
    assert kept
    for pid, rendered_by, row, view in kept:
        with services.db.read() as conn:
            product = services.products.get_product(conn, pid)
        assert product is not None
        assert rendered_by == version
        assert row == orjson.loads(jsontext.dumps(render.list_row(product)))
        assert view == orjson.loads(jsontext.dumps(render.product_view(product)))
        assert row.get("renderedBy") == mark
        assert view.get("renderedBy") == mark


def test_a_new_rendering_is_served_at_once_and_the_upgrade_renders_every_row_again(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    vendor = make_vendor(services)
    for n in range(5):
        insert_approved_product(services, vendor.vendor_id, seller_product_name=f"상품 {n}")
    services.db.migrate()  # renders the products written without their texts
    _assert_all_rendered_by(services, render.RENDER_VERSION, None)
    count = len(_kept(services))

    version = _bump_rendering(monkeypatch, "v-next")
    with services.db.read() as conn:
        owner = services.vendors.get(conn, vendor.vendor_id)
        now = services.now(conn)
    # before any upgrade: the old texts are kept, but no read answers them
    for pid, *_ in _kept(services):
        answer = orjson.loads(orjson.dumps(anyio.run(get_product, services, owner, str(pid), now)))
        assert answer["renderedBy"] == "v-next"
    data, _token = anyio.run(list_products, services, owner, {"vendorId": vendor.vendor_id, "maxPerPage": "100"}, now)
    rows = orjson.loads(orjson.dumps(data))
    assert len(rows) == 5
    assert all(row["renderedBy"] == "v-next" for row in rows)

    # ``rocketgrowth db upgrade``: every product rendered again, in batches, the progress on stderr
    monkeypatch.setattr(migrate, "FILL_BATCH", 2)
    done = CliRunner().invoke(cli, ["db", "upgrade", "--db", db_url])
    assert done.exit_code == 0, done.output
    progress = [line for line in done.stderr.splitlines() if "rendering stored product JSON again" in line]
    assert len(progress) == (count + 1) // 2
    assert progress[-1].endswith(f"{count}/{count}")
    _assert_all_rendered_by(services, version, "v-next")
    with services.db.read() as conn:
        assert services.products.count_stale(conn) == 0

    # server start does the same
    version = _bump_rendering(monkeypatch, "v-after")
    started = create_app(Settings(db_url=db_url, rate_limit=0))
    started.state.services.db.dispose()
    _assert_all_rendered_by(services, version, "v-after")
    seen: list[tuple[int, int]] = []
    services.db.migrate(progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # nothing left to render
