"""Alembic environment: runs on the connection handed over by ``rocketgrowth.store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from rocketgrowth.store.tables import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # plain `alembic` command line
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///rocketgrowth.db")
        with engine.connect() as conn:
            context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
            conn.commit()
        return
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
