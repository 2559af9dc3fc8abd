"""Refuse what no route can safely read, before anything reads it (HTTP 400 in the family's envelope).

One guard in front of every route, so new endpoints inherit it:

* a request line longer than ``max_request_line`` or a header block larger than ``max_header_bytes``
  (the HTTP server refuses far larger heads itself, ``api.server``);
* a body that stops arriving for ``body_timeout`` seconds;
* a body larger than ``max_bytes`` (by ``Content-Length`` or while it streams in);
* JSON nested deeper than ``MAX_JSON_DEPTH``: Python's ``json`` recurses once per level, so a body of
  100 000 ``[`` would otherwise end in a ``RecursionError`` inside whichever route parses it;
* text the databases cannot store: NUL (``%00`` in the path or query, ``\\u0000`` in a JSON string;
  PostgreSQL refuses it in ``text`` and ``jsonb``) and lone UTF-16 surrogates (``\\ud800``, which no
  encoder can write as UTF-8). The message names the query parameter or the JSON path.

The body is read once, bounded, and replayed to the application unchanged. A refusal for the request's
head or a stalled body also closes the connection.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import Any
from urllib.parse import parse_qsl

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rocketgrowth.api.errors import NUMERIC_CODE_PATHS, error_response
from rocketgrowth.errors import Invalid

__all__ = ("MAX_JSON_DEPTH", "BodyLimitMiddleware", "bad_text", "json_depth", "too_deep")

#: deepest accepted nesting of JSON arrays/objects (a product payload nests about 6 levels)
MAX_JSON_DEPTH = 64

#: a JSON string, or an unterminated one up to the end (so the scan stays linear on any input)
_STRING = re.compile(rb'(?s)"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)')
_BRACKETS_ONLY = bytes(b for b in range(256) if b not in b"[]{}")
_BRACKETS_AND_QUOTES = bytes(b for b in range(256) if b not in b'[]{}"')
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
#: a ``\u0000`` or ``\ud800``-``\udfff`` escape (``_suspect_escape`` checks it is not itself escaped)
_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
_BACKSLASH = ord("\\")


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays/objects in ``body`` (brackets inside strings do not count)."""
    if b"\\" in body:  # escapes: the strings are found by a pattern
        brackets = _STRING.sub(b"", body).translate(None, _BRACKETS_ONLY)
    else:  # none (bodies that hold their text as UTF-8): every quote opens or closes a string
        brackets = b"".join(body.translate(None, _BRACKETS_AND_QUOTES).split(b'"')[0::2])
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def too_deep(body: bytes) -> bool:
    """``json_depth(body) > MAX_JSON_DEPTH``, without scanning a body that has too few brackets to be."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return False
    return json_depth(body) > MAX_JSON_DEPTH


def _bad(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _suspect_escape(body: bytes) -> bool:
    r"""Whether ``body`` holds a ``\u0000`` or ``\ud800``-``\udfff`` escape that is not itself escaped
    (``\\u0000`` is text): one behind an even run of backslashes. (The pattern starts with its literal
    ``\u``, which the regular expression engine looks for as fast as ``bytes.find``; a pattern starting
    with the look-behind for the backslashes was tried at every byte, many times slower on a product's body.)"""
    for match in _ESCAPE.finditer(body):
        before = match.start() - 1
        while before >= 0 and body[before] == _BACKSLASH:
            before -= 1
        if (match.start() - 1 - before) % 2 == 0:
            return True
    return False


def _printable(text: str) -> str:
    """``text`` with NUL and lone surrogates spelled as escapes, safe to echo in a message."""
    return text.replace("\x00", "\\u0000").encode("utf-8", "backslashreplace").decode("utf-8")


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every (path, text) of a parsed JSON value, keys included."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{_printable(key)}" if path else _printable(key)
            yield sub, key
            yield from _strings(item, sub)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, f"{path}[{n}]")


