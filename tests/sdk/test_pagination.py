"""Pages follow ``nextToken`` (seller API) and ``pageNum``/``totalPages`` (CS) across every page."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from tests.sdk.conftest import Recorder, async_client, ok, sync_client


def token_pages(request: httpx.Request) -> httpx.Response:
    token = parse_qs(request.url.query.decode()).get("nextToken", [""])[0]
    following = {"": "2", "2": "3", "3": ""}[token]
    rows = [{"sellerProductId": int(token or 1) * 10 + n} for n in range(2)]
    return ok(rows, nextToken=following)


def inquiry_pages(request: httpx.Request) -> httpx.Response:
    page = int(parse_qs(request.url.query.decode())["pageNum"][0])
    data: dict[str, Any] = {
        "content": [{"inquiryId": page * 100 + n} for n in range(2)],
        "pagination": {"currentPage": page, "totalPages": 3, "totalElements": 6, "countPerPage": 2},
    }
    return httpx.Response(200, json={"code": 200, "message": "OK", "data": data})


class TestProductsPaging:
    def test_iterates_every_page(self) -> None:
        recorder = Recorder([token_pages])
        with sync_client(recorder) as client:
            page = client.products.list(max_per_page=2)
            assert [row.seller_product_id for row in page.items] == [10, 11]
            assert page.has_next_page()
            assert [row.seller_product_id for row in page] == [10, 11, 20, 21, 30, 31]
            assert [row.seller_product_id for row in client.products.list(max_per_page=2)][-1] == 31
            assert len(list(page.iter_pages())) == 3
        queries = [request.url.query.decode() for request in recorder.requests]
        assert queries[0] == "vendorId=A00012345&maxPerPage=2"
        assert queries[1] == "vendorId=A00012345&nextToken=2&maxPerPage=2"

    def test_last_page(self) -> None:
        with sync_client(Recorder([ok([], nextToken="")])) as client:
            page = client.products.list()
            assert not page.has_next_page()
            with pytest.raises(RuntimeError):
                page.next_page()

    def test_history_pages(self) -> None:
        recorder = Recorder([ok([{"createdAt": "2015-08-31T06:17:25", "status": "임시저장"}], nextToken="")])
        with sync_client(recorder) as client:
            entries = list(client.products.list_histories(5, max_per_page=20))
        assert entries[0].status == "임시저장"
        assert recorder.requests[0].url.query == b"maxPerPage=20"

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"max_per_page": 101}, "maxPerPage"),
            ({"seller_product_name": "x" * 21}, "sellerProductName"),
            ({"created_at": "2024/01/01"}, "createdAt"),
            ({"status": "WHATEVER"}, "WHATEVER"),
        ],
    )
    def test_filters_checked_before_sending(self, kwargs: dict[str, Any], message: str) -> None:
        recorder = Recorder([ok([])])
        with sync_client(recorder) as client, pytest.raises(ValueError, match=message):
            client.products.list(**kwargs)
        assert recorder.requests == []


class TestAsyncProductsPaging:
    @pytest.mark.anyio
    async def test_iterates_every_page(self) -> None:
        recorder = Recorder([token_pages])
        async with async_client(recorder) as client:
            pending = client.products.list(max_per_page=2)
            assert recorder.requests == []  # nothing is sent before it is awaited or iterated
            rows = [row.seller_product_id async for row in pending]
            assert rows == [10, 11, 20, 21, 30, 31]
            assert len(recorder.requests) == 3
            page = await client.products.list(max_per_page=2)  # awaited: one page, one call
            assert [row.seller_product_id for row in page.items] == [10, 11]
            assert len(recorder.requests) == 4
            assert [row.seller_product_id async for row in page] == [10, 11, 20, 21, 30, 31]
            pages = [p async for p in page.iter_pages()]
            assert len(pages) == 3
            with pytest.raises(RuntimeError):
                await pages[-1].next_page()


class TestInquiriesPaging:
    def test_page_num(self) -> None:
        recorder = Recorder([inquiry_pages])
        with sync_client(recorder) as client:
            ids = [inquiry.inquiry_id for inquiry in client.inquiries.list(page_size=2, answered_type="noanswer")]
        assert ids == [100, 101, 200, 201, 300, 301]
        first = parse_qs(recorder.requests[0].url.query.decode())
        assert first["answeredType"] == ["NOANSWER"]
        assert first["pageNum"] == ["1"]
        assert recorder.requests[0].url.path.startswith("/v2/providers/openapi/apis/api/v5/vendors/A00012345/")

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"answered_type": "SOME"},
            {"page_size": 51},
            {"inquiry_start_at": "2024-01-01", "inquiry_end_at": "2024-01-09"},
            {"inquiry_start_at": "2024-01-02", "inquiry_end_at": "2024-01-01"},
        ],
    )
    def test_filters_checked_before_sending(self, kwargs: dict[str, Any]) -> None:
        recorder = Recorder([ok([])])
        with sync_client(recorder) as client, pytest.raises(ValueError):
            client.inquiries.list(**kwargs)
        assert recorder.requests == []


class TestAsyncInquiriesPaging:
    @pytest.mark.anyio
    async def test_page_num(self) -> None:
        async with async_client(Recorder([inquiry_pages])) as client:
            ids = [inquiry.inquiry_id async for inquiry in client.inquiries.list(page_size=2)]
        assert ids == [100, 101, 200, 201, 300, 301]
