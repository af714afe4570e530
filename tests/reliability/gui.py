"""Helpers for driving the real window against the demo server in the reliability tests."""

from __future__ import annotations

import socket
from pathlib import Path

from pytestqt.qtbot import QtBot

from openkey_gui.credentials import CredentialStore
from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.token_dialog import TokenDialog
from tests.helpers import app
from tests.helpers.app import open_window

WAIT_MS = 20_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_window(qtbot: QtBot, tmp_path: Path, store: CredentialStore, *, timeout: float = 1.0) -> MainWindow:
    """A window with its own settings file in ``tmp_path`` and the given credential store."""
    return open_window(qtbot, tmp_path, store=store, timeout=timeout, close_to_tray=None)


def close_window(window: MainWindow) -> None:
    app.close_window(window, wait_ms=15_000)


def sign_in_window(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    app.sign_in(qtbot, window, server, wait_ms=WAIT_MS)


def table_rows(window: MainWindow) -> set[tuple[int, str, int, bool, int]]:
    return {(t.id, t.name, t.remain_quota, t.unlimited, int(t.status)) for t in window.model.tokens()}


def server_rows(server: DemoServer) -> set[tuple[int, str, int, bool, int]]:
    return {(r["id"], r["name"], r["remain_quota"], bool(r["unlimited_quota"]), r["status"])
            for r in server.tokens()}


def table_is_server(window: MainWindow, server: DemoServer) -> bool:
    """The table shows exactly the server's tokens: ids, names, quotas, statuses."""
    return table_rows(window) == server_rows(server)


def open_add_dialog(qtbot: QtBot, window: MainWindow, name: str) -> TokenDialog:
    window.acts.add.trigger()
    qtbot.waitUntil(lambda: window.dialogs.token is not None
                    and window.dialogs.token.isVisible(), timeout=WAIT_MS)
    dialog = window.dialogs.token
    qtbot.keyClicks(dialog._name_edit, name)
    return dialog


def idle(window: MainWindow) -> bool:
    return window.runner.running == 0
