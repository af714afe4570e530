"""The whole Tokens-page flow through the real window, against the demo server in both flavours."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from openkey_gui.api import TokenStatus
from openkey_gui.credentials import SERVICE
from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.token_cells import Column
from openkey_gui.ui.token_dialog import TokenDialog
from tests.helpers.app import close_window, open_window, sign_in
from tests.support import MemoryKeyring

WAIT_MS = 10_000


@pytest.fixture(params=["one-api", "new-api"])
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=20, seed=5, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(str(tmp_path / "settings.ini"))


@pytest.fixture
def window(qtbot: QtBot, settings: AppSettings, keyring_backend: MemoryKeyring) -> Iterator[MainWindow]:
    win = open_window(qtbot, settings=settings, keyring=keyring_backend, close_to_tray=None)
    yield win
    close_window(win)


def select_token(window: MainWindow, token_id: int) -> None:
    window.view.select(token_id)
    assert window.view.current_token() is not None and window.view.current_token().id == token_id


def server_token(server: DemoServer, token_id: int) -> dict | None:
    return next((t for t in server.tokens() if t["id"] == token_id), None)


def test_signed_in_window_lists_every_token(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    assert window.proxy.rowCount() == 20
    header = window.view.header_label.text()
    assert server.username in header and "Balance" in header and "$" in header
    assert "20 tokens" in window.count_label.text()
    # keys are masked in the table until asked for
    for row in range(window.model.rowCount()):
        key_cell = window.model.index(row, Column.KEY).data()
        assert "…" in key_cell
        assert window.model.token_at(row).key[3:] not in key_cell


def test_search_and_status_filter(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    name = server.tokens()[0]["name"]
    window.view.focus_search()
    qtbot.keyClicks(window.search, name)
    qtbot.waitUntil(lambda: 0 < window.proxy.rowCount() < 20, timeout=WAIT_MS)
    assert all(name.casefold() in window.proxy.index(r, Column.NAME).data().casefold()
               for r in range(window.proxy.rowCount()))
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 20, timeout=WAIT_MS)
    # Down moves from the search field into the table
    window.view.focus_search()
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.table.hasFocus() or QApplication.focusWidget() is window.table
    window.view.status_filter.setCurrentIndex(window.view.status_filter.findData(TokenStatus.DISABLED))
    shown = window.proxy.rowCount()
    expected = sum(1 for t in window.model.tokens() if t.effective_status is TokenStatus.DISABLED)
    assert shown == expected


def open_add_dialog(qtbot: QtBot, window: MainWindow) -> TokenDialog:
    window.acts.add.trigger()
    qtbot.waitUntil(lambda: window.dialogs.token is not None
                    and window.dialogs.token.isVisible(), timeout=WAIT_MS)
    return window.dialogs.token


def test_add_token_in_money_and_copy_key(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    dialog = open_add_dialog(qtbot, window)
    qtbot.keyClicks(dialog._name_edit, "gui-made")
    dialog._amount_edit.clear()
    qtbot.keyClicks(dialog._amount_edit, "2.5")
    qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(t["name"] == "gui-made" for t in server.tokens()), timeout=WAIT_MS)
    made = next(t for t in server.tokens() if t["name"] == "gui-made")
    assert made["remain_quota"] == 1_250_000
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert window.view.current_token() is not None and window.view.current_token().id == made["id"]
    assert window.banner.isVisible() and "gui-made" in window.banner.label.text()
    qtbot.mouseClick(window.banner.button(0), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "sk-" + made["key"], timeout=WAIT_MS)
    mime = QGuiApplication.clipboard().mimeData()
    assert bytes(mime.data("x-kde-passwordManagerHint")) == b"secret"


def test_add_token_in_units(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    dialog = open_add_dialog(qtbot, window)
    qtbot.keyClicks(dialog._name_edit, "by-units")
    dialog._unit_combo.setCurrentIndex(1)
    dialog._amount_edit.clear()
    qtbot.keyClicks(dialog._amount_edit, "777777")
    qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(t["name"] == "by-units" for t in server.tokens()), timeout=WAIT_MS)
    assert next(t for t in server.tokens() if t["name"] == "by-units")["remain_quota"] == 777_777


def test_keyboard_only_create_and_copy(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    """Ctrl+N, type a name, Enter; the "Copy key" button has focus, Space copies the full key."""
    sign_in(qtbot, window, server)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.dialogs.token is not None
                    and window.dialogs.token.isVisible(), timeout=WAIT_MS)
    dialog = window.dialogs.token
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=WAIT_MS)
    qtbot.keyClicks(QApplication.focusWidget(), "keyboard-only")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    made = next(t for t in server.tokens() if t["name"] == "keyboard-only")
    # offscreen has no window manager to re-activate the window, so ask for the window's focus widget
    qtbot.waitUntil(lambda: window.focusWidget() is window.banner.button(0), timeout=WAIT_MS)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "sk-" + made["key"], timeout=WAIT_MS)


def test_copy_with_ctrl_c_and_enter(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    token = window.model.token_at(3)
    select_token(window, token.id)
    window.table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    expected = "sk-" + server_token(server, token.id)["key"]
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == expected, timeout=WAIT_MS)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == expected, timeout=WAIT_MS)


def test_copy_as_env_and_base_url(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    token = window.model.token_at(0)
    select_token(window, token.id)
    window.acts.copy_env.trigger()
    key = "sk-" + server_token(server, token.id)["key"]
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("OPENAI_API_KEY="), timeout=WAIT_MS)
    assert QGuiApplication.clipboard().text() == f"OPENAI_API_KEY={key}\nOPENAI_BASE_URL={server.url}/v1\n"
    window.acts.copy_base.trigger()
    assert QGuiApplication.clipboard().text() == server.url + "/v1"


def test_reveal_in_table(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    token = window.model.token_at(1)
    select_token(window, token.id)
    window.acts.reveal.trigger()
    full = "sk-" + server_token(server, token.id)["key"]
    row = window.model.row_of(token.id)
    qtbot.waitUntil(lambda: window.model.index(row, Column.KEY).data() == full, timeout=WAIT_MS)
    window.acts.reveal.trigger()
    assert window.model.index(row, Column.KEY).data() != full


def test_edit_rename(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    token = window.model.token_at(0)
    before = server_token(server, token.id)
    select_token(window, token.id)
    window.acts.edit.trigger()
    qtbot.waitUntil(lambda: window.dialogs.token.isVisible(), timeout=WAIT_MS)
    dialog = window.dialogs.token
    dialog._name_edit.selectAll()
    qtbot.keyClicks(dialog._name_edit, "edited-name")
    qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: server_token(server, token.id)["name"] == "edited-name", timeout=WAIT_MS)
    after = server_token(server, token.id)
    assert after["remain_quota"] == before["remain_quota"]
    assert after["expired_time"] == before["expired_time"]
    qtbot.waitUntil(lambda: window.model.token_at(window.model.row_of(token.id)).name == "edited-name",
                    timeout=WAIT_MS)


def test_disable_and_enable(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    token = next(t for t in window.model.tokens() if t.effective_status is TokenStatus.ENABLED)
    select_token(window, token.id)
    window.acts.disable.trigger()
    qtbot.waitUntil(lambda: server_token(server, token.id)["status"] == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.model.token_at(window.model.row_of(token.id)).status
                    is TokenStatus.DISABLED, timeout=WAIT_MS)
    select_token(window, token.id)
    window.acts.enable.trigger()
    qtbot.waitUntil(lambda: server_token(server, token.id)["status"] == 1, timeout=WAIT_MS)


def test_delete_asks_first(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    token = window.model.token_at(2)
    select_token(window, token.id)
    window.acts.delete.trigger()
    box: QMessageBox = window.dialogs.delete
    assert token.name in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(100)
    assert server_token(server, token.id) is not None
    window.acts.delete.trigger()
    box = window.dialogs.delete
    delete_button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    delete_button.click()
    qtbot.waitUntil(lambda: server_token(server, token.id) is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.model.row_of(token.id) is None, timeout=WAIT_MS)


def test_sign_in_dialog_remembers_in_keyring_only(
    qtbot: QtBot, window: MainWindow, server: DemoServer, keyring_backend: MemoryKeyring, settings: AppSettings
) -> None:
    dialog = window.accounts.show_sign_in(None)
    dialog.site.setCurrentText(server.url)
    qtbot.keyClicks(dialog.username, server.username)
    qtbot.keyClicks(dialog.password, server.password)
    assert dialog.remember.isChecked()
    dialog.submit()
    qtbot.waitUntil(lambda: window.model.rowCount() == 20, timeout=WAIT_MS)
    assert not dialog.isVisible()
    stored = list(keyring_backend.entries.items())
    assert len(stored) == 1 and stored[0][0][0] == SERVICE and server.password in stored[0][1]
    settings.sync()
    text = Path(settings.file_name()).read_text(encoding="utf-8")
    assert server.url in text and server.password not in text
    # next start: the remembered account signs in silently
    second = open_window(qtbot, settings=settings, keyring=keyring_backend, close_to_tray=None, show=False)
    second.accounts.sign_in_remembered(settings.last_account())
    qtbot.waitUntil(lambda: second.model.rowCount() == 20, timeout=WAIT_MS)
    # sign out forgets the credential
    window.accounts.sign_out()
    qtbot.waitUntil(lambda: not keyring_backend.entries, timeout=WAIT_MS)
    assert window.model.rowCount() == 0
    window.dialogs.sign_in.reject()
    close_window(second)


def test_wrong_password_keeps_the_form(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    dialog = window.accounts.show_sign_in(None)
    dialog.site.setCurrentText(server.url)
    qtbot.keyClicks(dialog.username, server.username)
    qtbot.keyClicks(dialog.password, "not-the-password")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog) and bool(dialog.error.text()), timeout=WAIT_MS)
    assert "用户名或密码错误" in dialog.error.text()
    assert dialog.isVisible() and dialog.username.text() == server.username
    dialog.reject()


def test_server_error_shows_banner_with_retry(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    server.fail_next(10, status=500, path="/api/user/self")
    window.refresh()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT_MS)
    assert "HTTP 500" in window.banner.label.text()
    assert window.model.rowCount() == 20  # the table keeps what it had
    server.reset_requests()
    window.banner.button(0).click()  # Retry
    qtbot.waitUntil(lambda: any(r[1] == "/api/user/self" for r in server.requests), timeout=WAIT_MS)


def test_session_expired_offers_sign_in(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    sign_in(qtbot, window, server)
    server.expire_sessions()
    window.refresh()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT_MS)
    assert "session has ended" in window.banner.label.text()
    window.banner.button(0).click()
    assert window.dialogs.sign_in.isVisible()
    window.dialogs.sign_in.reject()


def test_layout_is_remembered(qtbot: QtBot, settings: AppSettings, keyring_backend: MemoryKeyring) -> None:
    first = open_window(qtbot, settings=settings, keyring=keyring_backend, close_to_tray=None)
    first.resize(700, 500)  # the offscreen screen is 800 x 600; restoreGeometry keeps windows on it
    qtbot.waitUntil(lambda: first.width() == 700)
    first.table.horizontalHeader().resizeSection(Column.NAME, 321)
    first.close()
    second = open_window(qtbot, settings=settings, keyring=keyring_backend, close_to_tray=None, show=False)
    assert second.table.horizontalHeader().sectionSize(Column.NAME) == 321
    second.show()
    assert second.size() == first.size()
