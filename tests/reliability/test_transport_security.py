"""Transport security: TLS verification that nothing can switch off, safe site addresses, no leaky redirects."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import re
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from openkey_gui.api import NetworkError, OpenKeyClient, ServerError, ValidationError
from openkey_gui.api import transport as transport_module
from openkey_gui.api.transport import ConnectFailed, Transport
from openkey_gui.api.urls import normalize_site_url
from openkey_gui.credentials import CredentialStore
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.preferences_dialog import PreferencesDialog
from openkey_gui.ui.settings import AppSettings
from tests.reliability.report import note
from tests.support import REQUIRE_ALL, MemoryKeyring

PACKAGE = Path(__file__).resolve().parents[2] / "openkey_gui"
CA_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE")


# -- a tiny local server whose answers each test chooses ------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.seen.append({"path": self.path, "headers": dict(self.headers)})  # type: ignore[attr-defined]
        status, headers, body = self.server.answer(self)  # type: ignore[attr-defined]
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if not any(name.lower() == "content-length" for name, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LocalServer:
    def __init__(self, answer: Any, *, tls: ssl.SSLContext | None = None) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.answer = answer  # type: ignore[attr-defined]
        self.httpd.seen = []  # type: ignore[attr-defined]
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def seen(self) -> list[dict[str, Any]]:
        return self.httpd.seen  # type: ignore[attr-defined,no-any-return]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def ok_status(_handler: BaseHTTPRequestHandler) -> tuple[int, list[tuple[str, str]], bytes]:
    body = json.dumps({"success": True, "message": "", "data": {"system_name": "local", "version": "v0"}})
    return 200, [("Content-Type", "application/json")], body.encode()


@pytest.fixture
def no_ca_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CA_VARIABLES:
        monkeypatch.setenv(name, "")


# -- TLS verification ----------------------------------------------------------------------------------


def test_empty_ca_variables_cannot_turn_verification_off(no_ca_env: None) -> None:
    transport = Transport("https://openkey.cloud", 5)
    assert transport.session.verify is True
    assert transport.verify is True
    assert transport.session.trust_env is False  # requests may not read CA (or .netrc) settings by itself
    # what requests would merge for a request, even if trust_env were switched back on
    transport.session.trust_env = True
    merged = transport.session.merge_environment_settings("https://openkey.cloud/api/status", {}, None,
                                                          transport.verify, None)
    assert merged["verify"] is True


def test_ca_variables_only_add_trust_never_remove_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "missing.pem"))
    monkeypatch.setenv("CURL_CA_BUNDLE", "")
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    assert Transport("https://openkey.cloud", 5).verify is True  # a missing file is ignored, not an OSError
    bundle = tmp_path / "company-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    assert Transport("https://openkey.cloud", 5).verify == str(bundle)  # other roots, still verifying


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:  # secretstorage (a test dependency on Linux) brings it
        if REQUIRE_ALL:
            pytest.fail("needs the cryptography package")
        pytest.skip("needs the cryptography package")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "openkey test")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[LocalServer, Path]]:
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = LocalServer(ok_status, tls=context)
    yield server, cert
    server.stop()


def test_untrusted_certificate_is_refused_whatever_is_set(tls_server: tuple[LocalServer, Path], no_ca_env: None,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    server, _cert = tls_server
    client = OpenKeyClient(f"https://127.0.0.1:{server.port}", timeout=3)
    with pytest.raises(ConnectFailed, match="could not be verified"):
        client.status()
    client._http.session.verify = False  # a careless script: every request still carries verify=True
    client._http.session.trust_env = True
    monkeypatch.setenv("CURL_CA_BUNDLE", "")
    with pytest.raises(ConnectFailed, match="could not be verified"):
        client.status(refresh=True)
    assert server.seen == []  # not one request got through
    note("transport security", "self-signed certificate refused, also with session.verify=False, "
                               "trust_env=True and CURL_CA_BUNDLE/REQUESTS_CA_BUNDLE empty")


def test_a_ca_the_user_names_is_trusted(tls_server: tuple[LocalServer, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    server, cert = tls_server
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    client = OpenKeyClient(f"https://127.0.0.1:{server.port}", timeout=3)
    assert client.status().system_name == "local"


# -- the UI has no way to turn verification off ---------------------------------------------------------

_INSECURE_WORDS = re.compile(r"(?i)\bverif|certificat|insecure|\bssl\b|\btls\b|不验证|证书")


def _texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle(), widget.toolTip(), widget.statusTip(), widget.whatsThis()]
    for child in widget.findChildren(QWidget):
        texts += [child.toolTip(), child.statusTip(), child.whatsThis()]
        if isinstance(child, (QAbstractButton, QLabel)):
            texts.append(child.text())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
    for action in widget.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in texts if t]


def test_no_setting_turns_tls_verification_off(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(str(tmp_path / "settings.ini"))
    window = MainWindow(settings, CredentialStore(MemoryKeyring()))
    qtbot.addWidget(window)
    sign_in = window.accounts.show_sign_in(None)
    preferences = PreferencesDialog(settings, window)
    qtbot.addWidget(preferences)
    offending = [t for w in (window, sign_in, preferences) for t in _texts(w) if _INSECURE_WORDS.search(t)]
    assert offending == []
    sign_in.reject()
    # …and no code path can: verify is only ever set to True
    sources = {p: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}
    assert not [p for p, s in sources.items() if re.search(r"verify\s*=\s*(False|0|None)\b", s)]
    assert not [p for p, s in sources.items() if "CERT_NONE" in s or "check_hostname = False" in s]


# -- the site address ---------------------------------------------------------------------------------

ACCEPTED = [
    ("openkey.cloud", "https://openkey.cloud"),
    ("https://OpenKey.Cloud/v1/", "https://openkey.cloud"),
    ("  https://example.com/oneapi/api  ", "https://example.com/oneapi"),
    ("http://127.0.0.1:3000", "http://127.0.0.1:3000"),
    ("http://localhost:3000/", "http://localhost:3000"),
    ("http://[::1]:8080", "http://[::1]:8080"),
    ("localhost:3000", "https://localhost:3000"),
    ("https://bücher.example", "https://xn--bcher-kva.example"),  # IDN: stored in its ASCII form
    ("https://中文.例子/v1", "https://xn--fiq228c.xn--fsqu00a"),
    ("https://xn--bcher-kva.example/", "https://xn--bcher-kva.example"),
    ("https://example.com/a/../v1", "https://example.com"),
    ("https://example.com/?tab=1#top", "https://example.com"),
]

REFUSED = [
    ("http://openkey.cloud", "unencrypted"),
    ("http://192.168.1.5:3000", "unencrypted"),
    ("http://10.0.0.1", "unencrypted"),
    ("http://localhost.evil.com", "unencrypted"),
    ("file:///etc/passwd", "not supported"),
    ("file:/etc/passwd", "not supported"),
    ("javascript:alert(1)", "not supported"),
    ("JavaScript:alert(1)//", "not supported"),
    ("data:text/html,hello", "not supported"),
    ("ftp://example.com", "not supported"),
    ("https://user:pw@example.com", "user name or password"),
    ("https://user@example.com", "user name or password"),
    ("https://:pw@example.com", "user name or password"),
    ("https://good.example@evil.example", "user name or password"),
    ("https://evil.example\\@good.example", "backslash"),
    ("https://good.example%40evil.example", "no valid host"),
    ("https://open key.cloud", "spaces or invisible"),
    ("https://openkey.cloud/\nHost: evil", "spaces or invisible"),
    ("https://openkey.cloud\x00.evil", "spaces or invisible"),
    ("https://openkey\u200b.cloud", "spaces or invisible"),
    ("https://\u202eduolc.yekNepo", "spaces or invisible"),
    ("https://example.com:0", "invalid port"),
    ("https://example.com:99999", "invalid port"),
    ("https://exa..mple.com", "no valid host"),
    ("https://", "no valid host"),
    ("https:openkey.cloud", "https://host"),
    ("https://" + "a" * 3000 + ".com", "too long"),
]


@pytest.mark.parametrize(("typed", "normal"), ACCEPTED)
def test_site_address_is_normalised(typed: str, normal: str) -> None:
    assert normalize_site_url(typed) == normal


@pytest.mark.parametrize(("typed", "words"), REFUSED)
def test_unsafe_site_address_is_refused(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(words)) as refused:
        normalize_site_url(typed)
    assert refused.value.field == "server_url"


# The rules the report names, each with the refusal message its cases in REFUSED carry.
REPORTED_RULES = {
    "http:// beyond loopback": "unencrypted",
    "credentials": "user name or password",
    "file:/javascript:/data:": "not supported",
    "whitespace and control characters": "spaces or invisible",
    "backslashes": "backslash",
    "bad ports": "invalid port",
}


def _refusal(typed: str) -> str | None:
    """The refusal message for ``typed``, or None if it is accepted."""
    try:
        normalize_site_url(typed)
    except ValidationError as exc:
        return str(exc)
    return None


def test_address_rules_are_reported() -> None:
    """The report's line is true: its counts are what the rules do, and every rule it names is exercised."""
    misread = [typed for typed, normal in ACCEPTED
               if _refusal(typed) is not None or normalize_site_url(typed) != normal]
    assert misread == []
    refusals = {typed: _refusal(typed) for typed, _words in REFUSED}
    assert [typed for typed, message in refusals.items() if message is None] == []
    for rule, words in REPORTED_RULES.items():
        cases = [typed for typed, expected in REFUSED if expected == words]
        assert cases, f"the report names {rule!r}, but no refused address exercises it"
        assert [typed for typed in cases if words not in (refusals[typed] or "")] == []
    assert {"file", "javascript", "data"} <= {typed.split(":", 1)[0].lower() for typed, words in REFUSED
                                                if words == "not supported"}
    plain = [normal for _typed, normal in ACCEPTED if normal.startswith("http://")]
    assert plain and {urlsplit(normal).hostname for normal in plain} <= {"127.0.0.1", "localhost", "::1"}
    note("transport security", f"site addresses: {len(ACCEPTED)} normalised forms accepted, {len(REFUSED)} unsafe "
                               f"ones refused ({', '.join(REPORTED_RULES)})")


