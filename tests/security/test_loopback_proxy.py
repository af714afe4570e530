"""No proxy ever sees a request to this machine, whatever the environment or the session says.

A plain-http site on 127.0.0.1 (the demo, a self-hosted One API) gets the password in clear text; with
``HTTP_PROXY`` set and no ``NO_PROXY``, requests would hand that request to the proxy. Here a recording
proxy listens on 127.0.0.1 and every proxy variable points at it: it must see nothing, and a remote
site must still go through it (a company proxy keeps working). Nothing leaves this machine: the
"remote" request is answered by the recording proxy itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from openkey_gui.api import OpenKeyClient
from openkey_gui.api.transport import ConnectFailed, Transport
from openkey_gui.demo import DemoServer

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


class _RecordingProxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.seen.append((self.command, self.path, body))  # type: ignore[attr-defined]
        self.send_response(502)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_CONNECT = _record

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[tuple[str, list[tuple[str, str, bytes]]]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RecordingProxy)
    httpd.daemon_threads = True
    httpd.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd.seen  # type: ignore[attr-defined]
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def proxied_env(monkeypatch: pytest.MonkeyPatch, proxy: tuple[str, list[Any]]) -> list[tuple[str, str, bytes]]:
    address, seen = proxy
    for name in PROXY_VARIABLES:
        monkeypatch.setenv(name, address)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    return seen


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_password_sign_in_to_a_loopback_site_bypasses_every_proxy_variable(
    proxied_env: list[tuple[str, str, bytes]], host: str
) -> None:
    with DemoServer(flavor="new-api", tokens=3) as server:
        url = server.url.replace("127.0.0.1", host)
        client = OpenKeyClient(url, timeout=5)
        try:
            client.login(server.username, server.password)
            assert [t.name for t in client.list_tokens()]
        finally:
            client.close()
    assert proxied_env == [], "the proxy saw a request to this machine (the password went through it)"


def test_session_proxies_cannot_route_a_loopback_request(proxied_env: list[tuple[str, str, bytes]]) -> None:
    address = "http://127.0.0.1:9"  # never used: nothing may even try it
    with DemoServer(flavor="one-api", tokens=1) as server:
        transport = Transport(server.url, 5)
        transport.session.proxies = {"http": address, "https": address, "all": address}
        transport.session.trust_env = True  # even if someone switched the environment back on
        try:
            body = {"username": server.username, "password": server.password}
            assert transport.call("POST", "/api/user/login", json_body=body)["success"] is True
        finally:
            transport.close()
    assert proxied_env == []


def test_a_remote_site_still_uses_the_configured_proxy(proxied_env: list[tuple[str, str, bytes]]) -> None:
    """The company proxy keeps working for real sites; the recording proxy answers 502 itself."""
    transport = Transport("https://openkey.example", 5)
    try:
        with pytest.raises(ConnectFailed, match="proxy"):
            transport.call("GET", "/api/status")
    finally:
        transport.close()
    assert [(method, path) for method, path, _ in proxied_env] == [("CONNECT", "openkey.example:443")]
