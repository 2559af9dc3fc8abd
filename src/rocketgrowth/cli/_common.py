"""What every client command shares: the global options, the SDK client, JSON/table output, and the
one mapping from SDK errors to exit codes.

Exit codes: 0 ok · 1 the command's own failure (problems found, rows failed, doctor red) · 2 usage
(bad option, file or parameter) · 3 rejected by the API (400, ``code: ERROR``) · 4 authentication or
permission (401/403) · 5 not found (404) · 6 rate limited (429) · 7 server error or unreadable answer
(5xx) · 8 no answer (connection, timeout) · 9 a product create whose outcome is unknown.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rocketgrowth.sdk import (
    DEFAULT_RATE,
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    BusinessError,
    Client,
    CreateOutcomeUnknownError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from rocketgrowth.wire.envelope import Ack
from rocketgrowth.wire.products import ProductSaved

__all__ = (
    "EXIT_FAILED",
    "EXIT_USAGE",
    "Options",
    "emit",
    "error_json",
    "exit_code",
    "fail",
    "global_options",
    "jsonable",
    "note",
    "options",
    "progress_bar",
    "read_json",
    "read_object",
    "session",
    "stderr",
    "usage_error",
)

EXIT_FAILED = 1
EXIT_USAGE = 2
#: the exit code of each SDK error class; the most specific class in the error's MRO wins
EXIT_CODES: Mapping[type[APIError], int] = {
    CreateOutcomeUnknownError: 9,
    APIConnectionError: 8,
    InternalServerError: 7,
    APIResponseValidationError: 7,
    RateLimitError: 6,
    NotFoundError: 5,
    AuthenticationError: 4,
    PermissionDeniedError: 4,
    BadRequestError: 3,
    BusinessError: 3,
    APIStatusError: 3,
    APIError: 1,
}

stderr = Console(stderr=True, soft_wrap=True)


@dataclass(frozen=True, slots=True)
class Options:
    """The global options, kept on the Typer context for every sub-command."""

    base_url: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    vendor_id: str | None = None
    rate: float = DEFAULT_RATE
    table: bool = False
    timeout: float = 30.0
    #: Rocket Growth Open API calls per minute (the gateway's limit: 50)
    rocket_growth_rate: float = 50.0

    def client(self) -> Client:
        """The SDK client (``ValueError`` when a key is missing)."""
        return Client(
            access_key=self.access_key,
            secret_key=self.secret_key,
            vendor_id=self.vendor_id,
            base_url=self.base_url,
            rate_limit=self.rate if self.rate > 0 else None,
            rocket_growth_rate_limit=self.rocket_growth_rate / 60 if self.rocket_growth_rate > 0 else None,
            timeout=self.timeout,
        )

    def has_credentials(self) -> bool:
        """Whether a key pair and a vendor id are given (options or ``COUPANG_*`` variables)."""
        pairs = ((self.access_key, "ACCESS_KEY"), (self.secret_key, "SECRET_KEY"), (self.vendor_id, "VENDOR_ID"))
        return all(value or os.environ.get(f"COUPANG_{name}") for value, name in pairs)


def global_options(
    ctx: typer.Context,
    base_url: Annotated[
        str | None, typer.Option("--base-url", envvar="COUPANG_BASE_URL", help="Gateway or sandbox URL")
    ] = None,
    access_key: Annotated[str | None, typer.Option("--access-key", envvar="COUPANG_ACCESS_KEY")] = None,
    secret_key: Annotated[
        str | None, typer.Option("--secret-key", envvar="COUPANG_SECRET_KEY", show_envvar=True)
    ] = None,
    vendor_id: Annotated[str | None, typer.Option("--vendor-id", envvar="COUPANG_VENDOR_ID")] = None,
    rate: Annotated[
        float, typer.Option("--rate", help="Calls per second for this vendor (0 = no client-side pacing)")
    ] = DEFAULT_RATE,
    table: Annotated[bool, typer.Option("--table", help="Print a table instead of JSON")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each call")] = 30.0,
    rg_rate: Annotated[
        float, typer.Option("--rg-rate", help="Rocket Growth Open API calls per minute (0 = no client-side pacing)")
    ] = 50.0,
) -> None:
    """Coupang seller product API with Rocket Growth: sandbox server and client."""
    if rate < 0 or rg_rate < 0 or timeout <= 0:
        raise typer.BadParameter("--rate and --rg-rate must be ≥ 0 and --timeout > 0")
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() not in ("utf-8", "utf8"):
            reconfigure(encoding="utf-8")
    ctx.obj = Options(base_url, access_key, secret_key, vendor_id, rate, table, timeout, rg_rate)


def options(ctx: typer.Context) -> Options:
    found = ctx.find_object(Options)
    return found if found is not None else Options()


# output -----------------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """JSON-ready data: wire models as received (``.raw``), results built by the SDK as camelCase."""
    if isinstance(value, Ack | ProductSaved):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, BaseModel):
        raw = getattr(value, "raw", None)
        return raw if raw else value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def dumps(value: Any, *, indent: int | None = 2) -> str:
    return json.dumps(jsonable(value), ensure_ascii=False, indent=indent)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str | int | float | bool):
        return str(value)
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= 60 else text[:57] + "..."


def table_of(data: Any, columns: Sequence[str] | None = None) -> Table:
    """A Rich table: one row per object of a list, or the fields of one object."""
    if isinstance(data, Mapping):
        table = Table("field", "value")
        for key, value in data.items():
            table.add_row(str(key), _cell(value))
        return table
    rows = [row if isinstance(row, Mapping) else {"value": row} for row in data]
    if columns is None:
        seen: dict[str, None] = {}
        for row in rows:
            seen.update(dict.fromkeys(key for key, value in row.items() if not isinstance(value, list | dict)))
        columns = list(seen)[:10]
    table = Table(*columns)
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    return table


def emit(ctx: typer.Context, data: Any, *, columns: Sequence[str] | None = None) -> None:
    """Print a result: JSON (UTF-8, Korean as is) or, with ``--table``, a Rich table."""
    value = jsonable(data)
    if options(ctx).table and isinstance(value, Mapping | list):
        width = None if sys.stdout.isatty() else 200  # a pipe or file gets whole columns
        Console(width=width).print(table_of(value, columns))
    else:
        typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def progress_bar() -> Progress:
    """A progress bar on stderr (rows done, of the total when known)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
    )


