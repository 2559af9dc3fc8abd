"""``client.products`` against the real app in process (sync and async): every method, both schemas."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest

from rocketgrowth.sdk import BadRequestError
from rocketgrowth.services import Services
from rocketgrowth.wire.products import HybridProduct, MarketplaceProduct, ProductStatus, RocketGrowthProduct
from tests.conftest import VendorKeys
from tests.payloads import hybrid_payload, marketplace_payload, rocket_growth_payload
from tests.sdk.app.conftest import Both, collect

pytestmark = pytest.mark.anyio
# the product endpoints need the category metadata (domain.categories, written in parallel)
categories = pytest.importorskip("rocketgrowth.domain.categories", reason="category metadata not there yet")
DEMO_MARKETPLACE_CATEGORY: int = categories.DEMO_MARKETPLACE_CATEGORY
DEMO_RG_CATEGORY: int = categories.DEMO_RG_CATEGORY


def sku() -> str:
    return f"SKU-{uuid.uuid4().hex[:10]}"


class TestProducts:
    async def test_marketplace_lifecycle(self, sdk: Both, services: Services, keys: VendorKeys) -> None:
        code = sku()
        payload = marketplace_payload(services, keys.vendor_id, DEMO_MARKETPLACE_CATEGORY, options=2, sku=code)
        assert await sdk.products.validate(payload) == []
        saved = await sdk.products.create(payload)
        product_id = saved.seller_product_id
        product = await sdk.products.get(product_id)
        assert isinstance(product, MarketplaceProduct)
        assert product.status is ProductStatus.SAVED
        assert [item.vendor_item_id for item in product.items] == [None, None]

        await sdk.products.edit(product_id, lambda document: document.update(sellerProductName="바뀐 이름 & =?"))
        assert (await sdk.products.get(product_id)).seller_product_name == "바뀐 이름 & =?"
        assert (await sdk.products.get_inflow_status()).registered_count >= 1

        await sdk.products.request_approval(product_id)
        product = await sdk.products.get(product_id)
        assert product.status is ProductStatus.APPROVED
        vendor_item_ids = [item.marketplace_vendor_item_id for item in product.items]
        assert all(vendor_item_ids)

        history = await collect(await sdk.products.list_histories(product_id))
        assert history
        assert all(entry.status for entry in history)

        rows = await collect(await sdk.products.list(seller_product_name="바뀐 이름 & =?"))
        assert [row.seller_product_id for row in rows] == [product_id]
        assert [row.seller_product_id for row in await sdk.products.list_by_external_sku(f"{code}-0")] == [product_id]
        found = await sdk.products.reconcile_create(f"{code}-1")
        assert found is not None
        assert found.seller_product_id == product_id

        created = datetime.strptime(rows[0].created_at, "%Y-%m-%dT%H:%M:%S")
        window = await sdk.products.list_by_time_frame(created - timedelta(minutes=1), created + timedelta(minutes=1))
        assert product_id in [row.seller_product_id for row in window]

        partial = await sdk.products.get_partial(product_id)
        assert partial.delivery_charge_type == "FREE"
        await sdk.products.update_partial(product_id, {"returnCharge": 3000})
        assert (await sdk.products.get_partial(product_id)).return_charge == 3000

        for vendor_item_id in vendor_item_ids:
            await sdk.vendor_items.stop_sale(vendor_item_id)
        await sdk.products.delete(product_id)
        assert (await sdk.products.get(product_id)).status is ProductStatus.DELETED

    async def test_rocket_growth_edit_and_refusals(self, sdk: Both, services: Services, keys: VendorKeys) -> None:
        payload = rocket_growth_payload(services, keys.vendor_id, DEMO_RG_CATEGORY, requested=True)
        product_id = (await sdk.products.create(payload)).seller_product_id
        product = await sdk.products.get(product_id)
        assert isinstance(product, RocketGrowthProduct)
        assert not isinstance(product, HybridProduct)
        block = product.items[0].rocket_growth_item_data
        assert block is not None
        assert block.vendor_item_id
        assert product.raw.get("rocketGrowthAdditionalInformation", {}).get("legalAgreement") is None

        with pytest.raises(BadRequestError) as caught:
            await sdk.products.request_approval(product_id)
        assert caught.value.hint is not None
        assert "requested=true" in caught.value.hint
        with pytest.raises(BadRequestError):
            await sdk.products.delete(product_id)

        await sdk.products.edit(product_id, lambda document: document.update(sellerProductName="RG 새 이름"))
        edited = await sdk.products.get(product_id)
        assert edited.seller_product_name == "RG 새 이름"
        assert edited.status is not ProductStatus.SAVED  # requested:true kept it in review / approved

    async def test_hybrid_and_the_rocket_growth_list(self, sdk: Both, services: Services, keys: VendorKeys) -> None:
        payload = hybrid_payload(services, keys.vendor_id, DEMO_RG_CATEGORY, requested=True)
        product_id = (await sdk.products.create(payload)).seller_product_id
        product = await sdk.products.get(product_id)
        assert isinstance(product, HybridProduct)
        item = product.items[0]
        assert item.marketplace_vendor_item_id
        assert item.rocket_growth_vendor_item_id
        assert item.marketplace_vendor_item_id != item.rocket_growth_vendor_item_id
        rows = await collect(await sdk.products.list(business_types="rocketGrowth"))
        row = next(row for row in rows if row.seller_product_id == product_id)
        assert row.items is not None
        listed = row.items[0]
        assert listed.marketplace_item_data is not None
        assert listed.rocket_growth_item_data is not None
        assert listed.marketplace_item_data.vendor_item_id == item.marketplace_vendor_item_id
        assert listed.rocket_growth_item_data.vendor_item_id == item.rocket_growth_vendor_item_id
        stock = await sdk.vendor_items.get_inventory(item.rocket_growth_vendor_item_id)
        assert stock.seller_item_id == item.rocket_growth_vendor_item_id

    async def test_list_walks_every_page(self, sdk: Both, services: Services, keys: VendorKeys) -> None:
        name = f"페이지 {uuid.uuid4().hex[:6]}"
        ids = set()
        for _ in range(3):
            payload = marketplace_payload(services, keys.vendor_id, DEMO_MARKETPLACE_CATEGORY, name=name)
            ids.add((await sdk.products.create(payload)).seller_product_id)
        first = await sdk.products.list(max_per_page=2, seller_product_name=name)
        assert len(first.items) == 2
        assert first.has_next_page()
        assert {row.seller_product_id for row in await collect(first)} == ids
        saved = await collect(await sdk.products.list(status=ProductStatus.SAVED, max_per_page=1))
        assert ids <= {row.seller_product_id for row in saved}

    async def test_preflight_and_server_agree(self, sdk: Both, services: Services, keys: VendorKeys) -> None:
        payload: dict[str, Any] = rocket_growth_payload(services, keys.vendor_id, DEMO_RG_CATEGORY)
        payload["rocketGrowthAdditionalInformation"]["legalAgreement"] = "Y"
        problems = await sdk.products.validate(payload)
        assert problems == ["로켓그로스 입고 불가 조건을 확인하시고 동의해주세요"]
        with pytest.raises(BadRequestError) as caught:
            await sdk.products.create(payload)
        assert caught.value.message == problems[0]
        assert caught.value.hint is not None

    async def test_unknown_product(self, sdk: Both) -> None:
        with pytest.raises(BadRequestError):
            await sdk.products.get(99_999_999_999)
