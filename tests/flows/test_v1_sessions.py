"""New API v1.0 sign-ins as a person lives with them: the window stays open and signed in all day.

The demo's access tokens live three seconds here. The user keeps refreshing and copying keys across
three lifetimes; the site's own counters say how many refreshes the app sent and whether it ever sent a
rotated refresh cookie again. Keys are checked against the server's answer (read with the account's
personal access token, which never expires).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from openkey_gui.api import AuthError, OpenKeyClient
from openkey_gui.demo import DemoServer
from openkey_gui.ui.devices_dialog import DevicesDialog
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.sign_in_dialog import SignInDialog
from tests.flows.steps import token_on_row
from tests.helpers.app import close_window, open_window
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, User
from tests.support import MemoryKeyring

TTL_S = 3
TOKENS = 450  # five pages of 100: a refresh fetches them several at a time


@pytest.fixture
def v1_server() -> Iterator[DemoServer]:
    with DemoServer(flavor="new-api-v1", tokens=TOKENS, seed=11, critical_rate_limit=None,
                    access_ttl=TTL_S, access_leeway=0) as demo:
        yield demo


def no_replay(server: DemoServer) -> bool:
    return server.v1.counters.replays_in_grace == 0 and server.v1.counters.replays_after_grace == 0


def test_the_window_stays_signed_in_across_three_lifetimes(qtbot: QtBot, window: MainWindow,
                                                           v1_server: DemoServer) -> None:
    user = User(qtbot, window)
    truth = ServerTruth(v1_server)
    user.sign_in(v1_server, expect_rows=TOKENS)
    assert "Signed in until" in user.widget(QLabel, "accountHeader").text()
    for lifetime in range(1, 4):
        qtbot.wait(TTL_S * 1000 + 400)  # the access token from the last renewal has expired
        # At the moment of expiry, several calls at once: a refresh (its pages in parallel) and a key copy.
        user.click_row(lifetime)
        expected = truth.key(token_on_row(user, truth, lifetime)["id"])
        user.press(Qt.Key.Key_F5, on=user.table)
        user.press(Qt.Key.Key_C, CTRL, on=user.table)
        user.wait_for_clipboard(expected)
        user.wait_until(lambda: "refreshed" in user.status_text())
        assert user.open_dialog(SignInDialog) is None  # never asked to sign in again
        assert "ended" not in user.banner_text()
        assert v1_server.v1.counters.refreshes == lifetime  # exactly one refresh per expiry
    assert no_replay(v1_server)  # a rotated cookie was never sent again


def test_a_revoked_session_asks_to_sign_in_again_and_keeps_the_search(qtbot: QtBot, window: MainWindow,
                                                                       v1_server: DemoServer) -> None:
    user = User(qtbot, window)
    user.sign_in(v1_server, expect_rows=TOKENS)
    user.find("cursor")
    v1_server.expire_sessions()  # "sign out everywhere" on the site
    qtbot.wait(TTL_S * 1000 + 400)
    user.press(Qt.Key.Key_F5, on=user.table)
    user.wait_until(lambda: "Sign in" in user.banner_text() or user.open_dialog(SignInDialog) is not None)
    assert user.search.text() == "cursor"  # nothing the user had typed is lost


def test_a_restart_within_the_session_asks_for_no_2fa_code(qtbot: QtBot, tmp_path: Path) -> None:
    keyring = MemoryKeyring()
    settings = AppSettings(str(tmp_path / "settings.ini"))
    with DemoServer(flavor="new-api-v1", tokens=12, seed=3, critical_rate_limit=None, require_2fa=True,
                    access_ttl=TTL_S, access_leeway=0) as server:
        first = open_window(qtbot, settings=settings, keyring=keyring)
        user = User(qtbot, first)
        user.trigger(user.action("add_account"))
        dialog = user.wait_for_dialog(SignInDialog)
        user.activate(dialog)
        site = dialog.findChild(QLineEdit, "siteEdit")
        user.click(site)  # into the site field (the dialog opens with the cursor in the user name)
        site.selectAll()
        user.type(server.url, on=site)
        user.press(Qt.Key.Key_Tab, on=site)  # on to the user name: the dialog checks the site
        info = dialog.findChild(QLabel, "siteInfo")
        user.wait_until(lambda: "30 days" in info.text())  # the site says how long it keeps a sign-in
        user.type(server.username, on=dialog.findChild(QLineEdit, "usernameEdit"))
        password = dialog.findChild(QLineEdit, "passwordEdit")
        user.type(server.password, on=password)
        remember = dialog.findChild(QCheckBox, "rememberCheck")
        assert remember is not None
        if not remember.isChecked():
            user.click(remember)
        user.press(Qt.Key.Key_Return, on=password)
        code = dialog.findChild(QLineEdit, "totpEdit")
        user.wait_until(lambda: code.isVisible())
        user.type("123456", on=code)
        user.press(Qt.Key.Key_Return, on=code)
        user.wait_until(lambda: not dialog.isVisible())
        user.back_to_window()
        user.wait_for_rows(12)
        qtbot.wait(TTL_S * 1000 + 400)
        user.press(Qt.Key.Key_F5, on=user.table)  # one rotation while running: written back to the keyring
        user.wait_until(lambda: server.v1.counters.refreshes == 1)
        close_window(first)  # quit without signing out
        first.hide()

        server.reset_requests()
        second = open_window(qtbot, settings=settings, keyring=keyring)  # the next start of the app
        again = User(qtbot, second)
        second.accounts.resume_last()
        again.wait_for_rows(12)
        assert again.open_dialog(SignInDialog) is None  # no password, no code asked
        paths = [path for _method, path, _query in server.requests]
        assert "/api/user/login" not in paths and "/api/user/login/2fa" not in paths
        assert paths.count("/api/user/auth/refresh") == 1
        assert no_replay(server)
        truth = ServerTruth(server)
        again.click_row(0)
        again.press(Qt.Key.Key_C, CTRL, on=again.table)
        again.wait_for_clipboard(truth.key(token_on_row(again, truth, 0)["id"]))
        close_window(second)


def test_signed_in_devices_lists_and_signs_out_another_device(qtbot: QtBot, window: MainWindow,
                                                              v1_server: DemoServer) -> None:
    user = User(qtbot, window)
    user.sign_in(v1_server, expect_rows=TOKENS)
    laptop = OpenKeyClient(v1_server.url, user_agent="Firefox on the old laptop")
    laptop.login(v1_server.username, v1_server.password)
    devices = user.action("devices")
    assert devices.isEnabled()
    user.trigger(devices)
    dialog = user.wait_for_dialog(DevicesDialog)
    table = dialog.findChild(QTableWidget, "devicesTable")
    user.wait_until(lambda: table.rowCount() == 2)
    rows = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert "(this app)" in rows[0] and rows[1] == "Firefox on the old laptop"
    sign_out = dialog.findChild(QPushButton, "signOutDevice")
    user.click(table.viewport(), table.visualItemRect(table.item(0, 0)).center())
    assert not sign_out.isEnabled()  # this app is signed out with Account → Sign out, not here
    user.click(table.viewport(), table.visualItemRect(table.item(1, 0)).center())
    user.click(sign_out)
    user.wait_until(lambda: table.rowCount() == 1)
    assert [s.user_agent for s in v1_server.v1.live(v1_server.user_id)] != ["Firefox on the old laptop"]
    assert len(v1_server.v1.live(v1_server.user_id)) == 1
    assert not dialog.findChild(QPushButton, "signOutOthers").isEnabled()
    with pytest.raises(AuthError):
        laptop.list_tokens()  # the other device really is signed out
    user.press(Qt.Key.Key_Escape, on=table)
    user.wait_until(lambda: not dialog.isVisible())


def test_devices_are_offered_only_where_the_site_has_them(signed_in: User) -> None:
    assert not signed_in.action("devices").isEnabled()  # One API and New API classic have no such list
