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


#: the API's own words for each kind of pydantic error (``{loc}``: the field; other names: the error's
#: ``ctx``); pydantic's own ``msg`` is a library's wording and never reaches a message
_WORDS: Mapping[str, str] = {
    "bool_parsing": "{loc}은(는) true 또는 false로 입력해주세요.",
    "bool_type": "{loc}은(는) true 또는 false로 입력해주세요.",
    "int_parsing": "{loc}은(는) 숫자형으로 입력해주세요.",
    "int_type": "{loc}은(는) 숫자형으로 입력해주세요.",
    "int_from_float": "{loc}은(는) 정수로 입력해주세요.",
    "float_parsing": "{loc}은(는) 숫자형으로 입력해주세요.",
    "float_type": "{loc}은(는) 숫자형으로 입력해주세요.",
    "finite_number": "{loc}은(는) 숫자형으로 입력해주세요.",
    "string_type": "{loc}은(는) 문자열로 입력해주세요.",
    "dict_type": "{loc}은(는) JSON 객체여야 합니다.",
    "model_type": "{loc}은(는) JSON 객체여야 합니다.",
    "model_attributes_type": "{loc}은(는) JSON 객체여야 합니다.",
    "list_type": "{loc}은(는) 배열로 입력해주세요.",
    "greater_than_equal": "{loc}은(는) {ge} 이상이어야 합니다.",
    "greater_than": "{loc}은(는) {gt}보다 커야 합니다.",
    "less_than_equal": "{loc}은(는) {le} 이하여야 합니다.",
    "less_than": "{loc}은(는) {lt}보다 작아야 합니다.",
    "string_too_long": "{loc}의 최대 길이({max_length}자)를 초과했습니다.",
    "string_too_short": "{loc}은(는) 최소 {min_length}자 이상 입력해주세요.",
    "too_long": "{loc}은(는) 최대 {max_length}개까지 입력할 수 있습니다.",
    "too_short": "{loc}은(는) 최소 {min_length}개 이상 입력해주세요.",
    "literal_error": "{loc}의 값이 올바르지 않습니다. 허용값: {expected}",
    "enum": "{loc}의 값이 올바르지 않습니다. 허용값: {expected}",
    "string_pattern_mismatch": "{loc}의 형식이 올바르지 않습니다.",
    "extra_forbidden": "{loc}은(는) 알 수 없는 항목입니다.",
    "missing": "{loc}: 필수 입력값입니다. (field required)",
}
_UNKNOWN = "{loc}의 값이 올바르지 않습니다."


def _words(kind: str, loc: str, ctx: Mapping[str, Any]) -> str:
    template = _WORDS.get(kind, _UNKNOWN)
    values = {str(key): str(value) for key, value in ctx.items()}
    try:
        return template.format_map({**values, "loc": loc or "요청 본문"})
    except (KeyError, IndexError, ValueError):  # a ctx without the value the words name
        return _UNKNOWN.format(loc=loc or "요청 본문")


def _describe(error: Mapping[str, Any], document: str | None) -> str:
    kind = str(error.get("type", ""))
    raw_loc = tuple(error.get("loc", ()))
    loc = field_path(raw_loc) or ("body" if raw_loc[:1] == ("body",) else "")
    if kind == "json_invalid":
        # FastAPI puts the character offset of the syntax error in loc[1]; the gateway reports the line
        pos = raw_loc[1] if len(raw_loc) > 1 and isinstance(raw_loc[1], int) else 0
        line = document.count("\n", 0, pos) + 1 if document is not None else 1
        return f"입력값에 오류가 있습니다. line: {line} (JSON 문법 오류, {pos}번째 문자)"
    ctx = error.get("ctx")
    return _words(kind, loc, ctx if isinstance(ctx, Mapping) else {})


def describe_validation_errors(errors: Iterable[Mapping[str, Any]], document: str | None = None) -> str:
    """One message for all errors (at most five named, then a count); ``document``: the JSON text, if any."""
    items = list(errors)
    parts = [_describe(e, document) for e in items[:5]]
    if len(items) > 5:
        parts.append(f"… and {len(items) - 5} more")
    return "입력값에 오류가 있습니다. " + "; ".join(parts) if not parts[0].startswith("입력값") else "; ".join(parts)
