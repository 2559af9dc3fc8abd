"""Coupang's side of a product's approval: the review modes (auto, delay:SECONDS, manual) and the
reviewer's decisions (approve, partially approve, deny), recorded in the status history."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from rocketgrowth.domain import lifecycle
from rocketgrowth.domain.product import Product
from rocketgrowth.domain.status import ProductStatus
from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.services import Services

__all__ = ("Review", "after_change", "issuer", "review_product", "settle_reviews")


def issuer(services: Services, conn: Connection) -> lifecycle.Issue:
    def issue(kind: str) -> int:
        return services.db.next_ids(conn, kind, 1)[0]

    return issue


def _review_step(services: Services, conn: Connection, product: Product, now: datetime) -> lifecycle.Step:
    """The automatic review's decision: denied with what it found, else approved."""
    findings = lifecycle.review_findings(product)
    if findings:
        return lifecycle.deny(product, now=now, reason="; ".join(findings))
    return lifecycle.approve(product, issue=issuer(services, conn), now=now)


def _auto_review(services: Services, conn: Connection, product: Product, now: datetime) -> Product:
    step = _review_step(services, conn, product, now)
    services.products.save_product(conn, step.product)
    services.products.add_history(conn, step.product, step.history, now)
    services.products.set_review_due(conn, product.seller_product_id, None)
    return step.product


@dataclass(frozen=True, slots=True)
class Review:
    """What a change leads to: the step to save (the change, and in mode auto the review's decision after
    it: one save for both), and whether to set the product's ``review_due_at`` to ``due`` once saved."""

    step: lifecycle.Step
    set_due: bool = False
    due: datetime | None = None


def after_change(services: Services, conn: Connection, step: lifecycle.Step, now: datetime) -> Review:
    """Every write's step, before it is saved: a product that now waits for approval gets the review
    mode's treatment (auto: decided at once; delay: due in so many seconds; manual: left waiting)."""
    product = step.product
    if product.status is not ProductStatus.APPROVING:
        return Review(step)
    mode = services.review
    if mode.kind == "auto":
        decided = _review_step(services, conn, product, now)
        return Review(dataclasses.replace(decided, history=step.history + decided.history, removed=step.removed),
                      set_due=True)  # fmt: skip
    if mode.kind == "delay":
        return Review(step, set_due=True, due=now + timedelta(seconds=mode.seconds))
    return Review(step)


def settle_reviews(services: Services, conn: Connection, now: datetime, *, vendor_id: str | None = None) -> int:
    """Decide every delayed review that is due by ``now`` (sandbox time); returns how many."""
    due = services.products.due_reviews(conn, now, vendor_id=vendor_id)
    for seller_product_id in due:
        product = services.products.get_product(conn, seller_product_id, for_update=True)
        if product is not None and product.status is ProductStatus.APPROVING:
            _auto_review(services, conn, product, now)
    return len(due)


def review_product(
    services: Services,
    seller_product_id: int,
    decision: str,
    *,
    now: datetime,
    positions: Collection[int] | None = None,
    reason: str = "",
) -> Product:
    """The operator's decision: ``APPROVE``, ``PARTIAL_APPROVE`` (options by position) or ``DENY``."""
    with services.db.write() as conn:
        product = services.products.get_product(conn, seller_product_id, for_update=True)
        if product is None:
            raise NotFound(f"업체상품[{seller_product_id}]이 존재하지 않습니다.")
        if decision == "APPROVE":
            step = lifecycle.approve(product, issue=issuer(services, conn), now=now, comment=reason)
        elif decision == "PARTIAL_APPROVE":
            step = lifecycle.approve(
                product, issue=issuer(services, conn), now=now, positions=positions or (), comment=reason
            )
        elif decision == "DENY":
            step = lifecycle.deny(product, now=now, reason=reason)
        else:
            raise Invalid(f"decision[{decision}]가 올바르지 않습니다. 허용값: APPROVE, PARTIAL_APPROVE, DENY")
        services.products.save_product(conn, step.product)
        services.products.add_history(conn, step.product, step.history, now)
        services.products.set_review_due(conn, seller_product_id, None)
        return step.product
