"""``rocketgrowth prices set --file prices.csv`` and ``rocketgrowth stock set --file stock.csv``.

Rows are sent one by one, paced by the SDK's limiter (``--rate``). Every finished row is appended to a
journal (JSON lines, next to the CSV unless ``--journal``) with its result; a rerun skips the rows
already done, so an interrupted or partly failed run is resumed by running it again (after fixing the
failed rows). A row is "the same" when its values are: changing a row's price makes it due again.
Rejected rows are listed at the end (exit 1); a lost connection, bad keys or a persistent 429 stop the
run at once with the SDK's exit code.

A file from ``products export --options`` is read as it is: it carries the values at export time
(``exportedPrice``, ``exportedQuantity``), and a row whose value still equals it is skipped as unchanged
(whatever its other columns hold: a Rocket Growth side's stock, an option not approved yet).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from rocketgrowth.cli._common import EXIT_FAILED, emit, fail, options, progress_bar, session, usage_error
from rocketgrowth.domain.vendor_items import MAX_QUANTITY
from rocketgrowth.sdk import (
    APIConnectionError,
    APIError,
    APIStatusError,
    AuthenticationError,
    Client,
    PermissionDeniedError,
    RateLimitError,
)

__all__ = ("prices_app", "stock_app")

prices_app = typer.Typer(help="Sale prices of options (vendorItemId), in bulk from a CSV.", no_args_is_help=True)
stock_app = typer.Typer(help="Stock of options (vendorItemId), in bulk from a CSV.", no_args_is_help=True)

#: errors that are not about one row: stop the run (the journal keeps what was done)
STOP_ERRORS = (APIConnectionError, AuthenticationError, PermissionDeniedError, RateLimitError)
_TRUE, _FALSE = {"true", "1", "yes", "y"}, {"false", "0", "no", "n", ""}


@dataclass(frozen=True, slots=True)
class Task:
    """One CSV row, checked: set ``field`` of ``vendor_item_id`` to ``value``."""

    line: int
    field: str
    vendor_item_id: int
    value: int
    force: bool = False

    @property
    def key(self) -> str:
        """The journal key: the row's values, not its position."""
        return f"{self.field}:{self.vendor_item_id}:{self.value}:{self.force}"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "vendorItemId": self.vendor_item_id, self.field: self.value}
        if self.force:
            out["force"] = True
        return out


@dataclass(frozen=True, slots=True)
class Spec:
    """What one bulk command reads and sends."""

    operation: str
    field: str
    columns: tuple[str, ...]
    check: Callable[[int], str | None]
    send: Callable[[Client, Task], Any]
    #: the optional column with the value at export time: a row whose value equals it is unchanged
    exported: str


def _number(text: str | None, name: str) -> int:
    value = (text or "").strip()
    if not value.isdigit():
        raise ValueError(f"{name} must be a whole number, got {text!r}")
    return int(value)


def _check_price(price: int) -> str | None:
    if price <= 0:
        return "price must be greater than 0"
    return "price must be in 10-won units" if price % 10 else None


def _check_quantity(quantity: int) -> str | None:
    return None if quantity <= MAX_QUANTITY else f"quantity must be at most {MAX_QUANTITY}"


PRICES = Spec(
    "prices set",
    "price",
    ("vendorItemId", "price"),
    _check_price,
    lambda client, task: client.vendor_items.set_price(task.vendor_item_id, task.value, force=task.force),
    "exportedPrice",
)
STOCK = Spec(
    "stock set",
    "quantity",
    ("vendorItemId", "quantity"),
    _check_quantity,
    lambda client, task: client.vendor_items.set_quantity(task.vendor_item_id, task.value),
    "exportedQuantity",
)


def parse_row(spec: Spec, line: int, row: Mapping[str, str | None]) -> Task:
    """A checked task, or ``ValueError`` naming the problem."""
    vendor_item_id = _number(row.get("vendorItemId"), "vendorItemId")
    value = _number(row.get(spec.field), spec.field)
    force_text = (row.get("force") or "").strip().lower()
    if force_text not in _TRUE | _FALSE:
        raise ValueError(f"force must be true or false, got {row.get('force')!r}")
    problem = spec.check(value) or (None if vendor_item_id > 0 else "vendorItemId must be greater than 0")
    if problem:
        raise ValueError(problem)
    return Task(line, spec.field, vendor_item_id, value, force_text in _TRUE)


def unchanged(spec: Spec, row: Mapping[str, str | None]) -> bool:
    """Whether the row's value is still the one exported with it (``exportedPrice`` / ``exportedQuantity``)."""
    exported = row.get(spec.exported)
    return exported is not None and (row.get(spec.field) or "").strip() == exported.strip()


