"""Product responses: the flat (marketplace) and the new (Rocket Growth / hybrid) schema, list rows, history.

``parse_product(data)`` picks the model: ``MarketplaceProduct`` (no Rocket Growth block: the flat schema,
or the nested form WING-created products may return), ``RocketGrowthProduct`` (Rocket Growth blocks only)
or ``HybridProduct`` (both channels). Every spelling the gateway uses is read: ``marketplaceItemData`` and
``marketPlaceItemData``, ``rocketGrowthAdditionalInformation`` and ``additionalInformationForRocketGrowth``,
history ``status`` and ``statusName``; ``statusName`` maps to :class:`ProductStatus` (codes and Korean names).
"""

from typing import Annotated, Any, ClassVar, Union

from pydantic import AliasChoices, Discriminator, Field, Tag, TypeAdapter

from rocketgrowth.domain.status import ProductStatus
from rocketgrowth.wire.base import WireModel

__all__ = (
    "HistoryEntry",
    "HybridProduct",
    "InflowStatus",
    "ItemIds",
    "MarketplaceItemData",
    "MarketplaceProduct",
    "PartialProduct",
    "PriceData",
    "Product",
    "ProductItem",
    "ProductSaved",
    "ProductStatus",
    "ProductSummary",
    "RocketGrowthAdditionalInformation",
    "RocketGrowthItemData",
    "RocketGrowthProduct",
    "ShippingAndReturnInfo",
    "SkuInfo",
    "SummaryItem",
    "parse_created_id",
    "parse_product",
    "product_kind",
)

_MARKETPLACE_BLOCK = AliasChoices("marketplaceItemData", "marketPlaceItemData", "marketplace_item_data")
_RG_INFO = AliasChoices(
    "rocketGrowthAdditionalInformation", "additionalInformationForRocketGrowth", "rocket_growth_additional_information"
)


# one status table for the server and the SDK (the domain package is pure Python)


class _HasStatus(WireModel):
    status_name: str | None = None

    @property
    def status(self) -> ProductStatus | None:
        """``statusName`` as a :class:`ProductStatus` (``None`` for a name this SDK does not know)."""
        try:
            return ProductStatus.from_name(self.status_name or "")
        except ValueError:
            return None


class PriceData(WireModel):
    original_price: int | None = None
    sale_price: int | None = None
    supply_price: int | None = None


class SkuInfo(WireModel):
    """Rocket Growth logistics data: sizes in mm, weights in g (every other key kept as sent)."""

    width: int | None = None
    length: int | None = None
    height: int | None = None
    weight: int | None = None
    net_weight: int | None = None
    fragile: bool | None = None
    quantity_per_box: int | None = None
    distribution_period: int | None = None
    expired_at_managed: bool | None = None
    produced_at_managed: bool | None = None
    manufactured_at_managed: bool | None = None
    inbound_name: str | None = None
    original_barcode: str | None = None


class _ChannelData(WireModel):
    seller_product_item_id: int | None = None
    vendor_item_id: int | None = None
    item_id: int | None = None
    external_vendor_sku: str | None = None
    model_no: str | None = None
    barcode: str | None = None
    price_data: PriceData | None = None
    maximum_buy_count: int | None = None
    is_auto_generated: bool | None = None


class RocketGrowthItemData(_ChannelData):
    """``items[].rocketGrowthItemData``: the option sold through Rocket Growth."""

    sku_info: SkuInfo | None = None


class MarketplaceItemData(_ChannelData):
    """``items[].marketplaceItemData`` (``marketPlaceItemData`` in lists): the seller-delivered option."""

    best_price_guaranteed_3p: bool | None = Field(default=None, alias="bestPriceGuaranteed3P")


