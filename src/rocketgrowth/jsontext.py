"""``dumps``: JSON text as the API sends it — orjson (UTF-8, compact), and the standard library for the
values orjson refuses (integers beyond 64 bits, lone surrogates), which only an imported state can hold.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ("dumps",)


def dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode()
