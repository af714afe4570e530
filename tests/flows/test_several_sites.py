"""Several sites signed in at once (issue 14): two demo sites of different flavours side by side.

The user signs in to both through the dialog, sees one row per account in the sidebar, switches by
Ctrl+1 / Ctrl+2 and by a click, copies a key from each (checked against that site's own answer), and
keeps working on one site while the other is down.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from tests.flows.steps import token_on_row
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, User

ALPHA, BETA = "Alpha Relay", "Beta Hub"


@pytest.fixture
def sites() -> Iterator[tuple[DemoServer, DemoServer]]:
    with DemoServer(flavor="one-api", tokens=12, seed=21, system_name=ALPHA, user_quota=40 * 500_000,
                    critical_rate_limit=None) as alpha, \
            DemoServer(flavor="new-api", tokens=9, seed=22, system_name=BETA, user_quota=7 * 500_000,
                       critical_rate_limit=None) as beta:
        yield alpha, beta


def account_list(user: User) -> QListWidget:
    return user.widget(QListWidget, "accountList")  # type: ignore[return-value]


def rows(user: User) -> list[str]:
    listing = account_list(user)
    return [listing.item(i).text() for i in range(listing.count())]


def shown_row(user: User) -> int:
    return account_list(user).currentRow()


def click_account(user: User, row: int) -> None:
    listing = account_list(user)
    rect = listing.visualItemRect(listing.item(row))
    user.qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def copy_first_row(user: User, truth: ServerTruth) -> None:
    user.click_row(0)
    expected = truth.key(token_on_row(user, truth, 0)["id"])
    user.press(Qt.Key.Key_C, CTRL, on=user.table)
    user.wait_for_clipboard(expected)


@pytest.fixture
def both(qtbot: QtBot, window: MainWindow, sites: tuple[DemoServer, DemoServer]) -> User:
    user = User(qtbot, window)
    alpha, beta = sites
    user.sign_in(alpha, expect_rows=ServerTruth(alpha).count())
    user.sign_in(beta, expect_rows=ServerTruth(beta).count())
    user.wait_until(lambda: len(rows(user)) == 2 and all("Signing in" not in r for r in rows(user)))
    return user


def test_two_sites_each_have_a_row_and_switch_by_keyboard_and_click(
        both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    user = both
    alpha, beta = sites
    alpha_truth, beta_truth = ServerTruth(alpha), ServerTruth(beta)
    first, second = rows(user)
    assert ALPHA in first and "$40.00" in first and f"{alpha_truth.count()} tokens" in first
    assert BETA in second and "$7.00" in second and f"{beta_truth.count()} tokens" in second
    assert shown_row(user) == 1 and BETA in user.window.windowTitle()

    user.press(Qt.Key.Key_1, CTRL, on=user.table)
    user.wait_for_rows(alpha_truth.count())
    assert shown_row(user) == 0 and ALPHA in user.window.windowTitle()
    copy_first_row(user, alpha_truth)

    user.press(Qt.Key.Key_2, CTRL, on=user.table)
    user.wait_for_rows(beta_truth.count())
    assert shown_row(user) == 1 and BETA in user.window.windowTitle()
    copy_first_row(user, beta_truth)

    click_account(user, 0)
    user.wait_for_rows(alpha_truth.count())
    assert ALPHA in user.window.windowTitle()
    copy_first_row(user, alpha_truth)


def test_switching_to_a_loaded_site_asks_the_network_nothing(
        both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    user = both
    alpha, beta = sites
    alpha.reset_requests()
    beta.reset_requests()
    user.press(Qt.Key.Key_1, CTRL, on=user.table)
    assert user.table.model().rowCount() == ServerTruth(alpha).count()  # at once: no wait
    alpha.reset_requests()  # the truth above asked the server itself
    user.press(Qt.Key.Key_2, CTRL, on=user.table)
    assert user.table.model().rowCount() == len(beta.tokens())
    user.qtbot.wait(200)
    assert alpha.requests == [] and beta.requests == []


def test_one_site_down_says_so_on_its_row_and_the_other_keeps_working(
        both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    user = both
    alpha, beta = sites
    alpha_truth = ServerTruth(alpha)
    user.press(Qt.Key.Key_1, CTRL, on=user.table)
    user.wait_for_rows(alpha_truth.count())
    beta.stop()
    user.trigger(user.action("refresh_all"))
    user.wait_until(lambda: "Error" in rows(user)[1])
    assert "Error" not in rows(user)[0]
    assert "connect" in rows(user)[1].casefold() or "reach" in rows(user)[1].casefold(), rows(user)[1]
    copy_first_row(user, alpha_truth)


def test_demo_mode_signs_in_to_two_sites_of_different_flavours(qtbot: QtBot, window: MainWindow) -> None:
    from openkey_gui.app import start_demo

    servers = start_demo(window, "one-api", 15)
    try:
        user = User(qtbot, window)
        user.wait_until(lambda: len(rows(user)) == 2 and all(r.endswith("OK") or "refreshed" in r
                                                             for r in rows(user)))
        assert {s.flavor for s in servers} == {"one-api", "new-api"}
        first, second = rows(user)
        assert first.split(" — ")[0] != second.split(" — ")[0]
        assert first.splitlines()[1].split(" · ")[0] != second.splitlines()[1].split(" · ")[0]  # balances
        assert shown_row(user) == 0 and user.table.model().rowCount() == 15
        user.press(Qt.Key.Key_2, CTRL, on=user.table)
        user.wait_for_rows(len(servers[1].tokens()))
        copy_first_row(user, ServerTruth(servers[1]))
    finally:
        for server in servers:
            server.stop()
