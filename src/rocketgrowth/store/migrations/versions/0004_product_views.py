"""Products keep their ``GET /seller-products/{id}`` view rendered (``products.product_view``).

The column starts NULL, and the upgrade marks every product as still to be rendered (a NULL
``list_row``: the products that ``rocketgrowth.store.migrate.upgrade`` fills after the schema upgrade,
in batches, rendering all of a product's derived columns at once). Meanwhile a read renders such a
product from its rows, as before.

On SQLite the table is rebuilt with the list rows before the product's document (``ROW_ORDER``). SQLite
keeps a row's values in column order, and reaches a value beyond the row's first page by following its
overflow pages one by one: behind the document, each row of a list page cost a page or two more to
read (measured in ``docs/benchmarks.md``). The view goes last: a product query reads only it, and a
product's load, which reads the document, never walks past the view. PostgreSQL keeps large values out of line (TOAST): the column is only added.

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

#: the products table's columns on SQLite after this revision
ROW_ORDER = (
    "seller_product_id", "vendor_id", "status", "business_type", "seller_product_name", "manufacture", "brand",
    "display_category_code", "category_id", "product_id", "requested", "registration_type", "created_at",
    "updated_at", "review_due_at", "version", "list_row", "rocket_growth_list_row", "body", "product_view",
)  # fmt: skip
_MISSING = "ix_products_list_row_missing"


def upgrade() -> None:
    view = sa.Column("product_view", sa.Text(), nullable=True)
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("products", recreate="always", partial_reordering=[ROW_ORDER]) as batch_op:
            batch_op.add_column(view)
        # (the rebuilt table's partial index, as revision 0003 made it, whatever reflection kept of it)
        op.execute(f"DROP INDEX IF EXISTS {_MISSING}")
        op.execute(f"CREATE INDEX {_MISSING} ON products (seller_product_id) WHERE list_row IS NULL")
    else:
        op.add_column("products", view)
    op.execute("UPDATE products SET list_row = NULL, rocket_growth_list_row = NULL")


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("product_view")
