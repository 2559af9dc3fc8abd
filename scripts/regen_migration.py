"""Regenerate the initial Alembic revision from store/tables.py (allowed until the first release)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from rocketgrowth.store.db import Database
from rocketgrowth.store.migrate import alembic_config

VERSIONS = Path(__file__).resolve().parents[1] / "src/rocketgrowth/store/migrations/versions"


def main() -> None:
    (VERSIONS / "0001_initial_schema.py").unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/gen.db")
        config = alembic_config(db)
        with db.engine.connect() as conn:
            config.attributes["connection"] = conn
            command.revision(config, message="initial schema", autogenerate=True, rev_id="0001")


if __name__ == "__main__":
    main()
