"""Page tokens: numeric like the real gateway's (``nextToken`` "30100307028"), but bound to the
vendor and the filter they were issued for, so a forged or foreign token is refused.

token = str(last id) + 6 check digits of HMAC(secret, vendor | filter | id)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import Connection

from rocketgrowth.domain.fields import parse_number
from rocketgrowth.errors import Invalid
from rocketgrowth.store.state import TOKEN_SECRET, StateStore

__all__ = ("TokenCodec",)

_CHECK_DIGITS = 6
#: the longest token read (an id of up to 18 digits and the check digits)
_MAX_DIGITS = 24


class TokenCodec:
    """Issues and reads page tokens with a per-database secret (shared by every worker)."""

    def __init__(self, state: StateStore) -> None:
        self._state = state
        self._secret: bytes | None = None

    @property
    def keyed(self) -> bool:
        """Whether the secret has been read: tokens are then issued and read without a connection."""
        return self._secret is not None

    def load_key(self, conn: Connection) -> None:
        """Read the database's secret (created when it has none yet)."""
        self._key(conn)

    def _key(self, conn: Connection | None) -> bytes:
        if self._secret is None:
            if conn is None:
                raise RuntimeError("the token secret is not loaded yet: TokenCodec.load_key first")
            value = self._state.get(conn, TOKEN_SECRET)
            if value is None:  # a database migrated before the secret was created with the schema
                value = secrets.token_hex(16)
                self._state.set(conn, TOKEN_SECRET, value)
            self._secret = str(value).encode()
        return self._secret

    def _check(self, conn: Connection | None, scope: str, last_id: int) -> str:
        digest = hmac.new(self._key(conn), f"{scope}|{last_id}".encode(), hashlib.sha256).digest()
        return str(int.from_bytes(digest[:8], "big") % 10**_CHECK_DIGITS).zfill(_CHECK_DIGITS)

    def issue(self, conn: Connection | None, scope: str, last_id: int) -> str:
        return f"{last_id}{self._check(conn, scope, last_id)}"

    def read(
        self, conn: Connection | None, scope: str, token: str | None, *, max_length: int = _MAX_DIGITS
    ) -> int | None:
        """The last id of the previous page, ``None`` for the first page (absent, empty or ``1``). ``conn``
        (for ``issue`` too) may be None once the secret is loaded (``keyed``). ``max_length``: the longest
        token the scope issues (a composite key's tokens are longer than an id's)."""
        if token is None or token in ("", "1"):
            return None
        number = parse_number(
            token,
            "nextToken",
            minimum=10**_CHECK_DIGITS,
            maximum=10**max_length - 1,
            message="nextToken[{value}]이 올바르지 않습니다. 이전 응답의 nextToken을 그대로 입력해주세요.",
        )
        text = str(number)
        last_id = int(text[:-_CHECK_DIGITS])
        if not hmac.compare_digest(text[-_CHECK_DIGITS:], self._check(conn, scope, last_id)):
            raise Invalid(
                f"nextToken[{token}]이 올바르지 않습니다. 다른 조건 또는 다른 업체로 발급된 nextToken은 사용할 수 없습니다."
            )
        return last_id
