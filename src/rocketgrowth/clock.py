"""The sandbox clock: real time plus an offset the operator can advance.

Signature skew, review delays and inquiry dates all read it. Times are stored as naive UTC;
the wire shows Korea time (KST, UTC+9) as ``yyyy-MM-dd'T'HH:mm:ss``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

__all__ = ("KST", "format_kst", "format_kst_space", "kst_date", "parse_kst", "utc_now")

KST = timezone(timedelta(hours=9), "KST")


def utc_now(offset_seconds: float = 0.0) -> datetime:
    """Naive UTC now, shifted by the sandbox clock offset."""
    return (datetime.now(UTC) + timedelta(seconds=offset_seconds)).replace(tzinfo=None)


def format_kst(moment: datetime) -> str:
    """Naive UTC → ``2024-06-26T13:58:37`` in Korea time."""
    return moment.replace(tzinfo=UTC).astimezone(KST).strftime("%Y-%m-%dT%H:%M:%S")


def format_kst_space(moment: datetime) -> str:
    """Naive UTC → ``2024-06-26 13:58:37`` in Korea time (CS API style)."""
    return moment.replace(tzinfo=UTC).astimezone(KST).strftime("%Y-%m-%d %H:%M:%S")


def kst_date(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).astimezone(KST).strftime("%Y-%m-%d")


def parse_kst(text: str) -> datetime:
    """``yyyy-MM-dd'T'HH:mm:ss`` (or ``yyyy-MM-dd``) in Korea time → naive UTC; ``ValueError`` when malformed."""
    fmt = "%Y-%m-%d" if len(text) == 10 else "%Y-%m-%dT%H:%M:%S"
    return datetime.strptime(text, fmt).replace(tzinfo=KST).astimezone(UTC).replace(tzinfo=None)
