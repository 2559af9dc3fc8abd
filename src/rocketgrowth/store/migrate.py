"""Alembic, configured from code: ``upgrade(db)`` runs every migration not yet applied, once, then
creates the sandbox-wide values every worker must share (the page-token secret) when absent, and
renders the list rows and views (``tables.DERIVED_COLUMNS``) of the products that have none, or whose
kept texts another ``render.RENDER_VERSION`` rendered, in batches (``rocketgrowth db upgrade`` and server
start: a change of the rendering never serves the old texts, and meanwhile reads render such products
themselves).

Several workers or machines may start together: on PostgreSQL an advisory lock makes the
migration run once; SQLite serialises writers by itself.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, insert, select, text

from rocketgrowth.store import tables
from rocketgrowth.store.products import ProductStore
from rocketgrowth.store.state import TOKEN_SECRET

if TYPE_CHECKING:
    from rocketgrowth.store.db import Database

__all__ = ("alembic_config", "upgrade")

_HERE = Path(__file__).parent
_LOCK_ID = 0x526F636B  # "Rock"


def alembic_config(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_HERE / "migrations"))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    config.attributes["database"] = db
    return config


def upgrade(db: Database, revision: str = "head", *, progress: Callable[[int, int], None] | None = None) -> None:
    """Migrate to ``revision``; at head, render the kept texts again where needed (``progress(done, total)``
    after each batch, when there is anything to render)."""
    config = alembic_config(db)
    if db.is_sqlite:
        # one transaction (BEGIN IMMEDIATE: one process at a time), which Alembic leaves to its owner
        with db.write() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            _seed(conn)
    else:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _LOCK_ID})
            conn.commit()
            try:
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                conn.commit()
                _seed(conn)
                conn.commit()
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _LOCK_ID})
                conn.commit()
    if revision == "head":  # (an older revision may not have the columns yet)
        render_again(db, progress=progress)


#: products rendered per transaction when rendering their kept texts again
FILL_BATCH = 1000


def render_again(db: Database, *, progress: Callable[[int, int], None] | None = None) -> int:
    """Render the kept texts of every product that has none or another version's, a batch per write
    transaction; how many it rendered. An index on the version finds them, so this costs one lookup once
    they are all current. Concurrent workers at most render the same rows twice."""
    store = ProductStore()
    with db.read() as conn:
        total = store.count_stale(conn)
    done = 0
    while done < total:
        with db.write() as conn:
            rendered = store.fill_rendered(conn, limit=FILL_BATCH)
        if not rendered:  # (another worker rendered the rest)
            break
        done = min(done + rendered, total)
        if progress is not None:
            progress(done, total)
    return done


def _seed(conn: Connection) -> None:
    """Create the page-token secret once, under the migration's lock: workers that each created their
    own lazily would refuse each other's tokens."""
    state = tables.sandbox_state
    if conn.execute(select(state.c.key).where(state.c.key == TOKEN_SECRET)).first() is None:
        conn.execute(insert(state).values(key=TOKEN_SECRET, value=secrets.token_hex(16)))
