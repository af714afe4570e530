"""Several sites signed in at once (issue 14): two demo sites of different flavours side by side.

The user signs in to both through the dialog, sees one row per account in the sidebar, switches by
Ctrl+1 / Ctrl+2 and by a click, copies a key from each (checked against that site's own answer), and
keeps working on one site while the other is down.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QListWidget, QMenu, QTableView
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from tests.flows.steps import token_on_row
from tests.helpers.tray_menu import all_items, close_tray_menu, item_texts, open_tray_menu
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, User
from tests.support import require_tools
from tests.xvfb import pytest_on_x11

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


def account_requests(server: DemoServer) -> list[tuple[str, str, str]]:
    """Sign-ins, account and token-list reads (the usage view's log and dashboard reads are its business)."""
    return [r for r in server.requests if r[1].startswith(("/api/user", "/api/token", "/api/status"))]


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
    assert account_requests(alpha) == [] and account_requests(beta) == []  # no sign-in, no list fetched


def icon_pixel(user: User, row: int) -> object:
    """The colour at the left edge of a row's icon (the coloured part of a demo site's, off its ring)."""
    return account_list(user).item(row).icon().pixmap(32, 32).toImage().pixelColor(4, 16)


def test_each_row_shows_its_site_s_own_icon(both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    """The icon each site serves at /favicon.ico (read here straight from it) is its row's icon."""
    from PySide6.QtGui import QImage

    user = both
    for row, server in enumerate(sites):
        served = QImage.fromData(requests.get(server.url + "/favicon.ico", timeout=5).content)
        assert not served.isNull()
        expected = served.pixelColor(4, 16)
        user.wait_until(lambda row=row, expected=expected: icon_pixel(user, row) == expected)
    assert icon_pixel(user, 0) != icon_pixel(user, 1)  # two sites, two icons


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
        user.wait_until(lambda: len(rows(user)) == 2 and all("tokens" in r and "refreshed" in r for r in rows(user)))
        user.wait_for_rows(15)
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


def site_menu(menu: QMenu, site: str) -> QMenu:
    for action in menu.actions():
        if action.menu() is not None and site in action.text():
            return action.menu()
    raise AssertionError(f"no tray submenu for {site!r}: {item_texts(menu)}")


def test_the_tray_copies_a_key_of_the_site_not_shown(both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    user = both
    alpha, beta = sites
    alpha_truth, beta_truth = ServerTruth(alpha), ServerTruth(beta)
    assert BETA in user.window.windowTitle()  # Beta is shown; Alpha is only in the tray
    beta_names = {row["name"] for row in beta_truth.tokens()}
    target = next(row for row in alpha_truth.tokens()
                  if row["status"] == 1 and len(alpha_truth.named(row["name"])) == 1 and row["name"] not in beta_names)
    menu = open_tray_menu(user.qtbot, user.window)
    alpha_menu = site_menu(menu, ALPHA)
    assert site_menu(menu, BETA) is not alpha_menu
    items = [a for a in all_items(alpha_menu) if a.text().replace("&&", "&") == target["name"]]
    assert len(items) == 1, [a.text() for a in all_items(alpha_menu)]
    close_tray_menu(menu)
    items[0].trigger()
    user.wait_for_clipboard(alpha_truth.key(target["id"]))
    assert BETA in user.window.windowTitle()  # copying did not switch the window
    # now a recent copy: at the top of the tray, naming its site when another site has the same name
    menu = open_tray_menu(user.qtbot, user.window)
    assert any(target["name"] in text for text in item_texts(menu))
    close_tray_menu(menu)


def test_tray_items_name_the_site_when_two_sites_share_a_token_name(
        both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    user = both
    alpha, beta = sites
    alpha_truth, beta_truth = ServerTruth(alpha), ServerTruth(beta)
    shared = sorted({r["name"] for r in alpha_truth.tokens() if r["status"] == 1}
                    & {r["name"] for r in beta_truth.tokens() if r["status"] == 1})
    if not shared:
        user.create_token("laptop")  # on Beta, the shown site
        user.press(Qt.Key.Key_1, CTRL, on=user.table)
        user.wait_for_rows(alpha_truth.count())
        user.create_token("laptop")
        shared = ["laptop"]
    name = shared[0]
    for truth in (alpha_truth, beta_truth):  # copy each once: both land among the recent copies
        row = next(r for r in truth.tokens() if r["name"] == name and r["status"] == 1)
        menu = open_tray_menu(user.qtbot, user.window)
        site = ALPHA if truth is alpha_truth else BETA
        item = next(a for a in all_items(site_menu(menu, site)) if a.text().startswith(name))
        close_tray_menu(menu)
        item.trigger()
        user.wait_for_clipboard(truth.key(row["id"]))
    menu = open_tray_menu(user.qtbot, user.window)
    recent = [text for text in item_texts(menu) if text.startswith(name)]
    close_tray_menu(menu)
    assert any(ALPHA in text for text in recent) and any(BETA in text for text in recent), recent


def test_search_across_all_accounts_names_the_site_and_copies_from_it(
        both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    user = both
    alpha, beta = sites
    alpha_truth, beta_truth = ServerTruth(alpha), ServerTruth(beta)
    word = alpha_truth.tokens()[0]["name"][:3]  # a few letters, as a user types them
    expected = {(ALPHA, r["name"]) for r in alpha_truth.tokens() if word.casefold() in r["name"].casefold()}
    expected |= {(BETA, r["name"]) for r in beta_truth.tokens() if word.casefold() in r["name"].casefold()}
    user.find(word)
    assert all(word.casefold() in name.casefold() for name in user.visible_names())  # this account only
    toggle = user.widget(QCheckBox, "searchAllAccounts")
    user.click(toggle)
    results = user.widget(QTableView, "allAccountsResults")
    user.wait_until(results.isVisible)
    model = results.model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Site"
    found = {(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())}
    assert {name for _, name in found} >= {name for _, name in expected}
    assert {site for site, _ in found} <= {ALPHA, BETA}
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == ALPHA)
    name = model.index(row, 1).data()
    candidates = alpha_truth.named(name)
    user.qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton,
                          pos=results.visualRect(model.index(row, 1)).center())
    user.press(Qt.Key.Key_Return, on=results)
    user.wait_until(lambda: user.clipboard() in {alpha_truth.key(r["id"]) for r in candidates})
    assert BETA in user.window.windowTitle()  # still on Beta
    user.click(toggle)  # off: the table is back, this account's matches only
    user.wait_until(lambda: not results.isVisible() and user.table.isVisible())


def test_rename_move_and_remove_from_the_sidebar(both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    user = both
    alpha, beta = sites
    user.press(Qt.Key.Key_1, CTRL, on=user.table)
    user.wait_until(lambda: shown_row(user) == 0)
    user.trigger(user.action("rename_account"))
    dialog = user.wait_for_dialog(QInputDialog)
    edit = dialog.findChild(QLineEdit)
    edit.selectAll()
    user.type("Work relay", on=edit)
    user.press(Qt.Key.Key_Return, on=edit)
    user.wait_until(lambda: rows(user)[0].startswith("Work relay — "))
    user.back_to_window()
    assert not user.action("move_account_up").isEnabled()
    user.trigger(user.action("move_account_down"))
    user.wait_until(lambda: rows(user)[1].startswith("Work relay"))
    assert shown_row(user) == 1 and BETA in rows(user)[0]
    user.press(Qt.Key.Key_1, CTRL, on=user.table)  # Ctrl+1 follows the new order
    user.wait_for_rows(len(beta.tokens()))
    assert BETA in user.window.windowTitle()
    click_account(user, 1)
    user.wait_until(lambda: ALPHA in user.window.windowTitle())
    click_account(user, 0)
    user.wait_until(lambda: BETA in user.window.windowTitle())
    user.trigger(user.action("remove_account"))
    assert "Beta Hub" in user.answer_question("Yes")
    user.wait_until(lambda: len(rows(user)) == 1)
    assert rows(user)[0].startswith("Work relay") and ALPHA in user.window.windowTitle()
    user.wait_for_rows(len(alpha.tokens()))


def drag_account(user: User, source: int, target: int) -> None:
    """Drag row ``source`` past row ``target``'s far edge with the real pointer (xdotool) and let go.

    xdotool runs beside the app, as a person's hand would: the drag's own loop runs meanwhile.
    """
    listing = account_list(user)
    viewport = listing.viewport()
    start = viewport.mapToGlobal(listing.visualItemRect(listing.item(source)).center())
    goal = listing.visualItemRect(listing.item(target))
    end = viewport.mapToGlobal(QPoint(goal.center().x(), goal.bottom() - 3 if target > source else goal.top() + 3))
    direction = 1 if target > source else -1
    gesture = ["mousemove", str(start.x()), str(start.y()), "mousedown", "1", "sleep", "0.2"]
    for offset in (6, QApplication.startDragDistance() + 6):
        gesture += ["mousemove", str(start.x()), str(start.y() + direction * offset), "sleep", "0.2"]
    gesture += ["mousemove", str(end.x()), str(end.y()), "sleep", "0.3",
                "mousemove", str(end.x() + 1), str(end.y()), "sleep", "0.3", "mouseup", "1"]
    hand = subprocess.Popen(["xdotool", *gesture])
    try:
        user.wait_until(lambda: hand.poll() is not None)
    finally:
        hand.kill()
        hand.wait()
    assert hand.returncode == 0


@pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") != "xcb",
                    reason="a drag needs a real display (offscreen, drags end at once): test_dragging_accounts_on_x11 "
                           "runs it under Xvfb")
def test_drag_an_account_to_a_new_place(both: User, sites: tuple[DemoServer, DemoServer]) -> None:
    user = both
    alpha, beta = sites
    click_account(user, 0)
    user.wait_until(lambda: ALPHA in user.window.windowTitle())
    user.wait_for_rows(len(alpha.tokens()))
    drag_account(user, 0, 1)
    user.wait_until(lambda: BETA in rows(user)[0] and ALPHA in rows(user)[1])
    assert ALPHA in user.window.windowTitle() and shown_row(user) == 1  # the shown account stays shown
    user.press(Qt.Key.Key_1, CTRL, on=user.table)  # Ctrl+1 follows the new order
    user.wait_until(lambda: BETA in user.window.windowTitle())
    user.wait_for_rows(len(beta.tokens()))
    drag_account(user, 1, 0)  # and back up: pressing a row picks it, as a click does
    user.wait_until(lambda: ALPHA in rows(user)[0] and BETA in rows(user)[1])
    assert ALPHA in user.window.windowTitle() and shown_row(user) == 0
    user.wait_for_rows(len(alpha.tokens()))


def test_dragging_accounts_on_x11() -> None:
    if os.environ.get("QT_QPA_PLATFORM") == "xcb":
        return  # already running there (this test's own child run)
    require_tools("Xvfb", "xdotool")
    result = pytest_on_x11("-k", "drag_an_account", str(Path(__file__)))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert "1 passed" in result.stdout, result.stdout[-2000:]