# -- redirects, .netrc, oversized answers ----------------------------------------------------------------


def test_redirect_to_another_site_is_refused() -> None:
    def answer(handler: BaseHTTPRequestHandler) -> tuple[int, list[tuple[str, str]], bytes]:
        return 307, [("Location", "https://evil.example/api/status")], b""

    server = LocalServer(answer)
    try:
        transport = Transport(f"http://127.0.0.1:{server.port}", 3)
        transport.set_header("Authorization", "Bearer local-secret")
        with pytest.raises(ServerError, match=r"redirected the request to https://evil\.example"):
            transport.call("GET", "/api/status")
    finally:
        server.stop()


def test_redirect_to_plain_http_or_another_port_is_refused() -> None:
    target = LocalServer(ok_status)

    def answer(handler: BaseHTTPRequestHandler) -> tuple[int, list[tuple[str, str]], bytes]:
        return 302, [("Location", f"http://127.0.0.1:{target.port}/api/status")], b""

    server = LocalServer(answer)
    try:
        with pytest.raises(ServerError, match="redirected"):
            Transport(f"http://127.0.0.1:{server.port}", 3).call("GET", "/api/status")
        assert target.seen == []  # the cookie and headers never went to the other origin
    finally:
        server.stop()
        target.stop()


def test_redirect_within_the_site_is_followed() -> None:
    def answer(handler: BaseHTTPRequestHandler) -> tuple[int, list[tuple[str, str]], bytes]:
        if handler.path.startswith("/old"):
            return 301, [("Location", "/api/status")], b""
        return ok_status(handler)

    server = LocalServer(answer)
    try:
        assert Transport(f"http://127.0.0.1:{server.port}", 3).call("GET", "/old/status")["success"] is True
    finally:
        server.stop()


