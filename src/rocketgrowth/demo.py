"""The demo data ``rocketgrowth serve --demo`` adds to an empty database, so the console, the lists and
the first calls show something at once.

Everything is made through the operations the API runs (create, operator review, sale stop, inbound,
inspection, a customer inquiry), from ``domain.template`` payloads: the data is what a seller would get
by making the same calls. Nothing is added when any vendor already has a product.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rocketgrowth.clock import format_kst
from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY, DEMO_RG_CATEGORY, DEMO_RG_EXPIRY_CATEGORY
from rocketgrowth.domain.product import Option
from rocketgrowth.domain.template import TemplateKind, product_template
from rocketgrowth.operations import inquiries as inquiry_ops
from rocketgrowth.operations import products as product_ops
from rocketgrowth.operations import rocket_growth as rocket_growth_ops
from rocketgrowth.operations import sandbox as sandbox_ops
from rocketgrowth.operations import vendor_items as item_ops
from rocketgrowth.services import Services

__all__ = ("DEMO_INQUIRY", "seed_demo")

DEMO_INQUIRY = "배송은 언제 시작되나요? 선물용으로 포장도 가능한가요?"


def _payload(services: Services, vendor_id: str, code: int, kind: TemplateKind, name: str, **changes: Any) -> Any:
    with services.db.read() as conn:
        meta = services.categories.meta(conn, code)
        rocket_growth = services.categories.is_rocket_growth(conn, code)
        now = services.now(conn)
    assert meta is not None, f"built-in category {code} has no metadata"
    payload = product_template(
        meta,
        display_category_code=code,
        kind=kind,
        vendor_id=vendor_id,
        sale_started_at=format_kst(now)[:10] + "T00:00:00",
        rocket_growth_category=rocket_growth,
    )
    payload.update(sellerProductName=name, displayProductName=name, brand="데모브랜드", **changes)
    return payload


def is_empty(services: Services) -> bool:
    """Whether no vendor has a product yet."""
    with services.db.read() as conn:
        return all(
            services.products.count_products(conn, v.vendor_id) == 0 for v in services.vendors.list_vendors(conn)
        )


def seed_demo(services: Services, vendor_id: str) -> dict[str, list[int]] | None:
    """Products of every kind in different states, an inbound and an inquiry for ``vendor_id`` (which
    must have agreed to the Rocket Growth terms), when the database holds no product; else ``None``.
    ``services`` must review manually (``review_mode="manual"``), so every decision is the operator's.
    Returns the sellerProductIds by state, the inbounds' sellerProductItemIds and the inquiry's id."""
    if not is_empty(services):
        return None
    with services.db.read() as conn:
        vendor = services.vendors.get(conn, vendor_id)
        now = services.now(conn)

    def create(code: int, kind: TemplateKind, name: str, *, requested: bool, **changes: Any) -> int:
        payload = _payload(services, vendor_id, code, kind, name, requested=requested, **changes)
        return product_ops.create_product(services, vendor, payload, now)

    def first_option(seller_product_id: int) -> Option:
        with services.db.read() as conn:
            found = services.products.get_product(conn, seller_product_id)
        assert found is not None
        return found.options[0]

    def vendor_item_id(seller_product_id: int) -> int:
        side = first_option(seller_product_id).marketplace
        assert side is not None
        assert side.vendor_item_id is not None
        return side.vendor_item_id

    def rocket_growth_item_id(seller_product_id: int) -> int:
        side = first_option(seller_product_id).rocket_growth
        assert side is not None
        return side.seller_product_item_id

    review: Callable[..., Any] = sandbox_ops.review_product
    mp, rg, hybrid = TemplateKind.MARKETPLACE, TemplateKind.ROCKET_GROWTH, TemplateKind.HYBRID
    on_sale = create(DEMO_MARKETPLACE_CATEGORY, mp, "데모 주문제작 스티커", requested=True)
    review(services, str(on_sale), "APPROVE")
    stopped = create(DEMO_MARKETPLACE_CATEGORY, mp, "데모 판매중지 스티커", requested=True)
    review(services, str(stopped), "APPROVE")
    item_ops.stop_vendor_item_sale(services, vendor, str(vendor_item_id(stopped)), now)
    saved = create(DEMO_MARKETPLACE_CATEGORY, mp, "데모 임시저장 스티커", requested=False)
    waiting = create(DEMO_MARKETPLACE_CATEGORY, mp, "데모 승인대기 스티커", requested=True)
    denied = create(DEMO_MARKETPLACE_CATEGORY, mp, "데모 반려 스티커", requested=True)
    review(services, str(denied), "DENY", reason="대표 이미지가 상품과 다릅니다.")

    brush = create(DEMO_RG_CATEGORY, rg, "데모 로켓그로스 칫솔", requested=True)
    review(services, str(brush), "APPROVE")
    brush_item = rocket_growth_item_id(brush)
    sandbox_ops.create_inbound(services, str(brush_item), 120)
    sandbox_ops.set_inbound_inspection(services, str(brush_item), "PASSED", "데모 입고 검수 통과")
    # customers bought toothbrushes over the last 30 days: the Rocket Growth Open API has orders and sales
    rocket_growth_ops.simulate_rocket_growth_orders(services, vendor_id, days=30, orders_per_day=2, seed=1)
    noodles = create(DEMO_RG_EXPIRY_CATEGORY, rg, "데모 로켓그로스 봉지라면", requested=True)
    review(services, str(noodles), "APPROVE")
    noodle_item = rocket_growth_item_id(noodles)
    sandbox_ops.create_inbound(services, str(noodle_item), 40)
    both = create(DEMO_RG_CATEGORY, hybrid, "데모 하이브리드 칫솔", requested=True)
    review(services, str(both), "APPROVE")
    saved_hybrid = create(DEMO_RG_CATEGORY, hybrid, "데모 하이브리드 임시저장", requested=False)

    inquiry_id = inquiry_ops.add_inquiry(services, vendor_item_id(on_sale), DEMO_INQUIRY)["inquiryId"]
    return {
        "approved": [on_sale, brush, noodles, both],
        "saleStopped": [stopped],
        "inReview": [waiting],
        "denied": [denied],
        "saved": [saved, saved_hybrid],
        "inbounds": [brush_item, noodle_item],
        "inquiries": [inquiry_id],
        "rocketGrowthOrders": [
            order["orderId"] for order in rocket_growth_ops.list_all_rocket_growth_orders(services, vendor_id=vendor_id)
        ],
    }
