"""``Generation``: a value that every write to a SQLite database changes, shared by all the processes that
use it, read without a statement.

It lives in a file of 8 bytes beside the database (``<database>-generation``), mapped into memory by each
process: ``Database.write`` writes 8 fresh random bytes into it after every commit, and a reader compares.
A reader that takes the value *before* it reads the database and finds it unchanged later knows that no
write committed since (a write that committed in between changed it after its commit). Random bytes rather
than a counter: two processes that change it at once cannot bring it back to a value a reader holds.

What writes a SQLite database by other means (Alembic's migrations, the ``sqlite3`` shell) does not change
it: readers bound what they keep by time as well (``VendorStore.authenticate``). An in-memory database has
no file: one process, the value kept in memory.
"""

from __future__ import annotations

import contextlib
import mmap
import os
from pathlib import Path

__all__ = ("SIZE", "Generation")

SIZE = 8


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