class ProductItem(WireModel):
    """One option, in either schema: flat fields (marketplace) and/or the channel blocks (new schema)."""

    item_name: str | None = None
    # flat schema
    seller_product_item_id: int | None = None
    vendor_item_id: int | None = None
    item_id: int | None = None
    original_price: int | None = None
    sale_price: int | None = None
    supply_price: int | None = None
    maximum_buy_count: int | None = None
    external_vendor_sku: str | None = None
    barcode: str | None = None
    model_no: str | None = None
    # both schemas
    maximum_buy_for_person: int | None = None
    maximum_buy_for_person_period: int | None = None
    outbound_shipping_time_day: int | None = None
    unit_count: int | None = None
    adult_only: str | None = None
    tax_type: str | None = None
    offer_condition: str | None = None
    images: list[dict[str, Any]] | None = None
    notices: list[dict[str, Any]] | None = None
    attributes: list[dict[str, Any]] | None = None
    contents: list[dict[str, Any]] | None = None
    certifications: list[dict[str, Any]] | None = None
    search_tags: list[str] | None = None
    # new schema
    rocket_growth_item_data: RocketGrowthItemData | None = None
    marketplace_item_data: MarketplaceItemData | None = Field(default=None, validation_alias=_MARKETPLACE_BLOCK)

    @property
    def marketplace_vendor_item_id(self) -> int | None:
        """The seller-delivery option id: from ``marketplaceItemData``, else the flat field."""
        block = self.marketplace_item_data
        return block.vendor_item_id if block is not None else self.vendor_item_id

    @property
    def rocket_growth_vendor_item_id(self) -> int | None:
        block = self.rocket_growth_item_data
        return block.vendor_item_id if block is not None else None


class ShippingAndReturnInfo(WireModel):
    """The shipping and return fields (flat on marketplace products, a block on the new schema)."""

    delivery_method: str | None = None
    delivery_company_code: str | None = None
    delivery_charge_type: str | None = None
    delivery_charge: int | None = None
    free_ship_over_amount: int | None = None
    delivery_charge_on_return: int | None = None
    remote_area_deliverable: str | None = None
    union_delivery_type: str | None = None
    return_center_code: str | None = None
    return_charge_name: str | None = None
    company_contact_number: str | None = None
    return_zip_code: str | None = None
    return_address: str | None = None
    return_address_detail: str | None = None
    return_charge: int | None = None
    return_charge_vendor: str | None = None
    after_service_information: str | None = None
    after_service_contact_number: str | None = None
    outbound_shipping_place_code: int | None = None


class RocketGrowthAdditionalInformation(WireModel):
    rfm_inbound_name: str | None = None
    legal_agreement: str | None = None


class _ProductBase(_HasStatus):
    kind: ClassVar[str]

    seller_product_id: int | None = None
    seller_product_name: str | None = None
    display_category_code: int | None = None
    category_id: int | None = None
    product_id: int | None = None
    vendor_id: str | None = None
    display_product_name: str | None = None
    brand: str | None = None
    brand_id: int | None = None
    general_product_name: str | None = None
    product_group: str | None = None
    manufacture: str | None = None
    sale_started_at: str | None = None
    sale_ended_at: str | None = None
    vendor_user_id: str | None = None
    requested: bool | None = None
    registration_type: str | None = None
    extra_info_message: str | None = None
    required_documents: list[dict[str, Any]] | None = None
    items: list[ProductItem] = Field(default_factory=list)


class MarketplaceProduct(ShippingAndReturnInfo, _ProductBase):
    """A marketplace-only product: the flat schema (ids and prices on the items)."""

    kind: ClassVar[str] = "marketplace"
    marketplace_shipping_and_return_info: ShippingAndReturnInfo | None = None


class RocketGrowthProduct(_ProductBase):
    """A Rocket Growth product: the new schema, ids and prices in ``items[].rocketGrowthItemData``."""

    kind: ClassVar[str] = "rocket_growth"
    marketplace_shipping_and_return_info: ShippingAndReturnInfo | None = None
    rocket_growth_additional_information: RocketGrowthAdditionalInformation | None = Field(
        default=None, validation_alias=_RG_INFO
    )


