"""``client.products``: registered products in both schemas (marketplace, Rocket Growth, hybrid)."""

from __future__ import annotations

import builtins
import copy
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from rocketgrowth.clock import KST
from rocketgrowth.domain import categories as category_rules
from rocketgrowth.domain.template import TemplateKind, product_template
from rocketgrowth.sdk import _operations as ops
from rocketgrowth.sdk._preflight import preflight_problems
from rocketgrowth.sdk.errors import CreateOutcomeUnknownError
from rocketgrowth.sdk.pagination import AsyncPaginator, Page
from rocketgrowth.wire.categories import CategoryMeta, CategoryNode
from rocketgrowth.wire.envelope import Ack
from rocketgrowth.wire.products import (
    HistoryEntry,
    InflowStatus,
    PartialProduct,
    ProductSaved,
    ProductStatus,
    ProductSummary,
)

if TYPE_CHECKING:
    from rocketgrowth.sdk._client import AsyncClient, Client

__all__ = ("AsyncProducts", "Products")

Payload = ops.Payload
AnyProduct = ops.AnyProduct
Editor = Callable[[dict[str, Any]], Any]
Mode = Literal["create", "update"]


def _newest(rows: list[ProductSummary]) -> ProductSummary | None:
    return max(rows, key=lambda row: row.seller_product_id, default=None)


def _code_of(payload: Mapping[str, Any]) -> int | None:
    code = payload.get("displayCategoryCode")
    return int(code) if code not in (None, "") else None


def _template(
    code: int, kind: TemplateKind, vendor_id: str, meta: CategoryMeta, valid: bool, rfm: CategoryNode | None
) -> dict[str, Any]:
    """The payload ``Products.template`` returns, from what the category API answered."""
    if not valid:
        raise ValueError(f"category {code} is not in service (status not ACTIVE): choose another category")
    return product_template(
        category_rules.CategoryMeta.from_wire(meta.raw or meta.as_dict()),
        display_category_code=code,
        kind=kind,
        vendor_id=vendor_id,
        sale_started_at=datetime.now(KST).strftime("%Y-%m-%dT00:00:00"),
        rocket_growth_category=None if rfm is None else rfm.find(code) is not None,
    )


