"""``openkey-gui --self-test``: prove that this build of the app works, in one line, without a display.

Why it exists: a frozen app (PyInstaller) can build without error and still be broken for users — a Qt
plugin trimmed too far, the translations left out, or keyring's backends missing so that "Remember me"
silently stops working. Every smoke test (``.ci/run``, the release workflow, ``tests/test_packaging.py``)
runs this against the real, installed build, so it exercises the same code paths a user's first start
does: QApplication, the SVG icon, both translation catalogues, the main window signing in to a demo
server over real HTTP and listing its tokens, and the OS keyring.

It prints exactly one line on stdout — ``self-test ok: …`` (exit status 0) or ``self-test FAILED: <reason>``
(exit status 1) — and, when ``OPENKEY_SELF_TEST_REPORT`` names a file, writes the same line there:
a windowed Windows executable has no stdout to read.

``OPENKEY_SELF_TEST_KEYRING_ROUNDTRIP=1`` additionally stores, reads back and deletes a throwaway
credential in the keyring (for CI machines with a disposable keyring; off by default so that running the
self-test on a user's machine never writes to their keyring).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_TOKENS = 100
TIMEOUT_S = 30.0
LANGUAGE = "zh_CN"
REPORT_ENV = "OPENKEY_SELF_TEST_REPORT"
ROUNDTRIP_ENV = "OPENKEY_SELF_TEST_KEYRING_ROUNDTRIP"
NO_SECRET_SERVICE = "none (no Secret Service)"


class SelfTestFailure(Exception):
    """A check failed; the message is the reason shown after ``self-test FAILED:``."""


@dataclass(frozen=True)
class Report:
    """What the one-line report says."""

    version: str
    tokens: int
    seconds: float
    keyring: str
    translations: str
    qt: str

    def line(self) -> str:
        return (f"self-test ok: version {self.version}, {self.tokens} tokens listed in {self.seconds:.2f} s, "
                f"keyring={self.keyring}, translations={self.translations}, qt={self.qt}")


def run_self_test() -> int:
    """Run every check; print the one-line report; 0 when all passed, 1 otherwise."""
    try:
        line = run_checks().line()
        status = 0
    except SelfTestFailure as exc:
        line, status = f"self-test FAILED: {exc}", 1
    except Exception as exc:  # an unexpected crash is a failed self-test too, and must say what broke
        line, status = f"self-test FAILED: unexpected {type(exc).__name__}: {exc}", 1
    _emit(line)
    return status


def run_checks(*, timeout: float = TIMEOUT_S) -> Report:
    """The checks themselves; raises :class:`SelfTestFailure` at the first one that fails."""
    # Before the first Qt import: the self-test must run on a machine (or CI job) without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QApplication

        from openkey_gui import __version__
    except ImportError as exc:  # the bundle is missing a module: say which
        raise SelfTestFailure(f"cannot import {exc.name or exc}") from None

    _quiet_offscreen_warning()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("OpenKey Desktop")
    app.setOrganizationName("OpenKey")
    app.setApplicationVersion(__version__)

    check_icon()
    translators = check_translations(app)
    tokens, seconds = check_main_window(app, timeout)
    keyring_name = check_keyring()
    del translators
    return Report(version=__version__, tokens=tokens, seconds=seconds, keyring=keyring_name,
                  translations=LANGUAGE, qt=qVersion())


def _quiet_offscreen_warning() -> None:
    """Pass Qt's messages on to stderr, except the offscreen platform's harmless size-hint complaint.

    The offscreen plugin warns whenever a shown window's size hints change; printed twice per run it
    would only teach people to ignore the self-test's stderr, where a real problem would show.
    """
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode: Any, _context: Any, message: str) -> None:
        if "does not support propagateSizeHints" not in message and sys.stderr is not None:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


# -- resources ------------------------------------------------------------------------------------------


def check_icon() -> None:
    """The SVG app icon exists and Qt can draw it (needs the bundled svg imageformat and iconengine plugins)."""
    from PySide6.QtGui import QIcon, QImageReader

    from openkey_gui.resources import resource_path

    svg = resource_path("icons", "openkey.svg")
    if not svg.is_file():
        raise SelfTestFailure(f"icon missing: {svg}")
    if not QImageReader(str(svg)).canRead():
        raise SelfTestFailure("Qt cannot read the SVG icon: the 'svg' imageformats plugin is missing")
    pixmap = QIcon(str(svg)).pixmap(32, 32)
    if pixmap.isNull():
        raise SelfTestFailure("Qt cannot draw the SVG icon: the 'svg' iconengines plugin is missing")


def check_translations(app: Any) -> list[Any]:
    """Both catalogues load — ours from resources/, Qt's own from Qt's translations folder — and get installed."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from openkey_gui.resources import resource_path
    from openkey_gui.ui.i18n import install_translators

    ours = resource_path("translations", f"openkey_{LANGUAGE}.qm")
    if not ours.is_file():
        raise SelfTestFailure(f"translation missing: {ours}")
    probe = QTranslator()
    if not probe.load(str(ours)) or probe.isEmpty():
        raise SelfTestFailure(f"translation does not load: {ours}")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_probe = QTranslator()
    if not qt_probe.load(f"qtbase_{LANGUAGE}", qt_dir) or qt_probe.isEmpty():
        raise SelfTestFailure(f"Qt's own translation qtbase_{LANGUAGE}.qm is missing from {qt_dir}")
    installed = install_translators(app, LANGUAGE)
    if len(installed) != 2:
        raise SelfTestFailure(f"install_translators({LANGUAGE!r}) installed {len(installed)} catalogues, not 2")
    return installed


# -- the main window against the demo server ------------------------------------------------------------


