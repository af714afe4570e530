"""The fault matrix: each fault a user can meet, through the real window against the demo server.

For every fault the test asserts three things the issue asks for: a clear message with a way forward
(banner text plus a Retry / Sign in button, or the message inside the open dialog), that what the user
typed in an open dialog is still there, and that afterwards the table equals the server's state. Then it
takes the way forward and checks that it works. Each case adds a line to the report printed at the end.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from openkey_gui.api import Flavor
from openkey_gui.credentials import CredentialStore
from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.settings import AccountEntry, AppSettings
from tests.reliability.gui import (
    WAIT_MS,
    close_window,
    free_port,
    idle,
    make_window,
    open_add_dialog,
    sign_in_window,
    table_is_server,
)
from tests.reliability.report import note
from tests.support import MemoryKeyring

SECTION = "fault matrix (fault → message shown → way forward)"
TIMEOUT = 1.0


def record(fault: str, where: str, message: str, way: str) -> None:
    shown = " ".join(message.split())
    note(SECTION, f"{fault} [{where}] → “{shown[:150]}{'…' if len(shown) > 150 else ''}” → {way}")


def start_server(flavor: str, port: int | None = None, **kwargs: Any) -> DemoServer:
    return DemoServer(flavor=flavor, tokens=12, seed=11, port=port or free_port(), critical_rate_limit=None,
                      search_rate_limit=None, **kwargs).start()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, tmp_path, CredentialStore(MemoryKeyring()), timeout=TIMEOUT)
    yield win
    close_window(win)


# -- reads: the banner with Retry ------------------------------------------------------------------------

REFRESH_FAULTS: list[tuple[str, str, dict[str, Any] | None, str]] = [
    ("server down", "one-api", None, "Cannot reach"),
    ("connection dropped mid-answer", "new-api", {"drop": "mid"}, "broke"),
    ("timeout", "one-api", {"delay": 2.5}, "did not answer within 1 s"),
    ("HTTP 500", "new-api", {"status": 500}, "HTTP 500"),
    ("HTTP 502 HTML page", "one-api", {"status": 502, "html": True}, "temporarily unavailable (HTTP 502"),
    ("HTTP 429 with Retry-After", "new-api", {"status": 429, "retry_after": 1}, "wait 1 s and try again"),
    ("HTTP 429 without Retry-After", "one-api", {"status": 429}, "too many requests; wait a little"),
    ("malformed JSON", "new-api", {"body": b'{"success": tru'}, "not valid JSON"),
    ("success:false with a message", "one-api",
     {"body": '{"success":false,"message":"系统维护中，请稍后再试"}'}, "系统维护中，请稍后再试"),
]


@pytest.mark.parametrize(("fault", "flavor", "injected", "words"), REFRESH_FAULTS,
                         ids=[case[0] for case in REFRESH_FAULTS])
def test_refresh_fault_shows_banner_with_retry(qtbot: QtBot, window: MainWindow, fault: str, flavor: str,
                                               injected: dict[str, Any] | None, words: str) -> None:
    server = start_server(flavor)
    try:
        sign_in_window(qtbot, window, server)
        if injected is None:
            server.stop()
        else:
            server.fail_next(10, path="/api/user/self", **injected)
        window.acts.refresh.trigger()
        qtbot.waitUntil(lambda: window.banner.isVisible() and idle(window), timeout=WAIT_MS)
        message = window.banner.label.text()
        assert words in message, message
        assert window.banner.button(0).isVisible() and window.banner.button(0).text() == "Retry"
        assert table_is_server(window, server)  # the table keeps what it had, which is still the truth
        # the way forward: the fault passes, Retry
        if injected is None:
            server.start()
        else:
            server.clear_faults()
        qtbot.mouseClick(window.banner.button(0), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: idle(window) and not window.banner.isVisible(), timeout=WAIT_MS)
        qtbot.wait(50)
        assert not window.banner.isVisible()
        assert table_is_server(window, server)
        record(fault, "refresh", message, "Retry → list reloaded, table = server")
    finally:
        server.stop()


# -- writes: the message in the open dialog, what was typed kept -----------------------------------------

CREATE_FAULTS: list[tuple[str, str, dict[str, Any] | None, str]] = [
    ("server down", "new-api", None, "Cannot reach"),
    ("HTTP 500", "one-api", {"status": 500}, "HTTP 500"),
    ("HTTP 502 HTML page", "new-api", {"status": 502, "html": True}, "HTTP 502"),
    ("HTTP 429 with Retry-After", "one-api", {"status": 429, "retry_after": 3}, "wait 3 s"),
    ("HTTP 429 without Retry-After", "new-api", {"status": 429}, "too many requests"),
    ("malformed JSON", "one-api", {"body": b'{"success": tru'}, "not valid JSON"),
    ("success:false with a message", "new-api",
     {"body": '{"success":false,"message":"已达到最大令牌数量限制 (1000)"}'}, "已达到最大令牌数量限制 (1000)"),
    ("connection dropped before the answer", "one-api", {"drop": "before"}, "not created"),
]


@pytest.mark.parametrize(("fault", "flavor", "injected", "words"), CREATE_FAULTS,
                         ids=[case[0] for case in CREATE_FAULTS])
def test_create_fault_keeps_the_dialog(qtbot: QtBot, window: MainWindow, fault: str, flavor: str,
                                       injected: dict[str, Any] | None, words: str) -> None:
    server = start_server(flavor)
    name = "fault-" + str(abs(hash(fault)) % 10_000)
    try:
        sign_in_window(qtbot, window, server)
        dialog = open_add_dialog(qtbot, window, name)
        if injected is None:
            server.stop()
        else:
            server.fail_next(1, path="/api/token", method="POST", **injected)
        qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(dialog._error_label.text()) and idle(window), timeout=WAIT_MS)
        message = dialog._error_label.text()
        assert words in message, message
        if fault != "success:false with a message":  # (that one is the server's own words)
            assert "not created" in message and "try again" in message, message  # the way forward
        assert dialog.isVisible() and dialog._name_edit.text() == name  # what the user typed is kept
        assert dialog._ok_button.isEnabled()
        assert not [t for t in server.tokens() if t["name"] == name]
        assert table_is_server(window, server)
        # the way forward: the fault passes, Create again
        if injected is None:
            server.start()
        qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        assert len([t for t in server.tokens() if t["name"] == name]) == 1
        qtbot.waitUntil(lambda: idle(window), timeout=WAIT_MS)
        assert table_is_server(window, server)
        record(fault, "create", message, "dialog kept with the typed name → Create again → one token, table = server")
    finally:
        server.stop()


@pytest.mark.parametrize(("fault", "flavor", "injected"), [
    ("timeout (server still creates)", "one-api", {"delay": 2.0}),
    ("connection dropped mid-answer (server created)", "new-api", {"drop": "mid"}),
])
def test_create_with_lost_answer_is_reconciled(qtbot: QtBot, window: MainWindow, fault: str, flavor: str,
                                               injected: dict[str, Any]) -> None:
    server = start_server(flavor)
    try:
        sign_in_window(qtbot, window, server)
        dialog = open_add_dialog(qtbot, window, "lost-answer")
        server.fail_next(1, path="/api/token", method="POST", **injected)
        qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        message = window.banner.label.text()
        assert "lost-answer" in message and window.banner.button(0).text() == "Copy key"
        assert len([t for t in server.tokens() if t["name"] == "lost-answer"]) == 1
        qtbot.waitUntil(lambda: idle(window), timeout=WAIT_MS)
        assert table_is_server(window, server)
        record(fault, "create", message, "reconciled by listing: the one token is shown and selected")
    finally:
        server.stop()


def test_edit_with_dropped_answer_refreshes_the_table(qtbot: QtBot, window: MainWindow) -> None:
    server = start_server("new-api")
    try:
        sign_in_window(qtbot, window, server)
        token = window.model.token_at(0)
        window.view.select(token.id)
        window.acts.edit.trigger()
        qtbot.waitUntil(lambda: window.dialogs.token.isVisible(), timeout=WAIT_MS)
        dialog = window.dialogs.token
        dialog._name_edit.selectAll()
        qtbot.keyClicks(dialog._name_edit, "renamed-in-fault")
        server.fail_next(1, drop="mid", path="/api/token", method="PUT")  # applied, answer cut
        qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(dialog._error_label.text()), timeout=WAIT_MS)
        message = dialog._error_label.text()
        assert "broke" in message and "Refresh" in message
        assert dialog.isVisible() and dialog._name_edit.text() == "renamed-in-fault"
        # the change did happen: the table is refreshed behind the dialog and shows it
        qtbot.waitUntil(lambda: idle(window) and table_is_server(window, server), timeout=WAIT_MS)
        assert any(t.name == "renamed-in-fault" for t in window.model.tokens())
        qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)  # Save again: the same values, harmless
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: idle(window), timeout=WAIT_MS)
        assert table_is_server(window, server)
        record("connection dropped mid-answer", "edit", message,
               "dialog kept; table refreshed to the server's truth → Save again (idempotent)")
    finally:
        server.stop()


# -- the session ends mid-use: sign in again, and the interrupted action is finished ------------------


def sign_in_again(qtbot: QtBot, window: MainWindow, server: DemoServer) -> None:
    qtbot.waitUntil(lambda: window.dialogs.sign_in is not None
                    and window.dialogs.sign_in.isVisible(), timeout=WAIT_MS)
    dialog = window.dialogs.sign_in
    assert dialog.site.currentText() == server.url and dialog.username.text() == server.username  # prefilled
    dialog.password.setText(server.password)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_session_expired_during_refresh(qtbot: QtBot, window: MainWindow) -> None:
    server = start_server("new-api")
    try:
        sign_in_window(qtbot, window, server)
        server.expire_sessions()
        window.acts.refresh.trigger()
        qtbot.waitUntil(lambda: window.banner.isVisible() and idle(window), timeout=WAIT_MS)
        message = window.banner.label.text()
        assert "session has ended" in message and "refresh the token list" in message
        assert window.banner.button(0).text() == "Sign in again…"
        assert window.controller.pending_action is not None
        assert table_is_server(window, server)
        qtbot.mouseClick(window.banner.button(0), Qt.MouseButton.LeftButton)
        sign_in_again(qtbot, window, server)
        qtbot.waitUntil(lambda: idle(window) and table_is_server(window, server), timeout=WAIT_MS)
        assert window.controller.pending_action is None
        record("session expired mid-use (401)", "refresh", message,
               "Sign in again… → sign-in prefilled → the refresh runs, table = server")
    finally:
        server.stop()


@pytest.mark.parametrize(("flavor", "renewal"), [("one-api", False), ("new-api-v1", False), ("new-api-v1", True)],
                         ids=["one-api", "new-api-v1", "new-api-v1 refresh refused"])
def test_session_expired_during_create_finishes_it(qtbot: QtBot, window: MainWindow, flavor: str,
                                                   renewal: bool) -> None:
    """On New API v1.0 the session is revoked on the site; with ``renewal`` the access token has also
    expired, so the create first meets a refused refresh."""
    server = start_server(flavor, **({"access_ttl": 2, "access_leeway": 0} if renewal else {}))
    try:
        sign_in_window(qtbot, window, server)
        dialog = open_add_dialog(qtbot, window, "after-sign-in")
        server.expire_sessions()
        if renewal:
            qtbot.wait(2300)
        qtbot.mouseClick(dialog._ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(dialog._error_label.text()), timeout=WAIT_MS)
        message = dialog._error_label.text()
        assert "Sign in again to finish" in message and "was not created" in message
        assert dialog.isVisible() and dialog._name_edit.text() == "after-sign-in"
        banner = window.banner.label.text()
        assert "session has ended" in banner and "create “after-sign-in”" in banner
        assert not [t for t in server.tokens() if t["name"] == "after-sign-in"]
        assert table_is_server(window, server)
        # the banner's button is behind the modal dialog, so the sign-in prompt opened by itself
        sign_in_again(qtbot, window, server)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)  # the pending create ran
        assert len([t for t in server.tokens() if t["name"] == "after-sign-in"]) == 1
        qtbot.waitUntil(lambda: idle(window), timeout=WAIT_MS)
        assert table_is_server(window, server)
        assert window.view.current_token() is not None and window.view.current_token().name == "after-sign-in"
        record("session expired mid-use (401)", "create", message + " / banner: " + banner,
               "sign-in prompt opens over the dialog → after sign-in the create completes, one token")
    finally:
        server.stop()


def test_session_expired_during_disable_finishes_it(qtbot: QtBot, window: MainWindow) -> None:
    server = start_server("new-api")
    try:
        sign_in_window(qtbot, window, server)
        token = next(t for t in window.model.tokens() if int(t.status) == 1)
        window.view.select(token.id)
        server.expire_sessions()
        window.acts.disable.trigger()
        qtbot.waitUntil(lambda: window.banner.isVisible() and idle(window), timeout=WAIT_MS)
        message = window.banner.label.text()
        assert f"disable “{token.name}”" in message
        qtbot.mouseClick(window.banner.button(0), Qt.MouseButton.LeftButton)
        sign_in_again(qtbot, window, server)
        qtbot.waitUntil(lambda: next(t for t in server.tokens() if t["id"] == token.id)["status"] == 2,
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: idle(window) and table_is_server(window, server), timeout=WAIT_MS)
        record("session expired mid-use (401)", "disable", message,
               "Sign in again… → the disable completes, table = server")
    finally:
        server.stop()


# -- the keyring ---------------------------------------------------------------------------------------


class LockedKeyring(MemoryKeyring):
    """A keyring that is locked (the user dismissed the unlock prompt) until ``unlock()``."""

    def __init__(self) -> None:
        super().__init__()
        self.locked = True

    def unlock(self) -> None:
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        super().set_password(service, username, password)


def test_keyring_locked_when_remembering(qtbot: QtBot, tmp_path: Path) -> None:
    server = start_server("one-api")
    backend = LockedKeyring()
    window = make_window(qtbot, tmp_path, CredentialStore(backend), timeout=TIMEOUT)
    try:
        dialog = window.accounts.show_sign_in(None)
        dialog.site.setCurrentText(server.url)
        qtbot.keyClicks(dialog.username, server.username)
        qtbot.keyClicks(dialog.password, server.password)
        assert dialog.remember.isChecked()
        dialog.submit()
        qtbot.waitUntil(lambda: table_is_server(window, server) and window.model.rowCount() > 0, timeout=WAIT_MS)
        message = window.banner.label.text()
        assert window.banner.isVisible() and "locked" in message and "Unlock it" in message
        assert backend.entries == {}  # nothing was remembered, and nothing went to a file instead
        record("keyring locked", "sign-in with remember me", message,
               "signed in anyway; the text says to unlock the keyring (or sign in without remembering)")
    finally:
        close_window(window)
        server.stop()


def test_keyring_locked_at_start_offers_retry_and_sign_in(qtbot: QtBot, tmp_path: Path) -> None:
    server = start_server("new-api")
    backend = LockedKeyring()
    backend.locked = False
    store = CredentialStore(backend)
    settings = AppSettings(str(tmp_path / "settings.ini"))
    from openkey_gui.credentials import Credential, account_key

    entry = AccountEntry(server_url=server.url, username=server.username)
    settings.remember_account(entry)
    store.save(account_key(server.url, server.username), Credential(mode="password", username=server.username,
                                                                    password=server.password))
    backend.locked = True
    window = MainWindow(settings, store, request_timeout=TIMEOUT)
    qtbot.addWidget(window)
    window.show()
    try:
        window.accounts.sign_in_remembered(settings.last_account())
        qtbot.waitUntil(lambda: window.banner.isVisible() and idle(window), timeout=WAIT_MS)
        message = window.banner.label.text()
        assert "automatically" in message and "locked" in message
        assert window.banner.button(0).text() == "Retry" and window.banner.button(1).text() == "Sign in…"
        backend.unlock()  # the user unlocks the keyring, then presses Retry
        qtbot.mouseClick(window.banner.button(0), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.model.rowCount() > 0 and idle(window), timeout=WAIT_MS)
        assert table_is_server(window, server)
        record("keyring locked", "start-up with a remembered account", message,
               "Retry (after unlocking) signs in silently; Sign in… opens the prefilled form")
    finally:
        close_window(window)
        server.stop()


def test_no_keyring_at_all(qtbot: QtBot, tmp_path: Path) -> None:
    """keyring's fail backend (a headless Linux): no crash, "remember me" explained and disabled."""
    server = start_server("one-api")
    window = make_window(qtbot, tmp_path, CredentialStore(fail.Keyring()), timeout=TIMEOUT)
    try:
        dialog = window.accounts.show_sign_in(None)
        qtbot.waitUntil(lambda: dialog.keyring_note.isVisibleTo(dialog), timeout=WAIT_MS)  # probed off-thread
        note_text = dialog.keyring_note.text()
        assert dialog.keyring_note.isVisibleTo(dialog) and "keyring" in note_text
        assert not dialog.remember.isEnabled()
        dialog.site.setCurrentText(server.url)
        qtbot.keyClicks(dialog.username, server.username)
        qtbot.keyClicks(dialog.password, server.password)
        dialog.submit()
        qtbot.waitUntil(lambda: window.model.rowCount() > 0 and idle(window), timeout=WAIT_MS)
        assert table_is_server(window, server)
        # at the next start the remembered account cannot be loaded: the banner says so and offers Sign in…
        window.accounts.sign_in_remembered(window.settings.last_account())
        qtbot.waitUntil(lambda: window.banner.isVisible() and idle(window), timeout=WAIT_MS)
        message = window.banner.label.text()
        assert "No system keyring" in message and window.banner.button(1).text() == "Sign in…"
        record("keyring unavailable (fail backend)", "sign-in dialog / start-up", note_text + " / " + message,
               "sign in without remembering; Sign in… opens the form")
    finally:
        close_window(window)
        server.stop()


