"""Database: the SQLite connections threads keep for their reads; writes run on the event loop."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from rocketgrowth.store.db import Database, WriterBusy
from tests.conftest import pg_database_url


def _read_once(db: Database) -> None:
    with db.read() as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1


def test_threads_that_end_give_their_reader_back(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/kept.db")
    try:
        db.migrate()
        for _ in range(30):  # short-lived threads, as a thread pool lets idle ones end
            worker = threading.Thread(target=_read_once, args=(db,))
            worker.start()
            worker.join()
        _read_once(db)  # this thread's reader: the last ended thread's is closed on the way
        assert db.kept_readers() <= 2
        checked_out = db.engine.pool.checkedout()  # type: ignore[attr-defined]
        assert checked_out == db.kept_readers()
    finally:
        db.dispose()
    assert db.kept_readers() == 0


def test_a_thread_reads_on_one_kept_connection(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/one.db")
    try:
        db.migrate()
        with db.read() as first:
            pass
        with db.read() as second:
            pass
        assert first is second
        assert not first.in_transaction()
    finally:
        db.dispose()


def test_a_thread_writes_on_its_kept_connection(tmp_path: Path) -> None:
    """A write runs on the connection the thread reads with (SQLite empties a connection's page cache
    whenever another connection has written since its last read); a read in the middle of the write runs
    on another connection, which does not see what is not committed yet."""
    db = Database(f"sqlite:///{tmp_path}/kept-writes.db")
    try:
        db.migrate()
        with db.read() as reader:
            version = reader.exec_driver_sql("PRAGMA data_version").scalar_one()
        with db.write() as writer:
            assert writer is reader
            _insert_probe(writer, 5)
            with db.read() as inside:
                assert inside is not reader
                assert inside.execute(text(_PROBE)).scalar_one_or_none() is None
        assert not reader.in_transaction()
        assert _probe(db) == 5
        with db.read() as after:
            assert after is reader
            # no other connection has written since this one last read: its cache is still good
            assert after.exec_driver_sql("PRAGMA data_version").scalar_one() == version
    finally:
        db.dispose()


_PROBE = "SELECT next_value FROM id_sequences WHERE name = 'probe'"


def _insert_probe(conn: Connection, value: int) -> None:
    conn.execute(text("INSERT OR REPLACE INTO id_sequences (name, next_value) VALUES ('probe', :v)"), {"v": value})


def _set_probe(db: Database, value: int) -> None:
    with db.write() as conn:
        _insert_probe(conn, value)


def _probe(db: Database) -> int:
    with db.read() as conn:
        found = conn.execute(text(_PROBE)).scalar_one_or_none()
        return int(found or 0)


def test_an_inline_write_gives_way_at_once_to_another_process(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/inline.db")
    try:
        db.migrate()
        # a writer of another process (SQLite locks per connection, so a connection of this one will do)
        other = sqlite3.connect(tmp_path / "inline.db", isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        try:
            with db.inline_writes() as held:
                assert held
                started = time.monotonic()
                with pytest.raises(WriterBusy):
                    _set_probe(db, 60)
                assert time.monotonic() - started < 1  # no busy wait on the event loop
        finally:
            other.rollback()
        assert _probe(db) == 0
        with db.read() as kept:
            pass
        with db.write() as writer:  # the BEGIN that gave way left the thread's connection as it was
            assert writer is kept
        # free lock: the first transaction commits inline; once one has, the next ones wait as usual
        with db.inline_writes() as held:
            assert held
            _set_probe(db, 60)
            other.execute("BEGIN IMMEDIATE")
            threading.Timer(0.3, other.rollback).start()
            started = time.monotonic()
            _set_probe(db, 120)
            assert time.monotonic() - started >= 0.2
        assert _probe(db) == 120
        other.close()
    finally:
        db.dispose()


def test_inline_writes_do_not_wait_for_another_thread(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/threads.db")
    try:
        db.migrate()
        writing, release = threading.Event(), threading.Event()

        def long_write() -> None:
            with db.write():
                writing.set()
                release.wait(10)

        worker = threading.Thread(target=long_write)
        worker.start()
        writing.wait(10)
        with db.inline_writes() as held:
            assert not held  # the caller runs its write in the thread pool instead
        release.set()
        worker.join()
        with db.inline_writes() as held:
            assert held
    finally:
        db.dispose()


def test_postgresql_never_writes_inline() -> None:
    with contextmanager(pg_database_url)() as url:
        db = Database(url)
        try:
            with db.inline_writes() as held:
                assert not held
        finally:
            db.dispose()


_HOLD_WRITE = """
import sys, time
from rocketgrowth.store.db import Database
db = Database(sys.argv[1])
with db.write():
    print("writing", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_workers_queue_on_the_lock_file(tmp_path: Path) -> None:
    """Another worker writing: this one's inline write gives way at once (without reaching SQLite's busy
    handler), and a write in a thread waits on the lock file until the other has committed."""
    url = f"sqlite:///{tmp_path}/workers.db"
    db = Database(url)
    try:
        db.migrate()
        other = subprocess.Popen([sys.executable, "-c", _HOLD_WRITE, url, "0.5"], stdout=subprocess.PIPE, text=True)
        assert other.stdout is not None
        assert other.stdout.readline() == "writing\n"
        started = time.monotonic()
        with db.inline_writes() as held:
            assert not held
        assert time.monotonic() - started < 0.2
        _set_probe(db, 7)  # waits for the other worker's transaction
        assert other.wait(10) == 0
        assert _probe(db) == 7
        assert Path(f"{tmp_path}/workers.db-writer").exists()
    finally:
        db.dispose()
