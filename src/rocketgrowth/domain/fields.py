"""A small declarative schema for JSON payloads: checks types, required fields, lengths and enums,
names the field in every message, and renders the same schema as JSON Schema for OpenAPI.

Pure Python on purpose: the server and the SDK's offline preflight run these very checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rocketgrowth.errors import Invalid

__all__ = ("MAX_NUMBER", "Field", "Spec", "check", "check_value", "json_schema", "parse_number", "parse_path_id")

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


# A field is checked by a function compiled once per ``Field`` (and per object ``Spec``): the
# constraints are read into locals, and the path of a value (``items[0].images[1].imageType``) is
# only built to name it in a message or to pass it into an object or a list. A checker is called
# with ``(value, base, key)``: the value's path is ``base`` when ``key`` is None, ``base[key]`` for
# an index and ``base.key`` for a name (just ``key`` at the top level), as ``_path`` spells it.
# Specs are read as constants: a spec or field changed after its first check is not seen again.

_Checker = Callable[[Any, str, "str | int | None"], Any]
_ObjectChecker = Callable[[Any, str], dict[str, Any]]

_Key = TypeVar("_Key")
_Compiled = TypeVar("_Compiled")

_INT_TEXT = re.compile(r"-?\d{1,18}").fullmatch
#: compiled checkers by id() of their spec or field (the value keeps the key alive); bounded in case
#: a caller builds specs on the fly
_OBJECTS: dict[int, tuple[Spec, _ObjectChecker]] = {}
_FIELDS: dict[int, tuple[Field, _Checker]] = {}
_CACHE_LIMIT = 1024


def _path(base: str, key: str | int | None) -> str:
    if key is None:
        return base
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


def _int(value: Any, base: str, key: str | int | None) -> int:
    if isinstance(value, bool):
        path = _path(base, key)
        raise _fail(path, f"{path}은(는) 숫자형으로 입력해주세요.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INT_TEXT(value.strip()):
        return int(value.strip())
    path = _path(base, key)
    raise _fail(path, f"{path}은(는) 숫자형으로 입력해주세요.")


def check(value: Any, spec: Spec, path: str = "") -> dict[str, Any]:
    """Check an object against ``spec``; returns a copy with numbers normalised. Raises ``Invalid``."""
    return _object_checker(spec)(value, path)


def check_value(value: Any, fld: Field, path: str) -> Any:
    return _field_checker(fld)(value, path, None)


def _object_checker(spec: Spec) -> _ObjectChecker:
    return _compiled(_OBJECTS, spec, _compile_object)


def _field_checker(fld: Field) -> _Checker:
    return _compiled(_FIELDS, fld, _compile_field)


def _compiled(cache: dict[int, tuple[_Key, _Compiled]], key: _Key, compile: Callable[[_Key], _Compiled]) -> _Compiled:
    entry = cache.get(id(key))
    if entry is not None and entry[0] is key:
        return entry[1]
    checker = compile(key)
    if len(cache) < _CACHE_LIMIT:
        cache[id(key)] = (key, checker)
    return checker


def _compile_object(spec: Spec) -> _ObjectChecker:
    plan = tuple((name, fld.required, _field_checker(fld)) for name, fld in spec.items())

    def check_object(value: Any, path: str) -> dict[str, Any]:
        get: Callable[[str], Any]
        if type(value) is dict:
            get = value.get
        elif isinstance(value, Mapping):
            get = _getter(value)
        else:
            raise _fail(path or "body", f"{path or '요청 본문'}은(는) JSON 객체여야 합니다.")
        out: dict[str, Any] = dict(value)
        for name, required, checker in plan:
            item = get(name)
            if item is None:
                if required:
                    sub = _path(path, name)
                    raise _fail(sub, f"{sub}은(는) 필수 입력 항목입니다.")
                continue
            out[name] = checker(item, path, name)
        return out

    return check_object


def _getter(value: Mapping[str, Any]) -> Callable[[str], Any]:
    """``value[name]``, or None when the mapping does not hold ``name`` (what the check always read:
    another Mapping's own ``get`` may differ)."""

    def get(name: str) -> Any:
        return value[name] if name in value else None  # noqa: SIM401

    return get


def _compile_field(fld: Field) -> _Checker:
    kind = fld.kind
    if kind == "str":
        return _compile_str(fld)
    if kind == "int":
        return _compile_int(fld)
    if kind == "number":
        return _check_number
    if kind == "bool":
        return _check_bool
    if kind == "object":
        if fld.spec is None:
            return _check_mapping
        return _compile_nested(fld.spec)
    if kind == "list":
        return _compile_list(fld)
    return _check_any


def _compile_str(fld: Field) -> _Checker:
    nonblank = fld.required and fld.min_items != 0
    max_len, choices, pattern = fld.max_len, fld.choices, fld.pattern
    fullmatch = re.compile(pattern).fullmatch if pattern is not None else None

    def check_str(value: Any, base: str, key: str | int | None) -> Any:
        if type(value) is str:
            text = value
        elif isinstance(value, bool) or not isinstance(value, str | int | float):
            path = _path(base, key)
            raise _fail(path, f"{path}은(는) 문자열로 입력해주세요.")
        else:
            text = value if isinstance(value, str) else str(value)
        if nonblank and not text.strip():
            path = _path(base, key)
            raise _fail(path, f"{path}은(는) 필수 입력 항목입니다.")
        if max_len is not None and len(text) > max_len:
            path = _path(base, key)
            raise _fail(path, f"{path}의 최대 길이({max_len}자)를 초과했습니다.")
        if choices is not None and text not in choices:
            path = _path(base, key)
            raise _fail(path, f"{path}의 값[{text}]이 올바르지 않습니다. 허용값: {', '.join(choices)}")
        if fullmatch is not None and not fullmatch(text):
            path = _path(base, key)
            raise _fail(path, f"{path}의 형식이 올바르지 않습니다. ({fld.description or pattern})")
        return text

    return check_str


def _compile_int(fld: Field) -> _Checker:
    minimum, maximum = fld.minimum, fld.maximum

    def check_int(value: Any, base: str, key: str | int | None) -> int:
        number = value if type(value) is int else _int(value, base, key)
        if minimum is not None and number < minimum:
            path = _path(base, key)
            raise _fail(path, f"{path}은(는) {minimum} 이상이어야 합니다.")
        if maximum is not None and number > maximum:
            path = _path(base, key)
            raise _fail(path, f"{path}은(는) {maximum} 이하여야 합니다.")
        return number

    return check_int


def _check_number(value: Any, base: str, key: str | int | None) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            return float(str(value))
        except ValueError:
            path = _path(base, key)
            raise _fail(path, f"{path}은(는) 숫자형으로 입력해주세요.") from None
    return value


def _check_bool(value: Any, base: str, key: str | int | None) -> bool:
    if value is True or value is False:
        return value
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    path = _path(base, key)
    raise _fail(path, f"{path}은(는) true 또는 false로 입력해주세요.")


def _check_mapping(value: Any, base: str, key: str | int | None) -> dict[Any, Any]:
    if type(value) is dict or isinstance(value, Mapping):
        return dict(value)
    path = _path(base, key)
    raise _fail(path, f"{path}은(는) JSON 객체여야 합니다.")


def _check_any(value: Any, base: str, key: str | int | None) -> Any:
    return value


def _compile_nested(spec: Spec) -> _Checker:
    check_object = _object_checker(spec)

    def check_nested(value: Any, base: str, key: str | int | None) -> dict[str, Any]:
        if isinstance(key, str):  # a member: _path inlined
            return check_object(value, f"{base}.{key}" if base else key)
        return check_object(value, _path(base, key))

    return check_nested


def _compile_list(fld: Field) -> _Checker:
    min_items, max_items, items = fld.min_items, fld.max_items, fld.items
    check_item = _field_checker(items) if items is not None else None
    # objects of a spec are checked without check_nested in between (the same path)
    check_object = (
        _object_checker(items.spec) if items is not None and items.kind == "object" and items.spec is not None else None
    )

    def check_list(value: Any, base: str, key: str | int | None) -> list[Any]:
        if not isinstance(value, list):
            path = _path(base, key)
            raise _fail(path, f"{path}은(는) 배열로 입력해주세요.")
        if min_items is not None and len(value) < min_items:
            path = _path(base, key)
            raise _fail(path, f"{path}은(는) 최소 {min_items}개 이상 입력해주세요.")
        if max_items is not None and len(value) > max_items:
            path = _path(base, key)
            raise _fail(path, f"{path}은(는) 최대 {max_items}개까지 입력할 수 있습니다.")
        if check_item is None:
            return list(value)
        path = _path(base, key)
        if check_object is not None:
            return [check_object(v, f"{path}[{i}]") for i, v in enumerate(value)]
        return [check_item(v, path, i) for i, v in enumerate(value)]

    return check_list


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


#: the largest numeric path or query value (a Java ``long``, as the gateway reads them)
MAX_NUMBER = 2**63 - 1
#: a number as a path or query value is written: ASCII digits, "0" or without a leading zero; no sign,
#: space, decimal point or exponent ("-0", " 100", "010", "1e3" and "１" are not numbers here)
_NUMBER_TEXT = re.compile(r"0|[1-9][0-9]*").fullmatch


def parse_number(
    value: str | None,
    name: str,
    *,
    minimum: int = 0,
    maximum: int = MAX_NUMBER,
    message: str | None = None,
) -> int:
    """The one reader of every numeric path and query value of the API: ``Invalid`` naming the field
    (``field=name``) for anything but a whole number from ``minimum`` to ``maximum``, whatever the text.

    ``message`` (``{value}`` stands for the text as sent) replaces the default messages
    (``pageNum must be a number: x``, ``… must be 1 or more: 0``, ``… must be 50 or less: 51``) for every
    failure, where the API's family words it otherwise (``옵션ID[x]는 숫자형으로 입력해주세요``)."""
    text = value if isinstance(value, str) else ""
    if not _NUMBER_TEXT(text):
        raise _number_error(message, f"{name} must be a number: {text}", name, text)
    # without a leading zero, more digits than the maximum has is a larger number (and int() of a
    # very long text is never tried)
    number = int(text) if len(text) <= len(str(maximum)) else maximum + 1
    if number < minimum:
        raise _number_error(message, f"{name} must be {minimum} or more: {text}", name, text)
    if number > maximum:
        raise _number_error(message, f"{name} must be {maximum} or less: {text}", name, text)
    return number


def _number_error(message: str | None, default: str, name: str, text: str) -> Invalid:
    return Invalid(default if message is None else message.replace("{value}", text), field=name)


def parse_path_id(value: str, label: str) -> int:
    """A positive id from a URL path: ``업체상품아이디[abc]는 숫자형으로 입력해주세요`` otherwise."""
    return parse_number(value, label, minimum=1, message=f"{label}[{{value}}]는 숫자형으로 입력해주세요")
