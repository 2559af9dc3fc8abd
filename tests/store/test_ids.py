"""Issued ids (``Database.next_ids``): unique, increasing, and few skipped, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from rocketgrowth.services import Services


def test_ids_follow_each_other_with_few_skipped(services: Services) -> None:
    db = services.db
    issued: list[int] = []
    for asks in ([1], [1, 1, 1, 1, 1, 1], [3, 1, 2], [0, 5]):  # asks of one transaction each
        with db.write() as conn:
            for count in asks:
                ids = db.next_ids(conn, "item_id", count)
                assert len(ids) == count
                issued += ids
    assert issued == sorted(set(issued))
    span = issued[-1] - issued[0] + 1
    if db.is_sqlite:  # the transaction holds the write lock: nothing is skipped
        assert span == len(issued)
    else:  # a transaction keeps at most as many unused as it issued
        assert span <= 2 * len(issued)


def test_ids_of_a_rolled_back_transaction_are_not_given_twice(services: Services) -> None:
    db = services.db
    with db.write() as conn:
        (before,) = db.next_ids(conn, "inquiry_id")

    def rolled_back() -> None:
        with db.write() as conn:
            db.next_ids(conn, "inquiry_id", 3)
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        rolled_back()
    with db.write() as conn:
        after = db.next_ids(conn, "inquiry_id", 2)
    assert before < after[0] < after[1]
    with db.write() as conn:  # kept ids belong to their transaction: a new one asks again
        assert db.next_ids(conn, "inquiry_id")[0] > after[1]
