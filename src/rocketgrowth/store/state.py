"""Sandbox-wide state shared by every worker: the clock offset and the review mode."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from rocketgrowth.store import tables

__all__ = ("TOKEN_SECRET", "StateStore")

#: the secret of page tokens (``rocketgrowth.tokens``): one per database, shared by every worker; created
#: with the schema (``store.migrate.upgrade``)
TOKEN_SECRET = "token_secret"


class StateStore:
    def get(self, conn: Connection, key: str, default: Any = None, *, for_update: bool = False) -> Any:
        t = tables.sandbox_state
        query = select(t.c.value).where(t.c.key == key)
        value = conn.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
        return default if value is None else value

    def set(self, conn: Connection, key: str, value: Any) -> None:
        t = tables.sandbox_state
        changed = conn.execute(update(t).where(t.c.key == key).values(value=value)).rowcount
        if not changed:
            conn.execute(insert(t).values(key=key, value=value))

    def clear(self, conn: Connection, key: str) -> None:
        conn.execute(delete(tables.sandbox_state).where(tables.sandbox_state.c.key == key))

    def clock_offset(self, conn: Connection) -> float:
        return float(self.get(conn, "clock_offset_seconds", 0.0))
