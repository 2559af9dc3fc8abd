"""Products and vendor items (to be written)."""

from __future__ import annotations


class ProductStore:
    pass
