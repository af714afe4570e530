"""Tray scenarios; run by tests/ui/test_tray.py on Xvfb with trayer (not collected on their own).

Each test drives a real window with a real ``QSystemTrayIcon`` against the demo server and reads the
real X clipboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.settings import AppSettings
from tests.helpers.app import close_window, open_window, sign_in

WAIT_MS = 10_000


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(flavor="new-api", tokens=20, seed=5, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(str(tmp_path / "settings.ini"))  # open_window(close_to_tray=True) answers the question


def open_tray_window(qtbot: QtBot, settings: AppSettings, server: DemoServer) -> MainWindow:
    """The window with its tray icon up, signed in, and the tray menu listing every usable token."""
    window = open_window(qtbot, settings=settings, close_to_tray=True, tray=True)
    sign_in(qtbot, window, server)
    qtbot.waitUntil(lambda: len(window.tray.token_actions()) >= len(window.tray.usable_tokens()) > 0, timeout=WAIT_MS)
    return window


def test_icon_is_visible_and_menu_lists_usable_tokens(qtbot: QtBot, settings: AppSettings,
                                                      server: DemoServer) -> None:
    assert QSystemTrayIcon.isSystemTrayAvailable()
    window = open_tray_window(qtbot, settings, server)
    assert window.tray.icon is not None and window.tray.icon.isVisible()
    assert not window.tray.icon.geometry().isEmpty()  # really docked in the tray host
    names = sorted(a.data() for a in window.tray.token_actions())
    usable_ids = sorted(t.id for t in window.tray.usable_tokens())
    assert names == usable_ids
    assert server.username in window.tray.icon.toolTip()
    close_window(window)


def test_one_click_copies_the_key_with_the_history_hint(qtbot: QtBot, settings: AppSettings,
                                                        server: DemoServer) -> None:
    window = open_tray_window(qtbot, settings, server)
    window.hide()  # the user works in another app; the window is not needed
    action = window.tray.token_actions()[0]
    expected = "sk-" + next(t["key"] for t in server.tokens() if t["id"] == action.data())
    action.trigger()
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.text() == expected, timeout=WAIT_MS)
    assert bytes(clipboard.mimeData().data("x-kde-passwordManagerHint")) == b"secret"
    # the copied token moves up into the "recent" part of the menu
    qtbot.waitUntil(lambda: window.tray.token_actions()[0].data() == action.data(), timeout=WAIT_MS)
    close_window(window)


def test_clipboard_clears_after_the_timeout(qtbot: QtBot, settings: AppSettings, server: DemoServer) -> None:
    window = open_tray_window(qtbot, settings, server)
    window.clipboard.set_clear_seconds(1)
    window.tray.token_actions()[0].trigger()
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.text().startswith("sk-"), timeout=WAIT_MS)
    assert "1 s" in window.tray.icon.toolTip()  # the countdown shows in the tray tooltip
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=WAIT_MS)
    close_window(window)


def test_clipboard_is_kept_when_the_user_copied_something_else(qtbot: QtBot, settings: AppSettings,
                                                               server: DemoServer) -> None:
    window = open_tray_window(qtbot, settings, server)
    window.clipboard.set_clear_seconds(1)
    window.tray.token_actions()[0].trigger()
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.text().startswith("sk-"), timeout=WAIT_MS)
    clipboard.setText("the user's own text")
    qtbot.wait(2000)
    assert clipboard.text() == "the user's own text"
    close_window(window)


def test_clipboard_is_cleared_on_quit(qtbot: QtBot, settings: AppSettings, server: DemoServer) -> None:
    window = open_tray_window(qtbot, settings, server)
    window.tray.token_actions()[0].trigger()
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.text().startswith("sk-"), timeout=WAIT_MS)
    window.quit_app()
    assert clipboard.text() == ""
    assert not window.tray.active
    window.runner.wait_for_done(5000)


class UserClose(QCloseEvent):
    """A close the user asked for (title-bar button); Qt marks those spontaneous."""

    def spontaneous(self) -> bool:
        return True


def test_user_close_hides_to_tray_but_quit_really_quits(qtbot: QtBot, settings: AppSettings,
                                                        server: DemoServer) -> None:
    window = open_tray_window(qtbot, settings, server)
    event = UserClose()
    window.closeEvent(event)
    assert not event.isAccepted()
    assert not window.isVisible() and window.tray.active
    window.toggle_visible()  # the tray's "Show / hide window"
    assert window.isVisible()
    window.close()  # not spontaneous (Quit, or the OS logging out): the app really ends
    assert not window.tray.active
    close_window(window)


def test_menu_follows_changes_made_in_the_window(qtbot: QtBot, settings: AppSettings,
                                                 server: DemoServer) -> None:
    window = open_tray_window(qtbot, settings, server)
    victim = window.tray.usable_tokens()[0]
    window.controller.delete([victim])
    qtbot.waitUntil(lambda: victim.id not in {a.data() for a in window.tray.token_actions()}, timeout=WAIT_MS)
    other = window.tray.usable_tokens()[0]
    window.controller.set_enabled([other], False)
    qtbot.waitUntil(lambda: other.id not in {a.data() for a in window.tray.token_actions()}, timeout=WAIT_MS)
    close_window(window)


def test_reminder_fires_once_for_a_token_expiring_tomorrow(qtbot: QtBot, settings: AppSettings,
                                                           server: DemoServer) -> None:
    shown: list[tuple[str, str]] = []
    window = open_window(qtbot, settings=settings, close_to_tray=True, tray=True)
    window.tray.notify = lambda title, message: shown.append((title, message))  # type: ignore[method-assign]
    with qtbot.waitSignal(window.reminders.shown, timeout=WAIT_MS) as blocker:
        sign_in(qtbot, window, server)
    kinds = {(r.kind, r.token_id) for r in blocker.args[0]}
    tomorrow = [t for t in server.tokens() if t["status"] == 1 and t["expired_time"] > 0
                and 0 < t["expired_time"] - server_now() < 86_400]
    assert tomorrow, "the demo seed has a token expiring within a day"
    assert ("expiry", tomorrow[0]["id"]) in kinds
    count = len(shown)
    assert count <= 3  # grouped: at most one notification per kind (expiry, quota, balance)
    assert any(tomorrow[0]["name"] in message for _, message in shown)
    window.refresh()  # the next background refresh: nothing new to say
    qtbot.wait(1500)
    assert len(shown) == count
    close_window(window)
    # a restart with the same settings does not repeat it either
    again: list[tuple[str, str]] = []
    second = open_window(qtbot, settings=settings, close_to_tray=True, tray=True)  # notifications reach its tray
    second.tray.notify = lambda title, message: again.append((title, message))  # type: ignore[method-assign]
    repeated: list[list] = []
    second.reminders.shown.connect(repeated.append)
    sign_in(qtbot, second, server)
    qtbot.wait(500)
    assert not any(tomorrow[0]["name"] in message for _, message in again)
    assert not any(("expiry", tomorrow[0]["id"]) == (r.kind, r.token_id) for batch in repeated for r in batch)
    close_window(second)


def server_now() -> float:
    import time

    return time.time()


def test_long_lists_are_paged_and_filled_when_opened(qtbot: QtBot, settings: AppSettings) -> None:
    with DemoServer(flavor="one-api", tokens=150, seed=9) as server:
        window = open_tray_window(qtbot, settings, server)
        window.tray.rebuild_menu()  # open_tray_window() walked every page; start from a fresh menu
        all_tokens = next(a.menu() for a in window.tray.menu.actions() if a.menu() is not None)
        pages = [a.menu() for a in all_tokens.actions() if a.menu() is not None]
        usable = len(window.tray.usable_tokens())
        assert len(pages) == -(-usable // 25)
        assert all(not page.actions() for page in pages)  # nothing built until a page is opened
        pages[0].aboutToShow.emit()
        assert len(pages[0].actions()) == 25
        offered = sorted(a.data() for a in window.tray.token_actions())
        assert offered == sorted(t.id for t in window.tray.usable_tokens())
        close_window(window)
