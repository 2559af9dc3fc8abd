"""Pages that iterate their items across every page: ``nextToken`` (seller API) or ``pageNum`` (CS).

``for product in client.products.list(...)`` walks all pages; ``page.items`` is one page;
``page.iter_pages()`` yields pages. Async: ``async for product in client.products.list(...)`` walks all
pages, ``page = await client.products.list(...)`` gives the first (an ``AsyncPaginator`` is both).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

__all__ = ("AsyncPage", "AsyncPaginator", "Page", "PageData")

T = TypeVar("T")
Cursor = str | int


@dataclass(slots=True)
class PageData(Generic[T]):
    """One page as read from the wire: its items, the cursor of the next page (``None`` on the last)."""

    items: list[T]
    next_cursor: Cursor | None = None
    total: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


class _PageBase(Generic[T]):
    def __init__(self, data: PageData[T], cursor: Cursor | None) -> None:
        self.items: list[T] = data.items
        self.next_cursor = data.next_cursor if data.next_cursor not in ("", cursor) else None
        self.total = data.total
        self.cursor = cursor

    def has_next_page(self) -> bool:
        return self.next_cursor is not None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={len(self.items)}, next_cursor={self.next_cursor!r})"


class Page(_PageBase[T]):
    """A page of results; iterating it yields every item of this page and of the pages after it."""

    def __init__(self, data: PageData[T], fetch: Callable[[Cursor], PageData[T]], cursor: Cursor | None = None):
        super().__init__(data, cursor)
        self._fetch = fetch

    def next_page(self) -> Page[T]:
        if self.next_cursor is None:
            raise RuntimeError("this is the last page")
        return Page(self._fetch(self.next_cursor), self._fetch, self.next_cursor)

    def iter_pages(self) -> Iterator[Page[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_PageBase[T]):
    """The async twin of :class:`Page`: ``async for item in page``."""

    def __init__(
        self, data: PageData[T], fetch: Callable[[Cursor], Awaitable[PageData[T]]], cursor: Cursor | None = None
    ):
        super().__init__(data, cursor)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T]:
        if self.next_cursor is None:
            raise RuntimeError("this is the last page")
        return AsyncPage(await self._fetch(self.next_cursor), self._fetch, self.next_cursor)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[T]):
    """What an async list method returns: ``await`` it for the first :class:`AsyncPage`, or iterate it
    with ``async for`` for every item of every page. Nothing is sent until one of the two."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for item in await self:
            yield item
