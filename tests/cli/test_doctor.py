"""``rocketgrowth doctor`` against the live sandbox: green with good keys, red with a wrong secret."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from rocketgrowth.cli.doctor import FAIL, OK, UNKNOWN, _reached, signature_self_check
from tests.cli.conftest import Cli, global_args, invoke
from tests.conftest import LiveServer, VendorKeys, make_vendor


def checks_of(stdout: str) -> dict[str, dict[str, str]]:
    body = json.loads(stdout)
    return {check["check"]: check for check in body["checks"]}


def test_green_against_the_sandbox(cli: Cli) -> None:
    result = cli.run("doctor", "--json", rate="4")
    assert result.exit_code == 0, result.stdout + result.stderr
    checks = checks_of(result.stdout)
    for name in ("base URL", "clock", "credentials", "keys", "signature", "Rocket Growth consent", "rate limit"):
        assert checks[name]["mark"] == OK, checks[name]
    assert cli.keys.vendor_id in checks["keys"]["detail"]
    # in words: what was checked, not the status of a path that is no API ("HTTP 404")
    assert checks["base URL"]["detail"].startswith(f"{cli.live.base_url} is reachable: a server answered in ")
    assert "HTTP" not in checks["base URL"]["detail"]


def test_red_without_the_rocket_growth_consent(live: LiveServer) -> None:
    keys = make_vendor(live.services, consent=False)
    result = invoke([*global_args(live, keys, rate="4"), "doctor", "--json"])
    assert result.exit_code == 1
    checks = checks_of(result.stdout)
    assert checks["keys"]["mark"] == OK
    assert checks["Rocket Growth consent"]["mark"] == FAIL
    assert "WING" in checks["Rocket Growth consent"]["detail"]
    assert f"rocketgrowth sandbox vendors set-consent {keys.vendor_id}" in checks["Rocket Growth consent"]["detail"]


def test_checklist_is_printed_with_marks(cli: Cli) -> None:
    result = cli.run("doctor", rate="4")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"rocketgrowth doctor: {cli.live.base_url}" in result.stdout
    assert result.stdout.count("✓") >= 6
    assert "✗" not in result.stdout


def test_red_with_a_wrong_secret(live: LiveServer, vendor: VendorKeys) -> None:
    wrong = VendorKeys(vendor.vendor_id, vendor.access_key, "not-the-secret")
    result = invoke([*global_args(live, wrong, rate="4"), "doctor", "--json"])
    assert result.exit_code == 1
    checks = checks_of(result.stdout)
    assert checks["keys"]["mark"] == FAIL
    assert "Invalid signature" in checks["keys"]["detail"]
    assert checks["signature"]["mark"] == OK  # signing itself works: the secret is what is wrong
    assert json.loads(result.stdout)["ok"] is False


def test_red_without_keys_and_with_a_reckless_rate(live: LiveServer) -> None:
    result = invoke([*global_args(live, None, rate="50"), "doctor", "--json"])
    assert result.exit_code == 1
    checks = checks_of(result.stdout)
    assert checks["base URL"]["mark"] == OK
    assert checks["credentials"]["mark"] == FAIL
    assert "keys" not in checks
    assert checks["rate limit"]["mark"] == FAIL


def test_red_when_the_base_url_does_not_answer() -> None:
    result = invoke(["--base-url", "http://127.0.0.1:9", "--timeout", "2", "doctor", "--json"])
    assert result.exit_code == 1
    checks = checks_of(result.stdout)
    assert checks["base URL"]["mark"] == FAIL
    assert checks["base URL"]["detail"] == (
        "http://127.0.0.1:9 unreachable: nothing listens there, or the host name does not resolve "
        "(is the server started?)"
    )


def test_a_server_error_at_the_base_url_is_worth_a_look() -> None:
    check = _reached("http://example.test", 503, 12.0)
    assert check.mark == UNKNOWN
    assert "HTTP 503" in check.detail
    assert (
        _reached("http://example.test", 404, 12.4).detail
        == "http://example.test is reachable: a server answered in 12 ms"
    )


def test_signature_self_check_is_deterministic() -> None:
    moment = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    check = signature_self_check("secret", now=moment)
    assert check.mark == OK, check