def check_main_window(app: Any, timeout: float) -> tuple[int, float]:
    """Sign the real main window in to an in-process demo server; time until the table lists every token."""
    from openkey_gui.credentials import CredentialStore, SignInMode
    from openkey_gui.demo import DemoServer
    from openkey_gui.session import SignInRequest
    from openkey_gui.ui.main_window import MainWindow
    from openkey_gui.ui.settings import AppSettings

    # A settings file of its own: the self-test must neither read nor change the user's settings. (Never
    # os.devnull: QSettings saves by renaming a temporary file over the target.)
    with tempfile.TemporaryDirectory(prefix="openkey-self-test-") as folder, \
            _running(DemoServer(tokens=DEMO_TOKENS, critical_rate_limit=None)) as server:
        window = MainWindow(AppSettings(str(Path(folder) / "settings.ini")), CredentialStore())
        try:
            window.show()
            errors: list[str] = []
            window.controller.failed.connect(lambda message, _retry: errors.append(str(message)))
            request = SignInRequest(server_url=server.url, mode=SignInMode.PASSWORD, username=server.username,
                                    password=server.password)
            started = time.perf_counter()
            window.accounts.sign_in_with(request, on_error=lambda exc: errors.append(f"sign-in failed: {exc}"),
                                         demo=True)
            _wait_until(app, lambda: bool(errors) or window.model.rowCount() >= DEMO_TOKENS, timeout)
            seconds = time.perf_counter() - started
            if errors:
                raise SelfTestFailure(errors[0])
            listed = window.model.rowCount()
            if listed != DEMO_TOKENS:
                raise SelfTestFailure(f"the window listed {listed} of {DEMO_TOKENS} demo tokens after {timeout:.0f} s")
            if window.proxy.rowCount() != DEMO_TOKENS:
                raise SelfTestFailure(f"the table shows {window.proxy.rowCount()} of {DEMO_TOKENS} tokens")
            if window.grab().isNull():
                raise SelfTestFailure("the main window cannot be painted")
        finally:
            window.runner.cancel_all()
            window.runner.wait_for_done(3000)
            window.close()
            window.deleteLater()
            _process_events(app, 0.05)
    return listed, seconds


@contextlib.contextmanager
def _running(server: Any) -> Iterator[Any]:
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _wait_until(app: Any, done: Callable[[], bool], timeout: float) -> None:
    """Process events until ``done()`` or the timeout; the GUI thread must keep running for results to arrive."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        _process_events(app, 0.01)


def _process_events(app: Any, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop

    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, max(1, int(seconds * 1000)))
    app.sendPostedEvents()
    time.sleep(seconds / 2)


# -- keyring --------------------------------------------------------------------------------------------


def check_keyring() -> str:
    """A real keyring backend wherever the OS has one; its short name (e.g. ``SecretService.Keyring``).

    Windows and macOS always have one, so the fail backend there means the build lost keyring's backends
    or their entry-point metadata. On Linux a keyring exists only when a Secret Service answers on the
    D-Bus session bus; without one, "none" is the honest answer and not a failure.
    """
    from openkey_gui.credentials import CredentialStore

    store = CredentialStore()
    name = store.backend_name().removeprefix("keyring.backends.")
    if sys.platform not in ("win32", "darwin") and not secret_service_reachable():
        return NO_SECRET_SERVICE
    if not store.available():
        raise SelfTestFailure(f"no usable keyring backend (got {name}): the build is missing keyring's "
                              "backends or their entry-point metadata")
    if os.environ.get(ROUNDTRIP_ENV) == "1":
        keyring_roundtrip(store)
    return name


def secret_service_reachable() -> bool:
    """True when a Secret Service runs on (or can be started through) the D-Bus session bus.

    The same test keyring's SecretService backend makes, so "reachable" here means "keyring must use it".
    secretstorage itself must be importable: keyring depends on it on Linux, so its absence is a broken
    build, not a machine without a keyring.
    """
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        import secretstorage
    except ImportError as exc:
        raise SelfTestFailure(f"cannot import {exc.name or 'secretstorage'}: the build cannot reach the "
                              "Secret Service") from None
    try:
        connection = secretstorage.dbus_init()
    except Exception:  # no bus at that address, or it refused us: no Secret Service for this process
        return False
    with contextlib.closing(connection):
        try:
            return bool(secretstorage.check_service_availability(connection))
        except Exception:  # the bus answered oddly: treat as no service, as keyring does
            return False


def keyring_roundtrip(store: Any) -> None:
    """Save, load and forget a throwaway credential: proves the backend works, not merely that it loads."""
    from openkey_gui.credentials import Credential, KeyringUnavailable, SignInMode

    key = f"openkey-self-test|{secrets.token_hex(8)}"
    credential = Credential(mode=SignInMode.ACCESS_TOKEN, username="self-test", access_token=secrets.token_urlsafe(24))
    try:
        store.save(key, credential)
        try:
            loaded = store.load(key)
        finally:
            store.forget(key)
        if store.load(key) is not None:
            raise SelfTestFailure("the keyring kept the self-test credential after it was deleted")
    except KeyringUnavailable as exc:
        raise SelfTestFailure(f"keyring round trip failed: {exc}") from None
    if loaded != credential:  # compares the secret without ever showing it
        raise SelfTestFailure("the keyring returned a different credential than was stored")


# -- output ---------------------------------------------------------------------------------------------


def _emit(line: str) -> None:
    """Print the report line; also write it to $OPENKEY_SELF_TEST_REPORT (a windowed .exe has no stdout)."""
    print(line, flush=True)  # print() is a no-op when sys.stdout is None, as in a windowed executable
    target = os.environ.get(REPORT_ENV)
    if target:
        with contextlib.suppress(OSError):
            Path(target).write_text(line + "\n", encoding="utf-8")
