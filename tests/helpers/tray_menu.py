"""The tray menu as a user opens it: the menu pops up, the user reads its items and clicks one."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot


def tray_menu(window: QWidget) -> QMenu:
    menu = window.findChild(QMenu, "trayMenu")
    assert menu is not None, "the app has no tray menu"
    return menu


def open_tray_menu(qtbot: QtBot, window: QWidget) -> QMenu:
    """What a click on the tray icon's menu does: the menu is shown (and filled as it opens)."""
    menu = tray_menu(window)
    menu.popup(QPoint(20, 20))
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    return menu


def close_tray_menu(menu: QMenu) -> None:
    menu.hide()


def item_texts(menu: QMenu) -> list[str]:
    """The labels of the menu's own items (not those of its submenus), in order."""
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def all_items(menu: QMenu) -> list[QAction]:
    """Every clickable item, opening each submenu as a user would hover over it."""
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if submenu is not None:
            submenu.aboutToShow.emit()  # what hovering over the submenu does before it appears
            found.extend(all_items(submenu))
        elif not action.isSeparator():
            found.append(action)
    return found


def click_item(qtbot: QtBot, menu: QMenu, label_part: str) -> str:
    """Click the first item whose label contains ``label_part``; returns its full label."""
    for action in all_items(menu):
        if label_part in action.text() and action.isEnabled():
            label = action.text()
            menu.hide()
            action.trigger()
            return label
    raise AssertionError(f"no enabled tray item containing {label_part!r}: {[a.text() for a in all_items(menu)]}")
