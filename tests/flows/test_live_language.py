"""The language chosen in Preferences (or the View menu) applies at once, in both directions, no restart.

What is checked is what the user reads: menu titles, toolbar buttons, the table's column headers, the
search field's hint, the tray menu and the status bar's button.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QToolBar

from openkey_gui.ui.i18n import switch_language
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.user import User


@pytest.fixture(autouse=True)
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    yield
    switch_language(qapp, "en")  # whatever a test chose, the next one starts in English
    qapp.processEvents()


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _toolbar_texts(window: MainWindow) -> list[str]:
    toolbar = window.findChild(QToolBar, "tokensToolbar")
    return [action.text() for action in toolbar.actions() if action.text()]


def _headers(user: User) -> list[str]:
    model = user.table.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def _choose_in_preferences(user: User, label: str) -> None:
    user.trigger(user.action("preferences"))
    dialog = user.wait_for_dialog()
    user.activate(dialog)
    combo = next(c for c in dialog.findChildren(QComboBox) if c.findText(label) >= 0)
    combo.setFocus()
    while combo.currentText() != label:  # the arrow keys walk the list, as on a closed combo box
        user.press(Qt.Key.Key_Down if combo.currentIndex() < combo.findText(label) else Qt.Key.Key_Up, on=combo)
    user.click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    user.qtbot.waitUntil(lambda: not dialog.isVisible())
    user.back_to_window()


def test_preferences_switch_the_language_live_both_ways(signed_in: User) -> None:
    window = signed_in.window
    english = (_menu_titles(window), _toolbar_texts(window), _headers(signed_in))
    assert "&Account" in english[0] and "Name" in english[2]
    window.tray.rebuild_menu()
    tray_english = [a.text() for a in window.tray.menu.actions() if a.text()]

    _choose_in_preferences(signed_in, "简体中文")
    signed_in.wait_until(lambda: "账户(&A)" in _menu_titles(window))
    assert not any(title in _menu_titles(window) for title in english[0])
    assert all(text not in _toolbar_texts(window) for text in english[1]), _toolbar_texts(window)
    assert _headers(signed_in) != english[2] and "名称" in _headers(signed_in)
    assert "搜索" in signed_in.search.placeholderText()
    assert window.clear_now.text() == "立即清除"
    tray_chinese = [a.text() for a in window.tray.menu.actions() if a.text()]
    assert tray_chinese and not set(tray_chinese) & set(tray_english), tray_chinese
    assert "A language change applies the next time" not in signed_in.status_text()

    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "视图(&V)")
    language_menu = next(a.menu() for a in view_menu.actions() if a.menu() is not None)
    english_item = next(a for a in language_menu.actions() if a.text() == "English")
    signed_in.trigger(english_item)
    signed_in.wait_until(lambda: _menu_titles(window) == english[0])
    assert _toolbar_texts(window) == english[1] and _headers(signed_in) == english[2]
    assert signed_in.open_dialog() is None  # no "restart to apply" question
