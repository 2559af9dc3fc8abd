"""The CS API (product inquiries and answers) and the operator's inquiry routes, through real HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest

from rocketgrowth.clock import KST
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.settings import Settings
from tests.conftest import LiveServer, VendorKeys, make_vendor, signed_client, start_server
from tests.factories import insert_approved_product

#: FastAPI deprecates ORJSONResponse (the app's default response class); until the app drops it,
#: the warning must not turn every response of the live server into a 500 under ``filterwarnings=error``

CS = "/v2/providers/openapi/apis/api"
OPERATOR = "/sandbox/v1/inquiries"
WRONG_VENDOR = "업체코드가 잘못 되었습니다."
CTRL_CHAR = (
    "Could not read JSON: Illegal unquoted character ((CTRL-CHAR, code 10)): "
    "has to be escaped using backslash to be included in string value"
)
#: a KST day a month ago: inquiries are placed on it and the days after it
DAY = (datetime.now(KST) - timedelta(days=30)).date()


def inquiries_path(vendor_id: str) -> str:
    return f"{CS}/v5/vendors/{vendor_id}/onlineInquiries"


def replies_path(vendor_id: str, inquiry_id: int | str) -> str:
    return f"{CS}/v4/vendors/{vendor_id}/onlineInquiries/{inquiry_id}/replies"


def kst(day: date, clock: str = "10:00:00") -> str:
    return f"{day.isoformat()} {clock}"


def ask(live: LiveServer, vendor_item_id: int, *, at: str | None = None, **body: Any) -> dict[str, Any]:
    """A customer inquiry, through the operator API."""
    payload: dict[str, Any] = {"vendorItemId": vendor_item_id, "content": "언제 입고되나요?", **body}
    if at is not None:
        payload["inquiryAt"] = at
    response = httpx.post(live.base_url + OPERATOR, json=payload, verify=tls_context())
    assert response.status_code == 200, response.text
    envelope = response.json()
    assert envelope["code"] == "SUCCESS"
    data: dict[str, Any] = envelope["data"]
    return data


def list_page(api: httpx.Client, vendor_id: str, **params: Any) -> httpx.Response:
    query: dict[str, Any] = {
        "vendorId": vendor_id,
        "answeredType": "ALL",
        "inquiryStartAt": DAY.isoformat(),
        "inquiryEndAt": (DAY + timedelta(days=6)).isoformat(),
    }
    query.update(params)
    return api.get(inquiries_path(vendor_id), params={k: v for k, v in query.items() if v is not None})


def ok(response: httpx.Response) -> dict[str, Any]:
    """``data`` of the CS success envelope ``{"code":200,"message":"OK","data":…}``."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["code"] == 200
    assert body["message"] == "OK"
    data: dict[str, Any] = body["data"]
    return data


