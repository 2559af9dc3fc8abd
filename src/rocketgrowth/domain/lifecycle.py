"""Pure lifecycle steps of a product: create, modify (option add/update/delete), request approval,
approve / partially approve / deny, delete. Each takes a ``Product`` and returns a new one (with the
history entries it adds), or raises ``Invalid``/``InvalidTransition`` and changes nothing.

Identifiers are issued through an ``Issue`` callable (``kind -> new id``) the store provides.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rocketgrowth.domain.product import Option, Product, Side, SideKind, auto_barcode
from rocketgrowth.domain.product_rules import Draft, OptionDraft, SideDraft
from rocketgrowth.domain.status import HISTORY_REQUESTED, ProductStatus, can_move
from rocketgrowth.errors import Invalid, InvalidTransition

__all__ = (
    "SYSTEM",
    "HistoryEntry",
    "Issue",
    "Step",
    "approve",
    "create",
    "delete",
    "deny",
    "request_approval",
    "review_findings",
    "submit",
    "update",
)

Issue = Callable[[str], int]
SYSTEM = "쿠팡 셀러 시스템"
DELETE_OPTION_MESSAGE = "vendorItem로 생성된 아이템은 삭제가 불가능합니다."
_PAYLOAD_SIDE_KEYS = frozenset({"modelNo", "emptyBarcode", "emptyBarcodeReason", "skuInfo"})


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    status: str
    created_by: str
    comment: str


@dataclass(frozen=True, slots=True)
class Step:
    """The product after a step, the history it adds, and the sides it removed."""

    product: Product
    history: tuple[HistoryEntry, ...] = ()
    removed: tuple[int, ...] = ()


def _move(product: Product, target: ProductStatus, now: datetime, **changes: Any) -> Product:
    if not can_move(product.status, target):
        raise InvalidTransition(
            f"업체상품[{product.seller_product_id}]의 현재 상태[{product.status.korean}]에서는 "
            f"[{target.korean}] 상태로 변경할 수 없습니다."
        )
    return dataclasses.replace(product, status=target, updated_at=now, version=product.version + 1, **changes)


def _actor(product: Product) -> str:
    return str(product.body.get("vendorUserId") or product.vendor_id)


def _with_cdn_paths(common: Mapping[str, Any]) -> dict[str, Any]:
    """Images get the CDN path Coupang assigns after downloading ``vendorPath``."""
    out = dict(common)
    images = []
    for image in common.get("images") or []:
        image = dict(image)
        if not image.get("cdnPath") and image.get("vendorPath"):
            digest = hashlib.sha1(str(image["vendorPath"]).encode()).hexdigest()
            image["cdnPath"] = f"vendor_inventory/images/{digest[:4]}/{digest}.jpg"
        images.append(image)
    out["images"] = images
    return out


def _new_side(draft: SideDraft, issue: Issue) -> Side:
    spid = issue("seller_product_item_id")
    barcode = draft.barcode
    if draft.kind is SideKind.ROCKET_GROWTH and not barcode:
        barcode = auto_barcode(spid)
    return Side(
        kind=draft.kind,
        seller_product_item_id=spid,
        barcode=barcode,
        external_vendor_sku=draft.external_vendor_sku,
        original_price=draft.original_price,
        sale_price=draft.sale_price,
        quantity=draft.quantity,
        data=dict(draft.data),
    )


def _body_with_items(draft: Draft, options: Sequence[OptionDraft]) -> dict[str, Any]:
    body = dict(draft.body)
    body["items"] = [_with_cdn_paths(o.common) for o in options]
    return body


def create(draft: Draft, *, issue: Issue, now: datetime, category_id: int | None = None) -> Step:
    """A new product from a checked draft: 임시저장, then the approval request if ``requested``."""
    options = tuple(
        Option(
            position=i,
            item_name=o.item_name,
            marketplace=_new_side(o.marketplace, issue) if o.marketplace else None,
            rocket_growth=_new_side(o.rocket_growth, issue) if o.rocket_growth else None,
        )
        for i, o in enumerate(draft.options)
    )
    product = Product(
        seller_product_id=issue("seller_product_id"),
        vendor_id=draft.vendor_id,
        status=ProductStatus.SAVED,
        business_type=draft.business_type,
        display_category_code=draft.display_category_code,
        body=_body_with_items(draft, draft.options),
        options=options,
        created_at=now,
        updated_at=now,
        requested=draft.requested,
        category_id=category_id,
        registration_type="RFM" if draft.business_type.value != "MARKETPLACE" else "NORMAL",
    )
    saved = HistoryEntry(ProductStatus.SAVED.korean, _actor(product), "판매자 임시저장")
    if not draft.requested:
        return Step(product, (saved,))
    step = submit(product, now=now)
    return Step(step.product, (saved, *step.history))


def submit(product: Product, *, now: datetime) -> Step:
    """The seller asks for approval: the product waits for Coupang's review (승인대기중)."""
    moved = _move(product, ProductStatus.APPROVING, now, requested=True)
    return Step(
        moved,
        (
            HistoryEntry(HISTORY_REQUESTED, _actor(product), "판매자 승인요청"),
            HistoryEntry(ProductStatus.APPROVING.korean, SYSTEM, "컨텐츠 확인 대기중"),
        ),
    )


