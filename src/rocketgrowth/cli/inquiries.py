"""``rocketgrowth inquiries …``: customers' product inquiries (list every page, reply once)."""

from __future__ import annotations

from typing import Annotated

import typer

from rocketgrowth.cli._common import emit, session

__all__ = ("app",)

app = typer.Typer(help="Customers' product inquiries (CS API).", no_args_is_help=True)

COLUMNS = ("inquiryId", "vendorItemId", "sellerProductId", "inquiryAt", "content", "commentDtoList")


@app.command("list")
def list_inquiries(
    ctx: typer.Context,
    answered_type: Annotated[str, typer.Option("--answered-type", help="ALL, ANSWERED or NOANSWER")] = "ALL",
    start: Annotated[
        str | None, typer.Option("--from", help="First day, yyyy-MM-dd (KST); default: 6 days ago")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day, yyyy-MM-dd (KST), ≤ 7 days on; default: today")
    ] = None,
    vendor_item_id: Annotated[int | None, typer.Option("--vendor-item-id", min=1)] = None,
    page_size: Annotated[int | None, typer.Option("--page-size", min=1, max=50)] = None,
) -> None:
    """Every inquiry of the window (all pages)."""
    with session(ctx) as client:
        page = client.inquiries.list(
            answered_type=answered_type,
            inquiry_start_at=start,
            inquiry_end_at=end,
            vendor_item_id=vendor_item_id,
            page_size=page_size,
        )
        emit(ctx, list(page), columns=COLUMNS)


@app.command("reply")
def reply_inquiry(
    ctx: typer.Context,
    inquiry_id: Annotated[int, typer.Argument(help="inquiryId", min=1)],
    content: Annotated[str, typer.Option("--content", help="The answer (it cannot be edited afterwards)")],
    reply_by: Annotated[str, typer.Option("--reply-by", help="The WING user id answering")],
) -> None:
    """Answer an inquiry, once (never retried: after a failure, list ANSWERED before trying again)."""
    with session(ctx) as client:
        emit(ctx, client.inquiries.reply(inquiry_id, content, reply_by=reply_by))
