"""Engine and transactions for SQLite (WAL, default) and PostgreSQL.

``Database.write()`` yields a SQLAlchemy ``Connection`` inside one transaction, ``Database.read()`` one
in autocommit: on both databases each statement of a read sees what is committed when it runs (as READ
COMMITTED does on PostgreSQL), without a BEGIN and COMMIT around it. Statements run through
``Connection.execute`` (SQLAlchemy's compiled cache) or ``exec_driver_sql``.

SQLite's one write path:

- a write runs in a thread, never on the event loop, so waiting for the database's single write lock
  blocks no other call: the server sends its writes to one thread of their own through a queue
  (``Database.run_write``, ``store.writer``), where they run one after the other in the order they came,
  always on the same connection, and their results go back to the loop together when several ended;
- ``write()`` first takes a lock of this process: its writers queue there and the next one starts as
  soon as the one before commits;
- then it begins with ``BEGIN IMMEDIATE``: the transaction holds the write lock from its start, so it
  never fails half-way on upgrading a read lock. Another process's writer (a second worker, the CLI) is
  waited for by SQLite's ``busy_timeout``;
- reads never wait for a writer (WAL), so the server runs them on its event loop (``Database.run_read``).

Each thread reads and writes a SQLite database on a connection it keeps (``_KeptConnections``): no pool
checkout per call, and a connection that wrote last still has the pages it wrote in its cache. pysqlite
begins nothing by itself (``isolation_level = None``), so a connection is in autocommit unless
``write()`` began: a read costs no BEGIN and COMMIT. The engine has no event listener of its own (a
listener makes SQLAlchemy dispatch events around every statement); engine events added to
``Database.engine`` fire for every statement all the same. Every committed ``write()`` changes the
database's generation (``Database.generation``, ``store.generation``), which lets a reader keep what it
read while no write of any process committed (``KeptReads``: the signed call's key read, the product view,
the list page).

On PostgreSQL writers lock the rows they change (``SELECT … FOR UPDATE``) and reads run in the thread
pool; a read whose connection PostgreSQL dropped runs once more (``retry_read``).
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from anyio import to_thread
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from rocketgrowth import jsontext
from rocketgrowth.store import tables
from rocketgrowth.store.generation import Generation
from rocketgrowth.store.writer import Writer

__all__ = ("ID_STARTS", "SQLITE_POOL_SIZE", "Database", "normalize_url")

P = ParamSpec("P")
T = TypeVar("T")

#: PostgreSQL connections kept per process (the calls in flight of a loaded worker), and opened beyond them
#: under bursts: ``machines × workers × (PG_POOL_SIZE + PG_MAX_OVERFLOW)`` must stay under max_connections
PG_POOL_SIZE = 20
PG_MAX_OVERFLOW = 10
#: SQLite connections kept per process: one per thread of the server's thread pool (anyio's default)
SQLITE_POOL_SIZE = 40
#: how long a SQLite statement waits for another process's lock before it fails
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: first value of each issued identifier, sized like the real ones
ID_STARTS: dict[str, int] = {
    "seller_product_id": 15_000_000_001,
    "seller_product_item_id": 30_000_000_001,
    "vendor_item_id": 70_000_000_001,
    "product_id": 9_000_000_001,
    "item_id": 4_000_000_001,
    "inquiry_id": 150_000_001,
    "inquiry_comment_id": 1_000_001,
    "order_id": 20_000_000_001,
}


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and route them to psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Database:
    """One engine, its dialect, and the transaction helpers every store uses."""

    def __init__(self, url: str, *, pool_size: int = PG_POOL_SIZE) -> None:
        self.url = normalize_url(url)
        self.engine: Engine = _create_engine(self.url, pool_size)
        self.dialect = self.engine.dialect.name
        self.is_sqlite = self.dialect == "sqlite"
        #: SQLite: this process's writers, one at a time (re-entrant: a nested write fails on SQLite's
        #: own lock after the busy timeout instead of waiting here for ever)
        self._writers: AbstractContextManager[Any] = threading.RLock() if self.is_sqlite else nullcontext()
        #: reads in autocommit: on SQLite every connection is (pysqlite begins nothing: ``_sqlite_on_connect``)
        self._read_engine = (
            self.engine if self.is_sqlite else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        keep = self.is_sqlite and not isinstance(self.engine.pool, NullPool)
        self._kept = _KeptConnections(self.engine) if keep else None
        #: SQLite: the thread the server's writes run in (started with the first)
        self._writer = Writer("rocketgrowth-writer") if self.is_sqlite else None
        #: SQLite: what every committed write of any process changes, so that a reader may keep what it read
        #: while it stays the same (``store.generation``); None on PostgreSQL
        self.generation = Generation(_sqlite_file(self.engine)) if self.is_sqlite else None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection to read with, in autocommit: each statement sees what is committed when it runs
        (a transaction would add a BEGIN and a COMMIT to every read, and at PostgreSQL's READ COMMITTED give
        each statement its own snapshot anyway). On SQLite, this thread's kept connection when it is free."""
        with self._connection(self._read_engine) as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed when the block ends without error (SQLite: see
        the module's docstring)."""
        with self._writers, self._connection(self.engine) as conn, conn.begin():
            if self.is_sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn
        if self.generation is not None:  # committed
            self.generation.change()

    def _connection(self, engine: Engine) -> AbstractContextManager[Connection]:
        """This thread's kept connection when it has one and it is free (not in a transaction: a read
        within a write, say), else one of the pool's."""
        kept = self._kept.get() if self._kept is not None else None
        if kept is not None and not kept.in_transaction():
            return nullcontext(kept)
        return engine.connect()

    async def run_read(self, read: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``read(…)``, a function that only reads, from an event loop: on SQLite on the loop itself (a
        read in WAL mode never waits for a writer, and a trip through the thread pool would cost more
        than the read); on PostgreSQL in the thread pool, once more if its connection was dropped."""
        if self.is_sqlite:
            return read(*args, **kwargs)
        return await to_thread.run_sync(functools.partial(self.retry_read, read, *args, **kwargs))

    async def run_write(self, write: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``write(…)``, a function that may write, from an event loop: in a thread. On SQLite the writes run
        in one thread of their own, one after the other in the order they came (they would queue for the
        write lock anyway), always on the same connection (``store.writer``); on PostgreSQL in the thread
        pool."""
        if self._writer is None:
            return await to_thread.run_sync(functools.partial(write, *args, **kwargs))
        return await self._writer.submit(functools.partial(write, *args, **kwargs))

    @staticmethod
    def retry_read(read: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``read(…)``, run once more if its connection turned out dead (PostgreSQL restarted or dropped it):
        SQLAlchemy has then invalidated the pool, so the second run gets a fresh connection. Reads only: a
        write whose connection died may have committed."""
        try:
            return read(*args, **kwargs)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
        return read(*args, **kwargs)

    def migrate(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Bring the schema to the latest version (Alembic), seed what every database needs, and render
        again the products' kept texts a different ``render.RENDER_VERSION`` made (``progress(done, total)``
        after each batch)."""
        from rocketgrowth.store.migrate import upgrade

        upgrade(self, progress=progress)

    def next_ids(self, conn: Connection, name: str, count: int = 1) -> list[int]:
        """Issue ``count`` new identifiers of kind ``name`` (never reused, even after a rollback on PG).

        On SQLite one statement each (the transaction holds the write lock, so the ids follow each other).
        On PostgreSQL, a transaction that asks again for a kind gets twice as many as last time and keeps
        the rest for its next asks (a created product takes about twenty ids one at a time), never more
        than as many unused ids as it used (a sequence has gaps anyway: a rolled-back transaction's ids
        are not given again)."""
        if count <= 0:
            return []
        if self.is_sqlite:
            if _SQLITE_RETURNING:
                taken = conn.exec_driver_sql(_SQLITE_TAKE_IDS, (count, name)).all()
            else:  # SQLite before 3.35
                conn.exec_driver_sql(_SQLITE_ADD_IDS, (count, name))
                taken = conn.exec_driver_sql(_SQLITE_NEXT_ID, (name,)).all()
            if not taken:
                first = ID_STARTS[name]
                conn.exec_driver_sql(_SQLITE_FIRST_IDS, (name, first + count))
                return list(range(first, first + count))
            end = int(taken[0][0])
            return list(range(end - count, end))
        kept = _kept_ids(conn, name)
        if len(kept.ids) < count:
            block = max(count - len(kept.ids), kept.asked)
            kept.ids.extend(int(row[0]) for row in conn.exec_driver_sql(_PG_TAKE_IDS[name], (block,)))
            kept.asked = 2 * block
        issued, kept.ids[:count] = kept.ids[:count], []
        return issued

    def dispose(self) -> None:
        if self._writer is not None:  # (as the engine's pool, the writer thread starts again when needed)
            self._writer.stop()
        if self._kept is not None:
            self._kept.close()
        self.engine.dispose()


class _KeptConnections:
    """SQLite: each thread's connection, kept between its reads and writes (checking one out of the pool and
    back again costs more than a read by id). The connection of a thread that ended goes back to the pool
    when another thread takes one; ``close`` gives them all back."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._local = threading.local()
        self._lock = threading.Lock()
        self._kept: dict[threading.Thread, Connection] = {}

    def get(self) -> Connection:
        kept: Connection | None = getattr(self._local, "connection", None)
        if kept is None or kept.closed or kept.invalidated:
            kept = self._local.connection = self._engine.connect()
            with self._lock:
                for ended in [thread for thread in self._kept if not thread.is_alive()]:
                    self._kept.pop(ended).close()
                self._kept[threading.current_thread()] = kept
        return kept

    def close(self) -> None:
        with self._lock:
            kept, self._kept = self._kept, {}
        self._local = threading.local()
        for connection in kept.values():
            connection.close()


def _sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite database; None when it is in memory."""
    name = engine.url.database
    return None if not name or name == ":memory:" or name.startswith("file:") else Path(name)


def _create_engine(url: str, pool_size: int) -> Engine:
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if memory:
            kwargs["poolclass"] = NullPool
        else:
            # keep a connection per server thread: opening one (and its PRAGMAs) per request is costly
            kwargs.update(pool_size=SQLITE_POOL_SIZE, max_overflow=SQLITE_POOL_SIZE)
        engine = create_engine(url, **kwargs, **_JSON_COLUMNS)
        event.listen(engine, "connect", _sqlite_on_connect)  # (a pool event: statements dispatch none)
        return engine
    # overflow connections are closed when given back: under a steady load beyond the pool each call
    # would open a PostgreSQL connection (a backend process) and close it again.
    # No pre-ping (a round trip on every checkout): a connection PostgreSQL dropped fails its call
    # instead; SQLAlchemy then invalidates every older connection of the pool, and reads
    # (``Database.retry_read``) run once more on a fresh one
    return create_engine(url, pool_size=pool_size, max_overflow=PG_MAX_OVERFLOW, **_JSON_COLUMNS)


#: JSON columns written and read by orjson, exactly as the standard library would (``jsontext``)
_JSON_COLUMNS: dict[str, Any] = {"json_serializer": jsontext.dumps_column, "json_deserializer": jsontext.loads_column}

# ``next_ids``' statements, in the driver's own parameter style (``exec_driver_sql``)
_SEQUENCES = tables.id_sequences.name
_SQLITE_TAKE_IDS = f"UPDATE {_SEQUENCES} SET next_value = next_value + ? WHERE name = ? RETURNING next_value"
_SQLITE_FIRST_IDS = f"INSERT INTO {_SEQUENCES} (name, next_value) VALUES (?, ?)"
_SQLITE_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)
_SQLITE_ADD_IDS = f"UPDATE {_SEQUENCES} SET next_value = next_value + ? WHERE name = ?"
_SQLITE_NEXT_ID = f"SELECT next_value FROM {_SEQUENCES} WHERE name = ?"
_PG_TAKE_IDS = {name: f"SELECT nextval('seq_{name}') FROM generate_series(1, %s)" for name in ID_STARTS}


@dataclass
class _KeptIds:
    """Ids of one kind a PostgreSQL transaction took and has not issued yet, and how many to take next."""

    ids: list[int] = field(default_factory=list)
    asked: int = 1


def _kept_ids(conn: Connection, name: str) -> _KeptIds:
    """The ids of kind ``name`` kept for ``conn``'s current transaction (none for a new transaction)."""
    transaction = conn.get_transaction()
    kept: tuple[Any, dict[str, _KeptIds]] | None = conn.info.get("rocketgrowth_ids")
    if kept is None or kept[0] is not transaction:  # (holding the transaction: its id cannot be reused)
        kept = (transaction, {})
        conn.info["rocketgrowth_ids"] = kept
    return kept[1].setdefault(name, _KeptIds())


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite begins nothing by itself: a connection is in autocommit until ``Database.write`` begins
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    # reads come from the OS page cache through a shared mapping instead of each connection's own copy
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()