def request_approval(product: Product, *, now: datetime) -> Step:
    """``PUT …/approvals``: only from 임시저장, and never for Rocket Growth or hybrid products."""
    if product.is_rocket_growth:
        raise Invalid("현재 Open API에서는 로켓상품 관련 기능을 제공하지 않습니다")
    if product.status is not ProductStatus.SAVED:
        raise InvalidTransition(f"업체상품[{product.seller_product_id}]이 승인요청 가능한 상태가 아닙니다.")
    return submit(product, now=now)


def review_findings(product: Product) -> list[str]:
    """What a reviewer rejects in content that passed the API's checks (reasons for 승인반려)."""
    reasons: list[str] = []
    for option in product.options:
        common = product.body["items"][option.position]
        if not common.get("contents"):
            reasons.append(f"[{option.item_name}] 상세페이지 컨텐츠(contents)가 없습니다.")
        if not common.get("notices"):
            reasons.append(f"[{option.item_name}] 상품고지정보(notices)가 없습니다.")
        for image in common.get("images") or []:
            path = str(image.get("vendorPath") or "")
            if path.startswith(("http://localhost", "https://localhost", "http://127.", "https://127.")):
                reasons.append(f"[{option.item_name}] 이미지 다운로드 실패: {path}")
    return reasons


def approve(
    product: Product, *, issue: Issue, now: datetime, positions: Collection[int] | None = None, comment: str = ""
) -> Step:
    """Approve all options, or only ``positions`` (부분승인완료): vendorItemIds and productId are issued."""
    if product.status not in (ProductStatus.APPROVING, ProductStatus.IN_REVIEW):
        raise InvalidTransition(f"업체상품[{product.seller_product_id}]은 심사 대기 상태가 아닙니다.")
    chosen = set(range(len(product.options))) if positions is None else set(positions)
    unknown = chosen - set(range(len(product.options)))
    if unknown or not chosen:
        raise Invalid(f"승인할 옵션이 올바르지 않습니다: {sorted(unknown) or '없음'}")
    options = []
    for option in product.options:
        if option.position in chosen:
            option = dataclasses.replace(
                option,
                marketplace=_approve_side(option.marketplace, issue),
                rocket_growth=_approve_side(option.rocket_growth, issue),
            )
        options.append(option)
    partial = any(not s.approved for o in options for s in o.sides)
    target = ProductStatus.PARTIAL_APPROVED if partial else ProductStatus.APPROVED
    moved = _move(
        product,
        target,
        now,
        options=tuple(options),
        product_id=product.product_id or issue("product_id"),
        requested=False,
    )
    text = comment or ("일부 옵션 승인" if partial else "승인 완료")
    return Step(moved, (HistoryEntry(target.korean, SYSTEM, text),))


def _approve_side(side: Side | None, issue: Issue) -> Side | None:
    if side is None:
        return None
    return dataclasses.replace(
        side,
        vendor_item_id=side.vendor_item_id or issue("vendor_item_id"),
        item_id=side.item_id or issue("item_id"),
        approved=True,
        ever_approved=True,
    )


