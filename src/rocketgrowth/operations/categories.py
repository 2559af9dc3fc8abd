"""Category operations of the seller API (read only): the tree, one category, its validity, its metadata.
Each takes the values as sent and checks them here, for the gateway's messages."""

from __future__ import annotations

from typing import Any

from rocketgrowth.domain.catalog import parse_code, parse_locale, parse_registration_type
from rocketgrowth.services import Services

__all__ = (
    "get_category",
    "get_category_meta",
    "get_category_status",
    "list_categories",
)


def list_categories(services: Services, registration_type: str | None, locale: str | None) -> dict[str, Any]:
    """The category list: the root with its children, of one registration type (RFM, CGF) or of all."""
    kind, language = parse_registration_type(registration_type), parse_locale(locale)
    with services.db.read() as conn:
        return services.categories.list_categories(conn, registration_type=kind, locale=language)


def get_category(services: Services, display_category_code: str, locale: str | None) -> dict[str, Any]:
    """One category with one depth of child (0: the root)."""
    code, language = parse_code(display_category_code), parse_locale(locale)
    with services.db.read() as conn:
        return services.categories.get_category(conn, code, locale=language)


def get_category_status(services: Services, display_category_code: str) -> bool:
    """Whether the category is a leaf in use along its whole path."""
    code = parse_code(display_category_code)
    with services.db.read() as conn:
        return services.categories.get_category_status(conn, code)


def get_category_meta(services: Services, display_category_code: str) -> dict[str, Any]:
    """The category's metadata: attributes, notices, certifications, offer conditions."""
    code = parse_code(display_category_code)
    with services.db.read() as conn:
        return services.categories.get_category_meta(conn, code)
