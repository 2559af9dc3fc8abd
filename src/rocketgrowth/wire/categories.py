"""Category responses: the display-category tree and the category metadata."""

from typing import Any

from pydantic import AliasChoices, Field

from rocketgrowth.wire.base import WireModel

__all__ = (
    "CategoryAttribute",
    "CategoryCertification",
    "CategoryMeta",
    "CategoryNode",
    "NoticeCategory",
    "NoticeCategoryDetail",
    "RequiredDocument",
)


class CategoryNode(WireModel):
    """A display category; the code is read from ``displayCategoryCode`` or ``displayItemCategoryCode``.

    ``child`` is the list of sub-categories (``[]`` or ``null`` for a leaf).
    """

    display_category_code: int = Field(
        validation_alias=AliasChoices("displayCategoryCode", "displayItemCategoryCode", "display_category_code")
    )
    name: str | None = None
    status: str | None = None
    child: list["CategoryNode"] | None = None

    @property
    def children(self) -> list["CategoryNode"]:
        return self.child or []

    def walk(self) -> list["CategoryNode"]:
        """This node and every node below it, depth first."""
        nodes = [self]
        for node in self.children:
            nodes.extend(node.walk())
        return nodes

    def find(self, code: int) -> "CategoryNode | None":
        return next((node for node in self.walk() if node.display_category_code == code), None)


class CategoryAttribute(WireModel):
    attribute_type_name: str
    data_type: str | None = None
    basic_unit: str | None = None
    usable_units: list[str] | None = None
    required: str | None = None
    group_number: str | None = None
    exposed: str | None = None
    input_type: str | None = None
    input_values: list[str] | None = None


class NoticeCategoryDetail(WireModel):
    notice_category_detail_name: str
    required: str | None = None


class NoticeCategory(WireModel):
    notice_category_name: str
    notice_category_detail_names: list[NoticeCategoryDetail] = Field(default_factory=list)


class RequiredDocument(WireModel):
    template_name: str
    required: str | None = None


class CategoryCertification(WireModel):
    certification_type: str
    name: str | None = None
    data_type: str | None = None
    required: str | None = None


class CategoryMeta(WireModel):
    """``GET /meta/category-related-metas/display-category-codes/{code}``: what a product must carry."""

    is_allow_single_item: bool = False
    attributes: list[CategoryAttribute] = Field(default_factory=list)
    notice_categories: list[NoticeCategory] = Field(default_factory=list)
    required_document_names: list[RequiredDocument] = Field(default_factory=list)
    certifications: list[CategoryCertification] = Field(default_factory=list)
    allowed_offer_conditions: list[str] = Field(default_factory=list)
    is_expiration_date_required_for_rocket_growth: bool = False

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)
