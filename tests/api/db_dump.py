"""The whole database as plain data, to prove that a rejected request changed nothing.

``dump(services)`` reads every table of ``store.tables.metadata`` in primary-key order inside one
read transaction. Sequences are left out on purpose: PostgreSQL never gives back a number that a
rolled-back transaction drew, and the API promises unique ids, not dense ones.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from rocketgrowth.services import Services
from rocketgrowth.store import tables

__all__ = ("Dump", "diff", "dump", "require_categories")

Dump = dict[str, list[tuple[Any, ...]]]


def dump(services: Services, *, skip: tuple[str, ...] = (), derived: bool = True) -> Dump:
    """Every table's rows (``skip``: tables left out, e.g. the static category catalog in hot loops;
    ``derived=False``: without ``tables.DERIVED_COLUMNS``, e.g. on a schema that predates them)."""
    out: Dump = {}
    with services.db.read() as conn:
        for table in tables.metadata.sorted_tables:
            if table.name in skip:
                continue
            left_out = () if derived else tables.DERIVED_COLUMNS.get(table.name, ())
            columns = [c for c in table.columns if c.name not in left_out]
            order = list(table.primary_key.columns) or columns
            rows = conn.execute(select(*columns).order_by(*order)).all()
            out[table.name] = [tuple(row) for row in rows]
    return out


def diff(before: Dump, after: Dump) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ: name → (rows before, rows after)."""
    return {
        name: (len(before.get(name, [])), len(rows)) for name, rows in after.items() if rows != before.get(name, [])
    }


def require_categories() -> Any:
    """The category module (demo category codes); skip while it is not there yet."""
    return pytest.importorskip("rocketgrowth.domain.categories", reason="category metadata not there yet")
