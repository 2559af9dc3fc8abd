"""PostgreSQL sequences for issued identifiers (SQLite uses the id_sequences table).

A database that already holds data (written at 0001, when the id_sequences table issued every id)
gets sequences that continue after the last id issued, never from the start again.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# frozen copy of rocketgrowth.store.db.ID_STARTS at the time of this migration
_STARTS = {
    "seller_product_id": 15_000_000_001,
    "seller_product_item_id": 30_000_000_001,
    "vendor_item_id": 70_000_000_001,
    "product_id": 9_000_000_001,
    "item_id": 4_000_000_001,
    "inquiry_id": 150_000_001,
    "inquiry_comment_id": 1_000_001,
}


# where each identifier is stored (frozen, like _STARTS)
_COLUMNS = {
    "seller_product_id": ("products", "seller_product_id"),
    "seller_product_item_id": ("vendor_items", "seller_product_item_id"),
    "vendor_item_id": ("vendor_items", "vendor_item_id"),
    "product_id": ("products", "product_id"),
    "item_id": ("vendor_items", "item_id"),
    "inquiry_id": ("inquiries", "inquiry_id"),
    "inquiry_comment_id": ("inquiry_replies", "inquiry_comment_id"),
}


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for name, start in _STARTS.items():
        table, column = _COLUMNS[name]
        op.execute(f"CREATE SEQUENCE IF NOT EXISTS seq_{name} START WITH {start}")
        # the next value: after the table-issued counter and after every id already stored
        op.execute(
            f"SELECT setval('seq_{name}', GREATEST({start}, "
            f"COALESCE((SELECT next_value FROM id_sequences WHERE name = '{name}'), 0), "
            f"COALESCE((SELECT MAX({column}) + 1 FROM {table}), 0)), false)"
        )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for name in _STARTS:
        op.execute(f"DROP SEQUENCE IF EXISTS seq_{name}")
