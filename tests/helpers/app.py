"""The one way tests build the main window: private settings, an in-memory keyring, shown on screen."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from openkey_gui.credentials import CredentialStore
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.settings import AppSettings
from tests.support import MemoryKeyring


def open_window(qtbot: QtBot, settings_dir: Path, *, keyring: MemoryKeyring | None = None,
                timeout: float = 5.0) -> MainWindow:
    settings = AppSettings(str(settings_dir / "settings.ini"))
    settings.set_close_to_tray(False)  # answered already: no modal question when a test closes it
    window = MainWindow(settings, CredentialStore(keyring or MemoryKeyring()), request_timeout=timeout)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def close_window(window: MainWindow) -> None:
    window.runner.cancel_all()
    window.runner.wait_for_done(5000)