def deny(product: Product, *, now: datetime, reason: str) -> Step:
    if product.status not in (ProductStatus.APPROVING, ProductStatus.IN_REVIEW):
        raise InvalidTransition(f"업체상품[{product.seller_product_id}]은 심사 대기 상태가 아닙니다.")
    if not reason.strip():
        raise Invalid("반려 사유를 입력해주세요.")
    moved = _move(product, ProductStatus.DENIED, now, requested=False)
    return Step(moved, (HistoryEntry(ProductStatus.DENIED.korean, SYSTEM, reason),))


def delete(product: Product, *, now: datetime) -> Step:
    """Delete a marketplace product that is not awaiting approval and has every option stopped."""
    refuse = (
        f"업체상품[{product.seller_product_id}]이 없거나 삭제가 불가능한 상태입니다. "
        "삭제는 '저장중', '임시저장' 상태에서만 가능합니다."
    )
    if product.is_rocket_growth:
        raise Invalid("로켓그로스 상품은 삭제할 수 없습니다. (Rocket Growth products cannot be deleted)")
    if product.status in (ProductStatus.APPROVING, ProductStatus.IN_REVIEW, ProductStatus.DELETED):
        raise InvalidTransition(refuse)
    if any(s.on_sale and s.approved for s in product.sides):
        raise InvalidTransition(refuse)
    moved = _move(product, ProductStatus.DELETED, now)
    return Step(moved, (HistoryEntry(ProductStatus.DELETED.korean, _actor(product), "판매자 상품삭제"),))


# --- modify -------------------------------------------------------------------------------------


def update(product: Product, draft: Draft, *, issue: Issue, now: datetime) -> Step:
    """``PUT /seller-products``: a full replace, matched option by option on sellerProductItemId."""
    if product.status is ProductStatus.DELETED:
        raise InvalidTransition(f"업체상품[{product.seller_product_id}]은 삭제된 상품입니다.")
    if product.status in (ProductStatus.APPROVING, ProductStatus.IN_REVIEW):
        raise InvalidTransition(
            "상품 정보가 등록 또는 수정되고 있습니다. 잠시 후 다시 조회해 주시기 바랍니다. "
            f"(업체상품[{product.seller_product_id}] 상태: {product.status.korean})"
        )
    if draft.display_category_code != product.display_category_code:
        raise Invalid(
            "등록된 상품의 노출카테고리(displayCategoryCode)는 변경할 수 없습니다.", field="displayCategoryCode"
        )
    by_id = {s.seller_product_item_id: o for o in product.options for s in o.sides}
    used: set[int] = set()
    options: list[Option] = []
    for position, option_draft in enumerate(draft.options):
        existing = _match(option_draft, by_id, position)
        if existing is not None:
            if existing.position in used:
                raise Invalid(f"items[{position}]: 같은 옵션(sellerProductItemId)이 두 번 입력되었습니다.")
            used.add(existing.position)
        options.append(_merge_option(existing, option_draft, position, issue))
    removed: list[int] = []
    for option in product.options:
        if option.position in used:
            continue
        for side in option.sides:
            if side.ever_approved:
                raise Invalid(f"{DELETE_OPTION_MESSAGE} [sellerProductItemId={side.seller_product_item_id}]")
            removed.append(side.seller_product_item_id)
    kept = {s.seller_product_item_id for o in options for s in o.sides}
    for option in product.options:
        for side in option.sides:
            if option.position in used and side.seller_product_item_id not in kept:
                if side.ever_approved:
                    raise Invalid(f"{DELETE_OPTION_MESSAGE} [sellerProductItemId={side.seller_product_item_id}]")
                removed.append(side.seller_product_item_id)
    body = _body_with_items(draft, draft.options)
    if product.is_rocket_growth and "rocketGrowthAdditionalInformation" not in body:
        body["rocketGrowthAdditionalInformation"] = product.body.get("rocketGrowthAdditionalInformation")
    changed = dataclasses.replace(
        product,
        body=body,
        options=tuple(options),
        business_type=draft.business_type,
        registration_type="RFM" if draft.business_type.value != "MARKETPLACE" else product.registration_type,
    )
    if draft.requested:
        step = submit(dataclasses.replace(changed, status=ProductStatus.SAVED), now=now)
        entries = (HistoryEntry(ProductStatus.SAVED.korean, _actor(changed), "판매자 상품수정"), *step.history)
        return Step(dataclasses.replace(step.product, version=product.version + 1), entries, tuple(removed))
    saved = _move(changed, ProductStatus.SAVED, now, requested=False)
    return Step(saved, (HistoryEntry(ProductStatus.SAVED.korean, _actor(saved), "판매자 상품수정"),), tuple(removed))


