"""Limits of the product list APIs, shared by the server and the SDK's checks before sending."""

from __future__ import annotations

__all__ = ("MAX_NAME_FILTER", "MAX_PER_PAGE", "TIME_FRAME_MESSAGE", "TIME_FRAME_MINUTES")

#: ``maxPerPage`` of the list and history pages (default 10)
MAX_PER_PAGE = 100
#: ``sellerProductName`` filter length
MAX_NAME_FILTER = 20
#: widest ``createdAtFrom``…``createdAtTo`` window of the time-frame list
TIME_FRAME_MINUTES = 10
TIME_FRAME_MESSAGE = "검색 허용 범위를 초과했습니다. 최대 허용 범위는 10분입니다."
