"""The response envelopes, in every form the gateway uses.

* seller API: ``{"code":"SUCCESS","message":"","data":…}`` (lists add ``nextToken``)
* ``openapi`` family (CS): ``{"code":200,"message":"OK","data":{"content":[…],"pagination":{…}}}``
* 2019 samples: double-wrapped ``{"code":"200","message":"","data":{"code":"SUCCESS","message":"","data":…}}``
* gateway errors: ``{"code":"ERROR","message":"Invalid signature.","transactionId":"…"}``

``code`` may be a string or a number; it is kept as a string (``"SUCCESS"``, ``"200"``, ``"ERROR"``).
"""

from typing import Any

from pydantic import field_validator

from rocketgrowth.wire.base import WireModel

__all__ = ("SUCCESS_CODES", "Ack", "Envelope")

#: the ``code`` values that mean success (2019 and CS samples use 200 or "200")
SUCCESS_CODES = frozenset({"SUCCESS", "200", "OK"})

_ENVELOPE_KEYS = frozenset({"code", "message", "data", "nextToken", "transactionId"})


class Envelope(WireModel):
    """One response body, unwrapped: ``code`` as a string, ``data`` as sent."""

    code: str | None = None
    message: str | None = None
    data: Any = None
    next_token: str | None = None
    transaction_id: str | None = None

    @field_validator("code", "next_token", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return None if value is None else str(value)

    @property
    def ok(self) -> bool:
        """True when ``code`` is absent or one of :data:`SUCCESS_CODES`."""
        return self.code is None or self.code.upper() in SUCCESS_CODES

    @classmethod
    def parse(cls, body: Any) -> "Envelope":
        """Read a body, unwrapping the 2019 double envelope (the inner code decides)."""
        if not isinstance(body, dict):
            return cls(data=body)
        outer = cls.model_validate(body)
        inner = body.get("data")
        if isinstance(inner, dict) and "code" in inner and set(inner) <= _ENVELOPE_KEYS:
            unwrapped = cls.model_validate(inner)
            if unwrapped.next_token is None:
                unwrapped.next_token = outer.next_token
            unwrapped._raw = body
            return unwrapped
        return outer


class Ack(WireModel):
    """The answer of an operation that returns only a message (and sometimes an id or ``null``)."""

    code: str | None = None
    message: str = ""
    data: Any = None

    @field_validator("code", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return None if value is None else str(value)

    @field_validator("message", mode="before")
    @classmethod
    def _message(cls, value: Any) -> Any:
        return "" if value is None else value
