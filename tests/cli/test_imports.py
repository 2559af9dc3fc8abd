"""The CLI is a client: running it (even the offline preflight) loads none of the server's dependencies,
so ``pip install rocketgrowth[cli]`` is enough."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import Cli, demo_category, write_json
from tests.payloads import rocket_growth_payload

SERVER_ONLY = (
    "fastapi",
    "starlette",
    "uvicorn",
    "granian",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "redis",
    "orjson",
    "jinja2",
)
SCRIPT = """
import json, sys
from typer.testing import CliRunner
from rocketgrowth.cli.main import app
result = CliRunner().invoke(app, sys.argv[1:])
loaded = [name for name in {modules!r} if name in sys.modules]
print(json.dumps({{"exit": result.exit_code, "loaded": loaded, "output": result.stdout}}))
"""


def run_isolated(*args: str) -> dict[str, object]:
    script = SCRIPT.format(modules=SERVER_ONLY)
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60, check=True)
    body: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return body


def test_help_loads_no_server_dependency() -> None:
    body = run_isolated("--help")
    assert body["exit"] == 0
    assert body["loaded"] == []


def test_offline_validate_loads_no_server_dependency(cli: Cli, tmp_path: Path) -> None:
    code = demo_category("RG")
    meta = write_json(tmp_path, "meta.json", cli.ok("categories", "get-meta", str(code)))
    payload = write_json(tmp_path, "p.json", rocket_growth_payload(cli.live.services, cli.keys.vendor_id, code))
    body = run_isolated("products", "validate", payload, "--meta", meta)
    assert body["exit"] == 0, body
    assert json.loads(str(body["output"]))["valid"] is True
    assert body["loaded"] == []
