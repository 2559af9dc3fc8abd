"""What each resource method sends and how it reads the answer (MockTransport; the real app is in test_app_*)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from rocketgrowth.domain import product_rules
from rocketgrowth.sdk import _preflight
from rocketgrowth.wire.categories import CategoryMeta
from rocketgrowth.wire.products import HybridProduct, MarketplaceProduct, RocketGrowthProduct
from rocketgrowth.wire.requests import InquiryReply, PartialProductUpdate
from tests.domain.test_product_rules import flat
from tests.sdk.conftest import VENDOR, Recorder, async_client, ok, sync_client
from tests.sdk.test_models import FLAT_PRODUCT, MP_ITEM, RG_ITEM, new_schema

SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content)


def route(table: dict[tuple[str, str], httpx.Response]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return table[(request.method, request.url.path.removeprefix(SELLER))]

    return handler


class TestProducts:
    def test_create_sends_the_dict_as_is_plus_vendor_id(self) -> None:
        recorder = Recorder([ok(427011919)])
        with sync_client(recorder) as client:
            saved = client.products.create({"sellerProductName": "x", "marketPlaceItemData": 1})
        assert saved.seller_product_id == 427011919
        request = recorder.requests[0]
        assert (request.method, request.url.path) == ("POST", f"{SELLER}/seller-products")
        assert body_of(request) == {"sellerProductName": "x", "marketPlaceItemData": 1, "vendorId": VENDOR}
        assert request.headers["content-type"] == "application/json;charset=UTF-8"

    def test_create_keeps_warnings(self) -> None:
        recorder = Recorder([ok({"sellerProductId": 5}, details={"a": 1}, errorItems=[{"b": 2}])])
        with sync_client(recorder) as client:
            saved = client.products.create({"sellerProductName": "x"})
        assert (saved.seller_product_id, saved.details, saved.error_items) == (5, {"a": 1}, [{"b": 2}])

    def test_get_discriminates(self) -> None:
        answers = [
            httpx.Response(200, json=FLAT_PRODUCT),
            httpx.Response(200, json=new_schema(RG_ITEM, None)),
            httpx.Response(200, json=new_schema(RG_ITEM, MP_ITEM)),
        ]
        with sync_client(Recorder(answers)) as client:
            kinds = [type(client.products.get(n)) for n in (1, 2, 3)]
        assert kinds == [MarketplaceProduct, RocketGrowthProduct, HybridProduct]

    @pytest.mark.parametrize("bad", ["", "abc", "12a", -1])
    def test_ids_checked_before_sending(self, bad: Any) -> None:
        recorder = Recorder([ok()])
        with sync_client(recorder) as client, pytest.raises(ValueError):
            client.products.get(bad)
        assert recorder.requests == []

    def test_edit_rocket_growth_adds_legal_agreement_and_requested(self) -> None:
        recorder = Recorder([httpx.Response(200, json=new_schema(RG_ITEM, None)), ok(30100306501)])
        with sync_client(recorder) as client:

            def rename(document: dict[str, Any]) -> None:
                document["sellerProductName"] = "새 이름"

            saved = client.products.edit(30100306501, rename)
        assert saved.seller_product_id == 30100306501
        get, put = recorder.requests
        assert (get.method, put.method, put.url.path) == ("GET", "PUT", f"{SELLER}/seller-products")
        sent = body_of(put)
        assert sent["sellerProductName"] == "새 이름"
        assert sent["rocketGrowthAdditionalInformation"] == {"rfmInboundName": "inbound", "legalAgreement": "AGREE"}
        assert sent["requested"] is True
        assert sent["items"][0]["rocketGrowthItemData"]["vendorItemId"] == 72300263641

    def test_edit_respects_an_explicit_requested(self) -> None:
        recorder = Recorder([httpx.Response(200, json=new_schema(RG_ITEM, None)), ok(1)])
        with sync_client(recorder) as client:
            client.products.edit(1, lambda document: {**document, "sellerProductName": "n"}, requested=False)
        assert body_of(recorder.requests[1])["requested"] is False

    def test_edit_marketplace_keeps_requested_as_read(self) -> None:
        recorder = Recorder([httpx.Response(200, json=FLAT_PRODUCT), ok(152620911)])
        with sync_client(recorder) as client:
            client.products.edit(152620911, lambda document: None)
        sent = body_of(recorder.requests[1])
        assert "rocketGrowthAdditionalInformation" not in sent
        assert "requested" not in sent
        assert sent["sellerProductId"] == 152620911

    def test_update_needs_the_id(self) -> None:
        with sync_client(Recorder([ok(1)])) as client, pytest.raises(ValueError):
            client.products.update({"sellerProductName": "x"})

    def test_simple_calls(self) -> None:
        table = {
            ("PUT", "/seller-products/7/approvals"): ok("7", message="7 승인 요청되었습니다."),
            ("DELETE", "/seller-products/7"): ok("7", message="삭제되었습니다"),
            ("GET", "/seller-products/7/partial"): ok({"sellerProductId": 7, "deliveryCharge": 2500}),
            ("PUT", "/seller-products/7/partial"): ok(None),
            ("GET", "/seller-products/inflow-status"): ok({"vendorId": VENDOR, "restricted": True}),
            ("GET", "/seller-products/time-frame"): ok([{"sellerProductId": 7}]),
        }
        recorder = Recorder([route(table)])
        with sync_client(recorder) as client:
            assert client.products.request_approval(7).data == "7"
            assert client.products.delete(7).message == "삭제되었습니다"
            assert client.products.get_partial(7).delivery_charge == 2500
            client.products.update_partial(7, PartialProductUpdate(seller_product_id=7, delivery_charge=0))
            assert client.products.get_inflow_status().restricted is True
            rows = client.products.list_by_time_frame("2024-11-01T00:00:00", "2024-11-01T00:10:00")
            assert rows[0].seller_product_id == 7
            with pytest.raises(ValueError, match="10분"):
                client.products.list_by_time_frame("2024-11-01T00:00:00", "2024-11-01T00:10:01")
        assert body_of(recorder.requests[3]) == {"sellerProductId": 7, "deliveryCharge": 0}
        assert recorder.requests[5].url.query == (
            f"vendorId={VENDOR}&createdAtFrom=2024-11-01T00%3A00%3A00&createdAtTo=2024-11-01T00%3A10%3A00".encode()
        )

    def test_preflight_fetches_meta_and_runs_the_rules(self, monkeypatch: pytest.MonkeyPatch) -> None:
        seen: list[Any] = []

        def problems(payload: Any, meta: CategoryMeta | None, mode: str, **_: Any) -> list[str]:
            seen.append((payload, meta, mode))
            return ["problem"]

        monkeypatch.setattr("rocketgrowth.sdk.products.preflight_problems", problems)
        recorder = Recorder([ok({"isAllowSingleItem": True, "attributes": []})])
        with sync_client(recorder) as client:
            assert client.products.validate({"displayCategoryCode": 56137, "items": []}, mode="update") == ["problem"]
        assert recorder.requests[0].url.path.endswith("/display-category-codes/56137")
        payload, meta, mode = seen[0]
        assert (payload["displayCategoryCode"], meta.is_allow_single_item, mode) == (56137, True, "update")


class TestAsyncProducts:
    @pytest.mark.anyio
    async def test_edit_and_calls(self) -> None:
        recorder = Recorder([httpx.Response(200, json=new_schema(RG_ITEM, MP_ITEM)), ok(1)])
        async with async_client(recorder) as client:
            await client.products.edit(1, lambda document: None, requested=True)
        assert body_of(recorder.requests[1])["rocketGrowthAdditionalInformation"]["legalAgreement"] == "AGREE"


class TestPreflightRules:
    def test_the_sdk_answers_what_the_domain_rules_answer(self) -> None:
        payload = {
            "sellerProductName": "x",
            "vendorId": VENDOR,
            "saleStartedAt": "2024-11-01T00:00:00",
            "saleEndedAt": "2099-12-31T23:59:59",
            "items": [
                {"itemName": "a", "rocketGrowthItemData": {"priceData": {"originalPrice": 0, "salePrice": 9000}}}
            ],
        }
        found = _preflight.preflight_problems(payload, None, "create")
        assert found == product_rules.problems(payload, mode="create")
        assert "displayCategoryCode" in found[0]
        complete = flat()
        assert _preflight.preflight_problems(complete, None, "create", vendor_id=complete["vendorId"]) == []
        assert _preflight.preflight_problems(complete, None, "create", vendor_id="A99999999") == [
            "업체코드가 잘못 되었습니다."
        ]

    def test_metadata_reaches_the_rules(self) -> None:
        meta = CategoryMeta.model_validate({"isExpirationDateRequiredForRocketGrowth": True, "isAllowSingleItem": True})
        domain = _preflight.categories.CategoryMeta.from_wire(meta.raw or meta.as_dict())
        assert domain.expiration_required is True


class TestCategories:
    def test_calls(self) -> None:
        table = {
            ("GET", "/meta/display-categories"): ok({"displayCategoryCode": 0, "name": "ROOT", "child": []}),
            ("GET", "/meta/display-categories/3000"): ok({"displayItemCategoryCode": 3000, "child": None}),
            ("GET", "/meta/display-categories/3000/status"): ok("true"),
            ("GET", "/meta/category-related-metas/display-category-codes/3000"): ok({"isAllowSingleItem": False}),
        }
        recorder = Recorder([route(table)])
        with sync_client(recorder) as client:
            assert client.categories.list(registration_type="RFM", locale="en").name == "ROOT"
            assert client.categories.get(3000).display_category_code == 3000
            assert client.categories.get_status(3000) is True
            assert client.categories.get_meta(3000).is_allow_single_item is False
        assert recorder.requests[0].url.query == b"registrationType=RFM&locale=en"


class TestInquiriesSent:
    def test_reply_body_and_path(self) -> None:
        recorder = Recorder([httpx.Response(200, json={"code": "200", "message": "OK"})])
        with sync_client(recorder) as client:
            client.inquiries.reply(844, "안녕하세요\n감사합니다", reply_by="wanger")
        request = recorder.requests[0]
        assert request.url.path == f"/v2/providers/openapi/apis/api/v4/vendors/{VENDOR}/onlineInquiries/844/replies"
        assert (
            body_of(request)
            == InquiryReply(content="안녕하세요\n감사합니다", vendor_id=VENDOR, reply_by="wanger").to_wire()
        )
