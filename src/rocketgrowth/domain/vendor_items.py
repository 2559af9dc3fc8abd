"""Rules of the vendor-item APIs: quantity, price, sale state and discount base price of one
approved option side (marketplace or Rocket Growth vendorItemId). Pure: ``Side -> Side``."""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol

from rocketgrowth.domain.product import Side
from rocketgrowth.domain.status import ProductStatus
from rocketgrowth.errors import Invalid

__all__ = (
    "INVENTORY",
    "MAX_QUANTITY",
    "ORIGINAL_PRICE",
    "PRICE",
    "QUANTITY",
    "RESUME",
    "STOP",
    "Holder",
    "inventory_view",
    "not_found_message",
    "resume_sale",
    "set_original_price",
    "set_price",
    "set_quantity",
    "stop_sale",
)

MAX_QUANTITY = 99_999


class Holder(Protocol):
    """What the rules read of the product that holds the side: a ``Product``, or a store's record of the side
    with its product's status."""

    @property
    def status(self) -> ProductStatus: ...


#: what each vendor-item API calls its change, as its messages begin (``재고변경에 실패했습니다. […]``)
QUANTITY, PRICE, ORIGINAL_PRICE = "재고변경", "가격변경", "할인율 기준가격 변경"
RESUME, STOP, INVENTORY = "판매재개", "판매중지", "재고조회"


def not_found_message(vendor_item_id: int | str, action: str) -> str:
    """The answer to an unknown, unissued or another vendor's vendorItemId: the quantity change's
    documented ``Failed to change the inventory. [vendoritemid 3047***045 not found]``, in the words
    each API begins its other messages with (``재고변경에 실패했습니다. [vendoritemid 1 not found]``)."""
    return f"{action}에 실패했습니다. [vendoritemid {vendor_item_id} not found]"


def _check_live(product: Holder, side: Side, action: str) -> None:
    if product.status is ProductStatus.DELETED:
        raise Invalid(f"{action}에 실패했습니다. [옵션ID[{side.vendor_item_id}] : 삭제된 상품은 변경이 불가능합니다.]")
    if not side.approved:
        raise Invalid(f"{action}에 실패했습니다. [옵션ID[{side.vendor_item_id}] : 승인되지 않은 옵션입니다.]")


def set_quantity(product: Holder, side: Side, quantity: int) -> Side:
    _check_live(product, side, QUANTITY)
    if not 0 <= quantity <= MAX_QUANTITY:
        raise Invalid("유효하지 않은 재고수량입니다.")
    return dataclasses.replace(side, quantity=quantity)


def set_price(product: Holder, side: Side, price: int, *, force: bool = False) -> Side:
    _check_live(product, side, PRICE)
    prefix = f"가격변경에 실패했습니다. [옵션ID[{side.vendor_item_id}] : "
    if price <= 0:
        raise Invalid(prefix + "판매가는 0원보다 커야 합니다.]")
    if price % 10:
        raise Invalid(prefix + "가격은 최소 10원 단위로 입력가능합니다. (1원단위 입력 불가)]")
    if not force and side.sale_price and not (side.sale_price * 0.5 <= price <= side.sale_price * 2):
        raise Invalid(
            prefix + "판매가 변경이 불가능합니다. 변경전 판매가의 최대 50% 인하/최대 100%인상까지 변경가능합니다.]"
        )
    return dataclasses.replace(side, sale_price=price)


def set_original_price(product: Holder, side: Side, original_price: int) -> Side:
    _check_live(product, side, ORIGINAL_PRICE)
    if original_price < 0 or original_price % 10:
        raise Invalid(
            f"할인율 기준가격 변경에 실패했습니다. [옵션ID[{side.vendor_item_id}] : "
            "가격은 최소 10원 단위로 입력가능합니다. (1원단위 입력 불가)]"
        )
    return dataclasses.replace(side, original_price=original_price)


def resume_sale(product: Holder, side: Side) -> Side:
    _check_live(product, side, RESUME)
    if side.data.get("stoppedByCoupang"):
        raise Invalid(
            f"판매재개에 실패했습니다. [옵션ID({side.vendor_item_id})은 쿠팡의 모니터링에 의해 '판매중지'된 상품입니다.]"
        )
    return dataclasses.replace(side, on_sale=True)


def stop_sale(product: Holder, side: Side) -> Side:
    _check_live(product, side, STOP)
    return dataclasses.replace(side, on_sale=False)


def inventory_view(side: Side) -> dict[str, Any]:
    """``GET /vendor-items/{id}/inventories``: ``sellerItemId`` echoes the vendorItemId."""
    return {
        "sellerItemId": side.vendor_item_id,
        "amountInStock": side.quantity,
        "salePrice": side.sale_price,
        "onSale": side.on_sale,
    }
