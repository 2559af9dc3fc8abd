"""Category tree and metadata (to be written)."""

from __future__ import annotations

from sqlalchemy import Connection


class CategoryStore:
    def seed_builtin(self, conn: Connection) -> None:
        """Load the built-in catalog when the table is empty."""
