"""One language on screen: the Chinese UI says network failures in Chinese, the English UI never puts the
server's Chinese words inside an English sentence (they appear only on the last, "Details:" line).

Driven like a user: the sign-in dialog typed into, F5 pressed; the demo server refuses or fails as a real
site would, and the text read is what the dialog or the banner shows.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.i18n import switch_language
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.app import close_window, open_window
from tests.helpers.truth import ServerTruth
from tests.helpers.user import WAIT_MS, User

CJK = re.compile(r"[\u4e00-\u9fff]")
# Two English words in a row: what an English sentence leaves in a Chinese text (a host name does not).
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,.;:]+[A-Za-z]{2,}")


@pytest.fixture
def chinese_window(qtbot: QtBot, tmp_path: Path, qapp: QApplication) -> Iterator[MainWindow]:
    """The app as it starts with the Chinese language: the catalogue installed before the window is built."""
    assert switch_language(qapp, "zh_CN")
    QGuiApplication.clipboard().clear()
    window = open_window(qtbot, tmp_path)
    yield window
    close_window(window)
    switch_language(qapp, "en")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _try_sign_in(user: User, site: str, username: str, password: str) -> str:
    """Account → Add account…, type the form, press Enter; the error the dialog then shows."""
    user.trigger(user.action("add_account"))
    dialog = user.wait_for_dialog()
    user.activate(dialog)
    site_edit = dialog.findChild(QLineEdit, "siteEdit")
    user.click(site_edit)
    site_edit.selectAll()
    user.type(site, on=site_edit)
    user.press(Qt.Key.Key_Tab, on=site_edit)  # leaving the field checks the site
    name_edit = dialog.findChild(QLineEdit, "usernameEdit")
    name_edit.clear()
    user.type(username, on=name_edit)
    password_edit = dialog.findChild(QLineEdit, "passwordEdit")
    user.type(password, on=password_edit)
    user.press(Qt.Key.Key_Return, on=password_edit)
    error = dialog.findChild(QLabel, "signInError")
    user.wait_until(lambda: error.isVisible() and error.text())
    return error.text()


def test_the_chinese_ui_says_an_unreachable_site_in_chinese(qtbot: QtBot, chinese_window: MainWindow) -> None:
    user = User(qtbot, chinese_window)
    site = f"http://127.0.0.1:{_closed_port()}"
    text = _try_sign_in(user, site, "someone", "secret")
    assert "无法连接到" in text and not ENGLISH_WORDS.search(text), text
    info = user.open_dialog().findChild(QLabel, "siteInfo")  # the site check on leaving the address field
    user.wait_until(lambda: info.text())
    assert CJK.search(info.text()) and not ENGLISH_WORDS.search(info.text()), info.text()
    user.press(Qt.Key.Key_Escape, on=user.open_dialog())


def test_the_chinese_ui_says_a_failing_gateway_in_chinese(qtbot: QtBot, chinese_window: MainWindow,
                                                          server: DemoServer, truth: ServerTruth) -> None:
    user = User(qtbot, chinese_window)
    user.sign_in(server, expect_rows=truth.count())
    server.fail_next(10, status=502, html=True)  # every request, retries included
    user.press(Qt.Key.Key_F5, on=user.table)
    user.wait_until(user.banner_text)
    text = user.banner_text()
    server.clear_faults()
    assert "暂时不可用" in text and "502" in text and not ENGLISH_WORDS.search(text), text


def test_the_english_ui_keeps_the_servers_chinese_to_the_details_line(user: User, server: DemoServer) -> None:
    text = _try_sign_in(user, server.url, server.username, "wrong password")
    *sentences, details = text.split("\n")
    assert sentences and not any(CJK.search(line) for line in sentences), text
    assert "user name or password is wrong" in sentences[0]
    assert details == "Details: 用户名或密码错误，或用户已被封禁"
    assert "Sign in again" not in text  # the same password would fail the same way


def test_the_english_ui_says_an_ended_session_in_english(signed_in: User, server: DemoServer) -> None:
    server.expire_sessions()
    signed_in.press(Qt.Key.Key_F5, on=signed_in.table)
    signed_in.wait_until(lambda: "Details:" in signed_in.banner_text(), timeout=WAIT_MS)
    *sentences, details = signed_in.banner_text().split("\n")
    assert not any(CJK.search(line) for line in sentences), sentences
    assert "Sign in again" in " ".join(sentences)
    assert details.startswith("Details: 无权进行此操作")
