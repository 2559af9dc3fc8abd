"""InquiryStore on SQLite and PostgreSQL: KST date window, filters, paging, one answer per inquiry."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from rocketgrowth.domain.inquiries import AnsweredType
from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.services import Services
from rocketgrowth.store import tables
from tests.conftest import make_vendor
from tests.factories import insert_approved_product

#: 2026-03-02 00:00:00 in Korea time, as naive UTC
KST_MARCH_2 = datetime(2026, 3, 1, 15, 0, 0)


def add(services: Services, vendor_item_id: int, *, at: datetime | None = None, **kwargs: Any) -> dict[str, Any]:
    with services.db.write() as conn:
        (inquiry_id,) = services.db.next_ids(conn, "inquiry_id")
        now = services.now(conn)
        return services.inquiries.add_inquiry(
            conn,
            inquiry_id=inquiry_id,
            vendor_item_id=vendor_item_id,
            content=kwargs.pop("content", "언제 입고되나요?"),
            now=now,
            inquiry_at=at,
            **kwargs,
        )


def reply(
    services: Services, vendor_id: str, inquiry_id: int, content: str = "다음 주 입고 예정입니다."
) -> dict[str, Any]:
    with services.db.write() as conn:
        (comment_id,) = services.db.next_ids(conn, "inquiry_comment_id")
        return services.inquiries.reply_inquiry(
            conn,
            vendor_id,
            inquiry_id,
            inquiry_comment_id=comment_id,
            content=content,
            reply_by="wing-user",
            now=services.now(conn),
        )


def page(
    services: Services,
    vendor_id: str,
    *,
    start: date = date(2026, 3, 1),
    end: date = date(2026, 3, 7),
    answered: AnsweredType = AnsweredType.ALL,
    page_num: int = 1,
    page_size: int = 10,
    vendor_item_id: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    with services.db.read() as conn:
        return services.inquiries.list_inquiries(
            conn,
            vendor_id,
            answered_type=answered,
            start=start,
            end=end,
            page_num=page_num,
            page_size=page_size,
            vendor_item_id=vendor_item_id,
        )


def count_rows(services: Services, table: Any) -> int:
    with services.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_add_inquiry_takes_the_ids_of_the_option(services: Services) -> None:
    vendor = make_vendor(services)
    vendor_item_ids = insert_approved_product(services, vendor.vendor_id)
    inquiry = add(services, vendor_item_ids[1], at=KST_MARCH_2, order_ids=[16000009476673])
    with services.db.read() as conn:
        item = conn.execute(
            select(tables.vendor_items).where(tables.vendor_items.c.vendor_item_id == vendor_item_ids[1])
        ).one()
        product = conn.execute(
            select(tables.products).where(tables.products.c.seller_product_id == item.seller_product_id)
        ).one()
    assert inquiry == {
        "vendorId": vendor.vendor_id,
        "inquiryId": inquiry["inquiryId"],
        "productId": product.product_id,
        "sellerProductId": product.seller_product_id,
        "sellerItemId": item.seller_product_item_id,
        "vendorItemId": vendor_item_ids[1],
        "content": "언제 입고되나요?",
        "inquiryAt": "2026-03-02 00:00:00",
        "orderIds": [16000009476673],
        "commentDtoList": [],
        "answered": False,
    }


def test_add_inquiry_defaults_to_now(services: Services) -> None:
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    with services.db.read() as conn:
        before = services.now(conn)
    inquiry = add(services, vendor_item_id)
    asked = datetime.strptime(inquiry["inquiryAt"], "%Y-%m-%d %H:%M:%S") - timedelta(hours=9)
    assert before - timedelta(seconds=1) <= asked <= before + timedelta(seconds=30)
    assert inquiry["orderIds"] is None


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"vendor_item_id": 1}, NotFound, "vendorItemId"),
        ({"content": "  "}, Invalid, "content"),
        ({"at": datetime(2100, 1, 1)}, Invalid, "inquiryAt"),
    ],
)
def test_add_inquiry_rejects_and_stores_nothing(
    services: Services, change: dict[str, Any], error: type[Invalid], field: str
) -> None:
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    before = count_rows(services, tables.inquiries)
    args: dict[str, Any] = {"vendor_item_id": vendor_item_id, **change}
    with pytest.raises(error) as caught:
        add(services, args.pop("vendor_item_id"), **args)
    assert caught.value.field == field
    assert count_rows(services, tables.inquiries) == before


def test_no_inquiry_on_a_deleted_product(services: Services) -> None:
    vendor = make_vendor(services)
    (vendor_item_id,) = insert_approved_product(services, vendor.vendor_id, options=1, status="DELETED")
    with pytest.raises(Invalid, match="deleted"):
        add(services, vendor_item_id)


def test_window_is_kst_dates_inclusive(services: Services) -> None:
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    one_second = timedelta(seconds=1)
    start_of_march_2 = KST_MARCH_2
    end_of_march_4 = KST_MARCH_2 + timedelta(days=3) - one_second
    inside = [add(services, vendor_item_id, at=at)["inquiryId"] for at in (start_of_march_2, end_of_march_4)]
    for at in (start_of_march_2 - one_second, end_of_march_4 + one_second):
        add(services, vendor_item_id, at=at)
    rows, total = page(services, vendor.vendor_id, start=date(2026, 3, 2), end=date(2026, 3, 4))
    assert total == 2
    assert [r["inquiryId"] for r in rows] == inside[::-1]
    assert [r["inquiryAt"] for r in rows] == ["2026-03-04 23:59:59", "2026-03-02 00:00:00"]


def test_paging_newest_first(services: Services) -> None:
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    ids = [add(services, vendor_item_id, at=KST_MARCH_2 + timedelta(minutes=n))["inquiryId"] for n in range(7)]
    newest_first = ids[::-1]
    seen: list[int] = []
    for number in (1, 2, 3):
        rows, total = page(services, vendor.vendor_id, page_num=number, page_size=3)
        assert total == 7
        seen += [r["inquiryId"] for r in rows]
    assert seen == newest_first
    assert page(services, vendor.vendor_id, page_num=4, page_size=3) == ([], 7)
    assert page(services, vendor.vendor_id, page_num=2**62, page_size=50) == ([], 7)


def test_same_time_orders_by_id(services: Services) -> None:
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    ids = [add(services, vendor_item_id, at=KST_MARCH_2)["inquiryId"] for _ in range(3)]
    rows, _ = page(services, vendor.vendor_id)
    assert [r["inquiryId"] for r in rows] == sorted(ids, reverse=True)


def test_filters_answered_and_vendor_item(services: Services) -> None:
    vendor = make_vendor(services)
    first, second = insert_approved_product(services, vendor.vendor_id)
    a = add(services, first, at=KST_MARCH_2)["inquiryId"]
    b = add(services, second, at=KST_MARCH_2)["inquiryId"]
    reply(services, vendor.vendor_id, a)

    def ids(**kwargs: Any) -> list[int]:
        return [r["inquiryId"] for r in page(services, vendor.vendor_id, **kwargs)[0]]

    assert sorted(ids()) == sorted([a, b])
    assert ids(answered=AnsweredType.ANSWERED) == [a]
    assert ids(answered=AnsweredType.NOANSWER) == [b]
    assert ids(vendor_item_id=second) == [b]
    assert ids(vendor_item_id=second, answered=AnsweredType.ANSWERED) == []


def test_other_vendors_inquiries_are_invisible(services: Services) -> None:
    mine, theirs = make_vendor(services), make_vendor(services)
    (their_item, _) = insert_approved_product(services, theirs.vendor_id)
    add(services, their_item, at=KST_MARCH_2)
    assert page(services, mine.vendor_id) == ([], 0)
    assert page(services, mine.vendor_id, vendor_item_id=their_item) == ([], 0)


def test_reply_once(services: Services) -> None:
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    inquiry_id = add(services, vendor_item_id, at=KST_MARCH_2)["inquiryId"]
    comment = reply(services, vendor.vendor_id, inquiry_id, "안녕하세요\n입고 지연중입니다.")
    assert comment["inquiryId"] == inquiry_id
    assert comment["content"] == "안녕하세요\n입고 지연중입니다."
    (row,), _ = page(services, vendor.vendor_id)
    assert row["commentDtoList"] == [comment]
    with pytest.raises(Invalid, match="already been answered") as caught:
        reply(services, vendor.vendor_id, inquiry_id, "두 번째 답변")
    assert not isinstance(caught.value, NotFound)
    (row,), _ = page(services, vendor.vendor_id)
    assert row["commentDtoList"] == [comment]


def test_reply_to_another_vendors_inquiry_is_not_found(services: Services) -> None:
    mine, theirs = make_vendor(services), make_vendor(services)
    (their_item, _) = insert_approved_product(services, theirs.vendor_id)
    inquiry_id = add(services, their_item, at=KST_MARCH_2)["inquiryId"]
    before = count_rows(services, tables.inquiry_replies)
    with pytest.raises(NotFound) as foreign:
        reply(services, mine.vendor_id, inquiry_id)
    with pytest.raises(NotFound) as missing:
        reply(services, mine.vendor_id, 1)
    assert foreign.value.message.replace(str(inquiry_id), "N") == missing.value.message.replace("1", "N")
    assert count_rows(services, tables.inquiry_replies) == before
    assert page(services, theirs.vendor_id, answered=AnsweredType.NOANSWER)[1] == 1


def test_a_concurrent_answer_waits_then_is_refused(services: Services) -> None:
    """While one transaction answers, a second waits for it (row lock / SQLite writer lock), then loses."""
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    inquiry_id = add(services, vendor_item_id, at=KST_MARCH_2)["inquiryId"]
    outcome: list[str] = []

    def second() -> None:
        try:
            reply(services, vendor.vendor_id, inquiry_id, "두 번째 답변")
            outcome.append("stored")
        except Invalid as exc:
            outcome.append(exc.message)

    with services.db.write() as conn:
        (comment_id,) = services.db.next_ids(conn, "inquiry_comment_id")
        services.inquiries.reply_inquiry(
            conn,
            vendor.vendor_id,
            inquiry_id,
            inquiry_comment_id=comment_id,
            content="첫 답변",
            reply_by="a",
            now=KST_MARCH_2,
        )
        waiting = threading.Thread(target=second)
        waiting.start()
        waiting.join(timeout=0.3)
        assert waiting.is_alive()
    waiting.join(timeout=30)
    assert len(outcome) == 1
    assert "already been answered" in outcome[0]
    (row,), _ = page(services, vendor.vendor_id)
    assert [c["content"] for c in row["commentDtoList"]] == ["첫 답변"]


def test_the_database_refuses_a_second_answer(services: Services) -> None:
    """The unique constraint holds even for a writer that skips the store's check."""
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    inquiry_id = add(services, vendor_item_id, at=KST_MARCH_2)["inquiryId"]
    reply(services, vendor.vendor_id, inquiry_id)
    with services.db.write() as conn:
        (comment_id,) = services.db.next_ids(conn, "inquiry_comment_id")
    second = insert(tables.inquiry_replies).values(
        inquiry_comment_id=comment_id,
        inquiry_id=inquiry_id,
        vendor_id=vendor.vendor_id,
        content="x",
        reply_by="x",
        created_at=KST_MARCH_2,
    )
    with pytest.raises(IntegrityError), services.db.write() as conn:
        conn.execute(second)


