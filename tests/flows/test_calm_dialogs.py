"""Dialogs that do not jump and keep no stale errors: the sign-in and token dialogs, typed into by a user.

Geometry is read the way the user sees it: where each field sits in its dialog before and after a message
appears or goes, whether two widgets overlap, whether the dialog has room for everything and no more.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QToolButton,
    QWidget,
)

from openkey_gui.demo import DemoServer
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, User

SETTLE_MS = 900  # the IP field checks a moment after the last keystroke


def _rect(widget: QWidget, dialog: QDialog) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def _y(widget: QWidget, dialog: QDialog) -> int:
    return widget.mapTo(dialog, QPoint(0, 0)).y()


def _open_sign_in(user: User) -> QDialog:
    user.trigger(user.action("add_account"))
    dialog = user.wait_for_dialog()
    user.activate(dialog)
    user.qtbot.wait(50)
    return dialog


def _fields(dialog: QDialog) -> dict[str, QWidget]:
    names = ("siteEdit", "usernameEdit", "passwordEdit")
    found = {name: dialog.findChild(QLineEdit, name) for name in names}
    found["tabs"] = dialog.findChild(QTabWidget)
    return found


def _type_site(user: User, dialog: QDialog, text: str) -> None:
    site = dialog.findChild(QLineEdit, "siteEdit")
    user.click(site)
    site.selectAll()
    user.press(Qt.Key.Key_Backspace, on=site)
    user.type(text, on=site)
    user.press(Qt.Key.Key_Tab, on=site)  # leaving the field checks the site


def test_sign_in_fields_stay_put_while_the_site_check_and_errors_come_and_go(user: User,
                                                                               server: DemoServer) -> None:
    dialog = _open_sign_in(user)
    fields = _fields(dialog)
    before = {name: _y(widget, dialog) for name, widget in fields.items()}
    info = dialog.findChild(QLabel, "siteInfo")
    error = dialog.findChild(QLabel, "signInError")

    _type_site(user, dialog, "https://example.test:99999")  # an invalid port: said at once
    user.wait_until(lambda: "invalid port" in info.text())
    assert {name: _y(widget, dialog) for name, widget in fields.items()} == before
    _type_site(user, dialog, server.url)  # fixed: the stale message goes, the site is described
    user.wait_until(lambda: "API" in info.text())
    assert "invalid port" not in info.text() and "invalid port" not in error.text()
    assert {name: _y(widget, dialog) for name, widget in fields.items()} == before

    password = fields["passwordEdit"]
    user.type(server.username, on=fields["usernameEdit"])
    user.type("wrong", on=password)
    user.press(Qt.Key.Key_Return, on=password)
    user.wait_until(error.text)
    assert {name: _y(widget, dialog) for name, widget in fields.items()} == before
    user.type("x", on=password)  # typing again: the refusal was about what is being changed
    assert error.text() == ""
    assert {name: _y(widget, dialog) for name, widget in fields.items()} == before


def test_the_address_error_from_sign_in_goes_once_the_address_changes(user: User) -> None:
    dialog = _open_sign_in(user)
    _type_site(user, dialog, "https://example.test:0")
    fields = _fields(dialog)
    user.type("someone", on=fields["usernameEdit"])
    user.type("secret", on=fields["passwordEdit"])
    user.press(Qt.Key.Key_Return, on=fields["passwordEdit"])
    error = dialog.findChild(QLabel, "signInError")
    user.wait_until(lambda: "invalid port" in error.text())
    site = fields["siteEdit"]
    user.click(site)
    user.press(Qt.Key.Key_Backspace, on=site)
    user.type("443", on=site)
    assert "invalid port" not in error.text()


def test_the_access_token_help_is_never_clipped(user: User) -> None:
    dialog = _open_sign_in(user)
    tabs = dialog.findChild(QTabWidget)
    user.press(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier, on=dialog)  # &Access token
    user.wait_until(lambda: tabs.currentIndex() == 1)
    help_text = dialog.findChild(QLabel, "accessTokenHelp")
    token = dialog.findChild(QLineEdit, "accessTokenEdit")
    user.press(Qt.Key.Key_Return, on=token)  # nothing pasted: an inline error
    error = dialog.findChild(QLabel, "signInError")
    user.wait_until(error.text)
    user.qtbot.wait(50)
    needed = help_text.heightForWidth(help_text.width())
    assert help_text.height() >= needed, (help_text.height(), needed)
    assert _rect(help_text, dialog).bottom() < _rect(token, dialog).top()
    assert _rect(error, dialog).bottom() <= dialog.rect().bottom()


def test_a_new_api_site_asks_for_the_user_id_in_its_own_words(user: User, server: DemoServer) -> None:
    dialog = _open_sign_in(user)
    _type_site(user, dialog, server.url)
    info = dialog.findChild(QLabel, "siteInfo")
    user.wait_until(lambda: "API" in info.text())
    user_id = dialog.findChild(QLineEdit, "userIdEdit")
    if server.flavor == "new-api":
        assert "One API" not in user_id.placeholderText() and user_id.placeholderText()
    else:
        assert "optional" in user_id.placeholderText()
    tabs = dialog.findChild(QTabWidget)
    tabs.setCurrentIndex(1)
    token = dialog.findChild(QLineEdit, "accessTokenEdit")
    user.type(server.access_token, on=token)
    user.press(Qt.Key.Key_Return, on=token)
    error = dialog.findChild(QLabel, "signInError")
    if server.flavor == "new-api":
        user.wait_until(error.text)
        assert "numeric user ID" in error.text() and "New-Api-User" not in error.text().split("\n")[0]
    else:
        user.wait_until(lambda: not dialog.isVisible())


def test_the_password_can_be_shown_and_hidden(user: User) -> None:
    dialog = _open_sign_in(user)
    password = dialog.findChild(QLineEdit, "passwordEdit")
    toggle = dialog.findChild(QToolButton, "showPasswordButton")
    assert password.echoMode() is QLineEdit.EchoMode.Password
    user.click(toggle)
    assert password.echoMode() is QLineEdit.EchoMode.Normal
    user.click(toggle)
    assert password.echoMode() is QLineEdit.EchoMode.Password


def _open_token_dialog(user: User) -> QDialog:
    user.press(Qt.Key.Key_N, CTRL, on=user.table)
    dialog = user.wait_for_dialog()
    user.activate(dialog)
    advanced = next(b for b in dialog.findChildren(QAbstractButton) if b.objectName() == "advancedToggle")
    user.click(advanced)
    user.qtbot.wait(50)
    return dialog


def test_the_token_dialogs_ip_error_takes_room_of_its_own(signed_in: User, truth: ServerTruth) -> None:
    dialog = _open_token_dialog(signed_in)
    models = dialog.findChild(QListWidget, "modelList")
    ips = dialog.findChild(QPlainTextEdit, "allowIpsEdit")
    error = dialog.findChild(QLabel, "allowIpsError")
    height = dialog.height()
    models_y = _y(models, dialog)

    signed_in.type("10.0.0.300", on=ips)
    signed_in.qtbot.wait(SETTLE_MS)
    signed_in.wait_until(error.isVisible)
    signed_in.qtbot.wait(50)
    shown = _rect(error, dialog)
    assert not shown.intersects(_rect(models, dialog)) and not shown.intersects(_rect(ips, dialog))
    assert _y(models, dialog) == models_y
    buttons = dialog.findChild(QWidget, "buttonBox")
    assert shown.bottom() < _rect(buttons, dialog).top() and dialog.height() > height

    ips.selectAll()
    signed_in.press(Qt.Key.Key_Backspace, on=ips)
    signed_in.type("10.0.0.3", on=ips)
    signed_in.qtbot.wait(SETTLE_MS)
    signed_in.wait_until(lambda: not error.isVisible())
    signed_in.qtbot.wait(50)
    assert dialog.height() == height  # no blank space where the message was
    signed_in.press(Qt.Key.Key_Escape, on=dialog)
