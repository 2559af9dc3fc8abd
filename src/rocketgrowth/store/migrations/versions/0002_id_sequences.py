"""PostgreSQL sequences for issued identifiers (SQLite uses the id_sequences table).

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


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for name, start in _STARTS.items():
        op.execute(f"CREATE SEQUENCE IF NOT EXISTS seq_{name} START WITH {start}")


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for name in _STARTS:
        op.execute(f"DROP SEQUENCE IF EXISTS seq_{name}")
