"""The whole sandbox state at once: reset, export to JSON-ready dicts, and replace from them.

A snapshot holds the rows of every table in ``TABLES`` (and of ``categories`` when asked), each
table in primary-key order with its columns in table order, datetimes as ISO text (naive UTC), plus
the next value of every identifier sequence. ``decode_snapshot`` checks a snapshot against the
table definitions before anything is written (types, lengths, required and unknown columns,
duplicate keys); ``replace_state`` then swaps the rows inside the caller's transaction and moves
each sequence past the imported ids, never backwards, so an id is issued once. Derived columns
(``tables.DERIVED_COLUMNS``: the rendered list rows and views) are not exported, and ignored when a snapshot has
them: the caller renders them again after the import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Integer,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError

from rocketgrowth.errors import Invalid
from rocketgrowth.store import tables
from rocketgrowth.store.db import ID_STARTS

__all__ = ("CATEGORY_TABLE", "TABLES", "Snapshot", "SnapshotStore", "decode_snapshot")

#: the tables of a snapshot, parents before children (delete runs in reverse)
TABLES: tuple[Table, ...] = (
    tables.vendors,
    tables.api_keys,
    tables.products,
    tables.vendor_items,
    tables.product_histories,
    tables.inquiries,
    tables.inquiry_replies,
    tables.rocket_growth_stock,
    tables.rocket_growth_orders,
    tables.rocket_growth_order_items,
)
CATEGORY_TABLE = tables.categories
#: tables an export of an earlier version does not have: such an export imports them empty
ADDED_TABLES = (tables.rocket_growth_stock, tables.rocket_growth_orders, tables.rocket_growth_order_items)
#: tables a reset with ``keep_vendors`` leaves alone
VENDOR_TABLES = (tables.vendors, tables.api_keys)

_INT_RANGE = {True: (-(2**63), 2**63 - 1), False: (-(2**31), 2**31 - 1)}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Decoded rows by table name (only the tables the snapshot carries) and sequence floors."""

    rows: Mapping[str, Sequence[Mapping[str, Any]]]
    sequences: Mapping[str, int]


# --- encoding ---------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _decode_value(table: Table, column: Column[Any], value: Any, where: str) -> Any:
    """A JSON value checked against the column's type, in the form the database takes."""
    name = f"{where}.{column.name}"
    if value is None:
        if not column.nullable:
            raise Invalid(f"{name} must not be null.", field=name)
        return None
    kind = column.type
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise Invalid(f"{name} must be true or false, not {value!r}.", field=name)
        return value
    if isinstance(kind, Integer):
        low, high = _INT_RANGE[isinstance(kind, BigInteger)]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(f"{name} must be an integer between {low} and {high}, not {value!r}.", field=name)
        return value
    if isinstance(kind, DateTime):
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None:
            raise Invalid(f"{name} must be an ISO date-time such as 2024-06-26T04:58:37, not {value!r}.", field=name)
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    if isinstance(kind, String):
        if not isinstance(value, str):
            raise Invalid(f"{name} must be a string, not {value!r}.", field=name)
        if kind.length is not None and len(value) > kind.length:
            raise Invalid(f"{name} is longer than {kind.length} characters.", field=name)
        return value
    if isinstance(kind, JSON):
        return value
    raise Invalid(f"{name}: unsupported column type {kind!r}.", field=name)  # pragma: no cover - schema guard


def _required(column: Column[Any]) -> bool:
    if column.nullable or column.default is not None or column.server_default is not None:
        return False
    return not (column.primary_key and column.autoincrement is True)


def _columns(table: Table) -> list[Column[Any]]:
    """The columns a snapshot holds: all but the derived ones."""
    derived = tables.DERIVED_COLUMNS.get(table.name, ())
    return [c for c in table.columns if c.name not in derived]


