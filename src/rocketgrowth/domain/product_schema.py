"""The shape of a product payload (create and modify), both the existing flat schema and the new
Rocket Growth schema, as ``fields.Spec`` tables. Business rules live in ``product_rules``."""

from __future__ import annotations

from rocketgrowth.domain.fields import Field, Spec

__all__ = (
    "DATETIME_PATTERN",
    "ITEM",
    "MARKETPLACE_ITEM_DATA",
    "PARTIAL_UPDATE",
    "PRODUCT",
    "ROCKET_GROWTH_ITEM_DATA",
    "SHIPPING",
    "SHIPPING_FIELDS",
    "SKU_INFO",
)

DATETIME_PATTERN = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"

DELIVERY_METHODS = ("SEQUENCIAL", "COLD_FRESH", "MAKE_ORDER", "AGENT_BUY", "VENDOR_DIRECT")
DELIVERY_CHARGE_TYPES = (
    "FREE",
    "NOT_FREE",
    "CHARGE_RECEIVED",
    "CONDITIONAL_FREE",
    "FREE_DELIVERY_OVER_9800",
    "FREE_DELIVERY_OVER_19800",
    "FREE_DELIVERY_OVER_30000",
)
OFFER_CONDITIONS = ("NEW", "REFURBISHED", "USED_BEST", "USED_GOOD", "USED_NORMAL")
IMAGE_TYPES = ("REPRESENTATION", "DETAIL", "USED_PRODUCT")
CONTENTS_TYPES = (
    "IMAGE",
    "IMAGE_NO_SPACE",
    "TEXT",
    "IMAGE_TEXT",
    "TEXT_IMAGE",
    "IMAGE_IMAGE",
    "TEXT_TEXT",
    "TITLE",
    "HTML",
)

_money = Field("int", required=True, minimum=0, maximum=1_000_000_000)
_id = Field("int", minimum=1)

#: shipping and return fields: top level in the flat schema, in marketplaceShippingAndReturnInfo in the new one
SHIPPING: Spec = {
    "deliveryMethod": Field("str", required=True, choices=DELIVERY_METHODS),
    "deliveryCompanyCode": Field("str", required=True, max_len=30),
    "deliveryChargeType": Field("str", required=True, choices=DELIVERY_CHARGE_TYPES),
    "deliveryCharge": Field("int", required=True, minimum=0, maximum=1_000_000),
    "freeShipOverAmount": Field("int", required=True, minimum=0, maximum=100_000_000),
    "deliveryChargeOnReturn": Field("int", required=True, minimum=0, maximum=1_000_000),
    "remoteAreaDeliverable": Field("str", required=True, choices=("Y", "N")),
    "unionDeliveryType": Field("str", required=True, choices=("UNION_DELIVERY", "NOT_UNION_DELIVERY")),
    "returnCenterCode": Field("str", required=True, max_len=50),
    "returnChargeName": Field("str", required=True, max_len=100),
    "companyContactNumber": Field("str", required=True, max_len=50),
    "returnZipCode": Field("str", required=True, max_len=20),
    "returnAddress": Field("str", required=True, max_len=300),
    "returnAddressDetail": Field("str", required=True, max_len=300),
    "returnCharge": Field("int", required=True, minimum=0, maximum=1_000_000),
    "returnChargeVendor": Field("str", choices=("Y", "N")),
    "afterServiceInformation": Field("str", max_len=1000),
    "afterServiceContactNumber": Field("str", max_len=50),
    "outboundShippingPlaceCode": Field("int", required=True, minimum=1),
}
SHIPPING_FIELDS = tuple(SHIPPING)

PRICE_DATA: Spec = {"originalPrice": _money, "salePrice": _money}

