"""Database on SQLite and PostgreSQL: concurrent writers lose no update, reads never wait for a writer,
engine events see every statement, driver errors come as SQLAlchemy's, and reads are answered after
PostgreSQL drops the connection they would use (``pg_terminate_backend``)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import anyio
import psycopg
import pytest
from sqlalchemy import event, select, text, update
from sqlalchemy.exc import DBAPIError, OperationalError

from rocketgrowth.store import tables
from rocketgrowth.store.db import Database
from rocketgrowth.store.vendors import VendorStore
from tests.conftest import PG_ADMIN_URL, pg_database_url

S = tables.id_sequences


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    try:
        database.migrate()
        with database.write() as conn:
            conn.execute(S.delete().where(S.c.name == "counter"))
            conn.execute(S.insert().values(name="counter", next_value=0))
        yield database
    finally:
        database.dispose()


def _counter(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(select(S.c.next_value).where(S.c.name == "counter")).scalar_one())


def _bump(db: Database) -> None:
    """Read the counter, then write it plus one, in one write transaction."""
    with db.write() as conn:
        value = conn.execute(select(S.c.next_value).where(S.c.name == "counter").with_for_update()).scalar_one()
        conn.execute(update(S).where(S.c.name == "counter").values(next_value=value + 1))


def test_writers_of_many_threads_lose_no_update(db: Database) -> None:
    errors: list[BaseException] = []

    def bumps() -> None:
        try:
            for _ in range(20):
                _bump(db)
        except BaseException as exc:  # (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=bumps) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _counter(db) == 160


def test_a_read_does_not_wait_for_an_open_write(db: Database) -> None:
    writing, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with db.write() as conn:
            conn.execute(update(S).where(S.c.name == "counter").values(next_value=41))
            writing.set()
            assert release.wait(20)

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert writing.wait(20)
        assert _counter(db) == 0  # the committed state, while the write holds its lock
    finally:
        release.set()
        writer.join()
    assert _counter(db) == 41


def test_a_sqlite_write_waits_for_another_process_writer(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite's write lock")
    # another program's writer (SQLite locks per connection: a connection of its own is one)
    other = sqlite3.connect(db.engine.url.database or "", isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE id_sequences SET next_value = 100 WHERE name = 'counter'")
        waiting = threading.Thread(target=_bump, args=(db,))
        waiting.start()
        time.sleep(0.1)  # (lets the write reach SQLite's lock; it is correct either way)
        other.execute("COMMIT")
        waiting.join()
    finally:
        other.close()
    assert _counter(db) == 101  # it waited, and then read what the other program committed


def test_engine_events_see_the_reads_and_writes(db: Database) -> None:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        assert anyio.run(VendorStore().authenticate, db, "no-such-key") is None
        with db.write() as conn:
            db.next_ids(conn, "seller_product_id", 2)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert any("api_keys" in statement for statement in seen)
    assert any("id_sequences" in statement or "nextval" in statement for statement in seen)


def test_driver_errors_come_as_sqlalchemy_errors(db: Database) -> None:
    with pytest.raises(DBAPIError), db.read() as conn:
        conn.exec_driver_sql("SELECT no_such_column FROM id_sequences")


# --- PostgreSQL drops connections -----------------------------------------------------------------


@pytest.fixture
def pg() -> Iterator[Database]:
    with contextmanager(pg_database_url)() as url:
        database = Database(url)
        try:
            yield database
        finally:
            database.dispose()


def _terminate(pg: Database, where: str = "true") -> int:
    """Terminate the sessions on ``pg``'s database that match ``where`` (as a restart or failover would)."""
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = %s AND pid <> pg_backend_pid() AND {where}",
            (pg.engine.url.database,),
        ).fetchone()
    assert row is not None
    return int(row[0])


def _backend(pg: Database, pause: float = 0.0) -> int:
    with pg.read() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid() FROM pg_sleep(:pause)"), {"pause": pause}).scalar_one())


def test_a_read_right_after_postgresql_dropped_its_connection_is_answered(pg: Database) -> None:
    first = anyio.run(pg.run_read, _backend, pg)
    assert _terminate(pg) == 1  # the pool's one connection
    second = anyio.run(pg.run_read, _backend, pg)
    assert second != first
    assert anyio.run(pg.run_read, _backend, pg) == second


def test_a_read_whose_connection_is_dropped_in_its_middle_is_answered(pg: Database) -> None:
    pauses = [30.0, 0.0]  # the first run is cut off long before its end
    killed: list[int] = []

    def read() -> int:
        return _backend(pg, pauses.pop(0))

    def kill_the_sleeper() -> None:
        deadline = time.monotonic() + 30
        while not killed and time.monotonic() < deadline:
            if _terminate(pg, "state = 'active' AND query LIKE '%%pg_sleep%%'"):
                killed.append(1)
            time.sleep(0.02)

    killer = threading.Thread(target=kill_the_sleeper)
    killer.start()
    answered = anyio.run(pg.run_read, read)
    killer.join()
    assert killed  # it was cut off …
    assert pauses == []  # … and ran once more, on a fresh connection
    assert anyio.run(pg.run_read, _backend, pg) == answered


def test_a_write_whose_connection_is_dropped_fails_with_sqlalchemys_error_and_the_next_one_runs(
    pg: Database,
) -> None:
    pg.migrate()

    def write_cut_off() -> None:
        with pg.write() as conn:
            (pid,) = conn.execute(text("SELECT pg_backend_pid()")).one()
            assert _terminate(pg, f"pid = {int(pid)}") == 1
            conn.execute(text("SELECT 1"))

    with pytest.raises(OperationalError) as failed:
        write_cut_off()
    assert failed.value.connection_invalidated
    with pg.write() as conn:  # a write is never run again by itself (it may have committed): the next one runs
        assert pg.next_ids(conn, "seller_product_id") != []
