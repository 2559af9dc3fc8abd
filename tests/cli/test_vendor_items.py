"""``rocketgrowth vendor-items …``: one option at a time, against the live sandbox (SQLite and PostgreSQL)."""

from __future__ import annotations

from tests.cli.conftest import Cli, approved_marketplace


def test_stock_price_and_sale_state_of_one_option(cli: Cli) -> None:
    _, (vendor_item_id, _) = approved_marketplace(cli.live, cli.keys, options=2)
    item = str(vendor_item_id)
    stock = cli.ok("vendor-items", "get-inventory", item)
    assert (stock["sellerItemId"], stock["onSale"]) == (vendor_item_id, True)

    assert cli.ok("vendor-items", "set-quantity", item, "7")["message"] == "재고 변경을 완료했습니다."
    price = stock["salePrice"]
    refused = cli.error("vendor-items", "set-price", item, str(price * 5), exit_code=3)
    assert "50%" in refused["message"]
    assert (
        cli.ok("vendor-items", "set-price", item, str(price * 5), "--force")["message"] == "가격 변경을 완료했습니다."
    )
    cli.ok("vendor-items", "set-original-price", item, str(price * 6))
    assert cli.ok("vendor-items", "stop-sale", item)["message"] == "판매 중지 처리되었습니다."
    stock = cli.ok("vendor-items", "get-inventory", item)
    assert (stock["amountInStock"], stock["salePrice"], stock["onSale"]) == (7, price * 5, False)
    assert cli.ok("vendor-items", "resume-sale", item)["message"] == "판매가 재개되었습니다."
    assert cli.ok("vendor-items", "get-inventory", item)["onSale"] is True

    cli.error("vendor-items", "get-inventory", "999999999999", exit_code=3)
