"""Server settings: one frozen object built from CLI options or environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

__all__ = ("DEFAULT_DB_URL", "Settings")

DEFAULT_DB_URL = "sqlite:///rocketgrowth.db"


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``create_app`` needs; ``Settings.from_env()`` reads ``ROCKETGROWTH_*``."""

    db_url: str = DEFAULT_DB_URL
    #: review of products asking for approval: "auto", "manual" or "delay:SECONDS"
    review_mode: str = "auto"
    #: calls per second and per vendor before HTTP 429 (0 disables the limit)
    rate_limit: float = 10.0
    #: calls per minute and per vendor of the Rocket Growth Open API family (rg_open_api) before HTTP 429
    rg_rate_limit: float = 50.0
    #: Redis URL for the rate limiter shared by several workers ("" = in-process limiter)
    redis_url: str = ""
    #: bearer token of the operator API under /sandbox/v1 ("" = open on loopback only)
    admin_token: str = ""
    #: largest accepted request body, in bytes
    max_body_bytes: int = 2 * 1024 * 1024
    #: largest whole-state import (operator API ``PUT /sandbox/v1/state``), in bytes
    max_state_bytes: int = 512 * 1024 * 1024
    #: longest accepted request line (method, target, version), in bytes
    max_request_line: int = 8 * 1024
    #: largest accepted header block (every header line), in bytes
    max_header_bytes: int = 64 * 1024
    #: seconds a connection has to complete a request's head (also the longest idle keep-alive)
    header_timeout: float = 5.0
    #: seconds a request body may go without a byte arriving
    body_timeout: float = 10.0
    #: extra fields for tests
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "db_url": os.environ.get("ROCKETGROWTH_DB", DEFAULT_DB_URL),
            "review_mode": os.environ.get("ROCKETGROWTH_REVIEW_MODE", "auto"),
            "rate_limit": _env_float("ROCKETGROWTH_RATE_LIMIT", 10.0),
            "rg_rate_limit": _env_float("ROCKETGROWTH_RG_RATE_LIMIT", 50.0),
            "redis_url": os.environ.get("ROCKETGROWTH_REDIS_URL", ""),
            "admin_token": os.environ.get("ROCKETGROWTH_ADMIN_TOKEN", ""),
            "header_timeout": _env_float("ROCKETGROWTH_HEADER_TIMEOUT", 5.0),
            "body_timeout": _env_float("ROCKETGROWTH_BODY_TIMEOUT", 10.0),
            "max_request_line": int(_env_float("ROCKETGROWTH_MAX_REQUEST_LINE", 8 * 1024)),
            "max_header_bytes": int(_env_float("ROCKETGROWTH_MAX_HEADER_BYTES", 64 * 1024)),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
