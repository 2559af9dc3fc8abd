"""``JsonResponse``: JSON bodies rendered by ``jsontext.dumps`` (orjson: Korean text as UTF-8, not escaped)."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from rocketgrowth import jsontext

__all__ = ("JsonResponse",)


class JsonResponse(JSONResponse):
    media_type = "application/json;charset=UTF-8"

    def render(self, content: Any) -> bytes:
        return jsontext.dumps(content)
