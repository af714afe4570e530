"""Toolbar and menu icons: every command has one, and it is drawn in the scheme's text colour."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QIcon
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from openkey_gui.ui.appearance import Appearance, apply_appearance
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.app import close_window, open_window

WITH_ICONS = ("add", "edit", "enable", "disable", "delete", "copy", "reveal", "copy_base", "refresh", "find",
              "sign_out", "add_account", "quit", "about", "preferences", "pin", "clear_clipboard")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, tmp_path)
    yield win
    close_window(win)
    apply_appearance(Appearance.SYSTEM)


def _ink(icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> QColor:
    """The average colour of the icon's drawn pixels."""
    image = icon.pixmap(QSize(24, 24), mode).toImage()
    drawn = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    drawn = [c for c in drawn if c.alpha() > 200]
    assert len(drawn) > 20, "the icon draws (almost) nothing"
    return QColor(*(sum(getattr(c, part)() for c in drawn) // len(drawn) for part in ("red", "green", "blue")))


def test_every_command_has_an_icon(window: MainWindow) -> None:
    for name in WITH_ICONS:
        action = window.findChild(QAction, f"action_{name}")
        assert action is not None and not action.icon().isNull(), name
    assert not window.acts.copy_as_menu.icon().isNull()
    toolbar = window.findChild(QToolBar, "tokensToolbar")
    for action in toolbar.actions():
        assert action.isSeparator() or not action.icon().isNull(), action.text()


@pytest.mark.parametrize("scheme", [Appearance.LIGHT, Appearance.DARK])
def test_icons_follow_the_scheme(qtbot: QtBot, window: MainWindow, scheme: Appearance) -> None:
    apply_appearance(scheme)
    qtbot.wait(10)
    ink = _ink(window.acts.copy.icon())
    if scheme is Appearance.DARK:
        assert ink.lightness() > 160, ink.name()
    else:
        assert ink.lightness() < 96, ink.name()
    disabled = _ink(window.acts.copy.icon(), QIcon.Mode.Disabled)
    assert abs(disabled.lightness() - 128) < abs(ink.lightness() - 128), "a disabled icon looks fainter"
