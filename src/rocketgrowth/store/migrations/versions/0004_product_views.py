"""Products keep their ``GET /seller-products/{id}`` view rendered (``products.product_view``).

The column starts NULL, and the upgrade marks every product as still to be rendered (a NULL
``list_row``: the products that ``rocketgrowth.store.migrate.upgrade`` fills after the schema upgrade,
in batches, rendering all of a product's derived columns at once). Meanwhile a read renders such a
product from its rows, as before.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("product_view", sa.Text(), nullable=True))
    op.execute("UPDATE products SET list_row = NULL, rocket_growth_list_row = NULL")


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("product_view")