SKU_INFO: Spec = {
    "width": Field("int", required=True, minimum=1, maximum=10_000, description="mm"),
    "length": Field("int", required=True, minimum=1, maximum=10_000, description="mm"),
    "height": Field("int", required=True, minimum=1, maximum=10_000, description="mm"),
    "weight": Field("int", required=True, minimum=1, maximum=1_000_000, description="g"),
    "netWeight": Field("int", minimum=0, maximum=1_000_000, description="g"),
    "fragile": Field("bool", required=True),
    "quantityPerBox": Field("int", required=True, description="always 1 for Rocket Growth"),
    "distributionPeriod": Field("int", minimum=0, maximum=36_500, description="shelf life in days"),
    "expiredAtManaged": Field("bool"),
    "producedAtManaged": Field("bool"),
    "manufacturedAtManaged": Field("bool"),
    "inboundName": Field("str", max_len=200),
    "season": Field("str", max_len=30),
    "standAlone": Field("bool"),
    "hazardous": Field("bool"),
    "heatSensitive": Field("bool"),
    "heavyBulky": Field("bool"),
}

_SIDE_COMMON: Spec = {
    "sellerProductItemId": _id,
    "vendorItemId": _id,
    "barcode": Field("str", max_len=100),
    "emptyBarcode": Field("bool"),
    "emptyBarcodeReason": Field("str", max_len=100),
    "externalVendorSku": Field("str", max_len=100),
    "modelNo": Field("str", max_len=100),
    "priceData": Field("object", required=True, spec=PRICE_DATA),
}
ROCKET_GROWTH_ITEM_DATA: Spec = {**_SIDE_COMMON, "skuInfo": Field("object", spec=SKU_INFO)}
MARKETPLACE_ITEM_DATA: Spec = {
    **_SIDE_COMMON,
    "maximumBuyCount": Field("int", required=True, minimum=0, maximum=99_999),
}

_IMAGE: Spec = {
    "imageOrder": Field("int", required=True, minimum=0, maximum=99),
    "imageType": Field("str", required=True, choices=IMAGE_TYPES),
    "cdnPath": Field("str", max_len=200),
    "vendorPath": Field("str", max_len=200),
}
_NOTICE: Spec = {
    "noticeCategoryName": Field("str", required=True, max_len=100),
    "noticeCategoryDetailName": Field("str", required=True, max_len=100),
    "content": Field("str", required=True, max_len=1000),
}
_ATTRIBUTE: Spec = {
    "attributeTypeName": Field("str", required=True, max_len=100),
    "attributeValueName": Field("str", required=True, max_len=150),
    "exposed": Field("str", choices=("EXPOSED", "NONE")),
    "editable": Field("bool"),
}
_CONTENT_DETAIL: Spec = {
    "content": Field("str", required=True, max_len=500_000),
    "detailType": Field("str", required=True, choices=("IMAGE", "TEXT")),
}
_CONTENT: Spec = {
    "contentsType": Field("str", required=True, choices=CONTENTS_TYPES),
    "contentDetails": Field("list", required=True, items=Field("object", spec=_CONTENT_DETAIL), max_items=50),
}
_CERTIFICATION: Spec = {
    "certificationType": Field("str", required=True, max_len=60),
    "certificationCode": Field("str", max_len=100),
    "certificationAttachments": Field("list", items=Field("object"), max_items=10),
}

