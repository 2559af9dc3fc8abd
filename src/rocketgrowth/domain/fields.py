"""A small declarative schema for JSON payloads: checks types, required fields, lengths and enums,
names the field in every message, and renders the same schema as JSON Schema for OpenAPI.

Pure Python on purpose: the server and the SDK's offline preflight run these very checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rocketgrowth.errors import Invalid

__all__ = ("Field", "Spec", "check", "check_value", "json_schema", "parse_path_id")

Spec = Mapping[str, "Field"]


@dataclass(frozen=True, slots=True)
class Field:
    """One JSON field: ``kind`` is str, int, number, bool, object, list or any."""

    kind: str
    required: bool = False
    max_len: int | None = None
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None
    spec: Spec | None = None  # object fields
    items: Field | None = None  # list item
    max_items: int | None = None
    min_items: int | None = None
    description: str = ""
    nullable: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict)


def _fail(path: str, message: str) -> Invalid:
    return Invalid(f"{message} [{path}]", field=path)


def _int(value: Any, path: str) -> int:
    if isinstance(value, bool):
        raise _fail(path, f"{path}은(는) 숫자형으로 입력해주세요.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,18}", value.strip()):
        return int(value.strip())
    raise _fail(path, f"{path}은(는) 숫자형으로 입력해주세요.")


def check(value: Any, spec: Spec, path: str = "") -> dict[str, Any]:
    """Check an object against ``spec``; returns a copy with numbers normalised. Raises ``Invalid``."""
    if not isinstance(value, Mapping):
        raise _fail(path or "body", f"{path or '요청 본문'}은(는) JSON 객체여야 합니다.")
    out: dict[str, Any] = dict(value)
    for name, fld in spec.items():
        sub = f"{path}.{name}" if path else name
        if name not in value or value[name] is None:
            if fld.required:
                raise _fail(sub, f"{sub}은(는) 필수 입력 항목입니다.")
            continue
        out[name] = check_value(value[name], fld, sub)
    return out


def check_value(value: Any, fld: Field, path: str) -> Any:
    kind = fld.kind
    if kind == "str":
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise _fail(path, f"{path}은(는) 문자열로 입력해주세요.")
        text = value if isinstance(value, str) else str(value)
        if fld.required and not text.strip() and fld.min_items != 0:
            raise _fail(path, f"{path}은(는) 필수 입력 항목입니다.")
        if fld.max_len is not None and len(text) > fld.max_len:
            raise _fail(path, f"{path}의 최대 길이({fld.max_len}자)를 초과했습니다.")
        if fld.choices is not None and text not in fld.choices:
            raise _fail(path, f"{path}의 값[{text}]이 올바르지 않습니다. 허용값: {', '.join(fld.choices)}")
        if fld.pattern is not None and not re.fullmatch(fld.pattern, text):
            raise _fail(path, f"{path}의 형식이 올바르지 않습니다. ({fld.description or fld.pattern})")
        return text
    if kind == "int":
        number = _int(value, path)
        if fld.minimum is not None and number < fld.minimum:
            raise _fail(path, f"{path}은(는) {fld.minimum} 이상이어야 합니다.")
        if fld.maximum is not None and number > fld.maximum:
            raise _fail(path, f"{path}은(는) {fld.maximum} 이하여야 합니다.")
        return number
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            try:
                return float(str(value))
            except ValueError:
                raise _fail(path, f"{path}은(는) 숫자형으로 입력해주세요.") from None
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value in ("true", "false"):
            return value == "true"
        raise _fail(path, f"{path}은(는) true 또는 false로 입력해주세요.")
    if kind == "object":
        if fld.spec is None:
            if not isinstance(value, Mapping):
                raise _fail(path, f"{path}은(는) JSON 객체여야 합니다.")
            return dict(value)
        return check(value, fld.spec, path)
    if kind == "list":
        if not isinstance(value, list):
            raise _fail(path, f"{path}은(는) 배열로 입력해주세요.")
        if fld.min_items is not None and len(value) < fld.min_items:
            raise _fail(path, f"{path}은(는) 최소 {fld.min_items}개 이상 입력해주세요.")
        if fld.max_items is not None and len(value) > fld.max_items:
            raise _fail(path, f"{path}은(는) 최대 {fld.max_items}개까지 입력할 수 있습니다.")
        if fld.items is None:
            return list(value)
        return [check_value(v, fld.items, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def json_schema(spec: Spec) -> dict[str, Any]:
    """The JSON Schema (OpenAPI 3.1) of an object spec."""
    props = {name: _field_schema(fld) for name, fld in spec.items()}
    required = [name for name, fld in spec.items() if fld.required]
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    return schema


def _field_schema(fld: Field) -> dict[str, Any]:
    out: dict[str, Any]
    if fld.kind == "str":
        out = {"type": "string"}
        if fld.max_len is not None:
            out["maxLength"] = fld.max_len
        if fld.choices is not None:
            out["enum"] = list(fld.choices)
        if fld.pattern is not None:
            out["pattern"] = f"^{fld.pattern}$"
    elif fld.kind == "int":
        out = {"type": "integer"}
        if fld.minimum is not None:
            out["minimum"] = fld.minimum
        if fld.maximum is not None:
            out["maximum"] = fld.maximum
    elif fld.kind == "number":
        out = {"type": "number"}
    elif fld.kind == "bool":
        out = {"type": "boolean"}
    elif fld.kind == "object":
        out = json_schema(fld.spec) if fld.spec is not None else {"type": "object"}
    elif fld.kind == "list":
        out = {"type": "array"}
        if fld.items is not None:
            out["items"] = _field_schema(fld.items)
        if fld.max_items is not None:
            out["maxItems"] = fld.max_items
        if fld.min_items is not None:
            out["minItems"] = fld.min_items
    else:
        out = {}
    if fld.description:
        out["description"] = fld.description
    if not fld.required and fld.nullable and "type" in out:
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def parse_path_id(value: str, label: str) -> int:
    """A numeric id from a URL path: ``업체상품아이디[abc]는 숫자형으로 입력해주세요`` otherwise."""
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18 or int(text) <= 0:
        raise Invalid(f"{label}[{value}]는 숫자형으로 입력해주세요", field=label)
    return int(text)