def _decode_rows(table: Table, rows: Any) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise Invalid(f"tables.{table.name} must be a list of rows.", field=f"tables.{table.name}")
    columns = {c.name: c for c in _columns(table)}
    derived = tables.DERIVED_COLUMNS.get(table.name, ())
    key_columns = [c.name for c in table.primary_key.columns]
    seen: set[tuple[Any, ...]] = set()
    out: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        where = f"tables.{table.name}[{index}]"
        if not isinstance(row, Mapping):
            raise Invalid(f"{where} must be an object.", field=where)
        unknown = sorted(set(row) - set(columns) - set(derived))
        if unknown:
            raise Invalid(f"{where}: unknown column {unknown[0]!r} (columns: {', '.join(columns)}).", field=where)
        missing = [name for name, column in columns.items() if name not in row and _required(column)]
        if missing:
            raise Invalid(f"{where}: column {missing[0]!r} is required.", field=f"{where}.{missing[0]}")
        decoded = {name: _decode_value(table, columns[name], value, where)
                   for name, value in row.items() if name not in derived}  # fmt: skip
        key = tuple(decoded.get(name) for name in key_columns)
        if None not in key:
            if key in seen:
                raise Invalid(f"{where}: duplicate primary key {', '.join(map(str, key))}.", field=where)
            seen.add(key)
        out.append(decoded)
    return out


def decode_snapshot(data: Any) -> Snapshot:
    """Check an exported state against the schema; ``Invalid`` names the first bad value."""
    if not isinstance(data, Mapping):
        raise Invalid("The state must be a JSON object (the data of GET /sandbox/v1/state).")
    raw_tables = data.get("tables")
    if not isinstance(raw_tables, Mapping):
        raise Invalid("tables: an object of rows by table name is required.", field="tables")
    known = {t.name: t for t in (*TABLES, CATEGORY_TABLE)}
    unknown = sorted(set(raw_tables) - set(known))
    if unknown:
        raise Invalid(f"tables: unknown table {unknown[0]!r} (tables: {', '.join(known)}).", field="tables")
    missing = [t.name for t in TABLES if t.name not in raw_tables and t not in ADDED_TABLES]
    if missing:
        raise Invalid(f"tables.{missing[0]} is missing (every table of the export is required).", field="tables")
    rows = {name: _decode_rows(known[name], value) for name, value in raw_tables.items()}
    rows.update({t.name: [] for t in ADDED_TABLES if t.name not in rows})
    raw_sequences = data.get("sequences", {})
    if not isinstance(raw_sequences, Mapping):
        raise Invalid("sequences must be an object of next ids by kind.", field="sequences")
    sequences: dict[str, int] = {}
    for kind, value in raw_sequences.items():
        if kind not in ID_STARTS:
            raise Invalid(f"sequences: unknown kind {kind!r} (kinds: {', '.join(ID_STARTS)}).", field="sequences")
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < 2**63:
            raise Invalid(f"sequences.{kind} must be a positive integer, not {value!r}.", field=f"sequences.{kind}")
        sequences[kind] = value
    return Snapshot(rows=rows, sequences=sequences)


#: which column of which table draws from each identifier sequence
_SEQUENCE_COLUMNS: Mapping[str, tuple[tuple[Table, str], ...]] = {
    "seller_product_id": ((tables.products, "seller_product_id"),),
    "seller_product_item_id": ((tables.vendor_items, "seller_product_item_id"),),
    "vendor_item_id": ((tables.vendor_items, "vendor_item_id"),),
    "product_id": ((tables.products, "product_id"),),
    "item_id": ((tables.vendor_items, "item_id"),),
    "inquiry_id": ((tables.inquiries, "inquiry_id"),),
    "inquiry_comment_id": ((tables.inquiry_replies, "inquiry_comment_id"),),
    "order_id": ((tables.rocket_growth_orders, "order_id"),),
}


