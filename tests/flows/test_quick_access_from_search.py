"""Ctrl+K opens quick access from the search field too (a line edit would take it as "delete to end")."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers.user import CTRL, User


def test_ctrl_k_in_the_search_field_opens_quick_access(signed_in: User) -> None:
    signed_in.find("bot")
    signed_in.press(Qt.Key.Key_K, CTRL, on=signed_in.search)
    assert signed_in.wait_for_dialog().objectName() == "quickAccess"
    assert signed_in.search.text() == "bot"