def note(message: str) -> None:
    """A line for the human on stderr (never mixed into the JSON on stdout)."""
    stderr.print(message, markup=False, highlight=False)


# errors -----------------------------------------------------------------------------------------


def exit_code(error: APIError) -> int:
    """The exit code of an SDK error (the nearest class in its MRO that has one)."""
    for cls in type(error).__mro__:
        code = EXIT_CODES.get(cls)
        if code is not None:
            return code
    return EXIT_FAILED


def error_json(error: APIError) -> dict[str, Any]:
    """What is printed on stderr for an SDK error: class, status, code, message, hint, request."""
    out: dict[str, Any] = {"error": type(error).__name__}
    if isinstance(error, APIStatusError):
        out.update(status=error.status_code, code=error.code)
    out.update(message=error.message, hint=error.hint)
    if error.request is not None:
        out["request"] = f"{error.request.method} {error.request.url.path}"
    return {key: value for key, value in out.items() if value is not None}


def fail(error: APIError) -> NoReturn:
    """Print the error JSON on stderr and exit with its code."""
    typer.echo(json.dumps(error_json(error), ensure_ascii=False), err=True)
    raise typer.Exit(exit_code(error))


def usage_error(message: str) -> NoReturn:
    typer.echo(json.dumps({"error": "UsageError", "message": message}, ensure_ascii=False), err=True)
    raise typer.Exit(EXIT_USAGE)


@contextmanager
def session(ctx: typer.Context) -> Iterator[Client]:
    """The SDK client for one command; SDK errors and rejected parameters end the command."""
    try:
        client = options(ctx).client()
    except ValueError as exc:
        usage_error(f"{exc}; see rocketgrowth --help")
    with client:
        try:
            yield client
        except APIError as exc:
            fail(exc)
        except ValueError as exc:  # a parameter the SDK checks before sending
            usage_error(str(exc))


def read_json(path: str) -> Any:
    """A JSON file (``-`` = stdin); a missing or malformed file is a usage error."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
        return json.loads(text)
    except OSError as exc:
        usage_error(f"cannot read {path}: {exc.strerror or exc}")
    except json.JSONDecodeError as exc:
        usage_error(f"{path} is not valid JSON: {exc}")


def read_object(path: str) -> dict[str, Any]:
    data = read_json(path)
    if not isinstance(data, dict):
        usage_error(f"{path} must hold a JSON object")
    return data
