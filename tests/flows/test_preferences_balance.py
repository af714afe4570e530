"""The balance reminder in Preferences: in the site's currency, and checked while the user types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit

from tests.helpers.user import User


def test_the_balance_reminder_shows_the_currency_and_is_checked_as_you_type(signed_in: User) -> None:
    signed_in.trigger(signed_in.action("preferences"))
    dialog = signed_in.wait_for_dialog()
    signed_in.activate(dialog)
    balance = dialog.findChild(QLineEdit, "balanceEdit")
    currency = dialog.findChild(QLabel, "balanceCurrency")
    error = dialog.findChild(QLabel, "balanceError")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert currency.isVisible() and currency.text() == "$"  # the demo sites show US dollars

    balance.selectAll()
    signed_in.type("2,5x", on=balance)
    assert error.isVisible() and "5.00" in error.text()  # said at once, not only on OK
    assert not ok.isEnabled()
    signed_in.press(Qt.Key.Key_Backspace, on=balance)
    signed_in.press(Qt.Key.Key_Backspace, on=balance)
    signed_in.press(Qt.Key.Key_Backspace, on=balance)
    signed_in.type(".50", on=balance)
    assert not error.isVisible() and ok.isEnabled()
    signed_in.press(Qt.Key.Key_Return, on=balance)
    signed_in.qtbot.waitUntil(lambda: not dialog.isVisible())
    assert signed_in.window.settings.balance_threshold_money() == "2.50"
