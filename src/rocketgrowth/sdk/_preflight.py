"""Offline checks of a product payload with the server's own rules (``rocketgrowth.domain.product_rules``).

The domain package is pure Python and ships with the SDK, so the preflight runs exactly what the server
runs: the two cannot disagree. Only the checks that need stored state (barcodes of other products, the
ids of existing options, inbound locks) are left to the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from rocketgrowth.domain import categories, product_rules
from rocketgrowth.wire.categories import CategoryMeta

__all__ = ("preflight_problems",)


def preflight_problems(
    payload: Mapping[str, Any], meta: CategoryMeta | None, mode: str, *, vendor_id: str | None = None
) -> list[str]:
    """``[]`` when the payload would pass, else the message the API would answer."""
    if mode not in ("create", "update"):
        raise ValueError(f"mode must be 'create' or 'update', not {mode!r}")
    checked: Literal["create", "update"] = "update" if mode == "update" else "create"
    domain_meta = categories.CategoryMeta.from_wire(meta.raw or meta.as_dict()) if meta is not None else None
    return product_rules.problems(payload, mode=checked, meta=domain_meta, vendor_id=vendor_id or None)
