"""The floor of a signed call on this stack: the sandbox app with its reads of the database served from
memory after the first, served exactly as ``rocketgrowth serve`` serves it (Granian, same options).

What is left of a call is what the database cannot take away: Granian, FastAPI's routing and parameter
solving, the signature check, the envelope. ``bench.throughput`` measures it beside the real server and the
ceiling, so that a target above the floor shows as a bound of the stack, not of the database layer. An
experiment only: the memo never sees a write, so this app must never serve anything but the benchmark.

    python -m bench.floor --db sqlite:///… --port 8000 [--memo key,view,list]     # what ``Floor`` starts

``--memo`` names the reads taken from memory (all three by default): one alone measures what that read
costs the server. ``--write`` sets what a vendor-item change does: ``real`` (the default) its own work;
``empty`` opens and commits a write transaction that writes nothing (``Database.write``, on the writer
thread): what any write costs at least; ``none`` no database work at all (its path is still parsed, and the
call still goes to the writer thread and back): what a price change costs without its write.
"""

from __future__ import annotations

import argparse
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import FastAPI

from bench.common import ROOT, Server

__all__ = ("Floor", "app")

F = TypeVar("F", bound=Callable[..., Any])


def _memo(function: F, key: Callable[..., Any]) -> F:
    """``function`` that answers each ``key(…)`` from memory once it has read it."""
    kept: dict[Any, Any] = {}

    @functools.wraps(function)
    def memo(*args: Any) -> Any:
        k = key(*args)
        if k not in kept:
            kept[k] = function(*args)
        return kept[k]

    return memo  # type: ignore[return-value]


#: the reads ``app`` can take from memory
MEMOS = ("key", "view", "list")
#: what a vendor-item change does (``--write``): its own work, an empty write transaction, nothing
WRITES = ("real", "empty", "none")


def app() -> FastAPI:
    """The app of ``ROCKETGROWTH_*`` settings with the reads ``ROCKETGROWTH_FLOOR_MEMO`` names (the key
    lookup, the product view, the list page) read once each: the operations' own functions, wrapped; with
    ``ROCKETGROWTH_FLOOR_WRITE`` ``empty`` a vendor-item change commits a write transaction that writes
    nothing, with ``none`` it does no database work. Nothing else of the app changes."""
    from rocketgrowth.api.asgi import app_from_env
    from rocketgrowth.domain import fields
    from rocketgrowth.operations import products, vendor_items
    from rocketgrowth.store.vendors import VendorStore

    memos = os.environ.get("ROCKETGROWTH_FLOOR_MEMO", ",".join(MEMOS)).split(",")
    write = os.environ.get("ROCKETGROWTH_FLOOR_WRITE", "real")
    if write in ("empty", "none"):

        def change(services: Any, vendor: Any, vendor_item_id: str, *args: Any) -> None:
            fields.parse_path_id(vendor_item_id, vendor_items.VENDOR_ITEM_ID)
            if write == "empty":
                with services.db.write():
                    pass

        vendor_items._change = change  # type: ignore[assignment]
    if "key" in memos:
        read_key = _memo(VendorStore._authenticate, lambda db, access_key: access_key)

        async def authenticate(self: VendorStore, db: Any, access_key: str) -> Any:
            return read_key(db, access_key)

        VendorStore.authenticate = authenticate  # type: ignore[method-assign]
    if "view" in memos:
        products._product_view = _memo(products._product_view, lambda services, vendor_id, pid: (vendor_id, pid))
    if "list" in memos:
        products._list_page = _memo(
            products._list_page, lambda services, vendor_id, flt, after, limit: (vendor_id, flt, after, limit)
        )
    return app_from_env()


@dataclass
class Floor(Server):
    """``app`` on a free loopback port, one worker, served by ``api.server.run`` as ``serve`` serves."""

    extra_env: dict[str, str] = field(default_factory=lambda: {"PYTHONPATH": str(ROOT)})
    memo: tuple[str, ...] = MEMOS
    #: what a vendor-item change does (``--write``, one of ``WRITES``)
    write: str = "real"

    def command(self) -> list[str]:
        import sys

        return [sys.executable, "-m", "bench.floor", "--db", self.db_url, "--port", str(self.port),
                "--memo", ",".join(self.memo), "--write", self.write]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--memo", default=",".join(MEMOS), help="the reads from memory: " + ", ".join(MEMOS))
    parser.add_argument("--write", choices=WRITES, default="real", help="what a vendor-item change does")
    args = parser.parse_args(argv)
    from rocketgrowth.api import server
    from rocketgrowth.settings import Settings

    os.environ.update({"ROCKETGROWTH_DB": args.db, "ROCKETGROWTH_RATE_LIMIT": "0", "ROCKETGROWTH_MIGRATE": "0",
                       "ROCKETGROWTH_REVIEW_MODE": "auto", "ROCKETGROWTH_FLOOR_MEMO": args.memo,
                       "ROCKETGROWTH_FLOOR_WRITE": args.write})  # fmt: skip
    server.run(Settings.from_env(), host="127.0.0.1", port=args.port, workers=1, log_level="warning",
               factory="bench.floor:app")  # fmt: skip


if __name__ == "__main__":
    main()
