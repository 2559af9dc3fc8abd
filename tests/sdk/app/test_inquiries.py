"""``client.inquiries`` against the real app in process (sync and async)."""

from __future__ import annotations

import pytest

from rocketgrowth.sdk import BadRequestError
from rocketgrowth.services import Services
from tests.conftest import VendorKeys
from tests.factories import insert_approved_product
from tests.sdk.app.conftest import Both, collect

pytestmark = pytest.mark.anyio


def add_inquiries(services: Services, vendor_item_id: int, count: int) -> list[int]:
    ids = []
    with services.db.write() as conn:
        for n in range(count):
            (inquiry_id,) = services.db.next_ids(conn, "inquiry_id")
            services.inquiries.add_inquiry(
                conn,
                inquiry_id=inquiry_id,
                vendor_item_id=vendor_item_id,
                content=f"문의 {n}: 언제 입고되나요?",
                now=services.now(conn),
                order_ids=[1000 + n],
            )
            ids.append(inquiry_id)
    return ids


class TestInquiries:
    async def test_list_iterate_and_reply(self, sdk: Both, services: Services, keys: VendorKeys) -> None:
        (vendor_item_id, *_) = insert_approved_product(services, keys.vendor_id)
        ids = add_inquiries(services, vendor_item_id, 3)
        page = await sdk.inquiries.list(answered_type="NOANSWER", page_size=2)
        assert len(page.items) == 2
        assert page.total == 3
        assert page.has_next_page()
        everything = await collect(await sdk.inquiries.list(page_size=2, answered_type="NOANSWER"))
        assert sorted(inquiry.inquiry_id for inquiry in everything) == sorted(ids)
        assert all(inquiry.vendor_item_id == vendor_item_id and not inquiry.answered for inquiry in everything)

        ack = await sdk.inquiries.reply(ids[0], "안녕하세요\n이번 주에 입고됩니다.", reply_by="wing-user")
        assert ack.message == "OK"
        answered = await collect(await sdk.inquiries.list(answered_type="ANSWERED"))
        assert [inquiry.inquiry_id for inquiry in answered] == [ids[0]]
        assert answered[0].comment_dto_list[0].content == "안녕하세요\n이번 주에 입고됩니다."
        with pytest.raises(BadRequestError):
            await sdk.inquiries.reply(ids[0], "두 번째 답변", reply_by="wing-user")

    async def test_unknown_inquiry(self, sdk: Both) -> None:
        with pytest.raises(BadRequestError) as caught:
            await sdk.inquiries.reply(987_654_321, "답변", reply_by="wing-user")
        assert caught.value.code == "400"
