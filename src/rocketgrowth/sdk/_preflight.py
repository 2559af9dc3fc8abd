"""Offline checks of a product payload with the server's own rules (``rocketgrowth.domain.product_rules``).

When that module is importable (it ships with this package) the SDK runs exactly what the server runs.
A trimmed install without it falls back to the request models plus the Rocket Growth rules of the
wire contract, so ``preflight`` still catches the common traps.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from rocketgrowth.wire.categories import CategoryMeta
from rocketgrowth.wire.requests import ProductCreate, ProductUpdate
from rocketgrowth.wire.validation import field_path

__all__ = ("preflight_problems",)


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _domain_meta(meta: CategoryMeta | None) -> Any:
    """The category metadata in the form the domain rules read (``None``: rules that need none)."""
    cls = getattr(_module("rocketgrowth.domain.categories"), "CategoryMeta", None)
    if meta is None or cls is None:
        return None
    wire = meta.raw or meta.as_dict()
    for name in ("from_wire", "from_dict", "parse"):
        parse = getattr(cls, name, None)
        if parse is not None:
            return parse(wire)
    return None


def preflight_problems(payload: Mapping[str, Any], meta: CategoryMeta | None, mode: str) -> list[str]:
    """``[]`` when the payload would pass, else the messages the API would answer."""
    rules = _module("rocketgrowth.domain.product_rules")
    if rules is not None:
        found: list[str] = rules.problems(payload, mode=mode, meta=_domain_meta(meta))
        return found
    return fallback_problems(payload, meta, mode)


def fallback_problems(payload: Mapping[str, Any], meta: CategoryMeta | None, mode: str) -> list[str]:
    """The request models' checks and the Rocket Growth rules of the wire contract."""
    model = ProductUpdate if mode == "update" else ProductCreate
    found: list[str] = []
    try:
        model.model_validate(payload)
    except ValidationError as exc:
        found += [f"{field_path(error['loc'])}: {error['msg']}" for error in exc.errors()]
    items = [item for item in payload.get("items") or [] if isinstance(item, Mapping)]
    if any("marketPlaceItemData" in item for item in items):
        found.append("items[].marketPlaceItemData: write marketplaceItemData (lower-case p)")
    rocket_growth = [item.get("rocketGrowthItemData") for item in items if item.get("rocketGrowthItemData")]
    if rocket_growth:
        info = payload.get("rocketGrowthAdditionalInformation") or {}
        if info.get("legalAgreement") != "AGREE":
            found.append("로켓그로스 입고 불가 조건을 확인하시고 동의해주세요")
    if any(item.get("marketplaceItemData") for item in items) and not payload.get("marketplaceShippingAndReturnInfo"):
        found.append("marketplaceShippingAndReturnInfo: 필수 입력값입니다. (field required)")
    expiry = meta is not None and meta.is_expiration_date_required_for_rocket_growth
    for index, block in enumerate(rocket_growth):
        sku = block.get("skuInfo") if isinstance(block, Mapping) else None
        if not isinstance(sku, Mapping):
            continue
        where = f"items[{index}].rocketGrowthItemData.skuInfo"
        if sku.get("quantityPerBox") not in (None, 1):
            found.append(f"{where}.quantityPerBox: must be 1")
        period = int(sku.get("distributionPeriod") or 0)
        if bool(sku.get("expiredAtManaged")) != (period > 0):
            found.append(f"{where}: expiredAtManaged must be true exactly when distributionPeriod > 0")
        if expiry and period <= 0:
            found.append(f"{where}.distributionPeriod: the category requires expiry data (> 0)")
    return found
