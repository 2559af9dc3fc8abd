"""``create_app``: what the app answers, whatever its route table looks like inside. ``/health`` answers; every
path of the gateway's APIs (seller_api, openapi) refuses an unsigned call with the gateway's 401 before it
reads a parameter or the body; the operator's paths are not signed; every answer is the API's JSON."""

from __future__ import annotations

import re

import httpx

from rocketgrowth.api.errors import NOT_AUTHORIZED
from tests.conftest import LiveServer

#: a body no route accepts: whoever reads it refuses it (400), so a 401 means the body was never read
BAD_BODY = b'{"not json'


def _operations(client: httpx.Client) -> list[tuple[str, str]]:
    """Every documented (method, path) of the app, its path parameters filled with a plausible value."""
    document = client.get("/openapi.json").json()
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "1", path))
        for path, item in document["paths"].items()
        for method in item
        if method in ("get", "post", "put", "delete", "patch")
    ]


def test_health_answers(live: LiveServer) -> None:
    response = httpx.get(f"{live.base_url}/health")
    assert response.status_code == 200
    assert response.json() == {"code": "SUCCESS", "message": "ok"}


def test_the_gateways_paths_are_signed_and_the_operators_are_not(live: LiveServer) -> None:
    with httpx.Client(base_url=live.base_url, timeout=30) as client:
        operations = _operations(client)
        gateway = [op for op in operations if op[1].startswith("/v2/providers/")]
        operator = [op for op in operations if op[1].startswith("/sandbox/v1/")]
        assert len(gateway) >= 20
        assert len(operator) >= 10
        assert len(gateway) + len(operator) == len(operations), operations
        for method, path in gateway:
            response = client.request(
                method, path, content=BAD_BODY, params={"vendorId": "x"}, headers={"content-type": "application/json"}
            )
            assert response.status_code == 401, (method, path, response.text)
            assert response.json()["message"] == NOT_AUTHORIZED
            assert response.headers["content-type"] == "application/json;charset=UTF-8"
        for method, path in operator:
            # loopback without an admin token: the operator API answers (a bad body gets the API's 400)
            response = client.request(method, path, content=BAD_BODY, headers={"content-type": "application/json"})
            assert response.status_code in (200, 400, 404), (method, path, response.text)
            assert response.headers["content-type"] == "application/json;charset=UTF-8", (method, path)
            if response.status_code != 200:
                assert response.json()["code"] == "ERROR", (method, path, response.text)
