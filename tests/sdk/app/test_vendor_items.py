"""``client.vendor_items`` against the real app in process (sync and async)."""

from __future__ import annotations

import pytest

from rocketgrowth.sdk import BadRequestError
from rocketgrowth.services import Services
from tests.conftest import VendorKeys
from tests.factories import insert_approved_product
from tests.sdk.app.conftest import Both

pytestmark = pytest.mark.anyio


class TestVendorItems:
    async def test_inventory_quantity_price_sale(self, sdk: Both, services: Services, keys: VendorKeys) -> None:
        vendor_item_id, _ = insert_approved_product(services, keys.vendor_id)
        stock = await sdk.vendor_items.get_inventory(vendor_item_id)
        assert (stock.seller_item_id, stock.amount_in_stock, stock.sale_price, stock.on_sale) == (
            vendor_item_id,
            100,
            15000,
            True,
        )
        ack = await sdk.vendor_items.set_quantity(vendor_item_id, 7)
        assert ack.message == "재고 변경을 완료했습니다."
        assert (await sdk.vendor_items.set_price(vendor_item_id, 14000)).message == "가격 변경을 완료했습니다."
        with pytest.raises(BadRequestError, match="50%"):
            await sdk.vendor_items.set_price(vendor_item_id, 50000)
        await sdk.vendor_items.set_price(vendor_item_id, 50000, force=True)
        await sdk.vendor_items.set_original_price(vendor_item_id, 60000)
        assert (await sdk.vendor_items.stop_sale(vendor_item_id)).message == "판매 중지 처리되었습니다."
        stock = await sdk.vendor_items.get_inventory(vendor_item_id)
        assert (stock.amount_in_stock, stock.sale_price, stock.on_sale) == (7, 50000, False)
        assert (await sdk.vendor_items.resume_sale(vendor_item_id)).message == "판매가 재개되었습니다."
        assert (await sdk.vendor_items.get_inventory(vendor_item_id)).on_sale is True

    async def test_unknown_option_has_the_hint(self, sdk: Both) -> None:
        with pytest.raises(BadRequestError) as caught:
            await sdk.vendor_items.get_inventory(999_999_999_999)
        assert caught.value.hint is not None
        assert "vendorItemId" in caught.value.hint

    async def test_another_vendors_option_is_not_found(self, sdk: Both, services: Services) -> None:
        from tests.conftest import make_vendor

        other = make_vendor(services)
        (vendor_item_id, *_) = insert_approved_product(services, other.vendor_id)
        with pytest.raises(BadRequestError):
            await sdk.vendor_items.set_quantity(vendor_item_id, 1)
