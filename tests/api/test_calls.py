"""``api.calls``: a route's writes wait for each other without stopping the event loop, and lose nothing."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from rocketgrowth.api.calls import read, write
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings
from rocketgrowth.store import tables

S = tables.id_sequences


@pytest.fixture
def services(db_url: str) -> Iterator[Services]:
    built = Services.build(Settings(db_url=db_url, rate_limit=0))
    built.db.migrate()
    with built.db.write() as conn:
        conn.execute(S.delete().where(S.c.name == "calls"))
        conn.execute(S.insert().values(name="calls", next_value=0))
    yield built
    built.db.dispose()


def _value(services: Services) -> int:
    with services.db.read() as conn:
        return int(conn.execute(select(S.c.next_value).where(S.c.name == "calls")).scalar_one())


def _bump(services: Services) -> int:
    with services.db.write() as conn:
        value = conn.execute(select(S.c.next_value).where(S.c.name == "calls").with_for_update()).scalar_one()
        conn.execute(update(S).where(S.c.name == "calls").values(next_value=value + 1))
    return int(value) + 1


def test_concurrent_writes_of_a_loop_all_land(services: Services) -> None:
    async def writes() -> list[int]:
        return await asyncio.gather(*(write(services, _bump) for _ in range(30)))

    assert sorted(asyncio.run(writes())) == list(range(1, 31))
    assert _value(services) == 30


def test_while_another_writer_holds_the_lock_the_loop_still_reads(services: Services) -> None:
    """A write waiting for the lock waits in the thread pool: the loop meanwhile answers reads."""
    holding, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with services.db.write() as conn:
            conn.execute(update(S).where(S.c.name == "calls").values(next_value=10))
            holding.set()
            assert release.wait(20)

    other = threading.Thread(target=other_writer)
    other.start()
    assert holding.wait(20)

    async def scenario() -> tuple[int, bool, int]:
        waiting = asyncio.ensure_future(write(services, _bump))
        seen = await read(services, _value)  # answered while the write waits
        still_waiting = not waiting.done()
        release.set()
        return seen, still_waiting, await waiting

    try:
        seen, still_waiting, bumped = asyncio.run(scenario())
    finally:
        release.set()
        other.join()
    assert (seen, still_waiting, bumped) == (0, True, 11)
    assert _value(services) == 11
