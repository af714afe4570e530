"""The clipboard guard offscreen: hints, countdown, clearing only what is ours."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from openkey_gui.ui.clipboard import Clipboard, secret_hints


def test_secret_copy_carries_the_platform_hint(qtbot: QtBot) -> None:
    guard = Clipboard(clear_seconds=0)
    guard.copy_secret("sk-secret-1")
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "sk-secret-1"
    for name, value in secret_hints().items():
        assert bytes(mime.data(name)) == value


def test_hints_per_platform() -> None:
    assert "ExcludeClipboardContentFromMonitorProcessing" in secret_hints("win32")
    assert "application/x-nspasteboard-concealed-type" in secret_hints("darwin")
    assert secret_hints("linux") == {"x-kde-passwordManagerHint": b"secret"}


def test_countdown_then_clear(qtbot: QtBot) -> None:
    guard = Clipboard(clear_seconds=2)
    ticks: list[int] = []
    guard.countdown.connect(ticks.append)
    with qtbot.waitSignal(guard.cleared, timeout=5000):
        guard.copy_secret("sk-secret-2")
    assert QGuiApplication.clipboard().text() == ""
    assert ticks[:2] == [2, 1] and ticks[-1] == 0


def test_not_cleared_when_replaced(qtbot: QtBot) -> None:
    guard = Clipboard(clear_seconds=1)
    guard.copy_secret("sk-secret-3")
    QGuiApplication.clipboard().setText("mine")
    assert guard.seconds_left == 0  # the countdown stopped: nothing of ours is left
    qtbot.wait(1300)
    assert QGuiApplication.clipboard().text() == "mine"
    assert guard.clear_if_ours() is False


def test_plain_copies_are_never_cleared(qtbot: QtBot) -> None:
    guard = Clipboard(clear_seconds=1)
    guard.copy_text("https://openkey.cloud/v1")
    qtbot.wait(1300)
    assert QGuiApplication.clipboard().text() == "https://openkey.cloud/v1"


def test_never_setting(qtbot: QtBot) -> None:
    guard = Clipboard(clear_seconds=0)
    guard.copy_secret("sk-secret-4")
    qtbot.wait(300)
    assert guard.seconds_left == 0 and QGuiApplication.clipboard().text() == "sk-secret-4"
    assert guard.clear_if_ours() is True and QGuiApplication.clipboard().text() == ""
