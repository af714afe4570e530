"""Every exchange recorded from a real New API v1.0 (2026-08, after the auth rewrite), read by the client.

Each recorded answer is served again, byte for byte with its status and headers, by a local replay server,
and fetched with the client's real transport: a success must decode and parse with the matching parser,
a failure must become the right error class carrying the server's ``code``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from openkey_gui.api import ApiError, AuthError, AuthScheme, Flavor, RateLimitError
from openkey_gui.api.bearer import is_bundle
from openkey_gui.api.parse import (
    detect_auth_scheme,
    parse_account,
    parse_login_sessions,
    parse_model_names,
    parse_status,
    parse_token,
    parse_token_page,
)
from openkey_gui.api.transport import Transport

SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
V1 = SHARED / "new-api-2026-08"
CLASSIC = SHARED / "new-api-2026-04"
# Hop-by-hop or length headers the replay server writes itself.
_SKIP_HEADERS = {"content-length", "transfer-encoding", "connection", "date"}


def exchanges() -> list[Path]:
    return sorted(V1.glob("*.json"))


def management_exchanges() -> list[Path]:
    """The dashboard routes; the routes a key authenticates itself (``Bearer sk-…``: /v1/models,
    /api/usage/token/, /api/log/token) are read by the key check, tested with its own parser."""
    return [p for p in exchanges() if not load(p)["request"]["auth"].startswith("Bearer sk-")]


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


class _Replay(BaseHTTPRequestHandler):
    """Answers every request with the one recorded response it is told to play."""

    protocol_version = "HTTP/1.1"
    answer: ClassVar[dict[str, Any]] = {}

    def _play(self) -> None:
        response = self.answer
        body = b"" if response["body"] is None else json.dumps(response["body"], ensure_ascii=False).encode()
        self.send_response(response["status"])
        for name, value in response["headers"].items():
            if name.lower() not in _SKIP_HEADERS:
                self.send_header(name, value.replace("<redacted>", "replayed-cookie-value"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _play

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def replay() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Replay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_set_is_complete() -> None:
    assert len(exchanges()) == 110  # a missing shared/ folder must not turn the tests below into nothing
    assert len(management_exchanges()) == 106


@pytest.mark.parametrize("path", management_exchanges(), ids=lambda p: p.name)
def test_every_exchange_is_read(path: Path, replay: str) -> None:
    recorded = load(path)
    request, response = recorded["request"], recorded["response"]
    _Replay.answer = response
    transport = Transport(replay, 5)
    method = request["method"]
    route = request["path"]
    body = response["body"]
    if not isinstance(body, dict) or body.get("success") is not True:
        with pytest.raises(ApiError) as raised:
            transport.call(method, route)
        error = raised.value
        assert error.status_code == response["status"]
        if isinstance(body, dict) and body.get("code"):
            assert error.code == body["code"]
            assert isinstance(error, AuthError) == (response["status"] in (401, 403))
        if response["status"] == 429:
            assert isinstance(error, RateLimitError) and error.retry_after == 1200
            assert "20 min" in str(error)
        return
    envelope = transport.call(method, route)
    data = envelope.get("data")
    _parse(route, data)
    if is_bundle(data):
        assert transport.take_cookie("new_api_refresh") == (
            "replayed-cookie-value" if "Set-Cookie" in response["headers"] else None
        )


def _parse(route: str, data: Any) -> None:
    """The parser the client uses for this route's answer, which must accept it and find what it says."""
    path = route.split("?", 1)[0]
    if path == "/api/status":
        status = parse_status(data)
        assert status.flavor is Flavor.NEW_API and status.auth_scheme is AuthScheme.BEARER
    elif is_bundle(data):
        if "user" in data:  # 2FA enabling answers a bundle without the user (085)
            assert parse_account(data["user"]).id >= 1
        assert data["token_type"] == "Bearer" and data["session"]["sid"]
    elif path == "/api/user/sessions":
        sessions = parse_login_sessions(data)
        assert sessions and sessions[0].current and sessions[0].expires_at is not None
    elif path == "/api/user/self":
        assert parse_account(data).id >= 1
    elif path.startswith("/api/token/") and isinstance(data, dict) and "items" in data:
        parse_token_page(data)
    elif path.startswith("/api/token/") and isinstance(data, dict) and "key" in data and "id" in data:
        assert parse_token(data).key_is_masked
    elif path in ("/api/user/models", "/v1/models"):
        parse_model_names(data)


def test_status_tells_v1_from_classic() -> None:
    v1 = load(V1 / "001_status.json")["response"]["body"]["data"]
    classic = load(CLASSIC / "01_status.json")["data"]
    assert detect_auth_scheme(v1) is AuthScheme.BEARER
    assert detect_auth_scheme(classic) is AuthScheme.COOKIE
    assert parse_status(classic).auth_scheme is AuthScheme.COOKIE


def test_two_factor_answer_is_not_a_bundle() -> None:
    data = load(V1 / "089_login_alice_requires_2fa.json")["response"]["body"]["data"]
    assert data["require_2fa"] is True and data["flow_token"]
    assert not is_bundle(data)
