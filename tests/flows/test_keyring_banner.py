"""A keyring that refuses, then works again: what the user is told, and what "Remember me" then shows.

The keyring here fails as Secret Service does when its D-Bus service cannot start (``InitError``); the
user signs in with Remember me ticked, signs out, and signs in again once the keyring works.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.errors import InitError
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.app import close_window, open_window
from tests.helpers.user import WAIT_MS, User
from tests.support import MemoryKeyring


class FlakyKeyring(MemoryKeyring):
    """Refuses every request while ``broken``, like a Secret Service that failed to start."""

    def __init__(self) -> None:
        super().__init__()
        self.broken = True

    def _check(self) -> None:
        if self.broken:
            raise InitError("Failed to create the collection: Prompt dismissed.")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        super().delete_password(service, username)


@pytest.fixture
def keyring() -> FlakyKeyring:
    return FlakyKeyring()


@pytest.fixture
def flaky_user(qtbot: QtBot, tmp_path: Path, keyring: FlakyKeyring) -> Iterator[User]:
    window: MainWindow = open_window(qtbot, tmp_path, keyring=keyring)
    yield User(qtbot, window)
    close_window(window)


def _sign_in(user: User, server: DemoServer, *, remember_expected: bool) -> None:
    """Account → Add account…, the form typed, Remember me left as the form offers it."""
    user.trigger(user.action("add_account"))
    dialog = user.wait_for_dialog()
    user.activate(dialog)
    remember = dialog.findChild(QCheckBox)
    user.wait_until(lambda: remember.isChecked() is remember_expected)
    site = dialog.findChild(QLineEdit, "siteEdit")
    site.selectAll()
    user.type(server.url, on=site)
    user.type(server.username, on=dialog.findChild(QLineEdit, "usernameEdit"))
    password = dialog.findChild(QLineEdit, "passwordEdit")
    user.type(server.password, on=password)
    if not remember_expected:
        user.click(remember, QPoint(8, remember.height() // 2))  # the keyring works again: ticked once more
        assert remember.isChecked()
    user.press(Qt.Key.Key_Return, on=password)
    user.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    user.back_to_window()


def test_a_refusing_keyring_is_said_plainly_and_forgotten_once_it_works(flaky_user: User, server: DemoServer,
                                                                        keyring: FlakyKeyring) -> None:
    user = flaky_user
    _sign_in(user, server, remember_expected=True)
    user.wait_until(user.banner_text)
    said = user.banner_text()
    assert "could not be remembered" in said and "asked again" in said, said
    assert "InitError" not in said and "refused the request" not in said

    user.trigger(user.action("sign_out"))
    dialog = user.wait_for_dialog()
    user.qtbot.wait(300)  # the keyring is asked to forget the account in the background
    assert "keyring" not in user.banner_text()
    remember = dialog.findChild(QCheckBox)
    assert not remember.isChecked()  # it could not be remembered last time
    note = dialog.findChild(QLabel, "keyringNote")
    assert note.isVisible() and "could not be remembered" in note.text()
    user.press(Qt.Key.Key_Escape, on=dialog)
    user.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    user.back_to_window()

    keyring.broken = False  # e.g. the user unlocked or started the keyring
    _sign_in(user, server, remember_expected=False)
    user.wait_for_rows(len(server.tokens()))
    assert "keyring" not in user.banner_text()
    assert keyring.entries  # remembered this time
    user.trigger(user.action("add_account"))
    again = user.wait_for_dialog()
    assert again.findChild(QCheckBox).isChecked() and not again.findChild(QLabel, "keyringNote").isVisible()