class SnapshotStore:
    """Reset, export and import of every table; callers pass the connection of one transaction."""

    # --- reset ---------------------------------------------------------------------------------

    def reset_state(self, conn: Connection, *, keep_vendors: bool = False) -> dict[str, int]:
        """Delete every row but the categories (and the vendors with their keys when asked)."""
        deleted: dict[str, int] = {}
        for table in reversed(TABLES):
            if keep_vendors and table in VENDOR_TABLES:
                continue
            deleted[table.name] = conn.execute(delete(table)).rowcount
        return deleted

    # --- sequences -----------------------------------------------------------------------------

    def next_values(self, conn: Connection) -> dict[str, int]:
        """The id each sequence issues next (without issuing it)."""
        if conn.dialect.name == "postgresql":
            out = {}
            for kind in ID_STARTS:
                last, called = conn.execute(text(f"SELECT last_value, is_called FROM seq_{kind}")).one()
                out[kind] = int(last) + 1 if called else int(last)
            return out
        seq = tables.id_sequences
        stored = dict(conn.execute(select(seq.c.name, seq.c.next_value)).all())
        return {kind: int(stored.get(kind, start)) for kind, start in ID_STARTS.items()}

    def advance_sequences(self, conn: Connection, floors: Mapping[str, int]) -> dict[str, int]:
        """Move each sequence to at least ``floors[kind]`` and past every id in the tables; never back."""
        current = self.next_values(conn)
        target = dict(current)
        for kind, columns in _SEQUENCE_COLUMNS.items():
            highest = max((self._max(conn, table, column) for table, column in columns), default=0)
            target[kind] = max(current[kind], floors.get(kind, 0), highest + 1)
        for kind, value in target.items():
            if value == current[kind]:
                continue
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"SELECT setval('seq_{kind}', :value, false)"), {"value": value})
            else:
                seq = tables.id_sequences
                if conn.execute(select(seq.c.name).where(seq.c.name == kind)).first() is None:
                    conn.execute(insert(seq).values(name=kind, next_value=value))
                else:
                    conn.execute(seq.update().where(seq.c.name == kind).values(next_value=value))
        if conn.dialect.name == "postgresql":
            # history ids come from the table's own serial sequence
            serial = conn.execute(text("SELECT pg_get_serial_sequence('product_histories', 'id')")).scalar_one()
            last = int(conn.execute(text(f"SELECT last_value FROM {serial}")).scalar_one())
            highest = self._max(conn, tables.product_histories, "id")
            conn.execute(text("SELECT setval(:seq, :value, true)"), {"seq": serial, "value": max(last, highest, 1)})
        return target

    @staticmethod
    def _max(conn: Connection, table: Table, column: str) -> int:
        return int(conn.execute(select(func.coalesce(func.max(table.c[column]), 0))).scalar_one())

    # --- export / import -----------------------------------------------------------------------

    def export_state(self, conn: Connection, *, categories: bool = False) -> dict[str, Any]:
        """Every row of every snapshot table (``categories`` too when asked), in key order."""
        chosen = (*TABLES, CATEGORY_TABLE) if categories else TABLES
        out: dict[str, list[dict[str, Any]]] = {}
        for table in chosen:
            order = list(table.primary_key.columns)
            columns = _columns(table)
            rows = conn.execute(select(*columns).order_by(*order)).mappings()
            out[table.name] = [{c.name: _encode(row[c.name]) for c in columns} for row in rows]
        return {"tables": out, "sequences": self.next_values(conn)}

    def import_state(self, conn: Connection, snapshot: Snapshot) -> dict[str, int]:
        """Swap every snapshot table's rows for the snapshot's (categories only when it has them).

        Runs in the caller's transaction: a constraint the rows break raises ``Invalid`` and the
        rollback leaves the database as it was. Returns the number of rows loaded per table.
        """
        chosen: list[Table] = list(TABLES)
        if CATEGORY_TABLE.name in snapshot.rows:
            chosen.append(CATEGORY_TABLE)
        for table in reversed(chosen):
            conn.execute(delete(table))
        loaded: dict[str, int] = {}
        for table in chosen:
            rows = snapshot.rows[table.name]
            try:
                self._insert(conn, table, rows)
            except IntegrityError as exc:
                raise Invalid(
                    f"tables.{table.name}: the rows break a uniqueness rule of the table ({_reason(exc)}).",
                    field=f"tables.{table.name}",
                ) from None
            loaded[table.name] = len(rows)
        self.advance_sequences(conn, snapshot.sequences)
        return loaded

    @staticmethod
    def _insert(conn: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
        # rows of one table may name different columns (omitted defaults): insert by shape
        groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
        for row in rows:
            groups.setdefault(tuple(sorted(row)), []).append(row)
        for group in groups.values():
            conn.execute(insert(table), list(group))


def _reason(exc: IntegrityError) -> str:
    lines = str(exc.orig).strip().splitlines()
    return lines[0] if lines else "integrity error"