def read_tasks(spec: Spec, path: Path) -> tuple[list[Task | dict[str, Any]], int]:
    """Every data row in order (a ``Task``, or ``{"line", "error"}`` for a row that is not valid), but
    the unchanged ones, and how many rows were unchanged."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in spec.columns if column not in (reader.fieldnames or [])]
            if missing:
                usage_error(f"{path}: missing column(s) {', '.join(missing)} (expected {','.join(spec.columns)})")
            out: list[Task | dict[str, Any]] = []
            same = 0
            for row in reader:
                if unchanged(spec, row):
                    same += 1
                    continue
                try:
                    out.append(parse_row(spec, reader.line_num, row))
                except ValueError as exc:
                    out.append({"line": reader.line_num, "vendorItemId": row.get("vendorItemId"), "error": str(exc)})
            return out, same
    except OSError as exc:
        usage_error(f"cannot read {path}: {exc.strerror or exc}")
    except (csv.Error, UnicodeDecodeError) as exc:
        usage_error(f"{path} is not a UTF-8 CSV file: {exc}")


class Journal:
    """Append-only JSON lines of finished rows; ``done`` holds the keys of rows that succeeded."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.done: set[str] = set()
        self._out: IO[str] | None = None
        if path.exists():
            for text in path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(text)
                except json.JSONDecodeError:
                    continue  # a line cut short by a crash
                if isinstance(entry, dict) and entry.get("ok") is True:
                    self.done.add(str(entry.get("key")))

    @contextmanager
    def opened(self) -> Iterator[Journal]:
        with self.path.open("a", encoding="utf-8") as self._out:
            yield self
        self._out = None

    def record(self, task: Task | dict[str, Any], *, ok: bool, **result: Any) -> None:
        assert self._out is not None
        row = task.as_dict() if isinstance(task, Task) else dict(task)
        entry = {"key": task.key if isinstance(task, Task) else None, **row, "ok": ok, **result}
        entry["at"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._out.flush()
        os.fsync(self._out.fileno())
        if ok and isinstance(task, Task):
            self.done.add(task.key)


def _failure(task: Task, exc: APIError) -> dict[str, Any]:
    out = {**task.as_dict(), "error": exc.message}
    if isinstance(exc, APIStatusError):
        out["status"] = exc.status_code
    return out


def run(
    ctx: typer.Context, spec: Spec, file: Path, journal_path: Path | None, *, dry_run: bool, fail_fast: bool
) -> None:
    rows, same = read_tasks(spec, file)
    journal = Journal(journal_path or file.with_name(file.name + ".journal.jsonl"))
    invalid = [row for row in rows if not isinstance(row, Task)]
    keys = {row.key: row for row in reversed(rows) if isinstance(row, Task) and row.key not in journal.done}
    due = sorted(keys.values(), key=lambda task: task.line)  # a row repeated later in the file is done once
    summary: dict[str, Any] = {"operation": spec.operation, "file": str(file), "journal": str(journal.path)}
    summary.update(rows=len(rows) + same, skipped=len(rows) - len(invalid) - len(due), unchanged=same)
    if dry_run:
        rate = options(ctx).rate
        seconds = round(len(due) / rate, 1) if rate > 0 else None
        emit(
            ctx, {**summary, "toDo": [task.as_dict() for task in due], "estimatedSeconds": seconds, "invalid": invalid}
        )
        if invalid:
            raise typer.Exit(EXIT_FAILED)
        return
    failures: list[dict[str, Any]] = []
    stopped: APIError | None = None
    done = 0
    with session(ctx) as client, journal.opened(), progress_bar() as bar:
        work: list[Task | dict[str, Any]] = [*due, *invalid]
        work.sort(key=lambda row: row.line if isinstance(row, Task) else int(row["line"]))
        task_id = bar.add_task(spec.operation, total=len(work))
        for row in work:
            if not isinstance(row, Task):
                failures.append(row)
                journal.record(row, ok=False)
            else:
                try:
                    ack = spec.send(client, row)
                except STOP_ERRORS as exc:
                    stopped = exc
                    break
                except APIError as exc:
                    failures.append(_failure(row, exc))
                    journal.record(row, ok=False, error=exc.message)
                else:
                    done += 1
                    journal.record(row, ok=True, message=getattr(ack, "message", ""))
            bar.advance(task_id)
            if failures and fail_fast:
                break
    emit(ctx, {**summary, "done": done, "failed": failures, "stopped": stopped is not None})
    if stopped is not None:
        fail(stopped)
    if failures:
        raise typer.Exit(EXIT_FAILED)


FileOpt = Annotated[Path, typer.Option("--file", "-f", help="The CSV file", dir_okay=False)]
JournalOpt = Annotated[
    Path | None, typer.Option("--journal", help="Journal file (default: <file>.journal.jsonl next to the CSV)")
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Check the CSV and print the plan; send nothing")]
FailFastOpt = Annotated[bool, typer.Option("--fail-fast", help="Stop at the first failed row")]


@prices_app.command("set")
def set_prices(
    ctx: typer.Context,
    file: FileOpt,
    journal: JournalOpt = None,
    dry_run: DryRunOpt = False,
    fail_fast: FailFastOpt = False,
) -> None:
    """Set sale prices from a CSV with columns vendorItemId,price[,force]."""
    run(ctx, PRICES, file, journal, dry_run=dry_run, fail_fast=fail_fast)


@stock_app.command("set")
def set_stock(
    ctx: typer.Context,
    file: FileOpt,
    journal: JournalOpt = None,
    dry_run: DryRunOpt = False,
    fail_fast: FailFastOpt = False,
) -> None:
    """Set stock quantities from a CSV with columns vendorItemId,quantity."""
    run(ctx, STOCK, file, journal, dry_run=dry_run, fail_fast=fail_fast)
