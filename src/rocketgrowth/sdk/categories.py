"""``client.categories``: the display-category tree, one category, its validity and its metadata."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rocketgrowth.sdk import _operations as ops
from rocketgrowth.wire.categories import CategoryMeta, CategoryNode

if TYPE_CHECKING:
    from rocketgrowth.sdk._client import AsyncClient, Client

__all__ = ("AsyncCategories", "Categories")


class Categories:
    """Display categories (``registration_type="RFM"``: those Rocket Growth operates)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def list(self, *, registration_type: str | None = None, locale: str | None = None) -> CategoryNode:
        """The whole tree, as its root node (``RFM`` for Rocket Growth; ``locale`` ``en``, ``zh-CN``, ``kr``)."""
        return self._client._send(ops.categories_list(registration_type=registration_type, locale=locale))

    def get(self, display_category_code: int | str) -> CategoryNode:
        """One category with one level of children (``0`` = the root)."""
        return self._client._send(ops.categories_get(display_category_code))

    def get_status(self, display_category_code: int | str) -> bool:
        """Whether a leaf category can be used for new products."""
        return self._client._send(ops.categories_get_status(display_category_code))

    def get_meta(self, display_category_code: int | str) -> CategoryMeta:
        """What a product of this category must carry: attributes, notices, documents, certifications."""
        return self._client._send(ops.categories_get_meta(display_category_code))


class AsyncCategories:
    """The async twin of :class:`Categories`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def list(self, *, registration_type: str | None = None, locale: str | None = None) -> CategoryNode:
        """The whole tree, as its root node."""
        return await self._client._send(ops.categories_list(registration_type=registration_type, locale=locale))

    async def get(self, display_category_code: int | str) -> CategoryNode:
        """One category with one level of children."""
        return await self._client._send(ops.categories_get(display_category_code))

    async def get_status(self, display_category_code: int | str) -> bool:
        """Whether a leaf category can be used for new products."""
        return await self._client._send(ops.categories_get_status(display_category_code))

    async def get_meta(self, display_category_code: int | str) -> CategoryMeta:
        """What a product of this category must carry."""
        return await self._client._send(ops.categories_get_meta(display_category_code))
