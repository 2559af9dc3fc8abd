"""``Database.fetch_one`` on PostgreSQL: the reads run on the event loop, on connections kept per loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import Integer, bindparam, func, select

from rocketgrowth.store.db import PG_LOOP_READERS, Database
from tests.conftest import PG_ADMIN_URL, pg_database_url

#: the backend that answered, after a pause of ``pause`` seconds, and the number asked for
_PROBE = select(func.pg_backend_pid(), func.pg_sleep(bindparam("pause")), bindparam("n", type_=Integer))


@pytest.fixture
def db() -> Iterator[Database]:
    with contextmanager(pg_database_url)() as url:
        database = Database(url)
        try:
            yield database
        finally:
            database.dispose()


def _sessions(db: Database) -> int:
    """How many sessions are open on ``db``'s database (other than the one asking)."""
    name = db.engine.url.database
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (name,)
        ).fetchone()
    assert row is not None
    return int(row[0])


def _sessions_end(db: Database) -> bool:
    """Whether every session on ``db``'s database ends (a backend leaves the list soon after its client)."""
    deadline = time.monotonic() + 10
    while _sessions(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _sessions(db) == 0


def _terminate_sessions(db: Database) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (db.engine.url.database,),
        )


def test_concurrent_reads_share_a_bounded_set_of_connections(db: Database) -> None:
    probe = db.prepare(_PROBE)

    async def reads() -> list[tuple[int, int]]:
        rows = await asyncio.gather(*(db.fetch_one(probe, {"pause": 0.02, "n": n}) for n in range(5 * PG_LOOP_READERS)))
        return [(row[0], row[2]) for row in rows if row is not None]

    answered = asyncio.run(reads())
    assert [n for _pid, n in answered] == list(range(5 * PG_LOOP_READERS))
    # each read pauses: the loop opens as many connections as it may, no more, and keeps them
    assert len({pid for pid, _n in answered}) == PG_LOOP_READERS
    assert _sessions(db) == PG_LOOP_READERS
    db.dispose()
    assert _sessions_end(db)


def test_a_cancelled_read_never_gives_its_connection_back(db: Database) -> None:
    probe = db.prepare(_PROBE)

    async def scenario() -> tuple[int, int]:
        first = await db.fetch_one(probe, {"pause": 0, "n": 1})
        assert first is not None
        with pytest.raises(TimeoutError):  # the caller went away half-way through the statement
            await asyncio.wait_for(db.fetch_one(probe, {"pause": 5, "n": 2}), 0.2)
        started = time.monotonic()
        after = await db.fetch_one(probe, {"pause": 0, "n": 3})
        assert after is not None
        assert after[2] == 3
        assert time.monotonic() - started < 2  # not queued behind the abandoned statement
        return first[0], after[0]

    before, after = asyncio.run(scenario())
    assert before != after  # the abandoned statement's connection was closed, not reused


def test_each_event_loop_keeps_its_own_connections(db: Database) -> None:
    probe = db.prepare(_PROBE)

    async def read(n: int) -> int:
        row = await db.fetch_one(probe, {"pause": 0, "n": n})
        assert row is not None
        return int(row[2])

    assert asyncio.run(read(1)) == 1
    assert asyncio.run(read(2)) == 2  # a new loop: the first loop's connection cannot wait on it
    db.dispose()
    assert _sessions_end(db)


def test_a_read_after_postgresql_dropped_the_connections_is_answered(db: Database) -> None:
    probe = db.prepare(_PROBE)

    async def scenario() -> list[int]:
        rows = await asyncio.gather(*(db.fetch_one(probe, {"pause": 0.02, "n": n}) for n in range(4)))
        _terminate_sessions(db)  # as a restart or a failover would
        rows += await asyncio.gather(*(db.fetch_one(probe, {"pause": 0, "n": n}) for n in range(4, 8)))
        return [row[2] for row in rows if row is not None]

    assert asyncio.run(scenario()) == list(range(8))
