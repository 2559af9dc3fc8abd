"""Fixtures of the API tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.helpers import assert_rendered_current
from tests.conftest import LiveServer


@pytest.fixture(scope="module")
def rendered_stays_current(live: LiveServer) -> Iterator[None]:
    """For a module whose tests change products (``pytestmark``): after them, every product's list rows
    and view kept in the database are what rendering the product gives."""
    yield
    assert assert_rendered_current(live.services) > 0
