"""Moving the account list to a new machine: Account → Export accounts… on one, Account → Import
accounts… on a clean one; the imported account is signed out until its password is given, and keeps
its pins. The file never holds the password."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.app import close_window, open_window
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, SHIFT, WAIT_MS, User


def _choose_file(user: User, path: Path) -> None:
    """The file dialog: type the file's name and press Enter."""
    dialog = user.wait_for_dialog(QFileDialog)
    user.activate(dialog)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.clear()
    user.type(str(path), on=name)
    user.press(Qt.Key.Key_Return, on=name)
    user.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    user.back_to_window()


def _menu_item(user: User, label: str) -> QAction:
    menu = user.window.menus.account_menu
    menu.aboutToShow.emit()  # what opening the menu does
    return next(a for a in menu.actions() if a.text() == label)


def test_export_then_import_on_a_clean_machine(signed_in: User, server: DemoServer, truth: ServerTruth,
                                               qtbot: QtBot, tmp_path: Path) -> None:
    user = signed_in
    user.click_row(0)
    pinned_name = user.current_name()
    user.press(Qt.Key.Key_P, CTRL | SHIFT, on=user.table)  # Pin to tray
    [entry] = user.window.settings.accounts()
    pinned = user.window.settings.pinned_tokens(entry.key)
    assert len(pinned) == 1

    exported = tmp_path / "moving" / "accounts.json"
    exported.parent.mkdir()
    user.trigger(user.action("export_accounts"))
    _choose_file(user, exported)
    user.wait_until(lambda: "Exported 1 account" in user.banner_text())
    text = exported.read_text(encoding="utf-8")
    assert server.password not in text and server.access_token not in text
    assert json.loads(text)["accounts"][0]["username"] == server.username
    assert exported.stat().st_mode & 0o077 == 0

    clean = tmp_path / "new-machine"
    clean.mkdir()
    window = open_window(qtbot, clean)
    try:
        other = User(qtbot, window)
        other.trigger(other.action("import_accounts"))
        _choose_file(other, exported)
        other.wait_until(lambda: "Imported 1 account" in other.banner_text())
        assert window.controller.session is None  # signed out until the password is given
        assert window.settings.pinned_tokens(entry.key) == pinned

        other.trigger(_menu_item(other, entry.label))  # choosing it asks for its password
        dialog = other.wait_for_dialog()
        other.activate(dialog)
        assert dialog.findChild(QLineEdit, "usernameEdit").text() == server.username
        password = dialog.findChild(QLineEdit, "passwordEdit")
        other.type(server.password, on=password)
        other.press(Qt.Key.Key_Return, on=password)
        other.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        other.back_to_window()
        other.wait_for_rows(truth.count())
        window.tray.rebuild_menu()
        assert window.tray.token_actions()[0].text().endswith(pinned_name)  # the pin came along
    finally:
        close_window(window)


def test_a_file_that_is_not_an_account_list_is_said(window: MainWindow, user: User, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "openkey-desktop/accounts",\n oops}', encoding="utf-8")
    user.trigger(user.action("import_accounts"))
    _choose_file(user, broken)
    user.wait_until(lambda: "not valid JSON (line 2" in user.banner_text())
    assert window.settings.accounts() == []