def cs_rejected(response: httpx.Response, status: int = 400) -> str:
    """The message of the CS error envelope ``{"code":400,"message":…}`` (nothing else in it)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"code", "message"}
    assert body["code"] == status
    return str(body["message"])


def answer(vendor_id: str, content: str = "안녕하세요\n다음 주 입고 예정입니다.", **change: Any) -> dict[str, Any]:
    body = {"content": content, "vendorId": vendor_id, "replyBy": "wing-user"}
    body.update(change)
    return {k: v for k, v in body.items() if v is not None}


def ids_of(response: httpx.Response) -> list[int]:
    return [row["inquiryId"] for row in ok(response)["content"]]


@pytest.fixture
def item(live: LiveServer, vendor: VendorKeys) -> int:
    """An approved option of the ``vendor`` fixture."""
    return insert_approved_product(live.services, vendor.vendor_id)[0]


# --- GET onlineInquiries ------------------------------------------------------------------------


def test_list_shape(live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int) -> None:
    asked = ask(live, item, at=kst(DAY, "09:38:32"), orderIds=[16000009476673])
    response = list_page(api, vendor.vendor_id)
    assert response.json() == {
        "code": 200,
        "message": "OK",
        "data": {
            "content": [
                {
                    "inquiryId": asked["inquiryId"],
                    "productId": asked["productId"],
                    "sellerProductId": asked["sellerProductId"],
                    "sellerItemId": asked["sellerItemId"],
                    "vendorItemId": item,
                    "content": "언제 입고되나요?",
                    "inquiryAt": kst(DAY, "09:38:32"),
                    "orderIds": [16000009476673],
                    "commentDtoList": [],
                }
            ],
            "pagination": {"currentPage": 1, "totalPages": 1, "totalElements": 1, "countPerPage": 10},
        },
    }
    assert all(asked[key] for key in ("productId", "sellerProductId", "sellerItemId"))


def test_query_vendor_id_is_optional(live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int) -> None:
    ask(live, item, at=kst(DAY))
    assert ok(list_page(api, vendor.vendor_id, vendorId=None))["pagination"]["totalElements"] == 1


def test_paging(live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int) -> None:
    asked = [ask(live, item, at=kst(DAY + timedelta(days=n % 3), f"1{n}:00:00"))["inquiryId"] for n in range(7)]
    pages = [ok(list_page(api, vendor.vendor_id, pageNum=n, pageSize=3)) for n in (1, 2, 3, 4)]
    assert [p["pagination"] for p in pages] == [
        {"currentPage": n, "totalPages": 3, "totalElements": 7, "countPerPage": 3} for n in (1, 2, 3, 4)
    ]
    assert [len(p["content"]) for p in pages] == [3, 3, 1, 0]
    seen = [row["inquiryId"] for p in pages for row in p["content"]]
    assert sorted(seen) == sorted(asked)
    times = [row["inquiryAt"] for p in pages for row in p["content"]]
    assert times == sorted(times, reverse=True)
    assert ok(list_page(api, vendor.vendor_id, pageSize=50))["pagination"]["totalPages"] == 1


def test_answered_type_filters(live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int) -> None:
    answered = ask(live, item, at=kst(DAY))["inquiryId"]
    waiting = ask(live, item, at=kst(DAY, "11:00:00"))["inquiryId"]
    assert api.post(replies_path(vendor.vendor_id, answered), json=answer(vendor.vendor_id)).status_code == 200
    assert ids_of(list_page(api, vendor.vendor_id, answeredType="ALL")) == [waiting, answered]
    assert ids_of(list_page(api, vendor.vendor_id, answeredType="ANSWERED")) == [answered]
    assert ids_of(list_page(api, vendor.vendor_id, answeredType="NOANSWER")) == [waiting]


@pytest.mark.parametrize("value", [None, "all", "Answered", "noanswer", "", "UNANSWERED"])
def test_answered_type_upper_case_only(api: httpx.Client, vendor: VendorKeys, value: str | None) -> None:
    message = cs_rejected(list_page(api, vendor.vendor_id, answeredType=value))
    assert message == "answeredType can't be null"


def test_window_of_seven_days(live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int) -> None:
    first = ask(live, item, at=kst(DAY, "00:00:00"))["inquiryId"]
    last = ask(live, item, at=kst(DAY + timedelta(days=7), "23:59:59"))["inquiryId"]
    ask(live, item, at=kst(DAY + timedelta(days=8), "00:00:00"))
    week = list_page(api, vendor.vendor_id, inquiryEndAt=(DAY + timedelta(days=7)).isoformat())
    assert ids_of(week) == [last, first]
    too_long = list_page(api, vendor.vendor_id, inquiryEndAt=(DAY + timedelta(days=8)).isoformat())
    assert "7 days or less" in cs_rejected(too_long)
    same_day = list_page(api, vendor.vendor_id, inquiryEndAt=DAY.isoformat())
    assert ids_of(same_day) == [first]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"inquiryStartAt": None}, "inquiryStartAt can't be null"),
        ({"inquiryEndAt": None}, "inquiryEndAt can't be null"),
        ({"inquiryStartAt": "2026/03/01"}, "Format of inquiryStartAt is `yyyy-MM-dd`"),
        ({"inquiryEndAt": "2026-3-1"}, "Format of inquiryEndAt is `yyyy-MM-dd`"),
        ({"inquiryStartAt": "2026-02-30"}, "Format of inquiryStartAt is `yyyy-MM-dd`"),
        ({"inquiryStartAt": "0001-01-01", "inquiryEndAt": "0001-01-02"}, "inquiryStartAt is out of range"),
        ({"inquiryStartAt": "2026-03-08", "inquiryEndAt": "2026-03-01"}, "must not be before inquiryStartAt"),
        ({"pageSize": "51"}, "pageSize must be 50 or less"),
        ({"pageSize": "0"}, "pageSize must be 1 or more"),
        ({"pageNum": "0"}, "pageNum must be 1 or more"),
        ({"pageNum": "-1"}, "pageNum must be a number"),
        ({"pageNum": "abc"}, "pageNum must be a number"),
        ({"pageNum": " 1"}, "pageNum must be a number"),
        ({"pageSize": "-0"}, "pageSize must be a number"),
        ({"vendorItemId": "--5"}, "vendorItemId must be a number"),
        ({"pageNum": "99999999999999999999999"}, "pageNum must be 9223372036854775807 or less"),
        ({"vendorItemId": "x1"}, "vendorItemId must be a number"),
        ({"vendorItemId": "99999999999999999999"}, "vendorItemId must be 9223372036854775807 or less"),
    ],
)
def test_bad_query_is_400(api: httpx.Client, vendor: VendorKeys, params: dict[str, Any], expected: str) -> None:
    assert expected in cs_rejected(list_page(api, vendor.vendor_id, **params))


def test_vendor_item_filter(live: LiveServer, api: httpx.Client, vendor: VendorKeys) -> None:
    first, second = insert_approved_product(live.services, vendor.vendor_id)
    ask(live, first, at=kst(DAY))
    on_second = ask(live, second, at=kst(DAY))["inquiryId"]
    assert ids_of(list_page(api, vendor.vendor_id, vendorItemId=second)) == [on_second]
    assert ok(list_page(api, vendor.vendor_id, vendorItemId=1))["content"] == []


def test_foreign_vendor_in_path_is_404(live: LiveServer, api: httpx.Client) -> None:
    other = make_vendor(live.services)
    (their_item, _) = insert_approved_product(live.services, other.vendor_id)
    theirs = ask(live, their_item, at=kst(DAY))["inquiryId"]
    listing = list_page(api, other.vendor_id)
    assert cs_rejected(listing, 404) == "Not Found"
    assert str(theirs) not in listing.text
    replying = api.post(replies_path(other.vendor_id, theirs), json=answer(other.vendor_id))
    assert cs_rejected(replying, 404) == "Not Found"
    with signed_client(live, other) as owner:
        assert ok(list_page(owner, other.vendor_id, answeredType="NOANSWER"))["pagination"]["totalElements"] == 1


def test_v4_answers_exactly_as_v5(live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int) -> None:
    """The English portal, Coupang's SDK (``getCustomerInquiriesByVendorId``) and PyPI clients call v4."""
    asked = ask(live, item, at=kst(DAY), orderIds=[16000009476673])["inquiryId"]
    ask(live, item, at=kst(DAY, "11:00:00"))
    v4 = f"{CS}/v4/vendors/{vendor.vendor_id}/onlineInquiries"
    query = {"vendorId": vendor.vendor_id, "inquiryStartAt": DAY.isoformat(), "inquiryEndAt": DAY.isoformat()}
    for params in (
        {**query, "answeredType": "ALL", "pageSize": "1"},
        {**query, "answeredType": "ALL", "pageNum": "2", "pageSize": "1"},
        {**query, "answeredType": "NOANSWER", "vendorItemId": str(item)},
        {**query, "answeredType": "all"},
        {**query, "answeredType": "ALL", "pageNum": "-0"},
    ):
        old, new = api.get(v4, params=params), api.get(inquiries_path(vendor.vendor_id), params=params)
        assert (old.status_code, old.json()) == (new.status_code, new.json()), params
    assert asked in ids_of(api.get(v4, params={**query, "answeredType": "ALL"}))
    other = make_vendor(live.services)
    assert cs_rejected(api.get(f"{CS}/v4/vendors/{other.vendor_id}/onlineInquiries", params=query), 404) == "Not Found"
    assert httpx.get(live.base_url + v4, params=query).status_code == 401


