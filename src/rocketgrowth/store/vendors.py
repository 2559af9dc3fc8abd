"""Vendors, their API keys and their Rocket Growth consent."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, insert, select, update

from rocketgrowth.errors import Invalid, NotFound
from rocketgrowth.store import tables
from rocketgrowth.store.generation import KeptReads

if TYPE_CHECKING:
    from rocketgrowth.store.db import Database

__all__ = ("ApiKey", "Vendor", "VendorStore", "valid_vendor_id")

#: the ``sandbox_state`` row of the operator's clock offset in seconds (``StateStore.clock_offset``)
_CLOCK_OFFSET = "clock_offset_seconds"


@dataclass(frozen=True, slots=True)
class Vendor:
    vendor_id: str
    name: str
    rocket_growth_consent: bool
    consented_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ApiKey:
    vendor_id: str
    access_key: str
    secret_key: str


def valid_vendor_id(vendor_id: str) -> bool:
    """``A`` or ``C`` followed by 8 digits, like ``A00012345``."""
    return len(vendor_id) == 9 and vendor_id[0] in "AC" and vendor_id[1:].isascii() and vendor_id[1:].isdigit()


def _vendor(row: object) -> Vendor:
    m = row._mapping  # type: ignore[attr-defined]
    return Vendor(m["vendor_id"], m["name"], bool(m["rocket_growth_consent"]), m["consented_at"], m["created_at"])


_KEYS, _VENDORS, _STATE = tables.api_keys, tables.vendors, tables.sandbox_state
#: a signed call's key, its vendor and the sandbox clock offset, in one statement
_CALLER = (
    select(_KEYS.c.secret_key, _VENDORS.c.vendor_id, _VENDORS.c.name, _VENDORS.c.rocket_growth_consent,
           _VENDORS.c.consented_at, _VENDORS.c.created_at,
           select(_STATE.c.value).where(_STATE.c.key == bindparam("clock_key")).scalar_subquery())
    .join_from(_KEYS, _VENDORS, _VENDORS.c.vendor_id == _KEYS.c.vendor_id)
    .where(_KEYS.c.access_key == bindparam("access_key"), _KEYS.c.revoked.is_(False))
)  # fmt: skip


#: keys kept at most (the kept reads are dropped all at once beyond it: unknown keys cost a read each)
KEPT_KEYS = 1024


class VendorStore:
    """Every read and write of vendors and keys; callers pass the connection (one transaction)."""

    def __init__(self) -> None:
        #: access key → what was read of it (``store.generation``)
        self.kept_keys: KeptReads[str, tuple[ApiKey, Vendor, float] | None] = KeptReads(KEPT_KEYS)

    async def authenticate(self, db: Database, access_key: str) -> tuple[ApiKey, Vendor, float] | None:
        """The key, its vendor and the sandbox clock offset, read in one statement where reads are cheapest
        (``Database.run_read``); ``None`` when the key is unknown or revoked.

        The hot path of every signed call. On SQLite what was read is kept while the database's generation
        (``store.generation``: every committed write of any process changes it) stays the one taken before
        the read, and for ``KEPT_SECONDS`` at most (``KeptReads``): a key revoked, a vendor's consent or the
        clock changed by any worker or the CLI is seen by the next call, as without the kept read. PostgreSQL
        reads each time."""
        return await self.kept_keys.get(
            db.generation, access_key, lambda: db.run_read(self._authenticate, db, access_key)
        )

    @staticmethod
    def _authenticate(db: Database, access_key: str) -> tuple[ApiKey, Vendor, float] | None:
        with db.read() as conn:
            row = conn.execute(_CALLER, {"access_key": access_key, "clock_key": _CLOCK_OFFSET}).first()
        if row is None:
            return None
        secret, vendor_id, name, consent, consented_at, created_at, offset = row
        vendor = Vendor(vendor_id, name, bool(consent), consented_at, created_at)
        return ApiKey(vendor_id, access_key, secret), vendor, float(offset if offset is not None else 0.0)

    def get(self, conn: Connection, vendor_id: str) -> Vendor:
        row = conn.execute(select(tables.vendors).where(tables.vendors.c.vendor_id == vendor_id)).first()
        if row is None:
            raise NotFound(f"업체[{vendor_id}]가 존재하지 않습니다.")
        return _vendor(row)

    def list_vendors(self, conn: Connection) -> list[Vendor]:
        rows = conn.execute(select(tables.vendors).order_by(tables.vendors.c.vendor_id))
        return [_vendor(r) for r in rows]

    def create_vendor(self, conn: Connection, vendor_id: str, *, name: str = "", now: datetime) -> Vendor:
        if not valid_vendor_id(vendor_id):
            raise Invalid(f"업체코드[{vendor_id}]가 잘못 되었습니다. 예) A00012345", field="vendorId")
        exists = conn.execute(select(tables.vendors.c.vendor_id).where(tables.vendors.c.vendor_id == vendor_id)).first()
        if exists is not None:
            raise Invalid(f"이미 등록된 업체코드입니다. [{vendor_id}]", field="vendorId")
        conn.execute(
            insert(tables.vendors).values(
                vendor_id=vendor_id, name=name or vendor_id, rocket_growth_consent=False, created_at=now
            )
        )
        return self.get(conn, vendor_id)

    def set_vendor_consent(self, conn: Connection, vendor_id: str, consent: bool, *, now: datetime) -> Vendor:
        self.get(conn, vendor_id)
        conn.execute(
            update(tables.vendors)
            .where(tables.vendors.c.vendor_id == vendor_id)
            .values(rocket_growth_consent=consent, consented_at=now if consent else None)
        )
        return self.get(conn, vendor_id)

    def issue_vendor_key(self, conn: Connection, vendor_id: str, *, now: datetime) -> ApiKey:
        """A new access/secret key pair (the shapes of WING's: a UUID and a 40-hex secret)."""
        self.get(conn, vendor_id)
        key = ApiKey(vendor_id, str(uuid.uuid4()), secrets.token_hex(20))
        conn.execute(
            insert(tables.api_keys).values(
                access_key=key.access_key, secret_key=key.secret_key, vendor_id=vendor_id, created_at=now, revoked=False
            )
        )
        return key

    def keys(self, conn: Connection, vendor_id: str) -> list[ApiKey]:
        k = tables.api_keys
        rows = conn.execute(select(k).where(k.c.vendor_id == vendor_id, k.c.revoked.is_(False)))
        return [ApiKey(r.vendor_id, r.access_key, r.secret_key) for r in rows]

    def find_key(self, conn: Connection, access_key: str) -> tuple[ApiKey, Vendor] | None:
        """The key and its vendor, for authentication; ``None`` when unknown or revoked."""
        k, v = tables.api_keys, tables.vendors
        row = conn.execute(
            select(k.c.access_key, k.c.secret_key, v)
            .join(v, v.c.vendor_id == k.c.vendor_id)
            .where(k.c.access_key == access_key, k.c.revoked.is_(False))
        ).first()
        if row is None:
            return None
        return ApiKey(row.vendor_id, row.access_key, row.secret_key), _vendor(row)
