"""The built package on its own: ``python -m build`` (sdist, then the wheel from it), the wheel installed
with ``[server]`` into an empty venv (pins from ``requirements.lock``), and ``rocketgrowth serve --demo``
run from there, away from this checkout, answering with what the wheel must carry: the console's
templates and stylesheet, the API docs' files, the migrations (the demo vendor's key is stored, a signed call finds it) and
the category catalog."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rocketgrowth.domain.categories import DEMO_MARKETPLACE_CATEGORY
from rocketgrowth.sdk._auth import CeaAuth
from rocketgrowth.sdk._client import tls_context
from tests.conftest import SELLER, free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def run(*command: str | Path, cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, env=_clean_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command}: {done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _clean_env() -> dict[str, str]:
    """This process's environment without what would let the checkout's sources leak in."""
    return {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty venv holding only the built wheel with its ``server`` extra."""
    tmp = tmp_path_factory.mktemp("packaging")
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", tmp / "dist", ROOT, cwd=tmp)
    (wheel,) = (tmp / "dist").glob("rocketgrowth-*.whl")
    pins = [line.split()[0] for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line]
    constraints = tmp / "constraints.txt"
    constraints.write_text("\n".join(line for line in pins if not line.startswith("#")) + "\n")
    run(sys.executable, "-m", "venv", tmp / "venv", cwd=tmp)
    run(tmp / "venv/bin/pip", "install", "-q", "--no-compile", "-c", constraints, f"{wheel}[server]", cwd=tmp)
    return tmp / "venv"


@pytest.fixture(scope="module")
def served(venv: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """``rocketgrowth serve --demo`` from the wheel's venv: the base URL and the demo vendor's keys."""
    home = venv.parent / "home"
    home.mkdir()
    port = free_port()
    command = [venv / "bin/rocketgrowth", "serve", "--demo", "--db", f"sqlite:///{home}/demo.db", "--port", str(port)]
    log = home / "serve.log"
    with log.open("w") as sink:
        process = subprocess.Popen(command, cwd=home, env=_clean_env(), stdout=sink, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            try:
                if httpx.get(f"{base_url}/health", timeout=2, verify=tls_context()).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        keys = json.loads(log.read_text().splitlines()[0])
        yield base_url, keys
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_wheel_is_what_runs(venv: Path) -> None:
    location = run(venv / "bin/python", "-c", "import rocketgrowth; print(rocketgrowth.__file__)", cwd=venv)
    assert Path(location.strip()).is_relative_to(venv)
    assert not Path(location.strip()).is_relative_to(ROOT)


def test_console_pages_and_stylesheet(served: tuple[str, dict[str, str]]) -> None:
    base_url, _ = served
    page = httpx.get(f"{base_url}/console", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    stylesheet = re.search(r'href="([^"]+\.css)"', page.text)
    assert stylesheet is not None, page.text[:500]
    css = httpx.get(f"{base_url}{stylesheet[1]}", timeout=10)
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert css.text.strip()


def test_api_docs_files(served: tuple[str, dict[str, str]]) -> None:
    base_url, _ = served
    assert "swagger-ui-bundle.js" in httpx.get(f"{base_url}/docs", timeout=10).text
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        assert httpx.get(f"{base_url}/docs/assets/{name}", timeout=10).status_code == 200, name


def test_signed_calls_read_the_migrated_store_and_the_catalog(served: tuple[str, dict[str, str]]) -> None:
    base_url, keys = served
    auth = CeaAuth(keys["accessKey"], keys["secretKey"])
    with httpx.Client(base_url=base_url, auth=auth, timeout=10) as client:
        node = client.get(f"{SELLER}/meta/display-categories/{DEMO_MARKETPLACE_CATEGORY}")
        meta = client.get(f"{SELLER}/meta/category-related-metas/display-category-codes/{DEMO_MARKETPLACE_CATEGORY}")
    assert node.status_code == 200, node.text
    assert node.json()["code"] == "SUCCESS"
    assert meta.status_code == 200, meta.text
    assert meta.json()["data"]["attributes"]