class Products:
    """Create, read, modify and list products; ``edit`` does GET → change → PUT in one call."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def create(self, payload: Payload, *, reconcile: bool = False) -> ProductSaved:
        """Register a product (``requested: true`` asks for approval). Never retried: after a timeout it
        raises ``CreateOutcomeUnknownError``, or with ``reconcile=True`` looks the product up by external SKU."""
        try:
            return self._client._send(ops.create(payload, self._client.vendor_id))
        except CreateOutcomeUnknownError as exc:
            found = (
                self.reconcile_create(exc.external_vendor_skus[0]) if reconcile and exc.external_vendor_skus else None
            )
            if found is None:
                raise
            return ProductSaved(seller_product_id=found.seller_product_id, message="reconciled by externalVendorSku")

    def reconcile_create(self, external_vendor_sku: str) -> ProductSummary | None:
        """The newest product carrying ``external_vendor_sku``, or ``None`` (after an unknown create outcome)."""
        return _newest(self.list_by_external_sku(external_vendor_sku))

    def get(self, seller_product_id: int | str) -> AnyProduct:
        """The product, as ``MarketplaceProduct``, ``RocketGrowthProduct`` or ``HybridProduct``."""
        return self._client._send(ops.get(seller_product_id))

    def update(self, payload: Payload) -> ProductSaved:
        """Replace the whole product document (``sellerProductId`` required); see also :meth:`edit`."""
        return self._client._send(ops.update(payload, self._client.vendor_id))

    def edit(self, seller_product_id: int | str, fn: Editor, *, requested: bool | None = None) -> ProductSaved:
        """GET the product, let ``fn`` change the JSON document (in place, or return a new one), PUT it back.
        Rocket Growth products get ``legalAgreement: "AGREE"`` and ``requested: true`` unless chosen."""
        current = self.get(seller_product_id)
        document = copy.deepcopy(current.raw)
        result = fn(document)
        body = ops.to_body(result) if result is not None else document
        return self.update(ops.edited(current, body, requested))

    def delete(self, seller_product_id: int | str) -> Ack:
        """Delete a marketplace product whose options are all stopped (Rocket Growth ones cannot be)."""
        return self._client._send(ops.delete(seller_product_id))

    def request_approval(self, seller_product_id: int | str) -> Ack:
        """Ask for approval of a saved marketplace product (Rocket Growth: ``edit(..., requested=True)``)."""
        return self._client._send(ops.request_approval(seller_product_id))

    def list(
        self,
        *,
        max_per_page: int | None = None,
        seller_product_id: int | str | None = None,
        seller_product_name: str | None = None,
        status: ProductStatus | str | None = None,
        manufacture: str | None = None,
        created_at: date | str | None = None,
        business_types: str | None = None,
    ) -> Page[ProductSummary]:
        """The first page of products; iterate the page to walk every page (``nextToken``)."""
        factory = ops.list_(
            self._client.vendor_id,
            max_per_page=max_per_page,
            seller_product_id=seller_product_id,
            seller_product_name=seller_product_name,
            status=status,
            manufacture=manufacture,
            created_at=created_at,
            business_types=business_types,
        )
        return self._client._paginate(factory)

    def list_by_time_frame(
        self, created_at_from: datetime | str, created_at_to: datetime | str
    ) -> builtins.list[ProductSummary]:
        """Products created in a window of at most 10 minutes (KST, ``yyyy-MM-dd'T'HH:mm:ss``)."""
        return self._client._send(ops.list_by_time_frame(self._client.vendor_id, created_at_from, created_at_to))

    def list_histories(self, seller_product_id: int | str, *, max_per_page: int | None = None) -> Page[HistoryEntry]:
        """Status changes of a product, newest first; iterate for every page."""
        return self._client._paginate(ops.list_histories(seller_product_id, max_per_page=max_per_page))

    def get_inflow_status(self) -> InflowStatus:
        """Whether the vendor may register more products, and how many it has."""
        return self._client._send(ops.get_inflow_status())

    def list_by_external_sku(self, external_vendor_sku: str) -> builtins.list[ProductSummary]:
        """Products whose options carry ``external_vendor_sku``."""
        return self._client._send(ops.list_by_external_sku(external_vendor_sku))

    def get_partial(self, seller_product_id: int | str) -> PartialProduct:
        """Shipping and return fields of a marketplace product (no approval needed to change them)."""
        return self._client._send(ops.get_partial(seller_product_id))

    def update_partial(self, seller_product_id: int | str, payload: Payload) -> Ack:
        """Change shipping and return fields without a new approval (not for Rocket Growth products)."""
        return self._client._send(ops.update_partial(seller_product_id, payload))

    def validate(
        self, payload: Payload, *, meta: CategoryMeta | None = None, mode: Mode = "create"
    ) -> builtins.list[str]:
        """The problems the server would report for ``payload`` (``[]`` = none), checked offline with the
        server's own rules; the category metadata is fetched when not given."""
        body = ops.to_body(payload)
        code = _code_of(body)
        if meta is None and code is not None:
            meta = self._client.categories.get_meta(code)
        return preflight_problems(body, meta, mode, vendor_id=self._client.vendor_id)

    def template(self, display_category_code: int | str, *, kind: TemplateKind | str) -> dict[str, Any]:
        """A create payload for a leaf category that the server accepts as it is (``kind``: ``marketplace``,
        ``rocket-growth`` or ``hybrid``), built from its metadata by ``domain.template``; replace its
        placeholders before selling. An unknown or inner category raises the API's error; a disabled one,
        a Rocket Growth kind on a category Rocket Growth does not operate, or an unknown kind ``ValueError``."""
        chosen = kind if isinstance(kind, TemplateKind) else TemplateKind.parse(kind)
        code = int(display_category_code)
        meta = self._client.categories.get_meta(code)
        valid = self._client.categories.get_status(code)
        rfm = None if chosen is TemplateKind.MARKETPLACE else self._client.categories.list(registration_type="RFM")
        return _template(code, chosen, self._client.vendor_id, meta, valid, rfm)


