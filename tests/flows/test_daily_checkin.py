"""The daily check-in as a user does it: Account → Check in, the quota gained shown, once a day.

Checked against the demo site's own answer: its balance rose by exactly the quota the app says was
gained, and a second try the same day sends nothing and says "already checked in".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from openkey_gui.api.quota import format_money, format_units
from openkey_gui.demo import DemoServer
from openkey_gui.ui.i18n import switch_language
from tests.helpers.app import close_window, open_window
from tests.helpers.truth import ServerTruth
from tests.helpers.user import User

TOKENS = 5
CHECKIN = "/api/user/checkin"


@pytest.fixture(params=["new-api", "new-api-v1"])
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=TOKENS, seed=3, critical_rate_limit=None, checkin=True) as demo:
        yield demo


def _posts(server: DemoServer) -> int:
    return sum(1 for method, path, _ in server.requests if (method, path) == ("POST", CHECKIN))


def _in_account_menu(user: User) -> bool:
    menu = user.window.menus.account_menu
    menu.aboutToShow.emit()  # what opening the menu does
    return user.action("check_in") in menu.actions()


def test_check_in_once_shows_the_quota_gained_then_says_already_checked_in(
        signed_in: User, server: DemoServer, truth: ServerTruth) -> None:
    user = signed_in
    assert _in_account_menu(user) and user.action("check_in").isEnabled()
    before = truth.balance()
    user.trigger(user.action("check_in"))
    user.wait_until(lambda: "Checked in" in user.banner_text())
    gained = truth.balance() - before
    assert gained > 0 and _posts(server) == 1
    text = user.banner_text()
    assert format_money(gained, 500_000) in text and format_units(gained) in text, text

    user.trigger(user.action("check_in"))  # the same day: nothing is sent
    user.wait_until(lambda: "already checked in" in user.banner_text())
    assert _posts(server) == 1 and truth.balance() == before + gained


def test_a_check_in_made_elsewhere_today_is_said_and_remembered(
        signed_in: User, server: DemoServer, truth: ServerTruth) -> None:
    assert truth.check_in()["success"]  # on the site's web page, this morning
    user = signed_in
    user.trigger(user.action("check_in"))
    user.wait_until(lambda: "already checked in" in user.banner_text())
    assert _posts(server) == 2  # the app's one try, refused by the site with 今日已签到
    user.trigger(user.action("check_in"))
    user.wait_until(lambda: user.status_text().startswith("You have already"))
    assert _posts(server) == 2  # remembered: the second one is not sent


def test_the_automatic_check_in_runs_once_a_day(signed_in: User, server: DemoServer, truth: ServerTruth) -> None:
    user = signed_in
    before = truth.balance()
    user.trigger(user.action("preferences"))
    dialog = user.wait_for_dialog()
    user.activate(dialog)
    box = dialog.findChild(QCheckBox, "autoCheckin")
    assert not box.isChecked()
    user.click(box)
    user.click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    user.back_to_window()
    user.wait_until(lambda: "Checked in" in user.banner_text())
    assert truth.balance() > before and _posts(server) == 1

    user.trigger(user.action("sign_out"))
    user.sign_in(server, expect_rows=TOKENS)  # signing in again the same day: no second check-in
    user.qtbot.wait(300)
    assert _posts(server) == 1


def test_a_site_without_check_in_leaves_the_action_off(qtbot: QtBot, tmp_path: Path) -> None:
    with DemoServer(flavor="one-api", tokens=TOKENS, seed=3, checkin=True) as one_api:
        window = open_window(qtbot, tmp_path)
        try:
            user = User(qtbot, window)
            user.sign_in(one_api, expect_rows=TOKENS)
            assert not user.action("check_in").isEnabled()
        finally:
            close_window(window)


def test_the_site_refusal_is_said_in_chinese(qtbot: QtBot, tmp_path: Path, qapp: QApplication,
                                             server: DemoServer, truth: ServerTruth) -> None:
    assert switch_language(qapp, "zh_CN")
    window = open_window(qtbot, tmp_path)
    try:
        user = User(qtbot, window)
        user.sign_in(server, expect_rows=TOKENS)
        assert truth.check_in()["success"]
        user.trigger(user.action("check_in"))
        user.wait_until(lambda: "今天已在" in user.banner_text())
        assert "already" not in user.banner_text()
        user.press(Qt.Key.Key_Escape)
    finally:
        close_window(window)
        switch_language(qapp, "en")


def test_the_automatic_check_in_covers_every_signed_in_site(qtbot: QtBot, tmp_path: Path) -> None:
    """Two New API sites signed in together: turning the automatic check-in on checks in on both,
    the one not shown included, each once (its balance on the server rose)."""
    with DemoServer(flavor="new-api", tokens=TOKENS, seed=41, checkin=True, system_name="Alpha Relay",
                    critical_rate_limit=None) as alpha, \
            DemoServer(flavor="new-api", tokens=TOKENS, seed=42, checkin=True, system_name="Beta Hub",
                       critical_rate_limit=None) as beta:
        window = open_window(qtbot, tmp_path)
        try:
            user = User(qtbot, window)
            truths = {alpha: ServerTruth(alpha), beta: ServerTruth(beta)}
            before = {server: truth.balance() for server, truth in truths.items()}
            user.sign_in(alpha, expect_rows=TOKENS)
            user.sign_in(beta, expect_rows=TOKENS)  # Beta is shown; Alpha stays signed in beside it
            user.trigger(user.action("preferences"))
            dialog = user.wait_for_dialog()
            user.activate(dialog)
            user.click(dialog.findChild(QCheckBox, "autoCheckin"))
            user.click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
            user.back_to_window()
            user.wait_until(lambda: all(_posts(server) == 1 for server in truths))
            user.wait_until(lambda: all(truth.balance() > before[server] for server, truth in truths.items()))
            user.qtbot.wait(500)
            assert all(_posts(server) == 1 for server in truths)  # once each, not again on the refresh after it
        finally:
            close_window(window)