def test_operator_view_lists_answers_with_their_author(services: Services) -> None:
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    older = add(services, vendor_item_id, at=KST_MARCH_2)["inquiryId"]
    newer = add(services, vendor_item_id, at=KST_MARCH_2 + timedelta(hours=1))["inquiryId"]
    reply(services, vendor.vendor_id, older)
    with services.db.read() as conn:
        rows = services.inquiries.list_all_inquiries(conn, vendor_id=vendor.vendor_id)
        limited = services.inquiries.list_all_inquiries(conn, vendor_id=vendor.vendor_id, limit=1)
    assert [r["inquiryId"] for r in rows] == [newer, older]
    assert [r["answered"] for r in rows] == [False, True]
    assert rows[1]["commentDtoList"][0]["replyBy"] == "wing-user"
    assert {r["vendorId"] for r in rows} == {vendor.vendor_id}
    assert [r["inquiryId"] for r in limited] == [newer]


def test_unapproved_option_takes_no_inquiry(services: Services) -> None:
    vendor = make_vendor(services)
    (vendor_item_id, _) = insert_approved_product(services, vendor.vendor_id)
    with services.db.write() as conn:
        conn.execute(
            update(tables.vendor_items)
            .where(tables.vendor_items.c.vendor_item_id == vendor_item_id)
            .values(vendor_item_id=None, approved=False)
        )
    with pytest.raises(NotFound):
        add(services, vendor_item_id)
