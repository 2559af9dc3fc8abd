"""Entry point for ASGI servers: ``rocketgrowth serve`` starts ``app_from_env`` in each Granian worker
(``api.server``); another ASGI server can serve it too, e.g.
``granian --interface asgi --factory rocketgrowth.api.asgi:app_from_env`` (without ``serve``'s
connection limits unless given the same options).

Reads ``ROCKETGROWTH_*`` settings; ``ROCKETGROWTH_MIGRATE=0`` skips migrations (run once by ``serve``
or ``rocketgrowth db upgrade`` before the workers start).
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from rocketgrowth.api.app import create_app
from rocketgrowth.settings import Settings

__all__ = ("app_from_env",)


def app_from_env() -> FastAPI:
    return create_app(Settings.from_env(), migrate=os.environ.get("ROCKETGROWTH_MIGRATE", "1") != "0")
