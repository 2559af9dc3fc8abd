"""rocketgrowth: Coupang's seller product API with Rocket Growth, as a sandbox server and a typed client.

``rocketgrowth.Client`` and ``rocketgrowth.AsyncClient`` are the SDK's clients, loaded on first use.
"""

from typing import TYPE_CHECKING, Any

__all__ = ("AsyncClient", "Client")

if TYPE_CHECKING:
    from rocketgrowth.sdk import AsyncClient, Client


def __getattr__(name: str) -> Any:
    if name in __all__:
        from rocketgrowth import sdk

        return getattr(sdk, name)
    raise AttributeError(f"module 'rocketgrowth' has no attribute {name!r}")
