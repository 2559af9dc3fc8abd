"""``client.products.template`` (sync and async) against the real app: the payload is created as it is;
an unknown, inner or disabled category, a Rocket Growth kind on another category and an unknown kind
are refused."""

from __future__ import annotations

import pytest

from rocketgrowth.domain.categories import (
    DEMO_DISABLED_CATEGORY,
    DEMO_MARKETPLACE_CATEGORY,
    DEMO_RG_EXPIRY_CATEGORY,
)
from rocketgrowth.sdk import BadRequestError
from rocketgrowth.wire.products import HybridProduct, MarketplaceProduct, RocketGrowthProduct
from tests.conftest import VendorKeys
from tests.sdk.app.conftest import Both

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("kind", "category", "model"),
    [
        ("marketplace", DEMO_MARKETPLACE_CATEGORY, MarketplaceProduct),
        ("rocket-growth", DEMO_RG_EXPIRY_CATEGORY, RocketGrowthProduct),
        ("hybrid", DEMO_RG_EXPIRY_CATEGORY, HybridProduct),
    ],
)
async def test_the_template_is_created_as_it_is(
    sdk: Both, keys: VendorKeys, kind: str, category: int, model: type
) -> None:
    payload = await sdk.products.template(category, kind=kind)
    assert payload["vendorId"] == keys.vendor_id
    assert await sdk.products.validate(payload) == []
    saved = await sdk.products.create(payload)
    assert isinstance(await sdk.products.get(saved.seller_product_id), model)


async def test_categories_that_cannot_be_used_are_refused(sdk: Both) -> None:
    with pytest.raises(BadRequestError, match=r"카테고리\[99999999\]가 존재하지 않습니다"):
        await sdk.products.template(99999999, kind="marketplace")
    with pytest.raises(ValueError, match=f"category {DEMO_DISABLED_CATEGORY} is not in service"):
        await sdk.products.template(DEMO_DISABLED_CATEGORY, kind="marketplace")
    with pytest.raises(ValueError, match="is not a Rocket Growth category"):
        await sdk.products.template(DEMO_MARKETPLACE_CATEGORY, kind="hybrid")
    with pytest.raises(ValueError, match="unknown kind 'rg'"):
        await sdk.products.template(DEMO_MARKETPLACE_CATEGORY, kind="rg")
