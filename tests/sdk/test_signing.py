"""What is signed is what goes on the wire: query built once, percent-encoded, Korean and reserved
characters included; checked by recomputing the signature as the server does."""

from __future__ import annotations

from urllib.parse import parse_qsl

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from rocketgrowth.sdk._base import encode_query
from tests.sdk.conftest import VENDOR, Recorder, ok, sync_client, verify_signature

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20)


def test_korean_and_reserved_characters() -> None:
    recorder = Recorder([ok([])])
    with sync_client(recorder) as client:
        list(client.products.list(seller_product_name="한글 & =?/+", status="승인완료", max_per_page=5))
    request = recorder.requests[0]
    query = verify_signature(request)
    assert query == (
        f"vendorId={VENDOR}&maxPerPage=5&sellerProductName=%ED%95%9C%EA%B8%80%20%26%20%3D%3F%2F%2B&status=APPROVED"
    )
    assert dict(parse_qsl(query))["sellerProductName"] == "한글 & =?/+"


def test_headers() -> None:
    recorder = Recorder([ok(None)])
    with sync_client(recorder, extended_timeout_ms=90000) as client:
        client.vendor_items.resume_sale(3)
    headers = recorder.requests[0].headers
    assert headers["x-requested-by"] == VENDOR
    assert headers["x-extended-timeout"] == "90000"
    assert headers["authorization"].startswith("CEA algorithm=HmacSHA256, access-key=ak-test, signed-date=")


def test_external_sku_in_path_is_encoded_and_signed() -> None:
    recorder = Recorder([ok([])])
    with sync_client(recorder) as client:
        client.products.list_by_external_sku("SKU/한 1?")
    request = recorder.requests[0]
    verify_signature(request)
    assert request.url.raw_path.endswith(b"/external-vendor-sku-codes/SKU%2F%ED%95%9C%201%3F")


@settings(max_examples=200, deadline=None)
@given(name=names, manufacture=names)
def test_signed_query_is_the_sent_query(name: str, manufacture: str) -> None:
    recorder = Recorder([ok([])])
    with sync_client(recorder) as client:
        client._send(
            _call({"vendorId": VENDOR, "sellerProductName": name, "manufacture": manufacture}),
        )
    request = recorder.requests[0]
    sent = verify_signature(request)  # the server's recomputation over the raw query it received
    assert sent == encode_query({"vendorId": VENDOR, "sellerProductName": name, "manufacture": manufacture})
    assert parse_qsl(sent, keep_blank_values=True) == [
        ("vendorId", VENDOR),
        ("sellerProductName", name),
        ("manufacture", manufacture),
    ]


def _call(params: dict[str, str]):  # type: ignore[no-untyped-def]
    from rocketgrowth.sdk._base import Call

    return Call("GET", "/v2/providers/seller_api/apis/api/v1/marketplace/seller-products", lambda e: e, params=params)


def test_wrong_secret_is_detected_by_the_check() -> None:
    recorder = Recorder([ok({})])
    with sync_client(recorder) as client:
        client.products.get_inflow_status()
    request = recorder.requests[0]
    try:
        verify_signature(request, secret="other")
    except AssertionError:
        return
    raise AssertionError("a wrong secret must not verify")


def test_httpx_keeps_our_encoding() -> None:
    query = encode_query({"a": "~-._ ", "b": "%41"})
    url = httpx.URL(f"https://x/p?{query}")
    assert url.raw_path.decode() == f"/p?{query}"
