"""Database: the SQLite connections threads keep for their reads."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import text

from rocketgrowth.store.db import Database


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