def _match(draft: OptionDraft, by_id: Mapping[int, Option], position: int) -> Option | None:
    ids = draft.ids
    if not ids:
        return None
    found = {by_id[i].position: by_id[i] for i in ids if i in by_id}
    missing = sorted(i for i in ids if i not in by_id)
    if missing:
        raise Invalid(f"items[{position}]: 존재하지 않는 옵션입니다. [sellerProductItemId={missing[0]}]")
    if len(found) > 1:
        raise Invalid(f"items[{position}]: 서로 다른 옵션의 sellerProductItemId가 함께 입력되었습니다.")
    return next(iter(found.values()))


def _merge_option(existing: Option | None, draft: OptionDraft, position: int, issue: Issue) -> Option:
    mp = _merge_side(existing.marketplace if existing else None, draft.marketplace, position, issue)
    rg = _merge_side(existing.rocket_growth if existing else None, draft.rocket_growth, position, issue)
    return Option(position=position, item_name=draft.item_name, marketplace=mp, rocket_growth=rg)


def _merge_side(old: Side | None, new: SideDraft | None, position: int, issue: Issue) -> Side | None:
    if new is None:
        return None
    if old is None:
        if new.seller_product_item_id is not None:
            raise Invalid(
                f"items[{position}]: sellerProductItemId[{new.seller_product_item_id}]는 이 옵션의 "
                f"{'로켓그로스' if new.kind is SideKind.ROCKET_GROWTH else '마켓플레이스'} 아이템이 아닙니다."
            )
        return _new_side(new, issue)
    if new.seller_product_item_id is not None and new.seller_product_item_id != old.seller_product_item_id:
        raise Invalid(f"items[{position}]: sellerProductItemId[{new.seller_product_item_id}]가 일치하지 않습니다.")
    # keep what the sandbox recorded on the side (inspection comment, Coupang's own stop…); the payload
    # owns modelNo, emptyBarcode and emptyBarcodeReason, and skuInfo is decided below
    data = {k: v for k, v in old.data.items() if k not in _PAYLOAD_SIDE_KEYS}
    data.update({k: v for k, v in new.data.items() if k != "skuInfo"})
    barcode = old.barcode
    sku = old.data.get("skuInfo")
    if new.kind is SideKind.ROCKET_GROWTH:
        wants_barcode = new.barcode if new.barcode_given else old.barcode
        wants_sku = new.data.get("skuInfo") if new.sku_given else sku
        if old.locked and (wants_barcode != old.barcode or wants_sku != sku):
            raise Invalid(
                f"입고가 생성된 옵션의 바코드/SKU 정보(barcode, skuInfo)는 수정할 수 없습니다. "
                f"[items[{position}].rocketGrowthItemData, sellerProductItemId={old.seller_product_item_id}]"
            )
        barcode = wants_barcode or auto_barcode(old.seller_product_item_id)
        sku = wants_sku
    elif new.barcode_given:
        barcode = new.barcode
    if sku is not None:
        data["skuInfo"] = sku
    # price, stock and sale state of an approved option change only through the vendor-item APIs
    source: Side | SideDraft = old if old.approved else new
    return dataclasses.replace(
        old,
        barcode=barcode,
        external_vendor_sku=new.external_vendor_sku,
        data=data,
        original_price=source.original_price,
        sale_price=source.sale_price,
        quantity=source.quantity,
    )
