"""The quick-access palette as a user uses it: Ctrl+K, type part of a name, Enter copies that token's key
(checked against the demo site's own answer), Shift+Enter the API base URL, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget

from openkey_gui import snippets
from openkey_gui.demo import DemoServer
from tests.flows.steps import open_quick_access
from tests.helpers.truth import ServerTruth
from tests.helpers.user import SHIFT, User


def _unique_name(truth: ServerTruth) -> tuple[str, int]:
    rows = truth.tokens()
    names = [row["name"] for row in rows]
    row = next(r for r in rows if names.count(r["name"]) == 1 and r["status"] == 1 and len(r["name"]) >= 4)
    return row["name"], row["id"]


def test_type_part_of_a_name_and_enter_copies_that_key(signed_in: User, server: DemoServer,
                                                      truth: ServerTruth) -> None:
    user = signed_in
    name, token_id = _unique_name(truth)
    palette = open_quick_access(user)
    search = palette.findChild(QLineEdit, "quickAccessSearch")
    results = palette.findChild(QListWidget, "quickAccessList")
    assert search.hasFocus()
    user.type(name[1:-1], on=search)  # part of the name
    first = results.item(0).text()
    assert first.startswith(name) and "OpenKey Demo" in first  # the result names its site
    user.press(Qt.Key.Key_Return, on=search)
    user.wait_for_clipboard(truth.key(token_id))
    assert not palette.isVisible()


def test_shift_enter_copies_the_base_url_and_esc_closes(signed_in: User, server: DemoServer,
                                                       truth: ServerTruth) -> None:
    user = signed_in
    name, _ = _unique_name(truth)
    palette = open_quick_access(user)
    search = palette.findChild(QLineEdit, "quickAccessSearch")
    user.type(name, on=search)
    user.press(Qt.Key.Key_Return, SHIFT, on=search)
    user.wait_for_clipboard(snippets.api_base_url(server.url))
    user.back_to_window()

    palette = open_quick_access(user)
    user.press(Qt.Key.Key_Escape, on=palette.findChild(QLineEdit, "quickAccessSearch"))
    user.wait_until(lambda: not palette.isVisible())
    assert user.clipboard() == snippets.api_base_url(server.url)  # nothing else was copied


def test_up_and_down_choose_among_the_results(signed_in: User, truth: ServerTruth) -> None:
    user = signed_in
    palette = open_quick_access(user)
    search = palette.findChild(QLineEdit, "quickAccessSearch")
    results = palette.findChild(QListWidget, "quickAccessList")
    assert results.count() == min(truth.count(), 50)
    user.press(Qt.Key.Key_Down, on=search)
    user.press(Qt.Key.Key_Down, on=search)
    user.press(Qt.Key.Key_Up, on=search)
    assert results.currentRow() == 1
    chosen = palette.entries_shown()[1].token.id
    user.press(Qt.Key.Key_Enter, on=search)
    user.wait_for_clipboard(truth.key(chosen))


def test_nothing_matches_and_enter_copies_nothing(signed_in: User) -> None:
    user = signed_in
    palette = open_quick_access(user)
    search = palette.findChild(QLineEdit, "quickAccessSearch")
    user.type("zzzz no such token", on=search)
    user.press(Qt.Key.Key_Return, on=search)
    assert palette.isVisible() and user.clipboard() == ""


def test_the_tray_menu_opens_it(signed_in: User) -> None:
    user = signed_in
    user.window.tray.rebuild_menu()
    assert user.action("quick_access") in user.window.tray.menu.actions()
    user.trigger(user.action("quick_access"))
    assert user.wait_for_dialog().objectName() == "quickAccess"
