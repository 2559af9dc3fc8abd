"""Products keep their list rows rendered (``products.list_row``, ``products.rocket_growth_list_row``).

The columns start NULL; ``rocketgrowth.store.migrate.upgrade`` renders them after the schema upgrade,
in batches, and a list shows a NULL row by rendering the product itself meanwhile.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("list_row", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("rocket_growth_list_row", sa.Text(), nullable=True))
        batch_op.create_index(
            "ix_products_list_row_missing",
            ["seller_product_id"],
            unique=False,
            sqlite_where=sa.text("list_row IS NULL"),
            postgresql_where=sa.text("list_row IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index("ix_products_list_row_missing")
        batch_op.drop_column("rocket_growth_list_row")
        batch_op.drop_column("list_row")
