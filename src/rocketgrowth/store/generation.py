"""``Generation``: a value that every write to a SQLite database changes, shared by all the processes that
use it, read without a statement.

It lives in a file of 8 bytes beside the database (``<database>-generation``), mapped into memory by each
process: ``Database.write`` writes 8 fresh random bytes into it after every commit, and a reader compares.
A reader that takes the value *before* it reads the database and finds it unchanged later knows that no
write committed since (a write that committed in between changed it after its commit). Random bytes rather
than a counter: two processes that change it at once cannot bring it back to a value a reader holds.

What writes a SQLite database by other means (Alembic's migrations, the ``sqlite3`` shell) does not change
it: readers bound what they keep by time as well (``KEPT_SECONDS``). An in-memory database has no file: one
process, the value kept in memory.

``KeptReads`` is how a reader keeps what it read: the signed call's key read (``VendorStore.authenticate``),
the product view and the list page (``operations.products``).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import time
from collections.abc import Awaitable, Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

__all__ = ("KEPT_SECONDS", "SIZE", "Generation", "KeptReads")

SIZE = 8
#: how long a read may be kept at most, even with the database's generation unchanged (what writes without
#: ``Database.write``, Alembic or the ``sqlite3`` shell, does not change it)
KEPT_SECONDS = 5.0

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Generation:
    """The generation of one SQLite database (``path``: its file; None: an in-memory database)."""

    def __init__(self, path: Path | None) -> None:
        self._shared: mmap.mmap | None = None
        self._own = bytearray(SIZE)
        if path is not None:
            with contextlib.suppress(OSError):  # a directory it cannot write to: kept in this process only
                self._shared = _mapped(Path(f"{path}-generation"))

    def value(self) -> bytes:
        """The current value (a write of any process changes it)."""
        return self._shared[:SIZE] if self._shared is not None else bytes(self._own)

    def change(self) -> None:
        """A write committed: give the generation a new value."""
        fresh = os.urandom(SIZE)
        if self._shared is not None:
            self._shared[:SIZE] = fresh
        else:
            self._own[:] = fresh


def _mapped(path: Path) -> mmap.mmap:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if os.fstat(fd).st_size < SIZE:
            os.ftruncate(fd, SIZE)
        return mmap.mmap(fd, SIZE)
    finally:
        os.close(fd)


class KeptReads(Generic[K, V]):
    """What a reader read, by key, kept while the database's generation stays the value taken *before* the
    read and for ``KEPT_SECONDS`` at most: a write of any process that committed since is seen by the next
    call, as without it. At most ``entries`` reads are kept (all dropped at once beyond: no bookkeeping on
    the hot path). A read that raises is not kept. Without a generation (PostgreSQL) every call reads."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        #: key → (the generation before the read, when it was read, what was read)
        self._kept: dict[K, tuple[bytes, float, V]] = {}

    async def get(self, generation: Generation | None, key: K, read: Callable[[], Awaitable[V]]) -> V:
        """What ``read()`` gives for ``key``: kept, or read now (and kept)."""
        if generation is None:
            return await read()
        stamp, now = generation.value(), time.monotonic()
        kept = self._kept.get(key)
        if kept is not None and kept[0] == stamp and now - kept[1] < KEPT_SECONDS:
            return kept[2]
        value = await read()
        if len(self._kept) >= self.entries:
            self._kept.clear()
        self._kept[key] = (stamp, now, value)
        return value

    def __len__(self) -> int:
        return len(self._kept)
