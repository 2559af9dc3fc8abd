"""Turn pydantic validation errors into one readable message that names the field.

The server and the SDK's preflight both use it, so a payload gets the same message offline and online.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ("describe_validation_errors", "field_path")

_SKIP = {"body", "query", "path", "header"}


def field_path(loc: Sequence[int | str]) -> str:
    """``("body", "items", 0, "salePrice")`` → ``items[0].salePrice``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _SKIP and not out:
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _describe(error: Mapping[str, Any], document: str | None) -> str:
    kind = str(error.get("type", ""))
    raw_loc = tuple(error.get("loc", ()))
    loc = field_path(raw_loc) or ("body" if raw_loc[:1] == ("body",) else "")
    if kind == "json_invalid":
        ctx = error.get("ctx") or {}
        # FastAPI puts the character offset of the syntax error in loc[1]; the gateway reports the line
        pos = raw_loc[1] if len(raw_loc) > 1 and isinstance(raw_loc[1], int) else 0
        line = document.count("\n", 0, pos) + 1 if document is not None else 1
        return f"입력값에 오류가 있습니다. line: {line} (JSON {ctx.get('error', 'invalid JSON')}, char {pos})"
    if kind == "missing":
        return f"{loc}: 필수 입력값입니다. (field required)"
    msg = str(error.get("msg", "invalid value"))
    return f"{loc}: {msg}" if loc else msg


def describe_validation_errors(errors: Iterable[Mapping[str, Any]], document: str | None = None) -> str:
    """One message for all errors (at most five named, then a count); ``document``: the JSON text, if any."""
    items = list(errors)
    parts = [_describe(e, document) for e in items[:5]]
    if len(items) > 5:
        parts.append(f"… and {len(items) - 5} more")
    return "입력값에 오류가 있습니다. " + "; ".join(parts) if not parts[0].startswith("입력값") else "; ".join(parts)
