"""``api.calls.write``: where a route's write runs."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from rocketgrowth.api.calls import write
from rocketgrowth.services import Services
from rocketgrowth.settings import Settings


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    built = Services.build(Settings(db_url=f"sqlite:///{tmp_path}/turns.db", rate_limit=0))
    built.db.migrate()
    yield built
    built.db.dispose()


def _probe(services: Services, n: int, ran_in: list[threading.Thread]) -> None:
    """A write that notes the thread it ran in."""
    with services.db.write() as conn:
        conn.execute(text("INSERT OR REPLACE INTO id_sequences (name, next_value) VALUES (:n, 1)"), {"n": f"p{n}"})
    ran_in.append(threading.current_thread())


def test_a_loops_writes_run_on_it_when_no_one_else_writes(services: Services) -> None:
    ran_in: list[threading.Thread] = []

    async def writes() -> None:
        await asyncio.gather(*(write(services, _probe, n, ran_in) for n in range(10)))

    asyncio.run(writes())
    assert ran_in == [threading.main_thread()] * 10


def test_after_waiting_for_another_writer_the_loops_writes_come_back_to_it(services: Services) -> None:
    """Another writer holds the lock (here a thread; another worker's write is the same to the loop): the
    loop's first write waits for it in the thread pool, the others wait for their turn without a thread,
    then run on the loop again, not one after another in the thread pool."""
    holding, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with services.db.write():
            holding.set()
            release.wait(10)

    other = threading.Thread(target=other_writer)
    other.start()
    assert holding.wait(10)
    ran_in: list[threading.Thread] = []

    async def writes() -> None:
        asyncio.get_running_loop().call_later(0.2, release.set)
        await asyncio.gather(*(write(services, _probe, n, ran_in) for n in range(20)))

    asyncio.run(writes())
    other.join()
    assert len(ran_in) == 20
    assert ran_in[0] is not threading.main_thread()  # waited for the other writer in the thread pool
    assert ran_in[1:] == [threading.main_thread()] * 19
