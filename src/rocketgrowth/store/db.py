"""Engine and transactions for SQLite (WAL, default) and PostgreSQL.

``Database.read()`` and ``Database.write()`` yield a connection inside one transaction. On SQLite a
write transaction starts with ``BEGIN IMMEDIATE`` so that writers queue instead of failing when they
upgrade a read lock; on PostgreSQL writers lock the rows they change (``SELECT … FOR UPDATE``).

SQLite writers queue for the database first on a lock of their process's threads, then on a lock file
beside the database (``flock``) shared by the processes of a server (workers): a waiting writer is woken
when the lock is released instead of polling for it as SQLite's busy handler does (sleeps of up to
100 ms). Other programs writing the database are still waited for by the busy handler.

``Database.inline_writes()`` lets the server run a SQLite write on its event loop: it never waits there,
for another thread or worker (it yields ``False``) or for another program (the transaction's ``BEGIN``
raises ``WriterBusy`` before anything is written).

``Database.fetch_one`` and ``fetch_rows`` (a read of one statement: a signed call's key, a product's kept
view, a list page) run on the event loop: on SQLite as they are, on PostgreSQL on connections of
psycopg's own ``AsyncConnection`` kept for that loop (``_LoopReaders``), so that such a call needs no
trip through the thread pool.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, Select, Update, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from rocketgrowth import jsontext
from rocketgrowth.aio import PerLoop
from rocketgrowth.store import tables

try:
    import fcntl
except ImportError:  # Windows: SQLite's busy handler alone queues the writers of several processes
    fcntl = None  # type: ignore[assignment]

__all__ = (
    "ID_STARTS",
    "SQLITE_POOL_SIZE",
    "Database",
    "Prepared",
    "WriterBusy",
    "fetch_all",
    "normalize_url",
    "prepare",
    "run",
)

P = ParamSpec("P")
T = TypeVar("T")

#: PostgreSQL connections kept per process (the calls in flight of a loaded worker), and opened beyond them
#: under bursts: ``machines × workers × (PG_POOL_SIZE + PG_MAX_OVERFLOW)`` must stay under max_connections
PG_POOL_SIZE = 20
PG_MAX_OVERFLOW = 10
#: PostgreSQL connections per event loop (per worker) for the reads run on it (``Database.fetch_one`` and
#: ``fetch_rows``); they count towards max_connections beside the pool's
PG_LOOP_READERS = 8
#: SQLite connections kept per process: one per thread of the server's thread pool (anyio's default)
SQLITE_POOL_SIZE = 40
#: how long a SQLite statement waits for another connection's lock before it fails
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


class WriterBusy(Exception):
    """An inline write (``Database.inline_writes``) found SQLite's write lock held by another program: it
    began nothing, and is to run again where it may wait for the lock."""


class _WriterLock:
    """The right to write a SQLite database: a lock of this process's threads, then (for file databases
    on systems with ``flock``) a lock file beside the database that the server's processes share."""

    def __init__(self, path: str | None) -> None:
        self._threads = threading.RLock()
        self.path = path if fcntl is not None else None
        self._fd: int | None = None
        self._pid = 0
        self._depth = 0  # changed only by the thread holding ``_threads``

    def acquire(self, *, blocking: bool) -> bool:
        if not self._threads.acquire(blocking=blocking):
            return False
        if self._depth == 0 and self.path is not None:
            try:
                fcntl.flock(self._file(), fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BaseException as exc:
                self._threads.release()
                if isinstance(exc, BlockingIOError):
                    return False
                raise
        self._depth += 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._threads.release()

    @contextmanager
    def held(self) -> Iterator[None]:
        self.acquire(blocking=True)
        try:
            yield
        finally:
            self.release()

    def _file(self) -> int:
        if self._fd is None or self._pid != os.getpid():  # (a forked process opens its own)
            assert self.path is not None
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            self._pid = os.getpid()
        return self._fd

    def close(self) -> None:
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = None


def _writer_lock_path(engine: Engine) -> str | None:
    """``<database file>-writer`` for a SQLite file database, else None."""
    database = engine.url.database or ""
    if engine.dialect.name != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        return None
    return f"{database}-writer"


class Database:
    """One engine, its dialect, and the transaction helpers every store uses."""

    def __init__(self, url: str, *, pool_size: int = PG_POOL_SIZE) -> None:
        self.url = normalize_url(url)
        self.engine: Engine = self._create_engine(self.url, pool_size)
        self.dialect = self.engine.dialect.name
        self.is_sqlite = self.dialect == "sqlite"
        self._writers = _WriterLock(_writer_lock_path(self.engine))
        #: SQLite file databases: each thread keeps one connection for its reads (``_reader``)
        self._keep_readers = self.is_sqlite and not isinstance(self.engine.pool, NullPool)
        self._local = threading.local()
        #: every kept reader by the thread that keeps it (to close those of threads that ended)
        self._readers: dict[int, tuple[weakref.ref[threading.Thread], Connection]] = {}
        self._readers_lock = threading.Lock()
        #: SQLite: each event loop's turn to write (``loop_writer``)
        self._loop_writers: PerLoop[asyncio.Lock] = PerLoop(asyncio.Lock)
        #: PostgreSQL: the connections ``fetch_one`` and ``fetch_rows`` use on each event loop
        self._loop_readers = None if self.is_sqlite else _LoopReaders(self.engine, PG_LOOP_READERS)

    @staticmethod
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
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        # overflow connections are closed when given back: under a steady load beyond the pool each call
        # would open a PostgreSQL connection (a backend process) and close it again
        # no pre-ping: it cost every checkout a round trip (two per call). A connection PostgreSQL dropped
        # fails its call instead; SQLAlchemy then invalidates every older connection of the pool, and
        # reads (``api.calls.read``, ``fetch_one``) run once more on a fresh one
        return create_engine(url, pool_size=pool_size, max_overflow=PG_MAX_OVERFLOW, **_JSON_COLUMNS)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection to read with. On SQLite, a read transaction (one snapshot for all its statements).
        On PostgreSQL, autocommit: at READ COMMITTED a transaction gives each statement its own snapshot
        anyway, so BEGIN and COMMIT would only add two round trips to every read."""
        kept = self._idle_kept()  # (None too when this thread reads in the middle of its write)
        if kept is not None:
            with kept.begin():
                yield kept
            return
        with self.engine.connect() as conn:
            if not self.is_sqlite:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            with conn.begin():
                yield conn

    def _idle_kept(self) -> Connection | None:
        """This thread's kept SQLite connection (``_reader``) for a read or write transaction, unless it is
        in one already (a read in the middle of a write, or the reverse: those take one of the pool's).
        Writes run on it too: SQLite drops a connection's whole page cache, and its mapping of the file,
        whenever another connection has written since its last read, so with its writes on another
        connection a thread's every read after a write started cold (PUT price on SQLite, one worker:
        1,133 → 1,304 req/s; mixed with product queries: 1,800 → 2,050)."""
        if not self._keep_readers:
            return None
        kept = self._reader()
        return None if kept.in_transaction() else kept

    def _reader(self) -> Connection:
        """This thread's SQLite connection for reads (and for its writes: ``_idle_kept``), kept between them:
        checking one out of the pool and back costs more than the reads of a query by id. Outside ``read``
        and ``write`` it holds no transaction, so it never keeps a snapshot (or the WAL) alive; ``dispose``
        closes them all."""
        reader: Connection | None = getattr(self._local, "reader", None)
        if reader is None or reader.closed or reader.invalidated:
            reader = self.engine.connect()
            self._local.reader = reader
            current = threading.current_thread()
            with self._readers_lock:
                # the thread pool lets idle threads end: their readers go back to the pool here
                for ident, (thread, kept) in list(self._readers.items()):
                    alive = thread()
                    if alive is None or not alive.is_alive():
                        del self._readers[ident]
                        kept.close()
                self._readers[current.ident or 0] = (weakref.ref(current), reader)
        return reader

    def kept_readers(self) -> int:
        """How many SQLite connections threads keep for their reads (at most one per live thread)."""
        with self._readers_lock:
            return len(self._readers)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed when the block ends without error.

        On SQLite, writers queue for the database's single write lock on locks of their own first (the
        module's docstring): SQLite's busy handler polls with sleeps of up to 100 ms, so writers waiting for
        each other through it would wait far longer than the transactions last."""
        if not self.is_sqlite:
            with self.engine.connect() as conn, conn.begin():
                yield conn
            return
        # inline, the first transaction may still give up (``WriterBusy``); once one has committed, the
        # operation cannot be run again from the start, so the next ones wait as usual
        nowait = getattr(self._local, "inline", None) == "first"
        kept = self._idle_kept()
        with self._writers.held(), nullcontext(kept) if kept is not None else self.engine.connect() as conn:
            conn.info[_BEGIN] = ("IMMEDIATE", nowait)
            try:
                with conn.begin():
                    yield conn
            finally:
                if not conn.invalidated:  # (an invalidated connection's info is cleared when it reconnects)
                    conn.info.pop(_BEGIN, None)
            if nowait:
                self._local.inline = "later"

    @contextmanager
    def inline_writes(self) -> Iterator[bool]:
        """Take the right to write this SQLite database if no other thread or worker holds it, for an
        operation run on the event loop; yields whether it is held. Meanwhile the operation's first write
        transaction does not wait for another program's write lock either: its ``BEGIN`` raises
        ``WriterBusy`` at once. Nothing here waits, so the event loop never blocks on a lock (PostgreSQL:
        always ``False``)."""
        if not self.is_sqlite or not self._writers.acquire(blocking=False):
            yield False
            return
        self._local.inline = "first"
        try:
            yield True
        finally:
            self._local.inline = None
            self._writers.release()

    def loop_writer(self) -> asyncio.Lock:
        """The running event loop's turn to write this SQLite database (``api.calls.write`` takes it around
        a write). While one of the loop's writes waits for the writer lock in the thread pool (another
        worker holds it), the loop's next writes wait for their turn here, where waiting costs nothing,
        and then run on the loop again: sent to the thread pool as well, each would find the lock held by
        the one before it, and the loop's writes would stay in the thread pool (about a third slower) as
        long as they keep coming."""
        return self._loop_writers.get()

    def migrate(self) -> None:
        """Bring the schema to the latest version (Alembic), then seed what every database needs."""
        from rocketgrowth.store.migrate import upgrade

        upgrade(self)

    def next_ids(self, conn: Connection, name: str, count: int = 1) -> list[int]:
        """Issue ``count`` new identifiers of kind ``name`` (never reused, even after a rollback on PG).

        Straight on the DBAPI connection: a created product takes about twenty ids one at a time. On
        SQLite one statement each (the transaction holds the write lock, so the ids follow each other).
        On PostgreSQL, a transaction that asks again for a kind gets twice as many as last time and keeps
        the rest for its next asks: three round trips for six ids, never more than as many unused ids as it
        used (a sequence has gaps anyway: a rolled-back transaction's ids are not given again)."""
        if count <= 0:
            return []
        driver: Any = conn.connection.driver_connection
        if self.is_sqlite:
            if _SQLITE_RETURNING:
                taken = driver.execute(_SQLITE_TAKE_IDS, (count, name)).fetchall()
            else:  # SQLite before 3.35
                driver.execute(_SQLITE_ADD_IDS, (count, name))
                taken = driver.execute(_SQLITE_NEXT_ID, (name,)).fetchall()
            if not taken:
                first = ID_STARTS[name]
                driver.execute(_SQLITE_FIRST_IDS, (name, first + count))
                return list(range(first, first + count))
            end = int(taken[0][0])
            return list(range(end - count, end))
        kept = _kept_ids(conn, name)
        if len(kept.ids) < count:
            block = max(count - len(kept.ids), kept.asked)
            cursor = driver.execute(_PG_TAKE_IDS[name], (block,))
            kept.ids.extend(int(row[0]) for row in cursor.fetchall())
            kept.asked = 2 * block
        issued, kept.ids[:count] = kept.ids[:count], []
        return issued

    def prepare(self, statement: Select[Any]) -> Prepared:
        """``statement`` compiled once for this database, for :meth:`fetch_one` and :meth:`fetch_rows`."""
        return prepare(statement, self.engine.dialect)

    async def fetch_one(self, prepared: Prepared, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row of a prepared read of one statement (so one consistent snapshot), on the event loop:
        on SQLite on this thread's reader as it is (a few microseconds of local work: a trip through the thread
        pool would cost more); on PostgreSQL on a connection kept for this loop, in autocommit (no BEGIN
        before the statement, no ROLLBACK after it). Values come out as ``execute`` gives them, without the
        per-call work of a Core ``execute``."""
        rows = await self._rows(prepared, params, one=True)
        return rows[0] if rows else None

    async def fetch_rows(self, prepared: Prepared, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row of a prepared read of one statement, on the event loop (as :meth:`fetch_one`)."""
        return await self._rows(prepared, params, one=False)

    async def _rows(self, prepared: Prepared, params: Mapping[str, Any], *, one: bool) -> list[tuple[Any, ...]]:
        args = _arguments(prepared, params)
        rows: list[Any]
        if self._loop_readers is not None:
            rows = await self._loop_readers.rows(prepared.sql, args, one=one)
        elif self._keep_readers:  # autocommit outside ``read``: the statement is its own transaction
            rows = _driver_rows(self._reader().connection.driver_connection, prepared.sql, args, one=one)
        else:  # an in-memory database: a connection of its own
            rows = self.retry_read(self._rows_read, prepared.sql, args, one)
        return _processed(prepared, rows)

    def _rows_read(self, sql: str, args: Any, one: bool) -> list[Any]:
        with self.read() as conn:
            return _driver_rows(conn.connection.driver_connection, sql, args, one=one)

    @staticmethod
    def retry_read(read: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``read(…)``, run once more if its connection turned out dead (PostgreSQL restarted or dropped it):
        the pool has then been invalidated, so the second run gets a fresh connection. Reads only: a write
        whose connection died may have committed."""
        try:
            return read(*args, **kwargs)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
        return read(*args, **kwargs)

    def dispose(self) -> None:
        with self._readers_lock:
            readers, self._readers = self._readers, {}
        for _thread, reader in readers.values():
            reader.close()
        self._local = threading.local()
        self._writers.close()
        if self._loop_readers is not None:
            self._loop_readers.close()
        self.engine.dispose()


class _LoopReaders:
    """PostgreSQL connections (psycopg's ``AsyncConnection``, autocommit) for the reads ``Database.fetch_one``
    and ``fetch_rows`` run on the server's event loop, at most ``size`` at once per loop. Each loop keeps its own: a
    connection waits for its answers on the loop that opened it (a worker has one loop; tests start one per
    client). A connection that failed, or whose statement was cancelled half-way (the caller went away),
    is closed, never used again; a connection PostgreSQL dropped (a restart, a failover) fails its read,
    and then every connection the loop kept is closed and the read runs once more on a new one."""

    def __init__(self, engine: Engine, size: int) -> None:
        args, kwargs = engine.dialect.create_connect_args(engine.url)
        self._connect_args: tuple[Any, ...] = tuple(args)
        self._connect_kwargs: dict[str, Any] = {**kwargs, "autocommit": True}
        self._pools: PerLoop[_LoopPool] = PerLoop(lambda: _LoopPool(asyncio.Semaphore(size)))

    async def rows(self, sql: str, args: Any, *, one: bool) -> list[Any]:
        import psycopg

        pool = self._pools.get()
        async with pool.slots:
            try:
                return await self._rows(pool, sql, args, one)
            except psycopg.OperationalError:
                pool.close()  # the others are most likely dead too
                return await self._rows(pool, sql, args, one)

    async def _rows(self, pool: _LoopPool, sql: str, args: Any, one: bool) -> list[Any]:
        import psycopg

        if pool.idle:
            conn = pool.idle.pop()
        else:
            conn = await psycopg.AsyncConnection.connect(*self._connect_args, **self._connect_kwargs)
        try:
            async with conn.cursor() as cursor:
                # results in binary: a kept text comes as its bytes, not in bytea's hex text twice its size
                await cursor.execute(sql, args, binary=True)
                if one:
                    row = await cursor.fetchone()
                    rows = [] if row is None else [row]
                else:
                    rows = await cursor.fetchall()
        except BaseException:
            conn.pgconn.finish()
            raise
        pool.idle.append(conn)
        return rows

    def close(self) -> None:
        """Close the connections every loop keeps idle (from any thread: no loop is needed)."""
        for pool in self._pools.pop_all():
            pool.close()


@dataclass
class _LoopPool:
    slots: asyncio.Semaphore
    idle: list[Any] = field(default_factory=list)

    def close(self) -> None:
        idle, self.idle = self.idle, []
        for conn in idle:
            conn.pgconn.finish()


def _driver_rows(dbapi_connection: Any, sql: str, args: Any, *, one: bool) -> list[Any]:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql, args)
        if one:
            row = cursor.fetchone()
            return [] if row is None else [row]
        return cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        cursor.close()


def prepare(statement: Select[Any] | Update, dialect: Dialect) -> Prepared:
    """``statement`` compiled once for ``dialect``: its SQL, parameter order and result processors (an
    ``UPDATE`` sets the columns given to its ``values``)."""
    compiled = statement.compile(dialect=dialect)
    columns = statement.selected_columns if isinstance(statement, Select) else ()
    processors = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns)
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    binds = tuple(
        (name, process)
        for name, bind in compiled.binds.items()
        if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    )
    # values the statement carries itself (the OFFSET 0 SQLite adds to a LIMIT given as a parameter, say)
    defaults = {name: value for name, value in compiled.params.items() if value is not None}
    return Prepared(compiled.string, order, processors, binds, defaults)


def _arguments(prepared: Prepared, params: Mapping[str, Any]) -> Any:
    """``params`` as the driver takes them for ``prepared``: converted as ``execute`` would, in order."""
    if prepared.defaults:
        params = {**prepared.defaults, **params}
    if prepared.binds:
        params = dict(params)
        for name, process in prepared.binds:
            if name in params:
                params[name] = process(params[name])
    return tuple(params[name] for name in prepared.order) if prepared.order is not None else params


def fetch_all(conn: Connection, prepared: Prepared, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of a prepared read, inside ``conn``'s transaction (same snapshot as its other reads), run on
    its DBAPI connection: values come out as ``conn.execute`` gives them, without its per-call work."""
    rows = _driver_rows(conn.connection.driver_connection, prepared.sql, _arguments(prepared, params), one=False)
    return _processed(prepared, rows)


def _processed(prepared: Prepared, rows: list[Any]) -> list[tuple[Any, ...]]:
    """``rows`` as the driver gave them, through ``prepared``'s result processors."""
    processors = prepared.processors
    if not any(processors):  # values as the driver gives them
        return rows
    return [tuple(f(v) if f is not None else v for f, v in zip(processors, row, strict=True)) for row in rows]


def run(conn: Connection, prepared: Prepared, params: Mapping[str, Any]) -> None:
    """A prepared write, inside ``conn``'s transaction, on its DBAPI connection (as ``fetch_all``)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(prepared.sql, _arguments(prepared, params))
    finally:
        cursor.close()


@dataclass(frozen=True, slots=True)
class Prepared:
    """A statement compiled for one database: its SQL, the order of its positional parameters (``None`` when
    the driver takes them by name), the result processors of its columns, the parameters that are
    converted before they go to the driver (dates on SQLite, say) with their converters, and the values of
    the parameters the statement sets itself."""

    sql: str
    order: tuple[str, ...] | None
    processors: tuple[Callable[[Any], Any] | None, ...]
    binds: tuple[tuple[str, Callable[[Any], Any]], ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)


#: JSON columns written and read by orjson, exactly as the standard library would (``jsontext``)
_JSON_COLUMNS: dict[str, Any] = {"json_serializer": jsontext.dumps_column, "json_deserializer": jsontext.loads_column}

# ``next_ids``' statements (an id is issued per new option side: ~20 per created product)
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
    # let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's implicit BEGIN is off)
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


#: ``Connection.info`` key: how ``write`` wants its SQLite transaction begun (mode, whether not to wait)
_BEGIN = "rocketgrowth_begin"


def _sqlite_on_begin(conn: Connection) -> None:
    mode, nowait = conn.info.get(_BEGIN, ("DEFERRED", False))
    begin = f"BEGIN {mode}"
    # straight to the driver: a Core execution of a constant statement costs more than the BEGIN itself
    driver = conn.connection.driver_connection
    assert driver is not None
    if not nowait:
        driver.execute(begin)
        return
    driver.execute("PRAGMA busy_timeout=0")
    try:
        driver.execute(begin)
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise WriterBusy from exc
        raise
    finally:
        driver.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
