"""One user flow per copy defect found by trying the app as a new user (issue "Copy you can trust").

Each drives the real window with keys and clicks against the demo server over HTTP, and checks what
landed on the clipboard against the key the server itself gives for that token.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from tests.flows.steps import parse_env_lines, row_of_name, token_on_row, unique_searchable_name
from tests.helpers.tray_menu import all_items, click_item, close_tray_menu, item_texts, open_tray_menu
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, KEY_COLUMN, SHIFT, User

NEW_NAME = "我的笔记本电脑-test"
LAST_USED_COLUMN = 7


def test_banner_copy_key_copies_the_created_token_while_a_filter_hides_it(
        signed_in: User, truth: ServerTruth) -> None:
    """Defect 1: search one token, create another: the banner's "Copy key" copied the searched one."""
    user = signed_in
    other = unique_searchable_name(truth)
    user.find(other)
    assert user.visible_names() == [other]
    user.create_token(NEW_NAME)
    made = truth.named(NEW_NAME)
    assert len(made) == 1
    # the new token is shown and selected, the filter no longer hides it
    user.wait_until(lambda: user.selected_names() == [NEW_NAME])
    assert NEW_NAME in user.banner_text()
    user.click(user.banner_button("Copy key"))
    user.wait_for_clipboard(truth.key(made[0]["id"]))
    assert NEW_NAME in user.status_text()
    assert other not in user.status_text()


def test_banner_copy_key_keeps_to_its_token_when_the_selection_moves(signed_in: User, truth: ServerTruth) -> None:
    """Defect 1, second half: the banner kept copying whatever was selected later."""
    user = signed_in
    user.create_token(NEW_NAME)
    made = truth.named(NEW_NAME)[0]
    user.wait_until(lambda: user.selected_names() == [NEW_NAME])
    user.press(Qt.Key.Key_Down, on=user.table)
    user.wait_until(lambda: user.selected_names() and user.selected_names() != [NEW_NAME])
    user.click(user.banner_button("Copy key"))
    user.wait_for_clipboard(truth.key(made["id"]))


def test_banner_goes_away_when_its_token_is_deleted(signed_in: User, truth: ServerTruth) -> None:
    user = signed_in
    user.create_token(NEW_NAME)
    user.wait_until(lambda: user.selected_names() == [NEW_NAME])
    assert user.banner.isVisible()
    user.press(Qt.Key.Key_Delete, on=user.table)
    user.answer_question("Delete")
    user.wait_until(lambda: not truth.named(NEW_NAME))
    user.wait_until(lambda: NEW_NAME not in user.visible_names())
    assert not user.banner.isVisible() or "Copy key" not in [
        b.text().replace("&", "") for b in user.banner.findChildren(QToolButton)]
    assert NEW_NAME not in user.banner_text()


def test_search_then_down_then_ctrl_c_copies_the_key(signed_in: User, truth: ServerTruth) -> None:
    """Defect 2: Ctrl+F, type, Down, Ctrl+C put the token's name on the clipboard (Qt's cell copy)."""
    user = signed_in
    name = unique_searchable_name(truth)
    user.find(name)
    user.press(Qt.Key.Key_Down, on=user.search)
    assert user.selected_names() == [name]  # moving into the table selects the row
    user.press(Qt.Key.Key_C, CTRL, on=user.table)
    expected = truth.key(truth.named(name)[0]["id"])
    user.wait_for_clipboard(expected)
    assert name in user.status_text()


def test_keyboard_movement_selects_the_row_copy_acts_on(signed_in: User, truth: ServerTruth) -> None:
    """Defect 2: Down moved the current row without selecting it, so "Copy key" stayed disabled."""
    user = signed_in
    user.click_row(0)
    for _ in range(3):
        user.press(Qt.Key.Key_Down, on=user.table)
    assert len(user.selected_names()) == 1
    assert user.selected_names()[0] == user.current_name()
    assert user.action("copy").isEnabled()
    expected = truth.key(token_on_row(user, truth, 3)["id"])
    user.press(Qt.Key.Key_C, CTRL, on=user.table)
    user.wait_for_clipboard(expected)


def test_tray_copy_with_the_server_down_says_why(qtbot: QtBot, signed_in: User, truth: ServerTruth,
                                                  server: DemoServer) -> None:
    """Defect 3: a tray copy that could not fetch the key failed silently and still counted as recent."""
    user = signed_in
    name = unique_searchable_name(truth, enabled=True)
    token_id = truth.named(name)[0]["id"]
    expected = truth.key(token_id)
    before = "something the user copied"
    QGuiApplication.clipboard().setText(before)
    server.stop()
    menu = open_tray_menu(qtbot, user.window)
    click_item(qtbot, menu, name)
    if server.flavor == "one-api":  # One API lists full keys: nothing needs the server
        user.wait_for_clipboard(expected)
        return
    user.wait_until(lambda: name in user.status_text() or name in user.banner_text())
    shown = user.status_text() + user.banner_text()
    assert "key" in shown.casefold() and ("reach" in shown.casefold() or "connect" in shown.casefold())
    assert user.clipboard() == before
    menu = open_tray_menu(qtbot, user.window)
    recent = item_texts(menu)
    close_tray_menu(menu)
    assert not any(name in text for text in recent[:-6]), recent  # not listed as a recent copy