def test_query_vendor_id_must_match_path(api: httpx.Client, vendor: VendorKeys) -> None:
    assert cs_rejected(list_page(api, vendor.vendor_id, vendorId="A99999999")) == WRONG_VENDOR


def test_unsigned_request_gets_the_gateway_401(live: LiveServer, vendor: VendorKeys) -> None:
    response = httpx.get(live.base_url + inquiries_path(vendor.vendor_id), params={"answeredType": "ALL"})
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "ERROR"
    assert body["message"] == "Request is not authorized."
    assert body["transactionId"]


# --- POST replies -------------------------------------------------------------------------------


def test_reply_once(live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int) -> None:
    inquiry_id = ask(live, item, at=kst(DAY))["inquiryId"]
    response = api.post(replies_path(vendor.vendor_id, inquiry_id), json=answer(vendor.vendor_id))
    assert response.status_code == 200
    assert response.json() == {"code": "200", "message": "OK"}
    (row,) = ok(list_page(api, vendor.vendor_id))["content"]
    (comment,) = row["commentDtoList"]
    assert set(comment) == {"inquiryCommentId", "inquiryId", "content", "inquiryCommentAt"}
    assert comment["inquiryId"] == inquiry_id
    assert comment["content"] == "안녕하세요\n다음 주 입고 예정입니다."
    answered_at = datetime.strptime(comment["inquiryCommentAt"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=KST)
    assert abs(answered_at - datetime.now(KST)) < timedelta(minutes=1)

    again = api.post(replies_path(vendor.vendor_id, inquiry_id), json=answer(vendor.vendor_id, "두 번째 답변"))
    assert "already been answered" in cs_rejected(again)
    (row,) = ok(list_page(api, vendor.vendor_id))["content"]
    assert row["commentDtoList"] == [comment]


def race(clients: list[httpx.Client], vendor_id: str, inquiry_id: int) -> list[httpx.Response]:
    """Each client answers the inquiry at the same moment, from its own thread."""
    barrier = threading.Barrier(len(clients))
    results: list[httpx.Response] = []

    def send(client: httpx.Client, text: str) -> None:
        barrier.wait()
        results.append(client.post(replies_path(vendor_id, inquiry_id), json=answer(vendor_id, text)))

    threads = [threading.Thread(target=send, args=(c, f"답변 {n}")) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_concurrent_replies_one_wins(live: LiveServer, vendor: VendorKeys, item: int) -> None:
    inquiry_ids = [ask(live, item, at=kst(DAY, f"1{n}:00:00"))["inquiryId"] for n in range(5)]
    clients = [signed_client(live, vendor) for _ in range(2)]
    try:
        for inquiry_id in inquiry_ids:
            results = race(clients, vendor.vendor_id, inquiry_id)
            assert sorted(r.status_code for r in results) == [200, 400]
            (loser,) = [r for r in results if r.status_code == 400]
            assert "already been answered" in cs_rejected(loser)
        rows = ok(list_page(clients[0], vendor.vendor_id, answeredType="ANSWERED"))["content"]
    finally:
        for client in clients:
            client.close()
    assert sorted(row["inquiryId"] for row in rows) == sorted(inquiry_ids)
    assert all(len(row["commentDtoList"]) == 1 for row in rows)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"replyBy": None}, "replyBy can't be null"),
        ({"content": None}, "content can't be null"),
        ({"content": "   "}, "content can't be null"),
        ({"vendorId": None}, "vendorId can't be null"),
        ({"replyBy": 7}, "replyBy must be a string"),
        ({"vendorId": "A99999999"}, WRONG_VENDOR),
    ],
)
def test_bad_reply_body_is_400_and_stores_nothing(
    live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int, change: dict[str, Any], expected: str
) -> None:
    inquiry_id = ask(live, item, at=kst(DAY))["inquiryId"]
    response = api.post(replies_path(vendor.vendor_id, inquiry_id), json=answer(vendor.vendor_id, **change))
    assert cs_rejected(response) == expected
    assert ok(list_page(api, vendor.vendor_id, answeredType="NOANSWER"))["pagination"]["totalElements"] == 1


