"""Menus and toolbar in English and Chinese: unique mnemonics per menu, none on toolbar buttons, and
header titles with room for the sort arrow."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QStyleOptionHeader, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from openkey_gui.ui.i18n import install_translators
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.app import close_window, open_window

MNEMONIC = re.compile(r"&(?!&)(.)")


@pytest.fixture(params=["en", "zh_CN"])
def window(request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path, qapp: QApplication) -> Iterator[MainWindow]:
    translators = install_translators(qapp, request.param)
    win = open_window(qtbot, tmp_path)
    yield win
    close_window(win)
    for translator in translators:
        qapp.removeTranslator(translator)


def _mnemonic(text: str) -> str | None:
    match = MNEMONIC.search(text)
    return match.group(1).lower() if match else None


def _menus(window: MainWindow) -> list[QMenu]:
    found: list[QMenu] = []
    window.tray.rebuild_menu()
    todo = [a.menu() for a in window.menuBar().actions() if a.menu() is not None] + [window.tray.menu]
    while todo:
        menu = todo.pop()
        menu.aboutToShow.emit()  # the Account and Copy-as menus fill themselves as they open
        found.append(menu)
        todo.extend(a.menu() for a in menu.actions() if a.menu() is not None and a.menu() not in found)
    return found


def test_each_menu_uses_each_mnemonic_once(window: MainWindow) -> None:
    top = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    assert len([m for m in top if m]) == len({m for m in top if m}), top
    for menu in _menus(window):
        letters = [(_mnemonic(a.text()), a.text()) for a in menu.actions() if not a.isSeparator()]
        used = [m for m, _ in letters if m]
        assert len(used) == len(set(used)), f"{menu.title()!r}: {letters}"


def test_toolbar_buttons_show_no_mnemonics(window: MainWindow) -> None:
    toolbar = window.findChild(QToolBar, "tokensToolbar")
    for button in toolbar.findChildren(QToolButton):
        if button.defaultAction() is None or button.defaultAction().isSeparator():
            continue
        text = button.text()
        assert "&" not in text and not re.search(r"\([A-Za-z]\)", text), text


def test_header_titles_leave_room_for_the_sort_arrow(window: MainWindow) -> None:
    header = window.table.horizontalHeader()
    style, metrics = header.style(), header.fontMetrics()
    option = QStyleOptionHeader()
    option.initFrom(header)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, option, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, option, header)
    for column in range(header.count() - 1):
        text = header.model().headerData(column, Qt.Orientation.Horizontal)
        # The title is centred and the arrow sits at the right edge: the title's half and the arrow must fit
        # in half the section.
        needed = metrics.horizontalAdvance(text) + 2 * (arrow + 2 * margin)
        assert header.sectionSize(column) >= needed, f"{text!r}: {header.sectionSize(column)} < {needed}"
        # Qt draws the arrow at the right edge and does not move a right-aligned title out of its way.
        alignment = header.model().headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
        assert not (alignment and Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight), text
