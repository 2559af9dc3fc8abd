"""Products as the wire shows them: the existing flat schema for marketplace-only products, the new
schema for Rocket Growth and hybrid products, and the rows of the list APIs (old and RG format)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from rocketgrowth.domain.product import BusinessType, Option, Product, Side, SideKind
from rocketgrowth.domain.product_schema import SHIPPING_FIELDS

__all__ = (
    "RENDER_VERSION",
    "SALE_AGENT_COMMISSION",
    "SKU_INFO_KEYS",
    "list_row",
    "partial_view",
    "product_view",
    "put_side",
    "rocket_growth_list_row",
    "shown_side",
    "supply_price",
)

#: the version of ``list_row``, ``rocket_growth_list_row`` and ``product_view``: bump it with any change of
#: what they render. The database keeps their texts with the version that rendered them; a read renders a
#: product whose kept texts have another version itself, and ``rocketgrowth db upgrade`` and server start
#: render them all again (``store.migrate``)
RENDER_VERSION = 1

#: fee in percent (the sandbox uses one rate for every category)
SALE_AGENT_COMMISSION = 10
SKU_INFO_KEYS = (
    "width", "length", "height", "weight", "netWeight", "fragile", "quantityPerBox", "distributionPeriod",
    "expiredAtManaged", "producedAtManaged", "manufacturedAtManaged", "inboundName", "season", "standAlone",
    "hazardous", "heatSensitive", "heavyBulky", "year", "vendorFlexCode", "rocketInstallation",
    "originalBarcode", "originalDimensionInputType",
)  # fmt: skip


def kst(moment: datetime) -> str:
    return (moment + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M:%S")


def supply_price(sale_price: int) -> int:
    return sale_price - (sale_price * SALE_AGENT_COMMISSION) // 100


def _head(product: Product) -> dict[str, Any]:
    body = product.body
    return {
        "sellerProductId": product.seller_product_id,
        "sellerProductName": body.get("sellerProductName"),
        "displayCategoryCode": product.display_category_code,
        "categoryId": product.category_id,
        "productId": product.product_id,
        "vendorId": product.vendor_id,
        "mdId": None,
        "mdName": None,
        "saleStartedAt": body.get("saleStartedAt"),
        "saleEndedAt": body.get("saleEndedAt"),
        "brand": body.get("brand", ""),
        "statusName": product.status.korean,
        "createdAt": kst(product.created_at),
    }


def list_row(product: Product) -> dict[str, Any]:
    """A row of ``GET /seller-products`` (existing format)."""
    return _head(product)


def rocket_growth_list_row(product: Product) -> dict[str, Any]:
    """A row of ``GET /seller-products?businessTypes=rocketGrowth``: ids inside the blocks,
    ``marketPlaceItemData`` with a capital P, as the real gateway sends it."""
    row = _head(product)
    row["items"] = [
        {
            "itemName": o.item_name,
            "marketPlaceItemData": _ids(o.marketplace),
            "rocketGrowthItemData": _ids(o.rocket_growth),
        }
        for o in product.options
    ]
    row["registrationType"] = product.registration_type
    return row


def _ids(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"sellerProductItemId": side.seller_product_item_id, "vendorItemId": side.vendor_item_id}


def _product_fields(product: Product) -> dict[str, Any]:
    body = product.body
    out = _head(product)
    del out["createdAt"]
    skip = {"items", "marketplaceShippingAndReturnInfo", "rocketGrowthAdditionalInformation", "sellerProductName",
            "saleStartedAt", "saleEndedAt", "brand"}  # fmt: skip
    out.update({k: v for k, v in body.items() if k not in skip})
    out.update(
        {
            "brandId": None,
            "requested": product.requested,
            "bundlePackingDelivery": 0,
            "exchangeType": "AFTER",
            "contributorType": "API_SELLER",
            "registrationType": product.registration_type,
            "requiredDocuments": body.get("requiredDocuments", []),
            "extraInfoMessage": body.get("extraInfoMessage"),
            "manufacture": body.get("manufacture"),
        }
    )
    return out


def product_view(product: Product) -> dict[str, Any]:
    """``GET /seller-products/{id}``: flat for marketplace-only, new schema for RG and hybrid."""
    if product.business_type is BusinessType.MARKETPLACE:
        return _flat_view(product)
    return _new_view(product)


def _flat_view(product: Product) -> dict[str, Any]:
    out = _product_fields(product)
    shipping = product.body.get("marketplaceShippingAndReturnInfo") or {}
    out.update({k: shipping.get(k) for k in SHIPPING_FIELDS})
    out["items"] = [_flat_item(product, o) for o in product.options]
    return out


def _flat_item(product: Product, option: Option) -> dict[str, Any]:
    common = dict(product.body["items"][option.position])
    side = option.marketplace
    assert side is not None
    common.update(_flat_side(option.item_name, side))
    return common


def _flat_side(item_name: str, side: Side) -> dict[str, Any]:
    """What a flat view's item shows of its option's name and marketplace side (over the option's common fields)."""
    return {
        "sellerProductItemId": side.seller_product_item_id,
        "vendorItemId": side.vendor_item_id,
        "itemId": side.item_id,
        "itemName": item_name,
        "originalPrice": side.original_price,
        "salePrice": side.sale_price,
        "supplyPrice": supply_price(side.sale_price),
        "maximumBuyCount": side.quantity,
        "saleAgentCommission": SALE_AGENT_COMMISSION,
        "bestPriceGuaranteed3P": False,
        "isAutoGenerated": False,
        "externalVendorSku": side.external_vendor_sku,
        "barcode": side.barcode or "",
        "emptyBarcode": bool(side.data.get("emptyBarcode", False)),
        "emptyBarcodeReason": side.data.get("emptyBarcodeReason", ""),
        "modelNo": side.data.get("modelNo", ""),
    }


def shown_side(business_type: BusinessType, item_name: str, side: Side) -> dict[str, Any] | None:
    """What the ``product_view`` of a product of ``business_type`` shows of ``side`` (of the option named
    ``item_name``), as the keys and values it puts into the option's item, rendered from the side alone: the
    flat view's side fields, or the new view's block under its key (None: such a view shows no such side, a
    Rocket Growth side of a flat view)."""
    if business_type is BusinessType.MARKETPLACE:
        return _flat_side(item_name, side) if side.kind is SideKind.MARKETPLACE else None
    if side.kind is SideKind.ROCKET_GROWTH:
        return {"rocketGrowthItemData": _rocket_growth_block(side)}
    return {"marketplaceItemData": _marketplace_block(side)}


def put_side(view: dict[str, Any], business_type: BusinessType, side: Side) -> None:
    """Change ``view``, the ``product_view`` of a product of ``business_type``, in place into the view of that
    product with ``side`` in place of the side of the same id.

    The item that shows the side gets what ``shown_side`` gives for it (with the option's name the item
    shows): its keys are already in the item, over the option's common fields, so they keep their places,
    and the result is exactly what rendering the changed product gives."""
    item_id = side.seller_product_item_id
    if business_type is BusinessType.MARKETPLACE:
        if side.kind is SideKind.MARKETPLACE:
            for item in view["items"]:
                if item.get("sellerProductItemId") == item_id:
                    item.update(_flat_side(item["itemName"], side))
        return
    shown = shown_side(business_type, "", side)
    assert shown is not None
    (key,) = shown
    for item in view["items"]:
        block = item.get(key)
        if block is not None and block.get("sellerProductItemId") == item_id:
            item.update(shown)


def _new_view(product: Product) -> dict[str, Any]:
    out = _product_fields(product)
    out["marketplaceShippingAndReturnInfo"] = product.body.get("marketplaceShippingAndReturnInfo")
    info = product.body.get("rocketGrowthAdditionalInformation") or {}
    out["rocketGrowthAdditionalInformation"] = {"rfmInboundName": info.get("rfmInboundName")}
    items = []
    for option in product.options:
        common = dict(product.body["items"][option.position])
        common["itemName"] = option.item_name
        common["outboundShippingTime"] = int(common.get("outboundShippingTimeDay") or 0) * 24
        common["rocketGrowthItemData"] = _rocket_growth_block(option.rocket_growth)
        common["marketplaceItemData"] = _marketplace_block(option.marketplace)
        items.append(common)
    out["items"] = items
    return out


def _price(side: Side) -> dict[str, int]:
    return {
        "originalPrice": side.original_price,
        "salePrice": side.sale_price,
        "supplyPrice": supply_price(side.sale_price),
    }


def _rocket_growth_block(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    sku: Mapping[str, Any] | None = side.data.get("skuInfo")
    return {
        "sellerProductItemId": side.seller_product_item_id,
        "vendorItemId": side.vendor_item_id,
        "itemId": side.item_id,
        "externalVendorSku": side.external_vendor_sku,
        "modelNo": side.data.get("modelNo"),
        "barcode": side.barcode,
        "skuInfo": {k: sku.get(k) for k in SKU_INFO_KEYS} if sku is not None else None,
        "priceData": _price(side),
        "maximumBuyCount": side.quantity,
        "isAutoGenerated": False,
    }


def _marketplace_block(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {
        "sellerProductItemId": side.seller_product_item_id,
        "vendorItemId": side.vendor_item_id,
        "itemId": side.item_id,
        "bestPriceGuaranteed3P": False,
        "externalVendorSku": side.external_vendor_sku or "",
        "priceData": _price(side),
        "barcode": side.barcode or "",
        "maximumBuyCount": side.quantity,
        "modelNo": side.data.get("modelNo", ""),
        "isAutoGenerated": False,
    }


def partial_view(product: Product) -> dict[str, Any]:
    """``GET /seller-products/{id}/partial``: the shipping and return fields only."""
    shipping = product.body.get("marketplaceShippingAndReturnInfo") or {}
    out: dict[str, Any] = {"sellerProductId": product.seller_product_id}
    out.update({k: shipping.get(k) for k in SHIPPING_FIELDS})
    common = product.body["items"][0] if product.body.get("items") else {}
    out["outboundShippingTimeDay"] = common.get("outboundShippingTimeDay")
    out["pccNeeded"] = common.get("pccNeeded")
    out["extraInfoMessage"] = product.body.get("extraInfoMessage")
    return out