class AsyncProducts:
    """The async twin of :class:`Products`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create(self, payload: Payload, *, reconcile: bool = False) -> ProductSaved:
        """Register a product; never retried (see :meth:`Products.create`)."""
        try:
            return await self._client._send(ops.create(payload, self._client.vendor_id))
        except CreateOutcomeUnknownError as exc:
            skus = exc.external_vendor_skus
            found = await self.reconcile_create(skus[0]) if reconcile and skus else None
            if found is None:
                raise
            return ProductSaved(seller_product_id=found.seller_product_id, message="reconciled by externalVendorSku")

    async def reconcile_create(self, external_vendor_sku: str) -> ProductSummary | None:
        """The newest product carrying ``external_vendor_sku``, or ``None``."""
        return _newest(await self.list_by_external_sku(external_vendor_sku))

    async def get(self, seller_product_id: int | str) -> AnyProduct:
        """The product, as ``MarketplaceProduct``, ``RocketGrowthProduct`` or ``HybridProduct``."""
        return await self._client._send(ops.get(seller_product_id))

    async def update(self, payload: Payload) -> ProductSaved:
        """Replace the whole product document (``sellerProductId`` required)."""
        return await self._client._send(ops.update(payload, self._client.vendor_id))

    async def edit(self, seller_product_id: int | str, fn: Editor, *, requested: bool | None = None) -> ProductSaved:
        """GET → ``fn(document)`` → PUT (see :meth:`Products.edit`)."""
        current = await self.get(seller_product_id)
        document = copy.deepcopy(current.raw)
        result = fn(document)
        body = ops.to_body(result) if result is not None else document
        return await self.update(ops.edited(current, body, requested))

    async def delete(self, seller_product_id: int | str) -> Ack:
        """Delete a marketplace product whose options are all stopped."""
        return await self._client._send(ops.delete(seller_product_id))

    async def request_approval(self, seller_product_id: int | str) -> Ack:
        """Ask for approval of a saved marketplace product."""
        return await self._client._send(ops.request_approval(seller_product_id))

    def list(
        self,
        *,
        max_per_page: int | None = None,
        seller_product_id: int | str | None = None,
        seller_product_name: str | None = None,
        status: ProductStatus | str | None = None,
        manufacture: str | None = None,
        created_at: date | str | None = None,
        business_types: str | None = None,
    ) -> AsyncPaginator[ProductSummary]:
        """Products, paged: ``async for`` walks every page, ``await`` gives the first."""
        factory = ops.list_(
            self._client.vendor_id,
            max_per_page=max_per_page,
            seller_product_id=seller_product_id,
            seller_product_name=seller_product_name,
            status=status,
            manufacture=manufacture,
            created_at=created_at,
            business_types=business_types,
        )
        return self._client._paginate(factory)

    async def list_by_time_frame(
        self, created_at_from: datetime | str, created_at_to: datetime | str
    ) -> builtins.list[ProductSummary]:
        """Products created in a window of at most 10 minutes."""
        return await self._client._send(ops.list_by_time_frame(self._client.vendor_id, created_at_from, created_at_to))

    def list_histories(
        self, seller_product_id: int | str, *, max_per_page: int | None = None
    ) -> AsyncPaginator[HistoryEntry]:
        """Status changes of a product, newest first: ``async for`` walks every page, ``await`` gives the first."""
        return self._client._paginate(ops.list_histories(seller_product_id, max_per_page=max_per_page))

    async def get_inflow_status(self) -> InflowStatus:
        """Whether the vendor may register more products."""
        return await self._client._send(ops.get_inflow_status())

    async def list_by_external_sku(self, external_vendor_sku: str) -> builtins.list[ProductSummary]:
        """Products whose options carry ``external_vendor_sku``."""
        return await self._client._send(ops.list_by_external_sku(external_vendor_sku))

    async def get_partial(self, seller_product_id: int | str) -> PartialProduct:
        """Shipping and return fields of a marketplace product."""
        return await self._client._send(ops.get_partial(seller_product_id))

    async def update_partial(self, seller_product_id: int | str, payload: Payload) -> Ack:
        """Change shipping and return fields without a new approval."""
        return await self._client._send(ops.update_partial(seller_product_id, payload))

    async def validate(
        self, payload: Payload, *, meta: CategoryMeta | None = None, mode: Mode = "create"
    ) -> builtins.list[str]:
        """The problems the server would report for ``payload`` (``[]`` = none), checked offline."""
        body = ops.to_body(payload)
        code = _code_of(body)
        if meta is None and code is not None:
            meta = await self._client.categories.get_meta(code)
        return preflight_problems(body, meta, mode, vendor_id=self._client.vendor_id)

    async def template(self, display_category_code: int | str, *, kind: TemplateKind | str) -> dict[str, Any]:
        """A create payload for a leaf category that the server accepts as it is (see :meth:`Products.template`)."""
        chosen = kind if isinstance(kind, TemplateKind) else TemplateKind.parse(kind)
        code = int(display_category_code)
        meta = await self._client.categories.get_meta(code)
        valid = await self._client.categories.get_status(code)
        rfm = (
            None if chosen is TemplateKind.MARKETPLACE else await self._client.categories.list(registration_type="RFM")
        )
        return _template(code, chosen, self._client.vendor_id, meta, valid, rfm)