def test_raw_control_character_is_400(live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int) -> None:
    inquiry_id = ask(live, item, at=kst(DAY))["inquiryId"]
    raw = f'{{"content":"안녕하세요\n입고 지연중입니다.","vendorId":"{vendor.vendor_id}","replyBy":"wanger"}}'
    response = api.post(
        replies_path(vendor.vendor_id, inquiry_id),
        content=raw.encode(),
        headers={"Content-Type": "application/json;charset=UTF-8"},
    )
    assert cs_rejected(response) == CTRL_CHAR
    tab = api.post(replies_path(vendor.vendor_id, inquiry_id), content=raw.replace("\n", "\t").encode())
    assert "(CTRL-CHAR, code 9)" in cs_rejected(tab)
    assert ok(list_page(api, vendor.vendor_id, answeredType="ANSWERED"))["content"] == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "Required request body is missing"),
        (b"{not json", "Could not read JSON"),
        (b"[1, 2]", "Could not read JSON: the request body must be a JSON object"),
        (b'{"content": NaN}', "Could not read JSON: Non-standard token 'NaN'"),
        (b'{"content": "\xff"}', "Could not read JSON: Invalid UTF-8"),
    ],
)
def test_unreadable_body_is_400(
    live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int, raw: bytes, expected: str
) -> None:
    inquiry_id = ask(live, item, at=kst(DAY))["inquiryId"]
    response = api.post(replies_path(vendor.vendor_id, inquiry_id), content=raw)
    assert cs_rejected(response).startswith(expected)


