"""Random sequences of lifecycle steps on one product (Hypothesis ``RuleBasedStateMachine``).

Each rule predicts, from the product alone, whether the step is allowed, then runs the pure step:
an allowed step must succeed, a forbidden one must raise ``Invalid``/``InvalidTransition`` and leave
the product as it was. After every step the invariants hold: the status is reachable in
``TRANSITIONS`` and moved along it, the history is complete and consistent, ids are issued once and
never change, ever-approved options are never deleted, locked barcodes never change, ``DELETED`` is
terminal, and the version only grows.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from rocketgrowth.domain import lifecycle
from rocketgrowth.domain import vendor_items as items_rules
from rocketgrowth.domain.lifecycle import HistoryEntry, Step
from rocketgrowth.domain.product import BusinessType, InboundStatus, Product, Side, SideKind
from rocketgrowth.domain.product_rules import validate_product
from rocketgrowth.domain.status import HISTORY_REQUESTED, TRANSITIONS, ProductStatus, can_move
from rocketgrowth.errors import Invalid
from tests.payloads import SHIPPING, SKU_INFO

MP, RG = SideKind.MARKETPLACE, SideKind.ROCKET_GROWTH
WAITING = (ProductStatus.APPROVING, ProductStatus.IN_REVIEW)
SIDE_SETS = st.sampled_from([frozenset({MP}), frozenset({MP}), frozenset({RG}), frozenset({MP, RG})])
STARTS = {"seller_product_id": 15_000_000_001, "seller_product_item_id": 30_000_000_001,
          "vendor_item_id": 70_000_000_001, "product_id": 9_000_000_001, "item_id": 4_000_000_001}  # fmt: skip


def _reachable() -> frozenset[ProductStatus]:
    seen, todo = {ProductStatus.SAVED}, [ProductStatus.SAVED]
    while todo:
        for target in TRANSITIONS[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return frozenset(seen)


REACHABLE = _reachable()


# --- payloads ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OptionSpec:
    """One option of a payload: its sides, the ids they keep, and an RG barcode to send."""

    kinds: frozenset[SideKind]
    ids: dict[SideKind, int]
    barcode: str | None = None
    send_barcode: bool = False


def _common(n: int) -> dict[str, Any]:
    return {
        "itemName": f"옵션{n}",
        "maximumBuyForPerson": 0,
        "maximumBuyForPersonPeriod": 1,
        "outboundShippingTimeDay": 1,
        "unitCount": 1,
        "adultOnly": "EVERYONE",
        "taxType": "TAX",
        "parallelImported": "NOT_PARALLEL_IMPORTED",
        "overseasPurchased": "NOT_OVERSEAS_PURCHASED",
        "pccNeeded": False,
        "images": [{"imageOrder": 0, "imageType": "REPRESENTATION", "vendorPath": f"https://img.example.com/{n}.jpg"}],
        "attributes": [{"attributeTypeName": "수량", "attributeValueName": f"{n}개"}],
        "contents": [{"contentsType": "TEXT", "contentDetails": [{"content": "<p>상세</p>", "detailType": "TEXT"}]}],
        "notices": [
            {"noticeCategoryName": "기타 재화", "noticeCategoryDetailName": "품명 및 모델명", "content": "참조"}
        ],
    }


def payload(specs: list[OptionSpec], names: Iterator[int], *, requested: bool, pid: int | None) -> dict[str, Any]:
    new_schema = any(RG in s.kinds for s in specs)
    items = []
    for spec in specs:
        item = _common(next(names))
        if not new_schema:
            item.update(originalPrice=13000, salePrice=10000, maximumBuyCount=10)
            if MP in spec.ids:
                item["sellerProductItemId"] = spec.ids[MP]
        else:
            if RG in spec.kinds:
                block: dict[str, Any] = {
                    "priceData": {"originalPrice": 0, "salePrice": 9000},
                    "skuInfo": dict(SKU_INFO),
                }
                if spec.send_barcode and spec.barcode:
                    block["barcode"] = spec.barcode
                if RG in spec.ids:
                    block["sellerProductItemId"] = spec.ids[RG]
                item["rocketGrowthItemData"] = block
            if MP in spec.kinds:
                mp: dict[str, Any] = {"priceData": {"originalPrice": 12000, "salePrice": 10000}, "maximumBuyCount": 5}
                if MP in spec.ids:
                    mp["sellerProductItemId"] = spec.ids[MP]
                item["marketplaceItemData"] = mp
        items.append(item)
    doc: dict[str, Any] = {
        "displayCategoryCode": 56137,
        "sellerProductName": "상태기계 상품",
        "vendorId": "A00012345",
        "saleStartedAt": "2024-01-01T00:00:00",
        "saleEndedAt": "2099-01-01T00:00:00",
        "vendorUserId": "tester",
        "requested": requested,
        "items": items,
    }
    if pid is not None:
        doc["sellerProductId"] = pid
    if not new_schema:
        doc.update(SHIPPING)
    else:
        if any(RG in s.kinds for s in specs):
            doc["rocketGrowthAdditionalInformation"] = {"rfmInboundName": "입고", "legalAgreement": "AGREE"}
        if any(MP in s.kinds for s in specs):
            doc["marketplaceShippingAndReturnInfo"] = dict(SHIPPING)
    return doc


# --- the machine ------------------------------------------------------------------------------


class LifecycleMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.counters = {kind: itertools.count(start) for kind, start in STARTS.items()}
        self.issued: dict[str, list[int]] = {kind: [] for kind in STARTS}
        self.names = itertools.count(1)
        self.barcodes = itertools.count(8_801_234_000_000)
        self.clock = datetime(2026, 1, 1, 9, 0, 0)
        self.product: Product | None = None
        self.history: list[HistoryEntry] = []
        # what must never change once seen
        self.vendor_item_ids: dict[int, int] = {}
        self.product_id: int | None = None
        self.ever_approved: set[int] = set()
        self.locked_barcodes: dict[int, str | None] = {}

    # --- helpers -----------------------------------------------------------------------------

    def issue(self, kind: str) -> int:
        value = next(self.counters[kind])
        self.issued[kind].append(value)
        return value

    def now(self) -> datetime:
        self.clock += timedelta(seconds=7)
        return self.clock

    def attempt(self, allowed: bool, step: Callable[[Product], Step]) -> None:
        """Run a lifecycle step predicted to be ``allowed`` (or not) and record its outcome."""
        before = self.product
        assert before is not None
        frozen = copy.deepcopy(before)
        try:
            result = step(before)
        except Invalid as exc:
            refusal: Invalid | None = exc
        else:
            refusal = None
        if refusal is not None:
            event(f"refused from {before.status}")
            assert not allowed, f"an allowed step was refused: {refusal.message}"
            assert self.product == frozen, "a refused step changed the product"
            assert before == frozen, "a refused step mutated the product in place"
            return
        event(f"{before.status} -> {result.product.status}")
        assert allowed, f"a forbidden step succeeded: {before.status} -> {result.product.status}"
        self.accept(before, result)

    def accept(self, before: Product | None, result: Step) -> None:
        after = result.product
        assert result.history, "a successful step must add history"
        if before is not None:
            assert can_move(before.status, after.status), f"{before.status} -> {after.status} is not a transition"
            assert after.version > before.version
            assert after.seller_product_id == before.seller_product_id
        self.history.extend(result.history)
        self.product = after
        self.remember(after)

    def remember(self, product: Product) -> None:
        for side in product.sides:
            if side.vendor_item_id is not None:
                assert self.vendor_item_ids.setdefault(side.seller_product_item_id, side.vendor_item_id) == (
                    side.vendor_item_id
                ), "a vendorItemId changed"
            if side.ever_approved:
                self.ever_approved.add(side.seller_product_item_id)
        if product.product_id is not None:
            assert self.product_id in (None, product.product_id), "the productId changed"
            self.product_id = product.product_id

    def side(self, index: int, kind: SideKind | None = None) -> Side | None:
        assert self.product is not None
        sides = [s for s in self.product.sides if kind is None or s.kind is kind]
        return sides[index % len(sides)] if sides else None

    def with_side(self, side: Side) -> Product:
        assert self.product is not None
        options = tuple(
            dataclasses.replace(
                o,
                marketplace=side if o.marketplace and o.marketplace.seller_product_item_id == side.seller_product_item_id
                else o.marketplace,
                rocket_growth=side
                if o.rocket_growth and o.rocket_growth.seller_product_item_id == side.seller_product_item_id
                else o.rocket_growth,
            )
            for o in self.product.options
        )  # fmt: skip
        return dataclasses.replace(self.product, options=options, version=self.product.version + 1)

    # --- rules -------------------------------------------------------------------------------

    @initialize(kinds=st.lists(SIDE_SETS, min_size=1, max_size=4), requested=st.booleans(), barcodes=st.booleans())
    def create(self, kinds: list[frozenset[SideKind]], requested: bool, barcodes: bool) -> None:
        specs = [OptionSpec(k, {}, f"{next(self.barcodes)}", send_barcode=barcodes) for k in kinds]
        draft = validate_product(payload(specs, self.names, requested=requested, pid=None), mode="create")
        result = lifecycle.create(draft, issue=self.issue, now=self.now())
        expected = ProductStatus.APPROVING if requested else ProductStatus.SAVED
        assert result.product.status is expected
        assert next(e.status for e in result.history) == ProductStatus.SAVED.korean
        for side in result.product.sides:
            assert side.vendor_item_id is None
            assert not side.approved
            if side.kind is RG and not barcodes:
                assert side.barcode == f"S00{side.seller_product_item_id}"
        assert result.product.product_id is None
        self.accept(None, result)

    @rule()
    def submit(self) -> None:
        assert self.product is not None
        allowed = can_move(self.product.status, ProductStatus.APPROVING)
        self.attempt(allowed, lambda p: lifecycle.submit(p, now=self.now()))

    @rule()
    def request_approval(self) -> None:
        assert self.product is not None
        p = self.product
        allowed = not p.is_rocket_growth and p.status is ProductStatus.SAVED
        self.attempt(allowed, lambda p: lifecycle.request_approval(p, now=self.now()))

    @rule()
    def approve(self) -> None:
        assert self.product is not None
        allowed = self.product.status in WAITING
        self.attempt(allowed, lambda p: lifecycle.approve(p, issue=self.issue, now=self.now()))
        if allowed:
            assert self.product.status is ProductStatus.APPROVED
            assert all(s.approved and s.vendor_item_id for s in self.product.sides)

    @rule(positions=st.sets(st.integers(min_value=0, max_value=5), max_size=4))
    def partial_approve(self, positions: set[int]) -> None:
        before = self.product
        assert before is not None
        valid = bool(positions) and positions <= set(range(len(before.options)))
        allowed = before.status in WAITING and valid
        self.attempt(allowed, lambda p: lifecycle.approve(p, issue=self.issue, now=self.now(), positions=positions))
        if allowed:
            after = self.product
            for option in after.options:
                chosen = option.position in positions
                was = {s.seller_product_item_id for s in before.options[option.position].sides if s.approved}
                for side in option.sides:
                    assert side.approved == (chosen or side.seller_product_item_id in was)
                    assert (side.vendor_item_id is not None) == side.approved or side.ever_approved
            partial = any(not s.approved for s in after.sides)
            assert after.status is (ProductStatus.PARTIAL_APPROVED if partial else ProductStatus.APPROVED)

    @rule(reason=st.sampled_from(["", "  ", "이미지 불량", "상세페이지 누락"]))
    def deny(self, reason: str) -> None:
        assert self.product is not None
        allowed = self.product.status in WAITING and bool(reason.strip())
        self.attempt(allowed, lambda p: lifecycle.deny(p, now=self.now(), reason=reason))
        if allowed:
            assert self.history[-1].comment == reason

    @rule()
    def delete(self) -> None:
        assert self.product is not None
        p = self.product
        allowed = (
            not p.is_rocket_growth
            and p.status not in (*WAITING, ProductStatus.DELETED)
            and not any(s.on_sale and s.approved for s in p.sides)
        )
        self.attempt(allowed, lambda p: lifecycle.delete(p, now=self.now()))

    @rule(
        keep=st.lists(st.tuples(st.booleans(), SIDE_SETS, st.booleans()), min_size=1, max_size=4),
        added=st.lists(SIDE_SETS, max_size=2),
        requested=st.booleans(),
    )
    def update(self, keep: list[tuple[bool, frozenset[SideKind], bool]], added: list[frozenset[SideKind]],
               requested: bool) -> None:  # fmt: skip
        """Modify: each existing option kept (with a side set and maybe a new barcode) or dropped; new ones added."""
        p = self.product
        assert p is not None
        specs: list[OptionSpec] = []
        sent: set[int] = set()
        changes_locked = False
        for option, (kept, kinds, new_barcode) in zip(p.options, itertools.cycle(keep), strict=False):
            if not kept:
                continue
            ids = {s.kind: s.seller_product_item_id for s in option.sides if s.kind in kinds}
            rg = option.rocket_growth
            barcode = f"{next(self.barcodes)}" if new_barcode else None
            if rg is not None and RG in ids and new_barcode and rg.locked:
                changes_locked = True
            specs.append(OptionSpec(kinds, ids, barcode, send_barcode=new_barcode))
            sent.update(ids.values())
        specs += [OptionSpec(k, {}, None) for k in added]
        if not specs:
            return
        removed = {s.seller_product_item_id for s in p.sides} - sent
        allowed = (
            p.status not in (*WAITING, ProductStatus.DELETED)
            and not (removed & self.ever_approved)
            and not changes_locked
        )
        draft = validate_product(
            payload(specs, self.names, requested=requested, pid=p.seller_product_id), mode="update"
        )
        self.attempt(allowed, lambda p: lifecycle.update(p, draft, issue=self.issue, now=self.now()))
        if allowed:
            assert self.product.status is (ProductStatus.APPROVING if requested else ProductStatus.SAVED)
            assert {s.seller_product_item_id for s in self.product.sides} >= sent

    @rule(index=st.integers(min_value=0, max_value=7))
    def stop_sale(self, index: int) -> None:
        self._sale(index, items_rules.stop_sale, on_sale=False)

    @rule(index=st.integers(min_value=0, max_value=7))
    def resume_sale(self, index: int) -> None:
        self._sale(index, items_rules.resume_sale, on_sale=True)

    def _sale(self, index: int, change: Callable[[Product, Side], Side], *, on_sale: bool) -> None:
        side = self.side(index)
        assert self.product is not None
        assert side is not None
        allowed = self.product.status is not ProductStatus.DELETED and side.approved
        try:
            changed = change(self.product, side)
        except Invalid:
            assert not allowed
            return
        assert allowed
        assert changed.on_sale is on_sale
        self.product = self.with_side(changed)

    @rule(index=st.integers(min_value=0, max_value=7))
    def create_inbound(self, index: int) -> None:
        """The operator's inbound (operations.sandbox.create_inbound): locks barcode and skuInfo."""
        side = self.side(index, RG)
        if side is None or side.vendor_item_id is None or side.inbound_status is InboundStatus.CREATED:
            return
        self.product = self.with_side(dataclasses.replace(side, inbound_status=InboundStatus.CREATED))
        self.locked_barcodes[side.seller_product_item_id] = side.barcode

    # --- invariants --------------------------------------------------------------------------

    @invariant()
    def status_in_reach(self) -> None:
        if self.product is not None:
            assert self.product.status in REACHABLE

    @invariant()
    def history_is_consistent(self) -> None:
        if self.product is None:
            return
        statuses = [e.status for e in self.history]
        assert statuses[0] == ProductStatus.SAVED.korean
        assert statuses[-1] == self.product.status.korean
        moves = [ProductStatus.from_name(s) for s in statuses if s != HISTORY_REQUESTED]
        for source, target in itertools.pairwise(moves):
            assert can_move(source, target), f"history moves {source} -> {target}"
        for i, status in enumerate(statuses):
            if status == HISTORY_REQUESTED:
                assert statuses[i + 1] == ProductStatus.APPROVING.korean
        if ProductStatus.DELETED.korean in statuses:
            assert statuses.index(ProductStatus.DELETED.korean) == len(statuses) - 1, "DELETED is terminal"

    @invariant()
    def ids_issued_once_and_kept(self) -> None:
        for kind, values in self.issued.items():
            assert len(values) == len(set(values)), f"{kind} issued twice"
        if self.product is None:
            return
        sides = self.product.sides
        item_ids = [s.seller_product_item_id for s in sides]
        assert len(item_ids) == len(set(item_ids))
        vendor_item_ids = [s.vendor_item_id for s in sides if s.vendor_item_id is not None]
        assert len(vendor_item_ids) == len(set(vendor_item_ids)), "two sides share a vendorItemId"
        for side in sides:
            if side.seller_product_item_id in self.vendor_item_ids:
                assert side.vendor_item_id == self.vendor_item_ids[side.seller_product_item_id]
        if self.product_id is not None:
            assert self.product.product_id == self.product_id
        if any(s.approved for s in sides):
            assert self.product.product_id is not None

    @invariant()
    def ever_approved_options_stay(self) -> None:
        if self.product is not None:
            assert self.ever_approved <= {s.seller_product_item_id for s in self.product.sides}

    @invariant()
    def locked_barcodes_stay(self) -> None:
        if self.product is None:
            return
        barcodes = {s.seller_product_item_id: s.barcode for s in self.product.sides}
        for item_id, barcode in self.locked_barcodes.items():
            if item_id in barcodes:
                assert barcodes[item_id] == barcode, "a barcode changed after its inbound"

    @invariant()
    def business_type_matches_sides(self) -> None:
        if self.product is None:
            return
        kinds = {s.kind for s in self.product.sides}
        expected = (
            BusinessType.HYBRID if kinds == {MP, RG} else BusinessType.ROCKET_GROWTH if kinds == {RG}
            else BusinessType.MARKETPLACE
        )  # fmt: skip
        assert self.product.business_type is expected


LifecycleMachine.TestCase.settings = settings(
    max_examples=200, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestLifecycle = LifecycleMachine.TestCase
