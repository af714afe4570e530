"""In demo mode nothing leaves the machine: every socket the app opens is watched while a user signs in,
signs out and opens the sign-in form again, and any connection (or name lookup) beyond loopback fails.

The watch is Python's audit hook on ``socket.connect`` and ``socket.getaddrinfo``: it sees every
connection the process makes, whatever library makes it, without replacing any part of the app.
"""

from __future__ import annotations

import ipaddress
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.app import sign_in
from tests.helpers.user import User

_lock = threading.Lock()
_recorders: list[list[str]] = []
_hook_installed = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _recorders or event not in ("socket.connect", "socket.getaddrinfo"):
        return
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else str(address)
    else:
        host = args[0]
        host = host.decode() if isinstance(host, bytes) else str(host)
    with _lock:
        for recorder in _recorders:
            recorder.append(f"{event} {host}")


def _is_local(host: str) -> bool:
    if host in ("localhost", "") or host.startswith("/"):  # "/...": a Unix socket (D-Bus, X11)
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture
def connections() -> Iterator[list[str]]:
    """Every host the process connects to or looks up from now until the test ends."""
    global _hook_installed
    if not _hook_installed:  # an audit hook stays for the life of the process: one, switched by _recorders
        sys.addaudithook(_audit)
        _hook_installed = True
    seen: list[str] = []
    with _lock:
        _recorders.append(seen)
    yield seen
    with _lock:
        _recorders.remove(seen)


def test_the_watch_tells_loopback_from_the_network() -> None:
    assert all(_is_local(h) for h in ("127.0.0.1", "::1", "localhost", "/run/user/0/bus"))
    assert not any(_is_local(h) for h in ("openkey.cloud", "192.0.2.1", "2001:db8::1", "10.0.0.1"))


def test_a_demo_session_never_leaves_the_machine(qtbot: QtBot, window: MainWindow, user: User,
                                                 server: DemoServer, connections: list[str]) -> None:
    sign_in(qtbot, window, server)  # as ``--demo`` signs in
    user.trigger(user.action("sign_out"))
    dialog = user.wait_for_dialog()
    user.activate(dialog)
    site = dialog.findChild(QComboBox, "siteCombo")
    assert site.currentText() == server.url  # the demo address just used, not openkey.cloud
    assert site.itemText(0) == server.url
    for _ in range(6):  # the user moves through the form, past the address, without changing it
        user.press(Qt.Key.Key_Tab)
    qtbot.wait(1500)
    user.press(Qt.Key.Key_Escape, on=dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    user.back_to_window()

    user.trigger(user.action("add_account"))  # and opens the form again
    again = user.wait_for_dialog()
    user.activate(again)
    again_site = again.findChild(QComboBox, "siteCombo")
    assert again_site.currentText() == server.url
    user.click(again.findChild(QLineEdit, "siteEdit"))
    user.press(Qt.Key.Key_Tab)
    qtbot.wait(1500)

    outside = [entry for entry in connections if not _is_local(entry.split(" ", 1)[1])]
    assert outside == [], outside
    assert any(entry.startswith("socket.connect 127.0.0.1") for entry in connections)  # the watch saw the demo
