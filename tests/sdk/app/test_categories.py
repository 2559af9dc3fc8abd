"""``client.categories`` against the real app in process (sync and async)."""

from __future__ import annotations

import pytest

from rocketgrowth.sdk import APIStatusError
from tests.sdk.app.conftest import Both

pytestmark = pytest.mark.anyio
categories = pytest.importorskip("rocketgrowth.domain.categories", reason="category API not there yet")
DEMO_MARKETPLACE_CATEGORY: int = categories.DEMO_MARKETPLACE_CATEGORY
DEMO_NOT_RG_CATEGORY: int = categories.DEMO_NOT_RG_CATEGORY
DEMO_RG_CATEGORY: int = categories.DEMO_RG_CATEGORY
DEMO_RG_EXPIRY_CATEGORY: int = categories.DEMO_RG_EXPIRY_CATEGORY


class TestCategories:
    async def test_tree_rocket_growth_filter_and_locale(self, sdk: Both) -> None:
        root = await sdk.categories.list()
        assert root.display_category_code == 0
        assert root.find(DEMO_MARKETPLACE_CATEGORY) is not None
        assert root.find(DEMO_NOT_RG_CATEGORY) is not None
        rocket_growth = await sdk.categories.list(registration_type="RFM")
        assert rocket_growth.find(DEMO_RG_CATEGORY) is not None
        assert rocket_growth.find(DEMO_NOT_RG_CATEGORY) is None
        english = await sdk.categories.list(locale="en")
        assert [node.display_category_code for node in english.walk()] == [
            node.display_category_code for node in root.walk()
        ]

    async def test_one_category_status_and_meta(self, sdk: Both) -> None:
        top = await sdk.categories.get(0)
        assert top.children
        assert all(not child.children for child in top.children)  # one depth only
        leaf = await sdk.categories.get(DEMO_MARKETPLACE_CATEGORY)
        assert leaf.display_category_code == DEMO_MARKETPLACE_CATEGORY
        assert await sdk.categories.get_status(DEMO_MARKETPLACE_CATEGORY) is True
        meta = await sdk.categories.get_meta(DEMO_RG_EXPIRY_CATEGORY)
        assert meta.is_expiration_date_required_for_rocket_growth is True
        assert meta.notice_categories
        assert (await sdk.categories.get_meta(DEMO_RG_CATEGORY)).is_expiration_date_required_for_rocket_growth is False

    async def test_unknown_category(self, sdk: Both) -> None:
        with pytest.raises(APIStatusError):
            await sdk.categories.get_meta(99_999_999)