def bad_text(scope: Scope, body: bytes) -> str | None:
    """The name of the first path segment, query parameter or JSON field holding NUL or a lone surrogate."""
    if "\x00" in scope.get("path", ""):
        return "URL 경로"
    query = scope.get("query_string", b"")
    if b"%00" in query:
        for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if _bad(name) or _bad(value):
                return _printable(name)
    if body and _suspect_escape(body):
        try:
            document = json.loads(body)
        except ValueError:
            return None  # not JSON: the route reports the syntax error
        for path, text in _strings(document, ""):
            if _bad(text):
                return path or "요청 본문"
    return None


class BodyLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        path_limits: Mapping[str, int] | None = None,
        max_request_line: int = 8 * 1024,
        max_header_bytes: int = 64 * 1024,
        body_timeout: float = 10.0,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        #: larger limits for a few exact paths (the operator's whole-state import)
        self.path_limits = dict(path_limits or {})
        self.max_request_line = max_request_line
        self.max_header_bytes = max_header_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = self._head_problem(scope)
        if head is not None:
            await self._reject(scope, send, head, close=True)
            return
        limit = self.path_limits.get(scope.get("path", ""), self.max_bytes)
        has_body = False  # announced: a timer per read only then (a body-less call pays none)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                if value.isdigit() and int(value) > limit:
                    await self._reject(scope, send, self._too_large(limit))
                    return
                has_body = has_body or value.strip(b"0") != b""
            elif name == b"transfer-encoding":
                has_body = True
        chunks: list[bytes] = []
        received = 0
        more = True
        while more:
            message = await (self._in_time(receive) if has_body else receive())
            if message is None:
                stalled = Invalid(f"요청 본문이 {self.body_timeout:g}초 동안 도착하지 않았습니다.")
                await self._reject(scope, send, stalled, close=True)
                return
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)  # disconnected: let the app see it
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > limit:
                await self._reject(scope, send, self._too_large(limit))
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        problem = self._check(scope, body)
        if problem is not None:
            await self._reject(scope, send, problem)
            return
        await self.app(scope, _replay([{"type": "http.request", "body": body, "more_body": False}], receive), send)

    async def _in_time(self, receive: Receive) -> Message | None:
        """The next message, or ``None`` when none came within ``body_timeout``."""
        try:
            with anyio.fail_after(self.body_timeout):
                return await receive()
        except TimeoutError:
            return None

    def _head_problem(self, scope: Scope) -> Invalid | None:
        """The request line or header block over its limit (sizes as sent: ``METHOD target HTTP/1.1``,
        ``name: value\\r\\n`` per header)."""
        target = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string", b""))
        if len(scope.get("method", "")) + target + 11 > self.max_request_line:
            return Invalid(f"요청 줄(URL)이 너무 깁니다. 최대 {self.max_request_line} bytes까지 허용됩니다.")
        if sum(len(name) + len(value) + 4 for name, value in scope.get("headers", ())) > self.max_header_bytes:
            return Invalid(f"요청 헤더가 너무 큽니다. 최대 {self.max_header_bytes} bytes까지 허용됩니다.")
        return None

    @staticmethod
    def _too_large(limit: int) -> Invalid:
        return Invalid(f"요청 본문이 너무 큽니다. 최대 {limit} bytes까지 허용됩니다.")

    @staticmethod
    def _check(scope: Scope, body: bytes) -> Invalid | None:
        if too_deep(body):
            return Invalid(f"입력값에 오류가 있습니다. JSON 중첩이 너무 깊습니다 (최대 {MAX_JSON_DEPTH}단계).")
        where = bad_text(scope, body)
        if where is not None:
            return Invalid(
                f"{where}: NUL 문자(\\u0000)나 짝이 없는 서로게이트(\\ud800-\\udfff)는 입력할 수 없습니다.",
                field=where,
            )
        return None

    @staticmethod
    async def _reject(scope: Scope, send: Send, problem: Invalid, *, close: bool = False) -> None:
        response = error_response(problem, numeric_code=scope.get("path", "").startswith(NUMERIC_CODE_PATHS))
        if close:
            response.headers["connection"] = "close"
        await response(scope, _no_receive, send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
