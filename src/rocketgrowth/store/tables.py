"""Every table of the sandbox, SQLAlchemy Core; portable between SQLite and PostgreSQL.

Products keep their product-level document (and the common part of each option) as JSON in
``products.body``; each sellable side of an option (marketplace or Rocket Growth) is a row of
``vendor_items`` holding its ids, price, stock, sale state, barcode and inbound state. All tables
carry ``vendor_id`` so that the schema can be distributed by vendor (Citus distribution key).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = (
    "DERIVED_COLUMNS",
    "api_keys",
    "categories",
    "id_sequences",
    "inquiries",
    "inquiry_replies",
    "metadata",
    "product_histories",
    "products",
    "rocket_growth_order_items",
    "rocket_growth_orders",
    "rocket_growth_stock",
    "sandbox_state",
    "vendor_items",
    "vendors",
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

vendors = Table(
    "vendors",
    metadata,
    Column("vendor_id", String(20), primary_key=True),
    Column("name", String(200), nullable=False, server_default=""),
    Column("rocket_growth_consent", Boolean, nullable=False, default=False),
    Column("consented_at", DateTime, nullable=True),
    Column("created_at", DateTime, nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("access_key", String(64), primary_key=True),
    Column("secret_key", String(128), nullable=False),
    Column("vendor_id", String(20), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)

products = Table(
    "products",
    metadata,
    Column("seller_product_id", BigInteger, primary_key=True, autoincrement=False),
    Column("vendor_id", String(20), nullable=False),
    #: ProductStatus code: SAVED, IN_REVIEW, APPROVING, APPROVED, PARTIAL_APPROVED, DENIED, DELETED
    Column("status", String(20), nullable=False),
    #: MARKETPLACE, ROCKET_GROWTH or HYBRID
    Column("business_type", String(16), nullable=False),
    Column("seller_product_name", String(300), nullable=False),
    Column("manufacture", String(200), nullable=True),
    Column("brand", String(200), nullable=True),
    Column("display_category_code", BigInteger, nullable=False),
    Column("category_id", BigInteger, nullable=True),
    Column("product_id", BigInteger, nullable=True),
    Column("requested", Boolean, nullable=False, default=False),
    Column("registration_type", String(16), nullable=False, server_default="NORMAL"),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    #: when a delayed review becomes due (review mode delay:SECONDS)
    Column("review_due_at", DateTime, nullable=True),
    Column("version", Integer, nullable=False, default=1),
    #: the product-level document and each option's common part (no ids, no sale state)
    Column("body", JSON, nullable=False),
    #: derived, never exported: the product's row of ``GET /seller-products`` as JSON text, for Rocket
    #: Growth and hybrid products its row of the ``businessTypes=rocketGrowth`` list, and the product as
    #: ``GET /seller-products/{id}`` shows it; written with every save of the product or of one of its
    #: sides (``store.products``), with ``render_version``: the ``render.RENDER_VERSION`` that rendered
    #: them (NULL: not rendered yet). A read renders a product whose version is not the code's itself;
    #: ``ProductStore.fill_rendered`` renders them again. (On SQLite the version and the list rows come
    #: before ``body`` in a row: migrations 0004 and 0006)
    Column("render_version", Integer, nullable=True),
    Column("list_row", Text, nullable=True),
    Column("rocket_growth_list_row", Text, nullable=True),
    Column("product_view", Text, nullable=True),
    Index("ix_products_vendor_page", "vendor_id", "seller_product_id"),
    Index("ix_products_vendor_status", "vendor_id", "status", "seller_product_id"),
    Index("ix_products_vendor_type", "vendor_id", "business_type", "seller_product_id"),
    Index("ix_products_vendor_created", "vendor_id", "created_at"),
    #: finds the products whose kept texts another version rendered (none, once they are rendered again)
    Index("ix_products_render_version", "render_version"),
)

#: columns computed from the others: left out of snapshots, recomputed after an import
DERIVED_COLUMNS: dict[str, tuple[str, ...]] = {
    "products": ("render_version", "list_row", "rocket_growth_list_row", "product_view")
}

vendor_items = Table(
    "vendor_items",
    metadata,
    Column("seller_product_item_id", BigInteger, primary_key=True, autoincrement=False),
    Column("seller_product_id", BigInteger, nullable=False),
    Column("vendor_id", String(20), nullable=False),
    #: index of the option in the product's items array
    Column("position", Integer, nullable=False),
    #: MARKETPLACE or ROCKET_GROWTH
    Column("side", String(16), nullable=False),
    Column("item_name", String(300), nullable=False),
    Column("vendor_item_id", BigInteger, nullable=True, unique=True),
    Column("item_id", BigInteger, nullable=True),
    Column("barcode", String(100), nullable=True),
    Column("external_vendor_sku", String(200), nullable=True),
    Column("original_price", BigInteger, nullable=False, default=0),
    Column("sale_price", BigInteger, nullable=False, default=0),
    Column("quantity", BigInteger, nullable=False, default=0),
    Column("on_sale", Boolean, nullable=False, default=True),
    #: approved now (vendorItemId issued and live)
    Column("approved", Boolean, nullable=False, default=False),
    #: was ever approved: such an option can never be deleted
    Column("ever_approved", Boolean, nullable=False, default=False),
    #: Rocket Growth inbound: None, CREATED, INSPECTION_PASSED, INSPECTION_FAILED
    Column("inbound_status", String(24), nullable=True),
    Column("inbound_at", DateTime, nullable=True),
    #: the rest of the side's block: modelNo, skuInfo, emptyBarcode…, plus state like stoppedBy
    Column("data", JSON, nullable=False),
    Index("ix_vendor_items_product", "seller_product_id", "position"),
    Index("ix_vendor_items_vendor_sku", "vendor_id", "external_vendor_sku"),
    Index(
        "ux_vendor_items_rg_barcode",
        "vendor_id",
        "barcode",
        unique=True,
        sqlite_where=(Column("side") == "ROCKET_GROWTH"),
        postgresql_where=(Column("side") == "ROCKET_GROWTH"),
    ),
)

product_histories = Table(
    "product_histories",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("seller_product_id", BigInteger, nullable=False),
    Column("vendor_id", String(20), nullable=False),
    Column("created_at", DateTime, nullable=False),
    #: Korean status name as the wire shows it (임시저장, 승인요청, 승인대기중, …)
    Column("status", String(20), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Index("ix_product_histories_product", "seller_product_id", "id"),
)

categories = Table(
    "categories",
    metadata,
    Column("display_category_code", BigInteger, primary_key=True, autoincrement=False),
    Column("parent_code", BigInteger, nullable=True, index=True),
    Column("name", String(200), nullable=False),
    #: names by locale: {"en": …, "zh-CN": …}
    Column("names", JSON, nullable=False),
    Column("status", String(16), nullable=False, server_default="ACTIVE"),
    Column("depth", Integer, nullable=False),
    Column("position", Integer, nullable=False, server_default="0"),
    #: Rocket Growth (registrationType RFM) may use it
    Column("rocket_growth", Boolean, nullable=False, default=False),
    #: Coupang Global Fulfillment (registrationType CGF) may use it
    Column("global_fulfillment", Boolean, nullable=False, default=False),
    Column("category_id", BigInteger, nullable=True),
    #: category metadata (leaves only): the data object of the metadata API
    Column("meta", JSON, nullable=True),
)

inquiries = Table(
    "inquiries",
    metadata,
    Column("inquiry_id", BigInteger, primary_key=True, autoincrement=False),
    Column("vendor_id", String(20), nullable=False),
    Column("vendor_item_id", BigInteger, nullable=False),
    Column("seller_product_id", BigInteger, nullable=False),
    Column("seller_product_item_id", BigInteger, nullable=False),
    Column("product_id", BigInteger, nullable=True),
    Column("content", Text, nullable=False),
    Column("inquiry_at", DateTime, nullable=False),
    Column("order_ids", JSON, nullable=True),
    Column("answered", Boolean, nullable=False, default=False),
    Index("ix_inquiries_vendor_at", "vendor_id", "inquiry_at", "inquiry_id"),
)

inquiry_replies = Table(
    "inquiry_replies",
    metadata,
    Column("inquiry_comment_id", BigInteger, primary_key=True, autoincrement=False),
    Column("inquiry_id", BigInteger, nullable=False),
    Column("vendor_id", String(20), nullable=False),
    Column("content", Text, nullable=False),
    Column("reply_by", String(100), nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("inquiry_id", name="uq_inquiry_replies_inquiry_id"),
)

#: Rocket Growth warehouse stock, one row per Rocket Growth option that ever had an inbound
rocket_growth_stock = Table(
    "rocket_growth_stock",
    metadata,
    Column("seller_product_item_id", BigInteger, primary_key=True, autoincrement=False),
    Column("vendor_id", String(20), nullable=False),
    Column("vendor_item_id", BigInteger, nullable=False, unique=True),
    #: units of the open inbound, awaiting inspection
    Column("awaiting", BigInteger, nullable=False, default=0),
    #: units of every inbound, and of them accepted by inspection
    Column("received", BigInteger, nullable=False, default=0),
    Column("accepted", BigInteger, nullable=False, default=0),
    #: accepted units no order has taken
    Column("orderable", BigInteger, nullable=False, default=0),
)

#: Rocket Growth orders (customers buying from Coupang's warehouse); the seller's list pages by
#: (vendor, paid time, id) over the shipped ones
rocket_growth_orders = Table(
    "rocket_growth_orders",
    metadata,
    Column("order_id", BigInteger, primary_key=True, autoincrement=False),
    Column("vendor_id", String(20), nullable=False),
    #: OrderStatus: PAID, SHIPPED, CANCELLED
    Column("status", String(16), nullable=False),
    #: when the customer paid (naive UTC, whole seconds)
    Column("paid_at", DateTime, nullable=False),
    Column("shipped_at", DateTime, nullable=True),
    Column("created_at", DateTime, nullable=False),
    Index("ix_rocket_growth_orders_vendor_paid", "vendor_id", "status", "paid_at", "order_id"),
)

rocket_growth_order_items = Table(
    "rocket_growth_order_items",
    metadata,
    Column("order_id", BigInteger, primary_key=True, autoincrement=False),
    Column("line", Integer, primary_key=True, autoincrement=False),
    Column("vendor_id", String(20), nullable=False),
    Column("vendor_item_id", BigInteger, nullable=False),
    Column("seller_product_item_id", BigInteger, nullable=False),
    Column("product_name", String(700), nullable=False),
    Column("quantity", Integer, nullable=False),
    #: the option's Rocket Growth sale price when the order was placed (KRW)
    Column("unit_price", BigInteger, nullable=False),
    Index("ix_rocket_growth_order_items_item", "vendor_item_id", "order_id"),
)

#: issued identifiers, one row per kind (SQLite); PostgreSQL uses real sequences of the same names
id_sequences = Table(
    "id_sequences",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("next_value", BigInteger, nullable=False),
)

#: sandbox-wide state shared by all workers: clock offset, review mode, …
sandbox_state = Table(
    "sandbox_state",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", JSON, nullable=False),
)
