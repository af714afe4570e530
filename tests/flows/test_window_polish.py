"""Defects found trying the app as a new user (issue 17): each seen through what the user sees.

The window fits a 1366x800 screen at 150 % (911x533 logical); an empty search says so; another account's
list starts at the top; a refresh that works clears the error it replaced; demo sites are never
remembered; the settings file is private.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.app import sign_in
from tests.helpers.truth import ServerTruth
from tests.helpers.user import User

SMALL_SCREEN = QSize(911, 533)  # 1366x800 at 150 %, in logical pixels


def test_the_window_fits_a_small_screen_at_150_percent(signed_in: User, window: MainWindow) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL_SCREEN.width() and hint.height() <= SMALL_SCREEN.height(), hint
    assert window.minimumWidth() <= SMALL_SCREEN.width() and window.minimumHeight() <= SMALL_SCREEN.height()


def test_a_first_start_opens_within_the_screen(window: MainWindow) -> None:
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()) or (
        window.width() <= available.width() and window.height() <= available.height()), (
        window.frameGeometry(), available)


def _empty_text(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "emptyTableText")
    assert label is not None, "no empty-table text"
    return label


def test_a_search_with_no_matches_says_so(signed_in: User, window: MainWindow) -> None:
    user = signed_in
    assert not _empty_text(window).isVisible()
    user.find("no-such-token-zzzz")
    user.wait_until(lambda: _empty_text(window).isVisible())
    assert "no-such-token-zzzz" in _empty_text(window).text()
    user.press(Qt.Key.Key_Escape, on=user.search)
    user.wait_until(lambda: not _empty_text(window).isVisible())


def test_another_account_starts_at_the_top(qtbot: QtBot, signed_in: User, window: MainWindow,
                                           server: DemoServer) -> None:
    user = signed_in
    bar = user.table.verticalScrollBar()
    with DemoServer(flavor=server.flavor, tokens=40, seed=5, critical_rate_limit=None) as other:
        user.sign_in(other, expect_rows=40)
        user.table.scrollToBottom()
        user.click_row(user.table.model().rowCount() - 1)  # the last row selected, as a user leaves it
        assert bar.value() > 0
        window.menus.account_menu.aboutToShow.emit()
        first = next(a for a in window.menus.account_menu.actions() if a.isCheckable() and not a.isChecked())
        user.trigger(first)  # Account -> the first account
        user.wait_for_rows(len(server.tokens()))
        qtbot.wait(50)
        assert bar.value() == 0
        assert user.selected_names() == []


def test_a_refresh_that_works_clears_the_stale_error(signed_in: User, server: DemoServer,
                                                     truth: ServerTruth) -> None:
    user = signed_in
    server.fail_next(5, status=500, path="/api/token")
    user.trigger(user.action("refresh"))
    user.wait_until(lambda: user.banner_text() != "")
    server.clear_faults()
    user.trigger(user.action("refresh"))
    user.wait_until(lambda: user.status_text() != "" and not user.banner.isVisible())


def test_demo_sites_are_not_remembered(qtbot: QtBot, user: User, window: MainWindow, server: DemoServer,
                                       tmp_path: Path) -> None:
    sign_in(qtbot, window, server)  # as --demo does
    user.trigger(user.action("sign_out"))
    dialog = user.wait_for_dialog()
    dialog.reject()
    user.back_to_window()
    user.sign_in(server, expect_rows=len(server.tokens()))  # the demo site again, typed in the dialog
    window.menus.account_menu.aboutToShow.emit()
    labels = [a.text() for a in window.menus.account_menu.actions() if a.isCheckable()]
    assert len(labels) == 1, labels  # the demo account signed in now (to switch to), never a remembered one
    assert window.settings.accounts() == []


def test_the_settings_file_is_private(qtbot: QtBot, signed_in: User, window: MainWindow) -> None:
    """Private from the first write: QSettings writes by itself when the event loop is idle, not only
    when the app syncs."""
    qtbot.wait(200)
    QApplication.processEvents()
    assert os.path.exists(window.settings.file_name())
    mode = stat.S_IMODE(os.stat(window.settings.file_name()).st_mode)
    assert mode == 0o600, oct(mode)
