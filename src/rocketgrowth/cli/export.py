"""``rocketgrowth products export``: every product, page by page (one page in memory at a time), to
JSON lines (the list rows as the API sends them) or CSV (one row per option when rows carry items);
with ``--options``, one CSV row per option and side with prices and stock (``export_options``)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from typing import IO, Annotated, Any

import typer

from rocketgrowth.cli._common import emit, note, progress_bar, session, usage_error
from rocketgrowth.cli.export_options import export_options, resume_from
from rocketgrowth.wire.products import ProductStatus, ProductSummary

__all__ = ("CSV_COLUMNS", "BusinessTypes", "StatusOpt", "csv_rows", "export", "status_code")

CSV_COLUMNS = (
    "sellerProductId",
    "sellerProductName",
    "statusName",
    "displayCategoryCode",
    "categoryId",
    "productId",
    "vendorId",
    "brand",
    "saleStartedAt",
    "saleEndedAt",
    "createdAt",
    "registrationType",
    "itemName",
    "marketplaceSellerProductItemId",
    "marketplaceVendorItemId",
    "rocketGrowthSellerProductItemId",
    "rocketGrowthVendorItemId",
)

BusinessTypes = Annotated[
    str | None, typer.Option("--business-types", help="rocketGrowth: Rocket Growth and hybrid products, new format")
]
StatusOpt = Annotated[str | None, typer.Option("--status", help="SAVED, IN_REVIEW, APPROVED, … (or the Korean name)")]


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


def status_code(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return ProductStatus.from_name(value.upper() if value.isascii() else value).value
    except ValueError:
        choices = ", ".join(status.value for status in ProductStatus)
        raise typer.BadParameter(f"{value!r}: one of {choices} (or the Korean name)", param_hint="--status") from None


def csv_rows(row: ProductSummary) -> Iterator[dict[str, Any]]:
    """One CSV row per option when the list row carries items (``--business-types``), else one."""
    raw = row.raw
    head = {column: raw.get(column) for column in CSV_COLUMNS[:12]}
    items = raw.get("items") or []
    if not items:
        yield head
    for item in items:
        market = item.get("marketPlaceItemData") or item.get("marketplaceItemData") or {}
        rocket = item.get("rocketGrowthItemData") or {}
        yield {
            **head,
            "itemName": item.get("itemName"),
            "marketplaceSellerProductItemId": market.get("sellerProductItemId"),
            "marketplaceVendorItemId": market.get("vendorItemId"),
            "rocketGrowthSellerProductItemId": rocket.get("sellerProductItemId"),
            "rocketGrowthVendorItemId": rocket.get("vendorItemId"),
        }


def _writer(out: IO[str], fmt: ExportFormat) -> Any:
    if fmt is ExportFormat.csv:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()

        def write_csv(row: ProductSummary) -> None:
            writer.writerows(csv_rows(row))

        return write_csv

    def write_jsonl(row: ProductSummary) -> None:
        out.write(json.dumps(row.raw, ensure_ascii=False) + "\n")

    return write_jsonl


@contextmanager
def _opened(output: str, *, append: bool = False) -> Iterator[IO[str]]:
    if output == "-":
        yield sys.stdout
        return
    try:
        handle = open(output, "a" if append else "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        usage_error(f"cannot write {output}: {exc.strerror or exc}")
    with handle:
        yield handle


def export(
    ctx: typer.Context,
    output: Annotated[str, typer.Option("--output", "-o", help="File to write (- = stdout)")],
    fmt: Annotated[
        ExportFormat | None, typer.Option("--format", help="jsonl (one list row per line; the default) or csv")
    ] = None,
    business_types: BusinessTypes = None,
    status: StatusOpt = None,
    with_options: Annotated[
        bool,
        typer.Option(
            "--options",
            help="CSV, one row per option and side with price, stock and sale state, over every product; "
            "edit price/quantity and send it back to `prices set` / `stock set`",
        ),
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="With --options: continue an interrupted export into --output")
    ] = False,
) -> None:
    """Write every product (all pages, one page in memory at a time) to a JSONL or CSV file."""
    if resume and not with_options:
        usage_error("--resume continues an --options export")
    if with_options:
        _export_options(ctx, output, fmt, business_types, status, resume=resume)
        return
    fmt = fmt or ExportFormat.jsonl
    filters = {"business_types": business_types, "status": status_code(status)}
    count = pages = 0
    with session(ctx) as client, _opened(output) as out, progress_bar() as bar:
        task = bar.add_task("exporting products", total=None)
        write = _writer(out, fmt)
        for page in client.products.list(max_per_page=100, **filters).iter_pages():
            for row in page.items:
                write(row)
            count, pages = count + len(page.items), pages + 1
            out.flush()
            bar.update(task, advance=len(page.items), description=f"exporting products (page {pages})")
    summary: Mapping[str, Any] = {"exported": count, "pages": pages, "format": fmt.value, "output": output}
    if output == "-":
        note(json.dumps(summary, ensure_ascii=False))
    else:
        emit(ctx, summary)


def _export_options(
    ctx: typer.Context,
    output: str,
    fmt: ExportFormat | None,
    business_types: str | None,
    status: str | None,
    *,
    resume: bool,
) -> None:
    if fmt is ExportFormat.jsonl or business_types is not None or status is not None:
        usage_error("--options writes CSV of every product: it takes no --format jsonl, --business-types or --status")
    done, append = resume_from(output) if resume else (set(), False)
    with session(ctx) as client, _opened(output, append=append) as out:
        counts = export_options(client, out, done=done, write_header=not append)
    summary = {**counts, "format": "csv", "output": output}
    if output == "-":
        note(json.dumps(summary, ensure_ascii=False))
    else:
        emit(ctx, summary)