def test_reply_to_unknown_or_foreign_inquiry_is_400(live: LiveServer, api: httpx.Client, vendor: VendorKeys) -> None:
    other = make_vendor(live.services)
    (their_item, _) = insert_approved_product(live.services, other.vendor_id)
    theirs = ask(live, their_item, at=kst(DAY))["inquiryId"]
    foreign = cs_rejected(api.post(replies_path(vendor.vendor_id, theirs), json=answer(vendor.vendor_id)))
    missing = cs_rejected(api.post(replies_path(vendor.vendor_id, 1), json=answer(vendor.vendor_id)))
    assert foreign == missing.replace("[1]", f"[{theirs}]")
    assert "does not exist" in missing
    with signed_client(live, other) as owner:
        assert ok(list_page(owner, other.vendor_id, answeredType="ANSWERED"))["content"] == []


@pytest.mark.parametrize("inquiry_id", ["abc", "0", "12.5"])
def test_bad_inquiry_id_is_400(api: httpx.Client, vendor: VendorKeys, inquiry_id: str) -> None:
    response = api.post(replies_path(vendor.vendor_id, inquiry_id), json=answer(vendor.vendor_id))
    assert "inquiryId must be" in cs_rejected(response)


# --- operator API -------------------------------------------------------------------------------


def test_operator_list_shows_answers_and_authors(
    live: LiveServer, api: httpx.Client, vendor: VendorKeys, item: int
) -> None:
    inquiry_id = ask(live, item, at=kst(DAY))["inquiryId"]
    api.post(replies_path(vendor.vendor_id, inquiry_id), json=answer(vendor.vendor_id))
    response = httpx.get(live.base_url + OPERATOR, params={"vendorId": vendor.vendor_id})
    assert response.status_code == 200
    (row,) = response.json()["data"]
    assert row["vendorId"] == vendor.vendor_id
    assert row["answered"] is True
    assert row["commentDtoList"][0]["replyBy"] == "wing-user"