# -- the site changes flavour under the app -------------------------------------------------------------


def test_site_changes_flavour(qtbot: QtBot, window: MainWindow) -> None:
    """Signed in to a One API site; it restarts as New API on the same address, with other tokens."""
    port = free_port()
    old = start_server("one-api", port=port)
    sign_in_window(qtbot, window, old)
    assert window.controller.site.flavor is Flavor.ONE_API
    old.stop()
    new = DemoServer(flavor="new-api", tokens=7, seed=99, port=port, critical_rate_limit=None,
                     search_rate_limit=None)
    deadline = time.monotonic() + 5
    while True:  # the port was just released
        try:
            new.start()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        window.acts.refresh.trigger()
        qtbot.waitUntil(lambda: window.banner.isVisible() and idle(window), timeout=WAIT_MS)
        message = window.banner.label.text()
        assert "session has ended" in message and window.banner.button(0).text() == "Sign in again…"
        qtbot.mouseClick(window.banner.button(0), Qt.MouseButton.LeftButton)
        sign_in_again(qtbot, window, new)
        qtbot.waitUntil(lambda: idle(window) and table_is_server(window, new), timeout=WAIT_MS)
        assert window.controller.site.flavor is Flavor.NEW_API
        assert window.model.rowCount() == 7
        record("site changed flavour (One API → New API, same address)", "refresh", message,
               "Sign in again… → the new flavour is detected, table = new server")
    finally:
        new.stop()
