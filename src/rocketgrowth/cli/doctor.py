"""``rocketgrowth doctor``: a checklist of what makes calls fail, with ✓ (fine), ✗ (will fail) and ?
(cannot tell, or worth a look). Exits 1 when any check is ✗.

Checks: base URL reachability · clock skew against the server's ``Date`` header · credentials given ·
keys valid (a signed ``inflow-status`` call) · signature self-check (the SDK signs a Korean query and
``rocketgrowth.signing`` verifies it locally, exactly as the server does) · Rocket Growth consent (read
from the sandbox's operator API; the real gateway has no way to ask, so there it is "unknown") · the
client's rate setting.
"""

from __future__ import annotations

import hmac
import json
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.markup import escape

from rocketgrowth import signing
from rocketgrowth.cli._common import EXIT_FAILED, Options, options
from rocketgrowth.cli.sandbox import OPERATOR, Operator
from rocketgrowth.sdk import APIError, AuthenticationError, NotFoundError, PermissionDeniedError
from rocketgrowth.sdk._auth import CeaAuth
from rocketgrowth.sdk._base import DEFAULT_BASE_URL, encode_query
from rocketgrowth.sdk._client import tls_context
from rocketgrowth.sdk._operations import SELLER

__all__ = ("Check", "doctor")

OK, FAIL, UNKNOWN = "✓", "✗", "?"
WING_CONSENT = (
    "agree in WING > 판매자정보 > 추가판매정보 > 'OPEN API 키 발급' > "
    "'로켓그로스 상품 생성 API 이용 및 검수 기준 동의' (Seller information > additional sales information)"
)
GATEWAY_RATE = 5.0  # calls/s the real gateway allows some vendors; 10/s for others


@dataclass(frozen=True, slots=True)
class Check:
    check: str
    mark: str
    detail: str

    @property
    def failed(self) -> bool:
        return self.mark == FAIL


def _reach(base_url: str, timeout: float) -> tuple[Check, httpx.Response | None]:
    started = time.monotonic()
    try:
        response = httpx.get(base_url + "/", timeout=timeout, verify=tls_context())
    except httpx.TimeoutException:
        return Check("base URL", FAIL, f"{base_url} unreachable: no answer within {timeout:g} s"), None
    except httpx.ConnectError:
        reason = "nothing listens there, or the host name does not resolve (is the server started?)"
        return Check("base URL", FAIL, f"{base_url} unreachable: {reason}"), None
    except httpx.HTTPError as exc:
        return Check("base URL", FAIL, f"{base_url} unreachable: {type(exc).__name__}"), None
    elapsed = (time.monotonic() - started) * 1000
    return _reached(base_url, response.status_code, elapsed), response


def _reached(base_url: str, status: int, elapsed_ms: float) -> Check:
    """What answering ``GET /`` says: a server is there (``/`` is no API path, so "not found" is normal)."""
    if status >= 500:
        detail = f"{base_url} is reachable, but its server reports an error of its own (HTTP {status}): it may be down"
        return Check("base URL", UNKNOWN, detail)
    return Check("base URL", OK, f"{base_url} is reachable: a server answered in {elapsed_ms:.0f} ms")


def _clock(response: httpx.Response | None) -> Check:
    date = response.headers.get("date") if response is not None else None
    if date is None:
        return Check("clock", UNKNOWN, "no Date header to compare with (signatures expire beyond ±300 s of UTC)")
    try:
        skew = (datetime.now(UTC) - parsedate_to_datetime(date)).total_seconds()
    except (TypeError, ValueError):
        return Check("clock", UNKNOWN, f"unreadable Date header {date!r}")
    detail = (
        f"local clock {skew:+.0f} s against the server's Date header (signatures allow ±{signing.MAX_SKEW_SECONDS} s)"
    )
    if abs(skew) > signing.MAX_SKEW_SECONDS - 60:
        return Check("clock", FAIL, detail + ": sync the clock (NTP)")
    return Check("clock", OK if abs(skew) <= 30 else UNKNOWN, detail)


def _credentials(opts: Options) -> Check:
    if opts.has_credentials():
        return Check("credentials", OK, "access key, secret key and vendor id given")
    return Check("credentials", FAIL, "give --access-key, --secret-key, --vendor-id (or COUPANG_* variables)")


def _keys(opts: Options) -> Check:
    try:
        with opts.client() as client:
            status = client.products.get_inflow_status()
    except APIError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        return Check("keys", FAIL, f"signed call to inflow-status failed: {exc.message}{hint}")
    return Check(
        "keys",
        OK,
        f"vendor {status.vendor_id}: signed call accepted ({status.registered_count} products registered, "
        f"restricted={status.restricted})",
    )