def test_netrc_cannot_replace_the_authorization(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password from-netrc\n", encoding="ascii")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    server = LocalServer(ok_status)
    try:
        transport = Transport(f"http://127.0.0.1:{server.port}", 3)
        transport.set_header("Authorization", "Bearer the-access-token")
        transport.call("GET", "/api/status")
        assert server.seen[0]["headers"].get("Authorization") == "Bearer the-access-token"
    finally:
        server.stop()


def test_oversized_answer_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport_module, "MAX_BODY_BYTES", 10_000)

    def declared(handler: BaseHTTPRequestHandler) -> tuple[int, list[tuple[str, str]], bytes]:
        return 200, [("Content-Type", "application/json")], b'{"success":true,"data":"' + b"x" * 20_000 + b'"}'

    server = LocalServer(declared)
    try:
        with pytest.raises(ServerError, match="larger than"):
            Transport(f"http://127.0.0.1:{server.port}", 3).call("GET", "/api/status")
    finally:
        server.stop()


def test_refused_connection_says_nothing_was_sent() -> None:
    server = LocalServer(ok_status)
    port = server.port
    server.stop()
    with pytest.raises(ConnectFailed, match="Cannot reach") as refused:
        Transport(f"http://127.0.0.1:{port}", 2).call("POST", "/api/token/", json_body={"name": "x"})
    assert isinstance(refused.value, NetworkError)