class HybridProduct(RocketGrowthProduct):
    """Sold through both channels: ``rocketGrowthItemData`` and ``marketplaceItemData`` blocks."""

    kind: ClassVar[str] = "hybrid"


def _has(item: Any, *keys: str) -> bool:
    return isinstance(item, dict) and any(item.get(key) for key in keys)


def product_kind(value: Any) -> str:
    """``marketplace``, ``rocket_growth`` or ``hybrid``, from a JSON object or a model."""
    if isinstance(value, _ProductBase):
        return value.kind
    items = value.get("items") or [] if isinstance(value, dict) else []
    rocket_growth = any(_has(i, "rocketGrowthItemData", "rocket_growth_item_data") for i in items)
    marketplace = any(_has(i, "marketplaceItemData", "marketPlaceItemData", "marketplace_item_data") for i in items)
    if rocket_growth:
        return "hybrid" if marketplace else "rocket_growth"
    return "marketplace"


Product = Annotated[
    Union[  # noqa: UP007 (a tagged union reads better spelled out)
        Annotated[MarketplaceProduct, Tag("marketplace")],
        Annotated[RocketGrowthProduct, Tag("rocket_growth")],
        Annotated[HybridProduct, Tag("hybrid")],
    ],
    Discriminator(product_kind),
]
_PRODUCT: TypeAdapter[MarketplaceProduct | RocketGrowthProduct | HybridProduct] = TypeAdapter(Product)


def parse_product(data: Any) -> MarketplaceProduct | RocketGrowthProduct | HybridProduct:
    """The product model that fits the JSON object ``data``."""
    return _PRODUCT.validate_python(data)


class ItemIds(WireModel):
    seller_product_item_id: int | None = None
    vendor_item_id: int | None = None


class SummaryItem(WireModel):
    """An option in a ``businessTypes=rocketGrowth`` list row (``marketPlaceItemData``, capital P)."""

    item_name: str | None = None
    marketplace_item_data: ItemIds | None = Field(default=None, validation_alias=_MARKETPLACE_BLOCK)
    rocket_growth_item_data: ItemIds | None = None


class ProductSummary(_HasStatus):
    """A row of the product list, the time-frame list and the summary by external SKU."""

    seller_product_id: int
    seller_product_name: str | None = None
    display_category_code: int | None = None
    category_id: int | None = None
    product_id: int | None = None
    vendor_id: str | None = None
    md_id: str | None = None
    md_name: str | None = None
    sale_started_at: str | None = None
    sale_ended_at: str | None = None
    brand: str | None = None
    created_at: str | None = None
    items: list[SummaryItem] | None = None


class HistoryEntry(WireModel):
    """A status change; ``status`` is read from ``status`` or ``statusName`` (Korean)."""

    created_at: str | None = None
    status: str | None = Field(default=None, validation_alias=AliasChoices("status", "statusName"))
    created_by: str | None = None
    comment: str | None = None


class InflowStatus(WireModel):
    vendor_id: str | None = None
    restricted: bool = False
    registered_count: int | None = None
    permitted_count: int | None = None


class PartialProduct(ShippingAndReturnInfo):
    """The answer of the approval-free query: shipping and return fields only."""

    seller_product_id: int | None = None
    outbound_shipping_time_day: int | None = None
    extra_info_message: str | None = None


def parse_created_id(data: Any) -> int:
    """A create/update ``data``: a number, a numeric string, or ``{"sellerProductId": …}``."""
    if isinstance(data, dict):
        data = data.get("sellerProductId", data.get("seller_product_id"))
    if isinstance(data, bool) or data is None:
        raise ValueError(f"no sellerProductId in {data!r}")
    return int(str(data).strip())


class ProductSaved(WireModel):
    """The result of a create or a modify: the ``sellerProductId`` and any warnings sent with it."""

    seller_product_id: int
    message: str = ""
    details: Any = None
    error_items: Any = None
