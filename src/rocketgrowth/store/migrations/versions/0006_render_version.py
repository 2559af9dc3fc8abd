"""Products keep the version of the rendering that made their kept texts (``products.render_version``).

The column starts NULL: every product's texts are rendered again after the schema upgrade
(``rocketgrowth.store.migrate.render_again``), and meanwhile a read renders such a product itself. An
index on the version replaces the partial index of the products not rendered yet (a NULL ``list_row``).

On SQLite the table is rebuilt with the version before the list rows (``ROW_ORDER``, as revision 0004
explains: a value beyond the row's first page is reached by walking its overflow pages).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: the products table's columns on SQLite after this revision
ROW_ORDER = (
    "seller_product_id", "vendor_id", "status", "business_type", "seller_product_name", "manufacture", "brand",
    "display_category_code", "category_id", "product_id", "requested", "registration_type", "created_at",
    "updated_at", "review_due_at", "version", "render_version", "list_row", "rocket_growth_list_row", "body",
    "product_view",
)  # fmt: skip
_MISSING = "ix_products_list_row_missing"
_VERSION = "ix_products_render_version"


def upgrade() -> None:
    column = sa.Column("render_version", sa.Integer(), nullable=True)
    op.drop_index(_MISSING, table_name="products")
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("products", recreate="always", partial_reordering=[ROW_ORDER]) as batch_op:
            batch_op.add_column(column)
    else:
        op.add_column("products", column)
    op.create_index(_VERSION, "products", ["render_version"])


def downgrade() -> None:
    op.drop_index(_VERSION, table_name="products")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("render_version")
    op.execute(f"CREATE INDEX {_MISSING} ON products (seller_product_id) WHERE list_row IS NULL")
