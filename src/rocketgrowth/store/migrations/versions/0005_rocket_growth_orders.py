"""Rocket Growth warehouse stock and orders (the ``rg_open_api`` family's inventory and orders).

Three tables: ``rocket_growth_stock`` (units per Rocket Growth option: awaiting inspection, received,
accepted, orderable), ``rocket_growth_orders`` (paged by vendor, status, paid time and id) and
``rocket_growth_order_items``. On PostgreSQL order ids come from the sequence ``seq_order_id``.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: frozen copy of rocketgrowth.store.db.ID_STARTS["order_id"] at the time of this migration
_ORDER_ID_START = 20_000_000_001


def upgrade() -> None:
    op.create_table(
        "rocket_growth_stock",
        sa.Column("seller_product_item_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("vendor_id", sa.String(length=20), nullable=False),
        sa.Column("vendor_item_id", sa.BigInteger(), nullable=False),
        sa.Column("awaiting", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("accepted", sa.BigInteger(), nullable=False),
        sa.Column("orderable", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("seller_product_item_id", name=op.f("pk_rocket_growth_stock")),
        sa.UniqueConstraint("vendor_item_id", name=op.f("uq_rocket_growth_stock_vendor_item_id")),
    )
    op.create_table(
        "rocket_growth_orders",
        sa.Column("order_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("vendor_id", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("shipped_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_rocket_growth_orders")),
    )
    op.create_index(
        "ix_rocket_growth_orders_vendor_paid",
        "rocket_growth_orders",
        ["vendor_id", "status", "paid_at", "order_id"],
        unique=False,
    )
    op.create_table(
        "rocket_growth_order_items",
        sa.Column("order_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("line", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("vendor_id", sa.String(length=20), nullable=False),
        sa.Column("vendor_item_id", sa.BigInteger(), nullable=False),
        sa.Column("seller_product_item_id", sa.BigInteger(), nullable=False),
        sa.Column("product_name", sa.String(length=700), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("order_id", "line", name=op.f("pk_rocket_growth_order_items")),
    )
    op.create_index(
        "ix_rocket_growth_order_items_item",
        "rocket_growth_order_items",
        ["vendor_item_id", "order_id"],
        unique=False,
    )
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"CREATE SEQUENCE IF NOT EXISTS seq_order_id START WITH {_ORDER_ID_START}")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS seq_order_id")
    op.drop_index("ix_rocket_growth_order_items_item", table_name="rocket_growth_order_items")
    op.drop_table("rocket_growth_order_items")
    op.drop_index("ix_rocket_growth_orders_vendor_paid", table_name="rocket_growth_orders")
    op.drop_table("rocket_growth_orders")
    op.drop_table("rocket_growth_stock")
