"""The migrations build exactly the schema ``store/tables.py`` declares, on SQLite and PostgreSQL: after
``upgrade`` to head, Alembic's autogenerate comparison finds nothing to add, drop or change."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rocketgrowth.store import tables
from rocketgrowth.store.db import Database


def test_head_schema_is_what_the_tables_declare(db_url: str) -> None:
    db = Database(db_url)
    try:
        db.migrate()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, tables.metadata)
        assert differences == []
    finally:
        db.dispose()