def test_several_rows_ctrl_c_copies_every_key(signed_in: User, truth: ServerTruth) -> None:
    """Defect 4: with several rows selected, Ctrl+C copied only the first key, silently."""
    user = signed_in
    user.click_row(1)
    user.click_row(3, SHIFT)
    assert len(user.selected_names()) == 3
    expected = {truth.key(token_on_row(user, truth, row)["id"]) for row in (1, 2, 3)}
    user.press(Qt.Key.Key_C, CTRL, on=user.table)
    user.wait_until(lambda: "\n" in user.clipboard())
    assert set(parse_env_lines(user.clipboard()).values()) == expected
    assert "3" in user.status_text()


def test_duplicate_names_are_told_apart(qtbot: QtBot, signed_in: User, truth: ServerTruth) -> None:
    """Defect 5: two tokens of the same name looked the same in the tray, messages and the delete question."""
    user = signed_in
    user.create_token("twin")
    user.create_token("twin")
    twins = truth.named("twin")
    assert len(twins) == 2
    tails = {truth.key(t["id"])[-4:] for t in twins}
    assert len(tails) == 2
    menu = open_tray_menu(qtbot, user.window)
    labels = [a.text() for a in all_items(menu) if "twin" in a.text()]
    close_tray_menu(menu)
    for tail in tails:
        assert any(tail in label for label in labels), labels
    row = row_of_name(user, "twin")
    user.click_row(row)
    token = token_on_row(user, truth, row)
    tail = truth.key(token["id"])[-4:]
    user.press(Qt.Key.Key_C, CTRL, on=user.table)
    user.wait_for_clipboard(truth.key(token["id"]))
    assert tail in user.status_text()
    user.press(Qt.Key.Key_Delete, on=user.table)
    question = user.answer_question("Cancel")
    assert tail in question


def test_counter_follows_deletes_and_filtered_creates(signed_in: User, truth: ServerTruth) -> None:
    """Defect 6: "100 of 101 tokens" after a delete, "1 of 100" after a create while filtered."""
    user = signed_in
    user.click_row(0)
    user.press(Qt.Key.Key_Delete, on=user.table)
    user.answer_question("Delete")
    user.wait_until(lambda: user.count_text() == f"{truth.count()} tokens")
    name = unique_searchable_name(truth)
    user.find(name)
    user.create_token(NEW_NAME)
    user.wait_until(lambda: NEW_NAME in user.visible_names())
    shown, total = len(user.visible_names()), truth.count()
    assert user.count_text() in (f"{total} tokens", f"{shown} of {total} tokens"), user.count_text()


def test_revealed_key_is_shown_whole(signed_in: User, truth: ServerTruth) -> None:
    """Defect 7: "Show key" showed a truncated key with no way to see it whole."""
    user = signed_in
    user.click_row(2)
    token = token_on_row(user, truth, 2)
    user.press(Qt.Key.Key_K, CTRL | SHIFT, on=user.table)
    key = truth.key(token["id"])
    index = user.table.model().index(2, KEY_COLUMN)
    user.wait_until(lambda: index.data() == key)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == key


def test_enable_and_disable_offered_only_where_they_change_something(signed_in: User, truth: ServerTruth) -> None:
    """Defect 7: Enable and Disable were both active for an enabled token."""
    user = signed_in
    statuses = {}
    for row in range(len(user.visible_names())):
        statuses.setdefault(user.cell(row, 1), row)
    user.click_row(statuses["Enabled"])
    assert user.action("disable").isEnabled() and not user.action("enable").isEnabled()
    user.click_row(statuses["Disabled"])
    assert user.action("enable").isEnabled() and not user.action("disable").isEnabled()
    user.click_row(statuses["Disabled"], CTRL)
    user.click_row(statuses["Enabled"], CTRL)
    user.click_row(statuses["Disabled"], CTRL)  # an enabled and a disabled token: both make sense
    assert user.action("enable").isEnabled() and user.action("disable").isEnabled()


def test_copy_as_menu_is_consistent_and_opens_on_click(qtbot: QtBot, window, server: DemoServer,
                                                       truth: ServerTruth) -> None:
    """Defect 7: snippets disabled while links enabled; the toolbar button did nothing; enabled signed out."""
    user = User(qtbot, window)
    toolbar = window.findChild(QToolBar, "tokensToolbar")
    button = next(b for b in toolbar.findChildren(QToolButton) if b.text().replace("&", "") == "Copy as")
    assert not button.isEnabled()  # signed out: nothing to copy
    user.sign_in(server, expect_rows=truth.count())
    user.click_row(0)
    user.press(Qt.Key.Key_Down, on=user.table)
    menu = window.findChild(QMenu, "copyAsMenu")
    menu.aboutToShow.emit()
    states = {a.text().replace("&", ""): a.isEnabled() for a in menu.actions() if not a.isSeparator()}
    assert all(states.values()), states
    seen = []

    def look_and_close() -> None:
        seen.append(menu.isVisible())
        menu.hide()

    QTimer.singleShot(300, look_and_close)
    user.click(button)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [True]


def test_last_used_says_never_for_a_token_never_used(signed_in: User, truth: ServerTruth) -> None:
    """Defect 7: "Last used" showed the creation time of a token never used."""
    user = signed_in
    user.create_token(NEW_NAME)
    user.wait_until(lambda: user.selected_names() == [NEW_NAME])
    row = row_of_name(user, NEW_NAME)
    assert user.cell(row, LAST_USED_COLUMN) == "Never"

