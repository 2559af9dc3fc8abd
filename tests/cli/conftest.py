"""CLI test helpers: run ``rocketgrowth`` through its entry point (``CliRunner`` on the real app object)
against the live sandbox, signed with a vendor's keys."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from rocketgrowth.cli.main import app
from tests.conftest import LiveServer, VendorKeys

#: nothing from the developer's shell may leak into a test run
CLEAN_ENV: dict[str, str | None] = {
    "COUPANG_BASE_URL": None,
    "COUPANG_ACCESS_KEY": None,
    "COUPANG_SECRET_KEY": None,
    "COUPANG_VENDOR_ID": None,
    "ROCKETGROWTH_ADMIN_TOKEN": None,
}


def global_args(live: LiveServer, keys: VendorKeys | None, *, rate: str = "0") -> list[str]:
    args = ["--base-url", live.base_url, "--rate", rate]
    if keys is not None:
        args += ["--access-key", keys.access_key, "--secret-key", keys.secret_key, "--vendor-id", keys.vendor_id]
    return args


def invoke(args: Sequence[str], *, input: str | None = None) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, list(args), input=input)


@dataclass
class Cli:
    """``rocketgrowth`` bound to the live server and one vendor."""

    live: LiveServer
    keys: VendorKeys

    def run(self, *args: str, input: str | None = None, rate: str = "0") -> Result:
        return invoke([*global_args(self.live, self.keys, rate=rate), *args], input=input)

    def ok(self, *args: str) -> Any:
        """Run, expect exit 0, return the JSON printed on stdout."""
        result = self.run(*args)
        assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return json.loads(result.stdout)

    def error(self, *args: str, exit_code: int) -> dict[str, Any]:
        """Run, expect ``exit_code``, return the error JSON printed on stderr."""
        result = self.run(*args)
        assert result.exit_code == exit_code, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
        body: dict[str, Any] = json.loads(result.stderr.strip().splitlines()[-1])
        return body


@pytest.fixture
def cli(live: LiveServer, vendor: VendorKeys) -> Cli:
    return Cli(live, vendor)
