"""A deliberately hostile site (names with markup and links) seen through every place that shows a name.

Drives the real window against the demo server's hostile mode: the table and its tooltips, the banner,
the delete question, the tray menu and its tooltips, the status bar. Each must show the name as the
plain text it is; none may turn it into markup or a clickable link.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.demo.hostile import HOSTILE_NAMES
from tests.helpers.tray_menu import all_items, close_tray_menu, open_tray_menu
from tests.helpers.user import CTRL, NAME_COLUMN, User

MARKUP_NAMES = [name for name in HOSTILE_NAMES if "<" in name]


@pytest.fixture(params=["one-api", "new-api"])
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=40, seed=2, critical_rate_limit=None, hostile=True) as demo:
        yield demo


def shown(text: str) -> str:
    """What Qt shows for a tooltip or an auto-format label: rich text when it looks like markup."""
    if not GuiQt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def test_hostile_names_stay_plain_text_everywhere(qtbot: QtBot, user: User, server: DemoServer) -> None:
    user.sign_in(server)
    user.wait_until(lambda: len(user.visible_names()) == 40)
    # a usable token (the tray lists only those) whose name is markup
    row = next(r for r, name in enumerate(user.visible_names())
               if name in MARKUP_NAMES and user.cell(r, 1) == "Enabled")
    LINK_NAME = user.cell(row, NAME_COLUMN)
    tip = user.table.model().index(row, NAME_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert shown(tip) == LINK_NAME

    user.click_row(row)
    user.press(Qt.Key.Key_C, CTRL, on=user.table)
    user.wait_until(lambda: LINK_NAME in user.status_text())
    assert LINK_NAME in user.status_text()  # the status bar is plain text

    user.press(Qt.Key.Key_Delete, on=user.table)
    box = user.wait_for_dialog(QMessageBox)
    assert isinstance(box, QMessageBox)
    assert box.textFormat() == Qt.TextFormat.PlainText and LINK_NAME in box.text()
    user.answer_question("Cancel")

    menu = open_tray_menu(qtbot, user.window)
    items = [a for a in all_items(menu) if LINK_NAME in a.text()]
    close_tray_menu(menu)
    assert items  # menu item texts are plain text: the name is there, literally
    assert all(LINK_NAME in shown(a.toolTip()) for a in items)  # the name, not what its markup would draw

    header = user.window.findChild(QLabel, "accountHeader")
    assert "<a " not in header.text()  # the header is rich text: whatever the site sends is escaped
    banner_label = user.banner.findChild(QLabel)
    assert banner_label.textFormat() == Qt.TextFormat.PlainText
