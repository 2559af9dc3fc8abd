"""``rocketgrowth inquiries list/reply`` with inquiries added by ``rocketgrowth sandbox inquiries add``."""

from __future__ import annotations

from tests.cli.conftest import Cli, approved_marketplace


def test_a_customer_asks_and_the_seller_answers_once(cli: Cli) -> None:
    _, [vendor_item_id] = approved_marketplace(cli.live, cli.keys, options=1)
    added = cli.ok("sandbox", "inquiries", "add", str(vendor_item_id), "배송은 언제 되나요?")
    inquiry_id = added["inquiryId"]

    waiting = cli.ok("inquiries", "list", "--answered-type", "NOANSWER")
    assert [row["inquiryId"] for row in waiting] == [inquiry_id]
    assert waiting[0]["content"] == "배송은 언제 되나요?"

    reply = cli.ok("inquiries", "reply", str(inquiry_id), "--content", "내일 출고됩니다.", "--reply-by", "wing-user")
    assert reply["code"] == "200"
    answered = cli.ok("inquiries", "list", "--answered-type", "answered", "--vendor-item-id", str(vendor_item_id))
    assert [comment["content"] for comment in answered[0]["commentDtoList"]] == ["내일 출고됩니다."]
    assert cli.ok("inquiries", "list", "--answered-type", "NOANSWER") == []

    again = cli.error(
        "inquiries", "reply", str(inquiry_id), "--content", "두 번째", "--reply-by", "wing-user", exit_code=3
    )
    assert again["status"] == 400


def test_window_and_answered_type_are_checked_before_sending(cli: Cli) -> None:
    wide = cli.error("inquiries", "list", "--from", "2025-01-01", "--to", "2025-01-20", exit_code=2)
    assert "7 days" in wide["message"]
    assert cli.error("inquiries", "list", "--answered-type", "SOME", exit_code=2)["error"] == "UsageError"


def test_table_of_inquiries(cli: Cli) -> None:
    _, [vendor_item_id] = approved_marketplace(cli.live, cli.keys, options=1)
    cli.ok("sandbox", "inquiries", "add", str(vendor_item_id), "색상 문의")
    result = cli.run("--table", "inquiries", "list")
    assert result.exit_code == 0, result.stderr
    assert "inquiryId" in result.stdout
    assert "색상 문의" in result.stdout
    assert not result.stdout.lstrip().startswith("[")
