"""JSON text by orjson, with the standard library where orjson refuses a value or would read it otherwise.

``dumps``: JSON as the API sends it (UTF-8, compact); for the values orjson refuses (integers beyond
64 bits, lone surrogates), which only an imported state can hold, the standard library writes it.

``dumps_column``/``loads_column``: the JSON columns' text (SQLAlchemy's serializer and deserializer).
orjson would read an integer beyond 64 bits as a float, so text that holds one — text orjson could not
write — is written by the standard library after a space (still JSON), and text that starts with a space
is read by the standard library: each value reads back as it was written.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ("dumps", "dumps_column", "loads_column")


def dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode()


def dumps_column(value: Any) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except orjson.JSONEncodeError:
        return " " + json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def loads_column(text: str | bytes) -> Any:
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode()
    elif not isinstance(text, str):  # as json.loads: SQLite hands a number stored as one (SQLAlchemy keeps it)
        raise TypeError(f"the JSON object must be str, bytes or bytearray, not {type(text).__name__}")
    if not text.startswith(" "):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass  # (NaN or a lone surrogate, as the standard library wrote them before orjson did)
    return json.loads(text)
