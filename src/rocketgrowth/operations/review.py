"""Coupang's side of a product's approval: the review modes (auto, delay:SECONDS, manual) and the
reviewer's decisions (approve, partially approve, deny), recorded in the status history."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import Connection

from rocketgrowth.domain import lifecycle
from rocketgrowth.domain.product import Product
from rocketgrowth.domain.status import ProductStatus
from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.services import Services

__all__ = ("after_change", "issuer", "review_product", "settle_reviews")


def issuer(services: Services, conn: Connection) -> lifecycle.Issue:
    def issue(kind: str) -> int:
        return services.db.next_ids(conn, kind, 1)[0]

    return issue


def _auto_review(services: Services, conn: Connection, product: Product, now: datetime) -> Product:
    findings = lifecycle.review_findings(product)
    if findings:
        step = lifecycle.deny(product, now=now, reason="; ".join(findings))
    else:
        step = lifecycle.approve(product, issue=issuer(services, conn), now=now)
    services.products.save_product(conn, step.product)
    services.products.add_history(conn, step.product, step.history, now)
    services.products.set_review_due(conn, product.seller_product_id, None)
    return step.product


def after_change(services: Services, conn: Connection, product: Product, now: datetime) -> Product:
    """Called after every write: a product that now waits for approval gets the review mode's treatment."""
    if product.status is not ProductStatus.APPROVING:
        return product
    mode = services.review
    if mode.kind == "auto":
        return _auto_review(services, conn, product, now)
    if mode.kind == "delay":
        services.products.set_review_due(conn, product.seller_product_id, now + timedelta(seconds=mode.seconds))
    return product


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
