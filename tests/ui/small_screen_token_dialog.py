"""Child process of ``test_token_dialog_small_screen``: the token dialog on a 911x533 screen (1366x800 at
150 %), Advanced open and an IP error shown; prints whether the dialog and its buttons are on the screen."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QPlainTextEdit, QWidget

from openkey_gui.api import Flavor
from openkey_gui.ui.token_dialog import TokenDialog


def main() -> None:
    app = QApplication(sys.argv[:1])
    parent = QWidget()
    parent.resize(900, 520)
    parent.show()
    dialog = TokenDialog(parent, flavor=Flavor.NEW_API, available_models=[f"model-{n}" for n in range(12)],
                         groups=["default"])
    dialog.show()
    QTest.qWait(100)
    advanced = next(b for b in dialog.findChildren(QAbstractButton) if b.objectName() == "advancedToggle")
    advanced.click()
    ips = dialog.findChild(QPlainTextEdit, "allowIpsEdit")
    ips.setFocus()
    ips.setPlainText("10.0.0.1\n300.1.2.3")  # as typed: the dialog checks the list on every change
    QTest.qWait(400)
    screen = dialog.screen().availableGeometry()
    buttons = dialog.findChild(QDialogButtonBox)
    corner = buttons.mapToGlobal(QPoint(buttons.width() - 1, buttons.height() - 1))
    print(json.dumps({"screen": [screen.width(), screen.height()],
                      "dialog": [dialog.frameGeometry().top(), dialog.frameGeometry().bottom()],
                      "buttons_on_screen": screen.contains(corner) and buttons.isVisible()}))
    app.quit()


if __name__ == "__main__":
    main()
