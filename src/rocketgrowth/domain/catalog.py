"""The display-category tree: nodes, the wire rendering of the category API, and its filters.

Pure: the store loads ``CategoryNode`` rows and keeps one ``Catalog`` per catalog version in memory;
the routes and the product rules ask it. The root is synthetic (code 0, name ``ROOT``); top-level
categories have ``parent`` 0. Rendered trees are cached inside the catalog: treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rocketgrowth.domain.categories import CategoryMeta
from rocketgrowth.domain.fields import parse_number
from rocketgrowth.errors import Invalid, NotFound

__all__ = (
    "MAX_NAME",
    "NODE_CODE",
    "ROOT_CODE",
    "STATUSES",
    "Catalog",
    "CategoryNode",
    "Locale",
    "RegistrationType",
    "parse_code",
    "parse_locale",
    "parse_registration_type",
    "validate_tree",
)

ROOT_CODE = 0
#: the key of a node's code in the category list and the single-category answer, as Coupang's SDK
#: model (``ODisplayCategory``) and the portal's JSON examples have it (the field tables say
#: ``displayCategoryCode``, which the wire does not carry)
NODE_CODE = "displayItemCategoryCode"
#: ACTIVE 서비스중, READY 서비스 준비중, DISABLED 사용 안함
STATUSES = ("ACTIVE", "READY", "DISABLED")
#: longest category name the store keeps
MAX_NAME = 200


class RegistrationType(StrEnum):
    """``registrationType`` of the category list: Rocket Growth, or Coupang Global Fulfillment."""

    RFM = "RFM"
    CGF = "CGF"


class Locale(StrEnum):
    KR = "kr"
    EN = "en"
    ZH_CN = "zh-CN"


_LOCALES = {"kr": Locale.KR, "ko": Locale.KR, "ko-kr": Locale.KR, "en": Locale.EN, "en-us": Locale.EN}
_LOCALES.update({"zh-cn": Locale.ZH_CN, "zh_cn": Locale.ZH_CN, "zh": Locale.ZH_CN})


def parse_registration_type(value: str | None) -> RegistrationType | None:
    """``RFM`` / ``CGF`` (any case); absent, empty or ``NORMAL`` → every category."""
    if value is None or not value.strip() or value.strip().upper() == "NORMAL":
        return None
    try:
        return RegistrationType(value.strip().upper())
    except ValueError:
        raise Invalid(
            f"registrationType[{value}]은(는) 지원하지 않는 값입니다. RFM, CGF 중 하나를 입력해주세요.",
            field="registrationType",
        ) from None


def parse_locale(value: str | None) -> Locale:
    """``kr`` (default), ``en`` or ``zh-CN`` (any case; ``ko`` is read as ``kr``)."""
    if value is None or not value.strip():
        return Locale.KR
    found = _LOCALES.get(value.strip().lower())
    if found is None:
        raise Invalid(
            f"locale[{value}]은(는) 지원하지 않는 값입니다. kr, en, zh-CN 중 하나를 입력해주세요.", field="locale"
        )
    return found


def parse_code(text: str) -> int:
    """A displayCategoryCode from a path segment: digits only."""
    return parse_number(text, "displayCategoryCode", message="카테고리코드[{value}]는 숫자형으로 입력해주세요")


def validate_tree(nodes: Iterable[CategoryNode]) -> None:
    """Codes unique and positive, every parent present (or 0), no cycle: else ``Invalid``."""
    by_code: dict[int, CategoryNode] = {}
    for node in nodes:
        if node.code <= ROOT_CODE or node.code in by_code:
            raise Invalid(f"카테고리 코드[{node.code}]가 잘못되었거나 중복되었습니다.", field="displayCategoryCode")
        if not node.name.strip() or len(node.name) > MAX_NAME or node.status not in STATUSES:
            raise Invalid(f"카테고리[{node.code}]의 이름 또는 상태가 올바르지 않습니다.", field="name")
        by_code[node.code] = node
    for node in by_code.values():
        seen = 0
        parent = node.parent
        while parent != ROOT_CODE:
            if parent not in by_code:
                raise Invalid(f"카테고리[{node.code}]의 상위 카테고리[{parent}]가 없습니다.", field="parent")
            seen += 1
            if seen > len(by_code):
                raise Invalid(f"카테고리[{node.code}]의 상위 카테고리가 순환합니다.", field="parent")
            parent = by_code[parent].parent


@dataclass(frozen=True, slots=True)
class CategoryNode:
    """One category as stored: names by locale, flags, and for leaves the metadata (wire dict)."""

    code: int
    parent: int
    name: str
    names: Mapping[str, str] = field(default_factory=dict)
    status: str = "ACTIVE"
    depth: int = 1
    position: int = 0
    rocket_growth: bool = False
    global_fulfillment: bool = False
    category_id: int | None = None
    meta: Mapping[str, Any] | None = None

    def name_in(self, locale: Locale) -> str:
        if locale is Locale.KR:
            return self.name
        return self.names.get(locale.value) or self.name


class Catalog:
    """An immutable tree of categories with memoised renderings and parsed metadata."""

    def __init__(self, nodes: Iterable[CategoryNode]) -> None:
        self._nodes: dict[int, CategoryNode] = {}
        self._children: dict[int, list[CategoryNode]] = {ROOT_CODE: []}
        for node in nodes:
            self._nodes[node.code] = node
            self._children.setdefault(node.parent, []).append(node)
        for children in self._children.values():
            children.sort(key=lambda n: (n.position, n.code))
        self._trees: dict[tuple[RegistrationType | None, Locale], dict[str, Any]] = {}
        self._metas: dict[int, CategoryMeta | None] = {}

    def __len__(self) -> int:
        return len(self._nodes)

    def nodes(self) -> list[CategoryNode]:
        """Every node, parents before children, siblings in order."""
        out: list[CategoryNode] = []
        stack = list(reversed(self.children(ROOT_CODE)))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(self.children(node.code)))
        return out

    def get(self, code: int) -> CategoryNode | None:
        return self._nodes.get(code)

    def children(self, code: int) -> list[CategoryNode]:
        return self._children.get(code, [])

    def is_leaf(self, code: int) -> bool:
        return code in self._nodes and not self._children.get(code)

    def leaves_under(self, code: int) -> list[int]:
        """Leaf codes below ``code`` (in tree order)."""
        out: list[int] = []
        stack = list(reversed(self.children(code)))
        while stack:
            node = stack.pop()
            kids = self.children(node.code)
            if kids:
                stack.extend(reversed(kids))
            else:
                out.append(node.code)
        return out

    def ancestors(self, code: int) -> list[CategoryNode]:
        """The node and its parents up to the top level (nearest first)."""
        out: list[CategoryNode] = []
        node = self._nodes.get(code)
        while node is not None and len(out) <= len(self._nodes):
            out.append(node)
            node = self._nodes.get(node.parent)
        return out

    def path(self, code: int, *, locale: Locale = Locale.KR) -> str:
        """``식품 > 가공식품 > …`` for messages and the console."""
        return " > ".join(n.name_in(locale) for n in reversed(self.ancestors(code)))

    def is_valid(self, code: int) -> bool:
        """A leaf that is ACTIVE with every ancestor ACTIVE (the validity API)."""
        return self.is_leaf(code) and all(n.status == "ACTIVE" for n in self.ancestors(code))

    def is_rocket_growth(self, code: int) -> bool:
        node = self._nodes.get(code)
        return node is not None and node.rocket_growth and self.is_leaf(code)

    def is_global_fulfillment(self, code: int) -> bool:
        node = self._nodes.get(code)
        return node is not None and node.global_fulfillment and self.is_leaf(code)

    def meta(self, code: int) -> CategoryMeta | None:
        """The parsed metadata of a leaf; None for an unknown code, an inner node or a leaf without one."""
        if code not in self._metas:
            node = self._nodes.get(code)
            raw = node.meta if node is not None and self.is_leaf(code) else None
            self._metas[code] = CategoryMeta.from_wire(raw) if raw is not None else None
        return self._metas[code]

    # ------------------------------------------------------------ wire renderings

    def tree(self, *, registration_type: RegistrationType | None = None, locale: Locale = Locale.KR) -> dict[str, Any]:
        """The root node with recursive ``child`` (leaves ``[]``), filtered by registration type."""
        key = (registration_type, locale)
        if key not in self._trees:
            keep = self._kept(registration_type)
            self._trees[key] = self._render_root(lambda node: self._render(node, locale, keep))
        return self._trees[key]

    def node(self, code: int, *, locale: Locale = Locale.KR) -> dict[str, Any]:
        """One node with one depth of ``child`` (each child with ``child: []``); 0 is the root."""
        if code == ROOT_CODE:
            return self._render_root(lambda node: _wire(node, locale, []))
        found = self._nodes.get(code)
        if found is None:
            raise NotFound(f"카테고리[{code}]가 존재하지 않습니다.", field="displayCategoryCode")
        return _wire(found, locale, [_wire(child, locale, []) for child in self.children(code)])

    def _render_root(self, render: Callable[[CategoryNode], dict[str, Any] | None]) -> dict[str, Any]:
        children = [render(n) for n in self.children(ROOT_CODE)]
        return {
            NODE_CODE: ROOT_CODE,
            "name": "ROOT",
            "status": "ACTIVE",
            "child": [c for c in children if c is not None],
        }

    def _kept(self, registration_type: RegistrationType | None) -> set[int] | None:
        """Codes kept by the filter: flagged leaves and every ancestor leading to them."""
        if registration_type is None:
            return None
        keep: set[int] = set()
        for code, node in self._nodes.items():
            flagged = node.rocket_growth if registration_type is RegistrationType.RFM else node.global_fulfillment
            if flagged and self.is_leaf(code):
                keep.update(n.code for n in self.ancestors(code))
        return keep

    def _render(self, node: CategoryNode, locale: Locale, keep: set[int] | None) -> dict[str, Any] | None:
        if keep is not None and node.code not in keep:
            return None
        rendered = (self._render(child, locale, keep) for child in self.children(node.code))
        return _wire(node, locale, [c for c in rendered if c is not None])


def _wire(node: CategoryNode, locale: Locale, child: list[dict[str, Any]]) -> dict[str, Any]:
    return {NODE_CODE: node.code, "name": node.name_in(locale), "status": node.status, "child": child}
