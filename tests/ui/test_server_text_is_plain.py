"""Text that comes from a server (token names) is shown literally, never as markup or a live link."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from openkey_gui.ui.token_cells import Column, plain_tooltip
from openkey_gui.ui.token_model import TokenTableModel
from openkey_gui.ui.tray import notification_text
from tests.ui.test_token_model import make_token

HOSTILE = '<a href="file://attacker.example/share/x.exe">X</a> & <b>bold</b>'


def rendered(rich: str) -> str:
    """What a tooltip shows: Qt renders it as rich text when it looks like markup (as the name did)."""
    if not GuiQt.mightBeRichText(rich):
        return rich
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def test_a_hostile_name_tooltip_shows_the_name_not_a_link(qtbot: object) -> None:
    model = TokenTableModel()
    model.set_tokens([make_token(1, name=HOSTILE)])
    tip = model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert rendered(tip) == HOSTILE
    document = QTextDocument()
    document.setHtml(tip)
    assert "<a " not in document.toHtml().split("<body", 1)[1]  # no anchor survives, only its text


def test_plain_tooltip_of_plain_text_reads_the_same() -> None:
    assert rendered(plain_tooltip("laptop …E464")) == "laptop …E464"


def test_linux_notifications_escape_markup_others_pass_it_through() -> None:
    assert notification_text(HOSTILE, "linux") == HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;")
    assert notification_text(HOSTILE, "win32") == HOSTILE
    assert notification_text(HOSTILE, "darwin") == HOSTILE
