"""README and docs/ stand on their own: every file they point to is in this repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: a markdown link target, or a `code span` that names a path with a slash or a .md file
LINK = re.compile(r"\]\(([^)#\s]+)[^)]*\)")
SPAN = re.compile(r"`(\.{0,2}/?[\w./-]+(?:/[\w.-]+|\.md))`")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_file_named_is_in_the_repository(page: Path) -> None:
    text = page.read_text()
    outside = [hint for hint in ("../shared", "/work/", "shared/spec", "shared/design") if hint in text]
    assert not outside, f"{page.name} points outside the repository: {outside}"
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):  # a web address, not a file
            continue
        assert (page.parent / target).resolve().is_relative_to(ROOT), target
        assert (page.parent / target).exists(), f"{page.name} links to a missing file: {target}"
    for name in SPAN.findall(text):
        if name.startswith(("../", "./")):
            assert (page.parent / name).resolve().is_relative_to(ROOT), name
            assert (page.parent / name).exists(), f"{page.name} names a missing file: {name}"
