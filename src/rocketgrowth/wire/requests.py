"""Request bodies the SDK sends: product create/modify (both schemas), partial modify, inquiry reply.

The SDK accepts these models or plain dicts (sent as they are). Models keep unknown keys
(``extra="allow"``) so a field this SDK does not know yet can still be sent; ``to_wire()`` gives the JSON.
The server's own validation is elsewhere; these models only shape what a client writes.
"""

from typing import Any, ClassVar, Literal, Self

from pydantic import Field, model_validator

from rocketgrowth.wire.base import WireModel

__all__ = (
    "InquiryReply",
    "MarketplaceItemDataIn",
    "PartialProductUpdate",
    "PriceDataIn",
    "ProductCreate",
    "ProductItemIn",
    "ProductUpdate",
    "RocketGrowthAdditionalInformationIn",
    "RocketGrowthItemDataIn",
    "ShippingAndReturnInfoIn",
)


class _RequestModel(WireModel):
    """Fields in ``always_sent`` go on the wire even when left at their default."""

    always_sent: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _mark_sent(self) -> Self:
        self.model_fields_set.update(self.always_sent)
        return self


class PriceDataIn(WireModel):
    original_price: int
    sale_price: int


class _ChannelDataIn(WireModel):
    seller_product_item_id: int | None = None
    vendor_item_id: int | None = None
    external_vendor_sku: str | None = None
    model_no: str | None = None
    barcode: str | None = None
    price_data: PriceDataIn


class RocketGrowthItemDataIn(_ChannelDataIn):
    """Present → the option is sold through Rocket Growth. ``skuInfo`` is all-or-nothing."""

    sku_info: dict[str, Any] | None = None


class MarketplaceItemDataIn(_ChannelDataIn):
    """Present → the option is also sold with seller delivery (hybrid); ``maximumBuyCount`` is the stock."""

    maximum_buy_count: int | None = None


class ProductItemIn(WireModel):
    """One option: flat price/stock fields (marketplace schema) or the channel blocks (new schema)."""

    item_name: str
    seller_product_item_id: int | None = None
    vendor_item_id: int | None = None
    original_price: int | None = None
    sale_price: int | None = None
    maximum_buy_count: int | None = None
    external_vendor_sku: str | None = None
    barcode: str | None = None
    empty_barcode: bool | None = None
    empty_barcode_reason: str | None = None
    model_no: str | None = None
    maximum_buy_for_person: int | None = None
    maximum_buy_for_person_period: int | None = None
    outbound_shipping_time_day: int | None = None
    unit_count: int | None = None
    adult_only: str | None = None
    tax_type: str | None = None
    parallel_imported: str | None = None
    overseas_purchased: str | None = None
    pcc_needed: bool | None = None
    offer_condition: str | None = None
    offer_description: str | None = None
    images: list[dict[str, Any]] | None = None
    notices: list[dict[str, Any]] | None = None
    attributes: list[dict[str, Any]] | None = None
    contents: list[dict[str, Any]] | None = None
    certifications: list[dict[str, Any]] | None = None
    search_tags: list[str] | None = None
    rocket_growth_item_data: RocketGrowthItemDataIn | None = None
    marketplace_item_data: MarketplaceItemDataIn | None = None


class ShippingAndReturnInfoIn(WireModel):
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


class RocketGrowthAdditionalInformationIn(_RequestModel):
    """``legalAgreement`` must be the string ``AGREE`` (not ``true``, not ``Y``); it is always sent."""

    always_sent = ("legal_agreement",)
    rfm_inbound_name: str | None = None
    legal_agreement: Literal["AGREE"] = "AGREE"


class ProductCreate(_RequestModel, ShippingAndReturnInfoIn):
    """``POST /seller-products``: flat shipping fields for marketplace products,
    ``marketplaceShippingAndReturnInfo`` + ``rocketGrowthAdditionalInformation`` for the new schema."""

    always_sent = ("requested",)
    display_category_code: int | None = None
    seller_product_name: str
    vendor_id: str
    sale_started_at: str
    sale_ended_at: str
    display_product_name: str | None = None
    brand: str | None = None
    general_product_name: str | None = None
    product_group: str | None = None
    manufacture: str | None = None
    vendor_user_id: str | None = None
    requested: bool = False
    extra_info_message: str | None = None
    required_documents: list[dict[str, Any]] | None = None
    bundle_info: dict[str, Any] | None = None
    marketplace_shipping_and_return_info: ShippingAndReturnInfoIn | None = None
    rocket_growth_additional_information: RocketGrowthAdditionalInformationIn | None = None
    items: list[ProductItemIn] = Field(min_length=1)


class ProductUpdate(ProductCreate):
    """``PUT /seller-products``: the full document again, with ``sellerProductId`` (GET → change → PUT)."""

    seller_product_id: int


class PartialProductUpdate(ShippingAndReturnInfoIn):
    """``PUT /seller-products/{id}/partial``: shipping and return fields, no approval needed."""

    seller_product_id: int
    outbound_shipping_time_day: int | None = None
    same_day_shipping: dict[str, Any] | None = None
    pcc_needed: bool | None = None
    extra_info_message: str | None = None


class InquiryReply(WireModel):
    """``POST …/onlineInquiries/{inquiryId}/replies``; newlines as ``\\n``."""

    content: str
    vendor_id: str
    reply_by: str