def test_operator_inquiry_defaults_to_sandbox_now(live: LiveServer, api: httpx.Client, vendor: VendorKeys) -> None:
    (vendor_item_id, _) = insert_approved_product(live.services, vendor.vendor_id)
    asked = ask(live, vendor_item_id)
    at = datetime.strptime(asked["inquiryAt"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=KST)
    assert abs(at - datetime.now(KST)) < timedelta(minutes=1)
    today = at.date().isoformat()
    listed = list_page(api, vendor.vendor_id, inquiryStartAt=today, inquiryEndAt=today)
    assert ids_of(listed) == [asked["inquiryId"]]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"vendorItemId": 1}, "no approved option has vendorItemId 1"),
        ({"inquiryAt": "2026-03-01"}, "Format of inquiryAt"),
        ({"inquiryAt": "2999-01-01 00:00:00"}, "later than the sandbox time"),
        ({"content": ""}, "content"),
        ({"orderIds": [0]}, "orderIds"),
        ({"vendorItemId": "x"}, "vendorItemId"),
        ({"unknownField": 1}, "unknownField"),
    ],
)
def test_operator_add_rejects(
    live: LiveServer, vendor: VendorKeys, item: int, change: dict[str, Any], expected: str
) -> None:
    body = {"vendorItemId": item, "content": "질문", **change}
    response = httpx.post(live.base_url + OPERATOR, json=body, verify=tls_context())
    assert response.status_code == 400, response.text
    envelope = response.json()
    assert envelope["code"] == "ERROR"
    assert expected in envelope["message"]
    listed = httpx.get(live.base_url + OPERATOR, params={"vendorId": vendor.vendor_id}).json()
    assert listed["data"] == []


def test_operator_list_of_unknown_vendor_is_400(live: LiveServer) -> None:
    response = httpx.get(live.base_url + OPERATOR, params={"vendorId": "A00000000"})
    assert response.status_code == 400
    assert response.json()["code"] == "ERROR"


@pytest.fixture(scope="module")
def guarded(db_url: str) -> Iterator[LiveServer]:
    """A second server on the same database, with an operator token."""
    server = start_server(Settings(db_url=db_url, rate_limit=0, admin_token="operator-secret"))
    yield server
    server.stop()


def test_operator_api_needs_the_token(guarded: LiveServer) -> None:
    vendor = make_vendor(guarded.services)
    (vendor_item_id, _) = insert_approved_product(guarded.services, vendor.vendor_id)
    body = {"vendorItemId": vendor_item_id, "content": "질문"}
    url = guarded.base_url + OPERATOR
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "operator-secret"}):
        refused = httpx.post(url, json=body, headers=headers)
        assert refused.status_code == 403
        assert refused.json()["code"] == "ERROR"
        assert httpx.get(url, params={"vendorId": vendor.vendor_id}, headers=headers).status_code == 403
    token = {"Authorization": "Bearer operator-secret"}
    listed = httpx.get(url, params={"vendorId": vendor.vendor_id}, headers=token)
    assert listed.json()["data"] == []
    created = httpx.post(url, json=body, headers=token)
    assert created.status_code == 200
    (row,) = httpx.get(url, params={"vendorId": vendor.vendor_id}, headers=token).json()["data"]
    assert row["inquiryId"] == created.json()["data"]["inquiryId"]
