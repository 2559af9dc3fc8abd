"""Fixtures of the store tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rocketgrowth.services import Services
from rocketgrowth.settings import Settings


@pytest.fixture(scope="module")
def services(db_url: str) -> Iterator[Services]:
    """The server's parts on a migrated database of the module (SQLite and PostgreSQL)."""
    built = Services.build(Settings(db_url=db_url, rate_limit=0))
    built.db.migrate()
    yield built
    built.db.dispose()
