"""One error class per status and per business failure, with the server's message and a hint."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from rocketgrowth.sdk import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    BusinessError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from tests.sdk.conftest import Recorder, async_client, ok, sync_client

AKAMAI = (
    "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>"
    "You don't have permission to access this server.<P>Reference #18.1234</BODY></HTML>"
)


@pytest.mark.parametrize(
    ("status", "body", "cls", "hint_part"),
    [
        (400, {"code": "ERROR", "message": "업체상품아이디를 입력해주세요", "data": None}, BadRequestError, None),
        (401, {"code": "ERROR", "message": "Invalid signature.", "transactionId": "t"}, AuthenticationError, "sign"),
        (401, {"code": "ERROR", "message": "Specified signature is expired."}, AuthenticationError, "clock"),
        (401, {"code": "ERROR", "message": "HMAC format is invalid."}, AuthenticationError, "CEA"),
        (403, {"code": "ERROR", "message": "[FORBIDDEN] Not allowed IP"}, PermissionDeniedError, "IP"),
        (403, AKAMAI, PermissionDeniedError, "10 minutes"),
        (404, {"code": "ERROR", "message": "Not Found", "data": None}, NotFoundError, "vendorId"),
        (429, {"code": "ERROR", "message": "Too Many Requests"}, RateLimitError, "4/s"),
        (500, {"code": "ERROR", "message": "java.lang.NullPointerException"}, InternalServerError, "misspelled"),
        (504, "Gateway Timeout", InternalServerError, None),
        (410, {"code": "ERROR", "message": "API expired"}, APIStatusError, None),
        (
            400,
            {"code": "ERROR", "message": "Object text must begin with '{' at character 0"},
            BadRequestError,
            "vendorItemId",
        ),
        (
            400,
            {"code": "ERROR", "message": "재고변경에 실패했습니다. [vendoritemid 3047045 not found]"},
            BadRequestError,
            "vendorItemId",
        ),
        (
            400,
            {"code": "ERROR", "message": "로켓그로스 입고 불가 조건을 확인하시고 동의해주세요"},
            BadRequestError,
            "AGREE",
        ),
        (
            400,
            {"code": "ERROR", "message": "현재 Open API에서는 로켓상품 관련 기능을 제공하지 않습니다"},
            BadRequestError,
            "requested=true",
        ),
        (400, {"code": 400, "message": "answeredType can't be null"}, BadRequestError, None),
    ],
)
def test_status_maps_to_class(status: int, body: Any, cls: type[APIStatusError], hint_part: str | None) -> None:
    response = httpx.Response(status, json=body) if isinstance(body, dict) else httpx.Response(status, text=body)
    recorder = Recorder([response])
    with sync_client(recorder, max_retries=0) as client, pytest.raises(cls) as caught:
        client.products.get(1)
    error = caught.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.request is recorder.requests[0]
    assert error.response.status_code == status
    if isinstance(body, dict):
        assert error.message == body["message"]
        assert error.body == body
    if hint_part is None:
        assert error.hint is None or status >= 404
    else:
        assert error.hint is not None
        assert hint_part in error.hint
        assert hint_part in str(error)


def test_akamai_html_message_is_the_title() -> None:
    recorder = Recorder([httpx.Response(403, text=AKAMAI)])
    with sync_client(recorder, max_retries=0) as client, pytest.raises(PermissionDeniedError) as caught:
        client.categories.get_meta(1)
    assert caught.value.message == "Access Denied"
    assert caught.value.body == AKAMAI


@pytest.mark.parametrize(
    "body",
    [
        {"code": "ERROR", "message": "상품 정보가 등록 또는 수정되고 있습니다.", "data": None},
        {
            "code": "200",
            "message": "",
            "data": {"code": "ERROR", "message": "상품 정보가 등록 또는 수정되고 있습니다."},
        },
        {"code": 500, "message": "상품 정보가 등록 또는 수정되고 있습니다."},
    ],
)
def test_http_200_with_error_code_raises_business_error(body: dict[str, Any]) -> None:
    with sync_client(Recorder([httpx.Response(200, json=body)])) as client, pytest.raises(BusinessError) as caught:
        client.vendor_items.stop_sale(1)
    assert caught.value.status_code == 200
    assert caught.value.message == "상품 정보가 등록 또는 수정되고 있습니다."
    assert caught.value.hint is not None


def test_marketplace_capital_p_in_request_gets_a_hint() -> None:
    payload = {"sellerProductId": 1, "items": [{"itemName": "a", "marketPlaceItemData": {}}]}
    recorder = Recorder([httpx.Response(400, json={"code": "ERROR", "message": "bad", "data": None})])
    with sync_client(recorder) as client, pytest.raises(BadRequestError) as caught:
        client.products.update(payload)
    assert caught.value.hint is not None
    assert "marketplaceItemData" in caught.value.hint


@pytest.mark.anyio
async def test_async_maps_the_same() -> None:
    recorder = Recorder([httpx.Response(404, json={"code": "ERROR", "message": "Not Found"}), ok()])
    async with async_client(recorder) as client:
        with pytest.raises(NotFoundError):
            await client.products.get(1)


def test_success_needs_2xx_and_success_code() -> None:
    recorder = Recorder([httpx.Response(200, json={"code": "200", "message": "OK"})])
    with sync_client(recorder) as client:
        ack = client.inquiries.reply(5, "안녕하세요\n감사합니다", reply_by="wing")
    assert ack.code == "200"
    assert ack.message == "OK"


def test_unexpected_data_shape_raises_response_validation_error() -> None:
    with sync_client(Recorder([ok([1, 2])])) as client, pytest.raises(APIResponseValidationError) as caught:
        client.products.get_inflow_status()
    assert caught.value.status_code == 200
    assert caught.value.body["data"] == [1, 2]
