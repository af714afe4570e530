"""The one way tests build the main window: private settings, an in-memory keyring, shown on screen.

``open_window`` makes the window (``close_window`` ends its background work), ``sign_in`` signs it in to
a demo server the way ``--demo`` does and waits until the table lists every token of the server.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from openkey_gui.credentials import CredentialStore
from openkey_gui.demo import DemoServer
from openkey_gui.session import SignInRequest
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.settings import AppSettings
from tests.support import MemoryKeyring

WAIT_MS = 10_000


def open_window(
    qtbot: QtBot,
    settings_dir: Path | None = None,
    *,
    settings: AppSettings | None = None,
    keyring: MemoryKeyring | None = None,
    store: CredentialStore | None = None,
    timeout: float = 5.0,
    close_to_tray: bool | None = False,
    tray: bool = False,
    show: bool = True,
) -> MainWindow:
    """A main window with its own settings and keyring.

    ``settings_dir`` gets a fresh ``settings.ini`` (never os.devnull: QSettings renames a temp file over
    it); or pass ``settings`` to share them with another window. ``keyring`` (a ``MemoryKeyring``) or
    ``store`` (any ``CredentialStore``) holds the credentials; neither means a new empty ``MemoryKeyring``.
    ``close_to_tray`` answers the first-close question beforehand (``None`` leaves it as the settings
    have it). ``tray`` starts the tray icon and waits until it is up (needs a real display with a tray
    host); ``show=False`` leaves the window hidden.
    """
    if (settings_dir is None) == (settings is None):
        raise TypeError("pass exactly one of settings_dir and settings")
    if keyring is not None and store is not None:
        raise TypeError("pass keyring or store, not both")
    if settings is None:
        assert settings_dir is not None
        settings = AppSettings(str(settings_dir / "settings.ini"))
    if close_to_tray is not None:
        settings.set_close_to_tray(close_to_tray)  # answered already: no modal question when a test closes it
    window = MainWindow(settings, store or CredentialStore(keyring or MemoryKeyring()), request_timeout=timeout)
    qtbot.addWidget(window)
    if show:
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
    if tray:
        window.enable_tray()
        qtbot.waitUntil(lambda: window.tray.active, timeout=WAIT_MS)
    return window


def close_window(window: MainWindow, *, wait_ms: int = 5000) -> None:
    """Remove the tray icon, give back the global shortcut and drop every background call (waiting at most
    ``wait_ms`` for them)."""
    window.tray.stop()
    window.global_shortcut.stop()
    window.runner.cancel_all()
    window.runner.wait_for_done(wait_ms)


def sign_in(qtbot: QtBot, window: MainWindow, server: DemoServer, *, wait_ms: int = WAIT_MS) -> None:
    """Sign in to ``server`` as ``--demo`` does (nothing remembered); wait until every token is listed."""
    request = SignInRequest(server_url=server.url, username=server.username, password=server.password)
    window.accounts.sign_in_with(request, demo=True)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(server.tokens()) > 0, timeout=wait_ms)
