"""The SQLite server's writer thread (``store.writer``): writes run one at a time in the order they came,
each result or exception goes back to the loop and the call that waits for it, a long queue does not hold
results back until it is empty, and the thread survives a loop that went away."""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rocketgrowth.store.writer import HAND_BACK_SECONDS, Writer


def test_writes_run_one_at_a_time_in_order_with_their_own_outcomes() -> None:
    writer = Writer("test-writer")
    running: list[int] = []
    order: list[int] = []

    def write(n: int) -> int:
        running.append(n)
        assert len(running) == 1, "two writes at once"
        order.append(n)
        time.sleep(0.0005)
        running.remove(n)
        if n % 7 == 3:
            raise ValueError(n)
        return n * 10

    async def main() -> list[object]:
        futures = [writer.submit(lambda n=n: write(n)) for n in range(40)]
        return list(await asyncio.gather(*futures, return_exceptions=True))

    try:
        outcomes = asyncio.run(main())
    finally:
        writer.stop()
    assert order == list(range(40))
    for n, outcome in enumerate(outcomes):
        if n % 7 == 3:
            assert isinstance(outcome, ValueError)
            assert outcome.args == (n,)
        else:
            assert outcome == n * 10


def test_loops_of_several_threads_each_get_their_results() -> None:
    writer = Writer("test-writer")
    seen: dict[str, list[tuple[str, int]]] = {}

    def caller(name: str) -> None:
        async def main() -> list[tuple[str, int]]:
            return list(await asyncio.gather(*(writer.submit(lambda n=n: (name, n)) for n in range(50))))

        seen[name] = asyncio.run(main())

    threads = [threading.Thread(target=caller, args=(f"t{k}",)) for k in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        writer.stop()
    assert seen == {f"t{k}": [(f"t{k}", n) for n in range(50)] for k in range(4)}


def test_a_long_queue_hands_results_back_before_it_is_empty() -> None:
    writer = Writer("test-writer")
    done: list[int] = []
    step = HAND_BACK_SECONDS / 2

    def write(n: int) -> int:
        time.sleep(step)
        done.append(n)
        return n

    async def main() -> int:
        futures = [writer.submit(lambda n=n: write(n)) for n in range(60)]
        await futures[0]
        written_when_first_came_back = len(done)
        await asyncio.gather(*futures)
        return written_when_first_came_back

    try:
        first_back_after = asyncio.run(main())
    finally:
        writer.stop()
    assert first_back_after < 60


def test_stop_runs_what_is_queued_and_a_later_write_starts_the_thread_again() -> None:
    writer = Writer("test-writer")
    done: list[int] = []

    async def queue_some() -> None:
        for n in range(5):
            writer.submit(lambda n=n: done.append(n))

    asyncio.run(queue_some())  # (the loop closes before the results come back: the thread carries on)
    writer.stop()
    assert done == [0, 1, 2, 3, 4]

    async def one() -> int:
        return await writer.submit(lambda: 42)

    try:
        assert asyncio.run(one()) == 42
    finally:
        writer.stop()


def test_a_base_exception_of_a_write_goes_to_its_caller() -> None:
    writer = Writer("test-writer")

    class Stop(BaseException):
        pass

    def write() -> None:
        raise Stop

    async def main() -> None:
        await writer.submit(write)

    try:
        with pytest.raises(Stop):
            asyncio.run(main())
        assert asyncio.run(_answer(writer)) == 1
    finally:
        writer.stop()


async def _answer(writer: Writer) -> int:
    return await writer.submit(lambda: 1)


def _writer_threads(name: str) -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == name]


def test_a_writer_nobody_holds_any_more_ends_its_thread() -> None:
    writer = Writer("test-writer-collected")
    assert asyncio.run(_answer(writer)) == 1
    (thread,) = _writer_threads("test-writer-collected")
    del writer
    gc.collect()
    thread.join(timeout=60)
    assert not thread.is_alive()


def test_the_queued_writes_run_before_the_interpreter_exits(tmp_path: Path) -> None:
    out = tmp_path / "written.txt"
    script = f"""
import asyncio, time
from rocketgrowth.store.writer import Writer

writer = Writer("exiting")

def write(n):
    time.sleep(0.01)
    with open({str(out)!r}, "a") as f:
        f.write(f"{{n}}\\n")

async def main():
    for n in range(20):
        writer.submit(lambda n=n: write(n))  # nobody waits: the interpreter exits with them queued

asyncio.run(main())
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    assert out.read_text().split() == [str(n) for n in range(20)]
