"""Answer the customer inquiries of the last seven days that have no answer yet.

Run it after pasting the ``export COUPANG_...`` lines that ``make serve`` prints (``serve --demo`` adds
one inquiry; ``rocketgrowth sandbox inquiries add`` asks another as a customer)::

    .venv/bin/python examples/answer_inquiries.py
"""

from __future__ import annotations

import os

from rocketgrowth.sdk import Client

WING_USER = os.environ.get("COUPANG_WING_USER", "wing-user")  # the WING account the answer is signed by


def answer(question: str) -> str:
    """Your answer to one question (a template, a lookup in your order system, a person…)."""
    if "배송" in question:
        return "안녕하세요. 주문 후 1~2일 안에 출고됩니다. 감사합니다."
    return "안녕하세요. 문의 주셔서 감사합니다. 확인 후 다시 안내드리겠습니다."


def main() -> None:
    with Client() as client:  # keys, vendor and base URL from the COUPANG_* variables
        waiting = list(client.inquiries.list(answered_type="NOANSWER"))  # every page, last 7 days (KST)
        print(f"{len(waiting)} inquiries without an answer")
        for inquiry in waiting:
            print(f"- {inquiry.inquiry_id} (vendorItemId {inquiry.vendor_item_id}): {inquiry.content}")
            client.inquiries.reply(inquiry.inquiry_id, answer(inquiry.content or ""), reply_by=WING_USER)
            print("  answered")
        left = list(client.inquiries.list(answered_type="NOANSWER"))
        print(f"{len(left)} inquiries left without an answer")


if __name__ == "__main__":
    main()