def signature_self_check(secret_key: str, *, now: datetime | None = None) -> Check:
    """Sign a request whose query holds Korean and reserved characters with the SDK's auth, then verify
    it with ``rocketgrowth.signing`` over the path and query exactly as they would be sent."""
    query = encode_query({"vendorId": "A00000000", "sellerProductName": "로켓 그로스 & =?/+%"})
    request = httpx.Request("GET", f"https://self-check.invalid{SELLER}/seller-products?{query}")
    moment = now or datetime.now(UTC)
    signed = next(CeaAuth("self-check", secret_key, clock=lambda: moment).auth_flow(request))
    credentials = signing.parse_authorization(signed.headers.get("Authorization", ""))
    path, _, sent = signed.url.raw_path.decode("ascii").partition("?")
    if credentials is None:
        return Check("signature", FAIL, "the Authorization header is not a well-formed CEA header")
    expected = signing.signature(secret_key, credentials.signed_date, "GET", path, sent)
    if sent != query:
        return Check("signature", FAIL, "the query sent differs from the one signed (re-encoded by the HTTP client)")
    if not hmac.compare_digest(credentials.signature, expected):
        return Check("signature", FAIL, "the signature does not verify")
    signed_at = signing.parse_signed_date(credentials.signed_date)
    if abs((signed_at - moment).total_seconds()) > 1:
        return Check("signature", FAIL, f"signed-date {credentials.signed_date} is not the signing time")
    return Check("signature", OK, "HMAC-SHA256 over the exact encoded path and query verifies locally")


def _consent(opts: Options, base_url: str, token: str | None) -> Check:
    vendor_id = opts.vendor_id or ""
    host = httpx.URL(base_url).host
    if host == "coupang.com" or host.endswith(".coupang.com"):  # no API tells; never probe the real gateway
        return Check("Rocket Growth consent", UNKNOWN, f"unknown (the gateway has no way to ask): {WING_CONSENT}")
    try:
        vendors: Any = Operator(base_url, token, opts.timeout).call("GET", f"{OPERATOR}/vendors")
    except (NotFoundError, PermissionDeniedError, AuthenticationError) as exc:
        why = "pass --admin-token for the sandbox's operator API" if isinstance(exc, PermissionDeniedError) else ""
        return Check("Rocket Growth consent", UNKNOWN, f"unknown{f' ({why})' if why else ''}: {WING_CONSENT}")
    except APIError as exc:
        return Check("Rocket Growth consent", UNKNOWN, f"unknown ({exc.message}): {WING_CONSENT}")
    rows = vendors if isinstance(vendors, list) else []
    agreed = next(
        (v.get("rocketGrowthConsent") for v in rows if isinstance(v, dict) and v.get("vendorId") == vendor_id), None
    )
    if agreed is True:
        return Check("Rocket Growth consent", OK, f"vendor {vendor_id} agreed to the Rocket Growth terms (sandbox)")
    if agreed is False:
        return Check(
            "Rocket Growth consent",
            FAIL,
            f"vendor {vendor_id} has not agreed: Rocket Growth creates and modifies are refused; {WING_CONSENT} "
            f"(sandbox: rocketgrowth sandbox vendors set-consent {vendor_id})",
        )
    return Check("Rocket Growth consent", UNKNOWN, f"unknown (vendor not listed by the operator API): {WING_CONSENT}")


def _rate(rate: float) -> Check:
    if rate <= 0:
        return Check("rate limit", UNKNOWN, "no client-side pacing (--rate 0): bulk commands will meet 429s")
    if rate > 2 * GATEWAY_RATE:
        return Check("rate limit", FAIL, f"--rate {rate:g}/s is above the gateway's 10 calls/s per vendor")
    if rate > GATEWAY_RATE:
        return Check("rate limit", UNKNOWN, f"--rate {rate:g}/s: above 5/s, which some vendors are held to")
    return Check("rate limit", OK, f"{rate:g} calls/s per vendor (gateway: 5–10/s)")


def _print(base_url: str, checks: list[Check]) -> None:
    console = Console(soft_wrap=True, highlight=False)
    console.print(f"rocketgrowth doctor: {escape(base_url)}")
    colours = {OK: "green", FAIL: "red", UNKNOWN: "yellow"}
    for check in checks:
        console.print(f"[{colours[check.mark]}]{check.mark}[/] {check.check:<22} {escape(check.detail)}")


def doctor(
    ctx: typer.Context,
    admin_token: Annotated[
        str | None,
        typer.Option("--admin-token", envvar="ROCKETGROWTH_ADMIN_TOKEN", help="Sandbox operator token (consent)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON")] = False,
) -> None:
    """Check clock, base URL, keys, signing, Rocket Growth consent and the rate; exit 1 on any ✗."""
    opts = options(ctx)
    base_url = (opts.base_url or DEFAULT_BASE_URL).rstrip("/")
    reach, response = _reach(base_url, opts.timeout)
    checks = [reach, _clock(response), _credentials(opts)]
    if response is not None and not checks[-1].failed:
        checks.append(_keys(opts))
    checks.append(signature_self_check(opts.secret_key or "self-check-secret"))
    if response is not None and opts.vendor_id:
        checks.append(_consent(opts, base_url, admin_token))
    checks.append(_rate(opts.rate))
    failed = any(check.failed for check in checks)
    if as_json:
        body = {"ok": not failed, "baseUrl": base_url, "checks": [asdict(check) for check in checks]}
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        _print(base_url, checks)
    if failed:
        raise typer.Exit(EXIT_FAILED)
