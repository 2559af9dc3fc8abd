"""``fields.parse_number``: the one reader of numeric path and query values, fed arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rocketgrowth.domain.fields import MAX_NUMBER, parse_number, parse_path_id
from rocketgrowth.errors import Invalid

MALFORMED = [
    "",
    " 100",
    "100 ",
    "-0",
    "-5",
    "--5",
    "+5",
    "010",
    "00",
    "1.5",
    "1e3",
    "0x10",
    "１２",
    "٣",
    "1_000",
    "\t1",
]


def _canonical(text: str) -> bool:
    return text == "0" or (text[:1] in "123456789" and text.isascii() and text.isdigit())


@given(st.text(max_size=40) | st.from_regex(r"-?[0-9]{1,25}", fullmatch=True))
@example("9" * 5000)  # longer than int() reads by default: must still be a 400
@example("-0")
@example(" 100")
def test_any_text_is_a_number_or_a_400_naming_the_field(text: str) -> None:
    valid = _canonical(text) and len(text) <= 13 and 1 <= int(text) <= 10**12
    if valid:
        assert parse_number(text, "quantity", minimum=1, maximum=10**12) == int(text)
        return
    with pytest.raises(Invalid) as caught:
        parse_number(text, "quantity", minimum=1, maximum=10**12)
    assert caught.value.field == "quantity"
    assert caught.value.message.startswith("quantity must be ")


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_numbers_get_one_message(text: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_number(text, "quantity", message="재고수량[{value}]는 숫자형으로 입력해주세요")
    assert caught.value.message == f"재고수량[{text}]는 숫자형으로 입력해주세요"
    assert caught.value.field == "quantity"


def test_bounds_and_the_message_that_names_them() -> None:
    assert parse_number("0", "pageNum") == 0
    assert parse_number(str(MAX_NUMBER), "pageNum") == MAX_NUMBER
    with pytest.raises(Invalid, match=r"^pageNum must be 1 or more: 0$"):
        parse_number("0", "pageNum", minimum=1)
    with pytest.raises(Invalid, match=r"^pageSize must be 50 or less: 51$"):
        parse_number("51", "pageSize", maximum=50)
    with pytest.raises(Invalid, match=rf"^pageNum must be {MAX_NUMBER} or less: "):
        parse_number("9" * 30, "pageNum")
    with pytest.raises(Invalid, match=r"^pageNum must be a number: -1$"):
        parse_number("-1", "pageNum")


def test_a_value_that_looks_like_the_placeholder_is_not_expanded() -> None:
    with pytest.raises(Invalid) as caught:
        parse_number("{value}", "price", message="판매가격[{value}]는 숫자형으로 입력해주세요")
    assert caught.value.message == "판매가격[{value}]는 숫자형으로 입력해주세요"


def test_path_ids_are_positive() -> None:
    assert parse_path_id("123", "옵션ID") == 123
    for bad in ("0", "-0", " 123", "abc"):
        with pytest.raises(Invalid, match=r"^옵션ID\[.*\]는 숫자형으로 입력해주세요$"):
            parse_path_id(bad, "옵션ID")
