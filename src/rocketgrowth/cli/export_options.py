"""``rocketgrowth products export --options``: one CSV row per option and side (marketplace / Rocket
Growth) of every product of every business type, with the columns ``prices set`` and ``stock set`` read.

Products come from the list (every page, without and with ``businessTypes=rocketGrowth``; a hybrid is
written once), each read with one call and each of its options' sides with one inventory call, all paced
by the SDK's limiter. Rows are written product by product and flushed, so a long export can be cut and
continued: ``--resume`` keeps the rows of the products already in the file (rewriting the file without
the last product's rows, which may be cut short) and fetches only the others again.

The file carries ``exportedPrice`` and ``exportedQuantity``, the values at export time: a seller edits
``price`` or ``quantity`` and sends the file back to ``prices set`` / ``stock set`` as it is, and the rows
whose value still equals the exported one are skipped.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from rocketgrowth.cli._common import note, progress_bar, usage_error
from rocketgrowth.sdk import APIStatusError, Client

__all__ = ("OPTION_COLUMNS", "export_options", "option_rows", "resume_from")

OPTION_COLUMNS = (
    "sellerProductId",
    "sellerProductName",
    "statusName",
    "itemName",
    "side",
    "vendorItemId",
    "price",
    "originalPrice",
    "quantity",
    "onSale",
    "exportedPrice",
    "exportedQuantity",
)
#: the side column's values, and the block of the new schema each reads
SIDES = (("marketplace", "marketplaceItemData"), ("rocketGrowth", "rocketGrowthItemData"))


def _sides(item: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
    """(side, block, prices) of one option: the new schema's blocks, or the flat item as its marketplace side."""
    if not any(key in item for _, key in SIDES):
        yield "marketplace", item, item
        return
    for side, key in SIDES:
        block = item.get(key)
        if isinstance(block, Mapping):
            yield side, block, block.get("priceData") or {}


def option_rows(view: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows of one product (``GET /seller-products/{id}``), before the inventory of each side is read."""
    head = {key: view.get(key) for key in ("sellerProductId", "sellerProductName", "statusName")}
    for item in view.get("items") or []:
        for side, block, prices in _sides(item):
            yield {
                **head,
                "itemName": item.get("itemName"),
                "side": side,
                "vendorItemId": block.get("vendorItemId"),
                "price": prices.get("salePrice"),
                "originalPrice": prices.get("originalPrice"),
                "quantity": block.get("maximumBuyCount"),
                "onSale": None,
            }


def product_ids(client: Client, done: set[int]) -> Iterator[int]:
    """Every product id of the vendor once (hybrids are in both lists), skipping ``done``."""
    seen = set(done)
    for business_types in (None, "rocketGrowth"):
        for row in client.products.list(max_per_page=100, business_types=business_types):
            if row.seller_product_id not in seen:
                seen.add(row.seller_product_id)
                yield row.seller_product_id


def _with_inventory(client: Client, row: dict[str, Any]) -> dict[str, Any]:
    vendor_item_id = row["vendorItemId"]
    if vendor_item_id:  # (an option not approved yet has none: no inventory)
        inventory = client.vendor_items.get_inventory(vendor_item_id)
        on_sale = None if inventory.on_sale is None else str(inventory.on_sale).lower()  # as JSON writes it
        row.update(quantity=inventory.amount_in_stock, onSale=on_sale)
    return {**row, "exportedPrice": row["price"], "exportedQuantity": row["quantity"]}


def _resumed(path: Path) -> set[int]:
    """The products already written to ``path``, after removing the last one's rows (maybe cut short)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != OPTION_COLUMNS:
                usage_error(f"{path} is not an options export: cannot --resume it")
            rows = [row for row in reader if (row.get("sellerProductId") or "").isdigit()]
    except OSError as exc:
        usage_error(f"cannot read {path}: {exc.strerror or exc}")
    last = rows[-1]["sellerProductId"] if rows else None
    kept = [row for row in rows if row["sellerProductId"] != last]
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OPTION_COLUMNS)
        writer.writeheader()
        writer.writerows(kept)
    os.replace(partial, path)
    return {int(row["sellerProductId"]) for row in kept}


def export_options(client: Client, out: IO[str], *, done: set[int], write_header: bool) -> dict[str, int]:
    """Write the rows of every product not in ``done``; returns the counts."""
    writer = csv.DictWriter(out, fieldnames=OPTION_COLUMNS, extrasaction="ignore")
    if write_header:
        writer.writeheader()
    products = rows = 0
    with progress_bar() as bar:
        task = bar.add_task("exporting options", total=None)
        for seller_product_id in product_ids(client, done):
            try:
                view = client.products.get(seller_product_id).raw
            except APIStatusError as exc:  # deleted since the list was read
                note(f"product {seller_product_id} skipped: {exc.message}")
                continue
            written = [_with_inventory(client, row) for row in option_rows(view)]
            writer.writerows(written)
            out.flush()
            products, rows = products + 1, rows + len(written)
            bar.update(task, advance=1, description=f"exporting options ({rows} rows)")
    return {"products": products, "rows": rows, "resumedProducts": len(done)}


def resume_from(output: str) -> tuple[set[int], bool]:
    """For ``--resume``: the products ``output`` already holds, and whether to append to it."""
    if output == "-":
        usage_error("--resume needs --output FILE")
    path = Path(output)
    if not path.exists():
        return set(), False
    return _resumed(path), True
