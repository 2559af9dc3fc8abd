"""Product statuses, their Korean wire names, and the allowed moves between them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

__all__ = ("HISTORY_REQUESTED", "TRANSITIONS", "ProductStatus", "can_move")


class ProductStatus(StrEnum):
    """The ``status`` filter code; ``.korean`` is the ``statusName`` the wire shows."""

    SAVED = "SAVED"
    IN_REVIEW = "IN_REVIEW"
    APPROVING = "APPROVING"
    APPROVED = "APPROVED"
    PARTIAL_APPROVED = "PARTIAL_APPROVED"
    DENIED = "DENIED"
    DELETED = "DELETED"

    @property
    def korean(self) -> str:
        return _KOREAN[self]

    @property
    def english(self) -> str:
        return _ENGLISH[self]

    @classmethod
    def from_name(cls, name: str) -> ProductStatus:
        """Read a code (``APPROVED``) or a Korean status name (``승인완료``)."""
        if name in cls.__members__:
            return cls[name]
        for status, korean in _KOREAN.items():
            if korean == name:
                return status
        raise ValueError(name)


_KOREAN: Mapping[ProductStatus, str] = {
    ProductStatus.SAVED: "임시저장",
    ProductStatus.IN_REVIEW: "심사중",
    ProductStatus.APPROVING: "승인대기중",
    ProductStatus.APPROVED: "승인완료",
    ProductStatus.PARTIAL_APPROVED: "부분승인완료",
    ProductStatus.DENIED: "승인반려",
    ProductStatus.DELETED: "상품삭제",
}
_ENGLISH: Mapping[ProductStatus, str] = {
    ProductStatus.SAVED: "Temporarily saved",
    ProductStatus.IN_REVIEW: "Under review",
    ProductStatus.APPROVING: "Awaiting approval",
    ProductStatus.APPROVED: "Approved",
    ProductStatus.PARTIAL_APPROVED: "Partially approved",
    ProductStatus.DENIED: "Approval denied",
    ProductStatus.DELETED: "Product deleted",
}

#: history entries also use this name for the seller's approval request
HISTORY_REQUESTED = "승인요청"

S = ProductStatus
#: every move the lifecycle may make; anything else is an InvalidTransition
TRANSITIONS: Mapping[ProductStatus, frozenset[ProductStatus]] = {
    # save again (modify requested:false), ask for approval, delete
    S.SAVED: frozenset({S.SAVED, S.IN_REVIEW, S.APPROVING, S.DELETED}),
    # the reviewer takes it (APPROVING), or decides at once
    S.IN_REVIEW: frozenset({S.APPROVING, S.APPROVED, S.PARTIAL_APPROVED, S.DENIED}),
    S.APPROVING: frozenset({S.APPROVED, S.PARTIAL_APPROVED, S.DENIED}),
    # modify puts an approved product back to review (requested:true) or to SAVED (requested:false)
    S.APPROVED: frozenset({S.SAVED, S.IN_REVIEW, S.APPROVING, S.DELETED}),
    S.PARTIAL_APPROVED: frozenset({S.SAVED, S.IN_REVIEW, S.APPROVING, S.DELETED}),
    S.DENIED: frozenset({S.SAVED, S.IN_REVIEW, S.APPROVING, S.DELETED}),
    S.DELETED: frozenset(),
}
del S


def can_move(source: ProductStatus, target: ProductStatus) -> bool:
    return target in TRANSITIONS[source]
