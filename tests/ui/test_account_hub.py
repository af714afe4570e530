"""Start-up with several remembered accounts: all sign in silently in the background, at most four at
once; a site that is down, a credential the keyring no longer has and a locked keyring each mark only
their own row, and the last account used is the one shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.errors import KeyringLocked
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from openkey_gui.credentials import CredentialStore
from openkey_gui.demo import DemoServer
from openkey_gui.session import SignInRequest, sign_in
from openkey_gui.ui.settings import AccountEntry, AppSettings
from tests.helpers.app import close_window, open_window
from tests.support import MemoryKeyring

WAIT_MS = 15_000


class PartlyLockedKeyring(MemoryKeyring):
    """Answers for every account but the ones in ``locked`` (their collection is locked)."""

    def __init__(self) -> None:
        super().__init__()
        self.locked: set[str] = set()

    def get_password(self, service: str, username: str) -> str | None:
        if username in self.locked:
            raise KeyringLocked("the collection is locked")
        return super().get_password(service, username)


@pytest.fixture
def servers() -> Iterator[list[DemoServer]]:
    made = [DemoServer(flavor=flavor, tokens=5 + i, seed=30 + i, system_name=f"Site {i}", critical_rate_limit=None)
            for i, flavor in enumerate(["one-api", "new-api", "one-api", "new-api", "one-api", "new-api"])]
    for server in made:
        server.start()
    yield made
    for server in made:
        server.stop()


def rows(listing: QListWidget) -> list[str]:
    return [listing.item(i).text() for i in range(listing.count())]


def test_every_remembered_account_signs_in_and_a_failure_stays_on_its_row(
        qtbot: QtBot, tmp_path: Path, servers: list[DemoServer]) -> None:
    backend = PartlyLockedKeyring()
    store = CredentialStore(backend)
    settings = AppSettings(str(tmp_path / "settings.ini"))
    keys = []
    for server in servers:
        session = sign_in(SignInRequest(server.url, username=server.username, password=server.password,
                                        remember=True), store, timeout=5)
        session.client.close()
        settings.remember_account(AccountEntry(server.url, server.username), last=False)
        keys.append(session.keyring_key)
    settings.set_last_account(keys[1])
    servers[2].stop()  # down
    backend.delete_password("OpenKey Desktop", keys[3])  # forgotten by the keyring
    backend.locked.add(keys[4])  # locked
    window = open_window(qtbot, settings=settings, store=store)
    try:
        listing = window.findChild(QListWidget, "accountList")
        window.accounts.resume_last()
        try:
            qtbot.waitUntil(lambda: len(rows(listing)) == 6 and not any("Signing in" in r for r in rows(listing)),
                            timeout=WAIT_MS)
        except Exception:
            raise AssertionError(rows(listing)) from None
        shown = rows(listing)
        assert window.accounts.hub.gate.peak <= 4
        assert listing.currentRow() == 1 and window.model.rowCount() == len(servers[1].tokens())
        assert "Site 1" in window.windowTitle()
        for ok in (0, 1, 5):
            assert f"Site {ok}" in shown[ok] and f"{5 + ok} tokens" in shown[ok] and "OK" in shown[ok], shown[ok]
        assert "Error" in shown[2], shown[2]
        assert "Signed out" in shown[3], shown[3]
        assert "Error" in shown[4] and "locked" in shown[4], shown[4]
        assert not window.banner.isVisible()  # the shown account is fine: the others do not shout
    finally:
        close_window(window)


def test_reminders_cover_every_account_and_name_its_site(qtbot: QtBot, tmp_path: Path,
                                                          servers: list[DemoServer]) -> None:
    from openkey_gui.ui.reminder_notifier import ReminderNotifier

    window = open_window(qtbot, tmp_path)
    try:
        window.settings.set_balance_threshold_money("1000")  # both demo balances are below it
        notified: list[tuple[str, str]] = []
        window.reminders = ReminderNotifier(window.settings, lambda title, text: notified.append((title, text)))
        for index, server in enumerate(servers[:2]):
            window.accounts.sign_in_with(SignInRequest(server.url, username=server.username,
                                                       password=server.password), demo=True, show=index == 0)
        qtbot.waitUntil(lambda: len(notified) == 2, timeout=WAIT_MS)
        titles = sorted(title for title, _ in notified)
        assert titles == ["Balance running low — Site 0", "Balance running low — Site 1"], notified
    finally:
        close_window(window)


def test_the_sidebar_keeps_its_place_across_restarts(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    settings = AppSettings(str(tmp_path / "settings.ini"))
    first = open_window(qtbot, settings=settings)
    try:
        assert first.dockWidgetArea(first.accounts_pane) == Qt.DockWidgetArea.LeftDockWidgetArea
        first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.accounts_pane)
        first.save_layout()
    finally:
        close_window(first)
    second = open_window(qtbot, settings=AppSettings(str(tmp_path / "settings.ini")))
    try:
        assert second.dockWidgetArea(second.accounts_pane) == Qt.DockWidgetArea.RightDockWidgetArea
    finally:
        close_window(second)


def test_a_new_order_is_kept_for_the_next_start(qtbot: QtBot, tmp_path: Path, servers: list[DemoServer]) -> None:
    """The order a drag in the sidebar gives (``reorder``): accounts not named keep theirs, after them."""
    path = str(tmp_path / "settings.ini")
    settings = AppSettings(path)
    store = CredentialStore(MemoryKeyring())
    keys = []
    for server in servers[:3]:
        session = sign_in(SignInRequest(server.url, username=server.username, password=server.password,
                                        remember=True), store, timeout=5)
        session.client.close()
        settings.remember_account(AccountEntry(server.url, server.username), last=False)
        keys.append(session.keyring_key)
    window = open_window(qtbot, settings=settings, store=store)
    try:
        window.accounts.resume_last()
        hub = window.accounts.hub
        listing = window.findChild(QListWidget, "accountList")
        qtbot.waitUntil(lambda: len(rows(listing)) == 3 and not any("Signing in" in r for r in rows(listing)),
                        timeout=WAIT_MS)
        hub.reorder([keys[2], keys[0]])
        assert hub.set.keys() == [keys[2], keys[0], keys[1]]
        assert ["Site 2" in rows(listing)[0], "Site 0" in rows(listing)[1]] == [True, True]
    finally:
        close_window(window)
    assert [a.key for a in AppSettings(path).accounts()] == [keys[2], keys[0], keys[1]]
