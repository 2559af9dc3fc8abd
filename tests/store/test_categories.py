"""CategoryStore on SQLite and PostgreSQL: seeding, replacing, and the per-version in-memory catalog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, update

from rocketgrowth.domain.catalog import CategoryNode
from rocketgrowth.domain.categories import DEMO_FASHION_CATEGORY, DEMO_RG_CATEGORY
from rocketgrowth.errors import Invalid
from rocketgrowth.services import Services
from rocketgrowth.store import tables
from rocketgrowth.store.categories import VERSION_KEY, CategoryStore


@pytest.fixture
def store(services: Services) -> Iterator[CategoryStore]:
    with services.db.write() as conn:
        services.categories.restore_builtin(conn)
    yield services.categories
    with services.db.write() as conn:
        services.categories.restore_builtin(conn)


def test_seed_is_idempotent_and_versioned(services: Services, store: CategoryStore) -> None:
    with services.db.write() as conn:
        version = services.state.get(conn, VERSION_KEY)
        store.seed_builtin(conn)
        assert services.state.get(conn, VERSION_KEY) == version
        count = conn.execute(select(func.count()).select_from(tables.categories)).scalar_one()
    assert count == 415


def test_the_catalog_is_kept_until_the_version_changes(services: Services, store: CategoryStore) -> None:
    with services.db.read() as conn:
        first = store.catalog(conn)
        assert store.catalog(conn) is first
    other = CategoryStore()  # another worker on the same database
    with services.db.write() as conn:
        conn.execute(
            update(tables.categories)
            .where(tables.categories.c.display_category_code == DEMO_RG_CATEGORY)
            .values(name="전동칫솔")
        )
    with services.db.read() as conn:
        assert store.get_category(conn, DEMO_RG_CATEGORY)["name"] == "칫솔"  # written behind the store's back
    with services.db.write() as conn:
        other.bump_version(conn)
    with services.db.read() as conn:
        assert store.get_category(conn, DEMO_RG_CATEGORY)["name"] == "전동칫솔"
        assert store.catalog(conn) is not first


def test_reads(services: Services, store: CategoryStore) -> None:
    with services.db.read() as conn:
        assert store.is_rocket_growth(conn, DEMO_RG_CATEGORY)
        meta = store.meta(conn, DEMO_FASHION_CATEGORY)
        assert meta is not None
        assert not meta.allow_single_item
        parent = store.catalog(conn).get(DEMO_RG_CATEGORY)
        assert parent is not None
        assert store.meta(conn, parent.parent) is None
        assert store.meta(conn, 5) is None
        assert store.require_meta(conn, DEMO_RG_CATEGORY) == store.meta(conn, DEMO_RG_CATEGORY)
        with pytest.raises(Invalid, match="최하위 카테고리가 아닙니다"):
            store.require_meta(conn, parent.parent)
        assert len(store.export(conn)) == 415


def test_replace_all_refuses_what_is_not_a_tree(services: Services, store: CategoryStore) -> None:
    for nodes in ([], [CategoryNode(code=5, parent=9, name="고아")], [CategoryNode(code=5, parent=0, name="x" * 201)]):
        with pytest.raises(Invalid), services.db.write() as conn:
            store.replace_all(conn, nodes)
    with services.db.read() as conn:
        assert len(store.catalog(conn)) == 415