ITEM: Spec = {
    "sellerProductItemId": _id,
    "vendorItemId": _id,
    "itemName": Field("str", required=True, max_len=150),
    # flat (existing) schema: price/stock on the item
    "originalPrice": Field("int", minimum=0, maximum=1_000_000_000),
    "salePrice": Field("int", minimum=0, maximum=1_000_000_000),
    "maximumBuyCount": Field("int", minimum=0, maximum=99_999),
    "maximumBuyForPerson": Field("int", required=True, minimum=0, maximum=99_999),
    "maximumBuyForPersonPeriod": Field("int", required=True, minimum=1, maximum=365),
    "outboundShippingTimeDay": Field("int", required=True, minimum=0, maximum=365),
    "unitCount": Field("int", required=True, minimum=0, maximum=100_000),
    "adultOnly": Field("str", required=True, choices=("ADULT_ONLY", "EVERYONE")),
    "taxType": Field("str", required=True, choices=("TAX", "FREE")),
    "parallelImported": Field("str", required=True, choices=("PARALLEL_IMPORTED", "NOT_PARALLEL_IMPORTED")),
    "overseasPurchased": Field("str", required=True, choices=("OVERSEAS_PURCHASED", "NOT_OVERSEAS_PURCHASED")),
    "pccNeeded": Field("bool", required=True),
    "externalVendorSku": Field("str", max_len=100),
    "barcode": Field("str", max_len=100),
    "emptyBarcode": Field("bool"),
    "emptyBarcodeReason": Field("str", max_len=100),
    "modelNo": Field("str", max_len=100),
    "extraProperties": Field("object"),
    "certifications": Field("list", items=Field("object", spec=_CERTIFICATION), max_items=50),
    "searchTags": Field("list", items=Field("str", max_len=20), max_items=20),
    "images": Field("list", required=True, items=Field("object", spec=_IMAGE), min_items=1, max_items=24),
    "notices": Field("list", items=Field("object", spec=_NOTICE), max_items=100),
    "attributes": Field("list", items=Field("object", spec=_ATTRIBUTE), max_items=50),
    "contents": Field("list", items=Field("object", spec=_CONTENT), max_items=50),
    "offerCondition": Field("str", choices=OFFER_CONDITIONS),
    "offerDescription": Field("str", max_len=700),
    # new schema
    "rocketGrowthItemData": Field("object", spec=ROCKET_GROWTH_ITEM_DATA),
    "marketplaceItemData": Field("object", spec=MARKETPLACE_ITEM_DATA),
}

_RG_INFO: Spec = {
    "rfmInboundName": Field("str", max_len=200),
    "legalAgreement": Field("str", max_len=20, description='must be the string "AGREE"'),
}
_DOCUMENT: Spec = {
    "templateName": Field("str", required=True, max_len=100),
    "documentPath": Field("str", max_len=150),
    "vendorDocumentPath": Field("str", max_len=150),
}

PRODUCT: Spec = {
    "sellerProductId": _id,
    "displayCategoryCode": Field("int", required=True, minimum=1),
    "sellerProductName": Field("str", required=True, max_len=100),
    "vendorId": Field("str", required=True, max_len=20),
    "saleStartedAt": Field("str", required=True, pattern=DATETIME_PATTERN, description="yyyy-MM-dd'T'HH:mm:ss"),
    "saleEndedAt": Field("str", required=True, pattern=DATETIME_PATTERN, description="yyyy-MM-dd'T'HH:mm:ss"),
    "displayProductName": Field("str", max_len=100),
    "brand": Field("str", max_len=100),
    "generalProductName": Field("str", max_len=100),
    "productGroup": Field("str", max_len=100),
    **{
        name: Field(f.kind, max_len=f.max_len, choices=f.choices, minimum=f.minimum, maximum=f.maximum)
        for name, f in SHIPPING.items()
    },
    "marketplaceShippingAndReturnInfo": Field("object", spec=SHIPPING),
    "vendorUserId": Field("str", required=True, max_len=100),
    "requested": Field("bool", required=True),
    "items": Field("list", required=True, items=Field("object", spec=ITEM), min_items=1, max_items=200),
    "requiredDocuments": Field("list", items=Field("object", spec=_DOCUMENT), max_items=20),
    "extraInfoMessage": Field("str", max_len=1000),
    "manufacture": Field("str", max_len=100),
    "bundleInfo": Field("object"),
    "rocketGrowthAdditionalInformation": Field("object", spec=_RG_INFO),
}

PARTIAL_UPDATE: Spec = {
    "sellerProductId": Field("int", required=True, minimum=1),
    **{
        name: Field(f.kind, max_len=f.max_len, choices=f.choices, minimum=f.minimum, maximum=f.maximum)
        for name, f in SHIPPING.items()
    },
    "outboundShippingTimeDay": Field("int", minimum=0, maximum=365),
    "pccNeeded": Field("bool"),
    "extraInfoMessage": Field("str", max_len=1000),
    "sameDayShipping": Field("object"),
}
