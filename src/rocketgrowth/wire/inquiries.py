"""Customer-inquiry (CS) responses: the ``openapi`` family, ``data = {content, pagination}``."""

from pydantic import Field

from rocketgrowth.wire.base import WireModel

__all__ = ("Inquiry", "InquiryComment", "InquiryPage", "Pagination")


class InquiryComment(WireModel):
    inquiry_comment_id: int | None = None
    inquiry_id: int | None = None
    content: str | None = None
    inquiry_comment_at: str | None = None


class Inquiry(WireModel):
    """A product inquiry; ``comment_dto_list`` holds the answers (no author field on the wire)."""

    inquiry_id: int
    product_id: int | None = None
    seller_product_id: int | None = None
    seller_item_id: int | None = None
    vendor_item_id: int | None = None
    content: str | None = None
    inquiry_at: str | None = None
    order_ids: list[int] | None = None
    buyer_email: str | None = None
    comment_dto_list: list[InquiryComment] = Field(default_factory=list)

    @property
    def answered(self) -> bool:
        return bool(self.comment_dto_list)


class Pagination(WireModel):
    current_page: int = 1
    total_pages: int = 0
    total_elements: int = 0
    count_per_page: int | None = None


class InquiryPage(WireModel):
    content: list[Inquiry] = Field(default_factory=list)
    pagination: Pagination = Field(default_factory=Pagination)
