"""Entry point for ASGI servers: ``uvicorn --factory rocketgrowth.api.asgi:app_from_env``. With one
worker add ``--loop asyncio`` as ``rocketgrowth serve`` does (uvloop gave some calls tails many times the
median); with several keep uvloop (the standard loop let one worker take every kept-alive connection).

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
