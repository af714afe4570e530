"""AccountFlow without a main window: who is signed in, what settings and the keyring remember, what is said.

The flow gets what the window would give it: a parent widget, settings on a private INI file, an in-memory
keyring, a real TaskRunner, a TokenController and the dialog slots; the sites are real demo servers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from openkey_gui.credentials import Credential, CredentialStore, SignInMode
from openkey_gui.demo import DemoServer
from openkey_gui.session import SignedIn, SignInRequest
from openkey_gui.ui.account_flow import AccountFlow, entry_of
from openkey_gui.ui.banner import BannerKind
from openkey_gui.ui.dialogs import DialogKind, DialogSlots
from openkey_gui.ui.settings import AccountEntry, AppSettings
from openkey_gui.ui.sign_in_dialog import SignInDialog
from openkey_gui.ui.tasks import TaskRunner
from openkey_gui.ui.token_controller import TokenController
from tests.support import MemoryKeyring

WAIT_MS = 10_000


@dataclass
class Notice:
    text: str
    kind: BannerKind
    actions: list[tuple[str, Callable[[], None]]]

    @property
    def labels(self) -> list[str]:
        return [label for label, _ in self.actions]

    def press(self, label: str) -> None:
        dict(self.actions)[label]()


@dataclass
class Flow:
    """The flow and what it is wired to, with every signal it emitted."""

    flow: AccountFlow
    settings: AppSettings
    keyring: MemoryKeyring
    store: CredentialStore
    runner: TaskRunner
    controller: TokenController
    dialogs: DialogSlots
    window: QWidget
    attached: list[SignedIn] = field(default_factory=list)
    signed_out: int = 0
    notices: list[Notice] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)
    loaded: int = 0

    def sign_in_dialog(self) -> SignInDialog | None:
        dialog = self.dialogs.sign_in
        return dialog if isinstance(dialog, SignInDialog) and dialog.isVisible() else None


def make_flow(qtbot: QtBot, tmp_path: Path, keyring: Any = None) -> Flow:
    window = QWidget()
    qtbot.addWidget(window)
    settings = AppSettings(str(tmp_path / "settings.ini"))
    backend = keyring if keyring is not None else MemoryKeyring()
    store = CredentialStore(backend)
    runner = TaskRunner(window)
    controller = TokenController(runner, window)
    dialogs = DialogSlots()
    flow = AccountFlow(window, settings, store, runner, controller, dialogs, request_timeout=5)
    made = Flow(flow, settings, backend, store, runner, controller, dialogs, window)
    flow.attached.connect(made.attached.append)
    flow.signed_out.connect(lambda: setattr(made, "signed_out", made.signed_out + 1))
    flow.notice.connect(lambda text, kind, actions: made.notices.append(Notice(text, kind, actions)))
    runner.busy_changed.connect(lambda _count, label: made.busy.append(label))
    controller.tokens_loaded.connect(lambda _tokens: setattr(made, "loaded", made.loaded + 1))
    return made


@pytest.fixture
def f(qtbot: QtBot, tmp_path: Path) -> Iterator[Flow]:
    made = make_flow(qtbot, tmp_path)
    yield made
    for kind in DialogKind:
        dialog = made.dialogs.get(kind)
        if dialog is not None and dialog.isVisible():
            dialog.reject()
    made.runner.cancel_all()
    made.runner.wait_for_done(WAIT_MS)


@pytest.fixture(params=["one-api", "new-api"])
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=6, seed=2, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture
def other_server() -> Iterator[DemoServer]:
    with DemoServer(flavor="one-api", tokens=3, seed=8, critical_rate_limit=None) as demo:
        yield demo


def password_request(server: DemoServer, *, remember: bool = False, password: str | None = None) -> SignInRequest:
    return SignInRequest(server.url, username=server.username,
                         password=server.password if password is None else password, remember=remember)


def sign_in(qtbot: QtBot, f: Flow, server: DemoServer, *, remember: bool = False, demo: bool = False) -> SignedIn:
    count, loaded = len(f.attached), f.loaded
    f.flow.sign_in_with(password_request(server, remember=remember), demo=demo)
    qtbot.waitUntil(lambda: len(f.attached) > count and f.loaded > loaded, timeout=WAIT_MS)
    return f.attached[-1]


def remembered_entry(f: Flow, server: DemoServer, password: str) -> AccountEntry:
    entry = AccountEntry(server.url, server.username)
    f.settings.remember_account(entry)
    f.store.save(entry.key, Credential(mode=SignInMode.PASSWORD, username=server.username, password=password))
    return entry


def open_token_dialog(f: Flow) -> QDialog:
    """A stand-in for the token dialog: the slots and the account rule only need a QDialog."""
    dialog = QDialog(f.window)
    f.dialogs.replace(DialogKind.TOKEN, dialog)
    dialog.open()
    return dialog


# -- signing in --------------------------------------------------------------------------------------------


def test_sign_in_attaches_and_remembers_the_account(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    statuses: list[str] = []
    f.flow.status.connect(statuses.append)
    session = sign_in(qtbot, f, server, remember=True)
    assert statuses == [f"Signing in to {server.url}…"]
    assert f.controller.session is session and not session.demo
    assert session.account_label == server.username
    entry = f.settings.last_account()
    assert entry is not None and entry.key == session.keyring_key
    assert (entry.server_url, entry.username, entry.mode) == (server.url, server.username, SignInMode.PASSWORD)
    assert f.settings.recent_sites()[0] == server.url
    assert f.store.load(session.keyring_key) == Credential(mode=SignInMode.PASSWORD, username=server.username,
                                                           password=server.password)
    assert f.flow.entries() == [(entry, True)]
    assert f.notices == []


def test_the_demo_sign_in_is_not_remembered(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    session = sign_in(qtbot, f, server, remember=True, demo=True)
    assert session.demo and f.controller.session is session
    assert f.settings.accounts() == [] and f.settings.last_account() is None
    assert server.url not in f.settings.recent_sites()
    assert f.keyring.entries == {}


def test_a_failed_sign_in_offers_retry(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    server.fail_next(1, status=502, html=True, path="/api/user/login", method="POST")
    f.flow.sign_in_with(password_request(server))
    qtbot.waitUntil(lambda: bool(f.notices), timeout=WAIT_MS)
    (notice,) = f.notices
    assert notice.kind is BannerKind.ERROR and "502" in notice.text and notice.labels == ["Retry"]
    assert f.attached == [] and f.controller.session is None
    notice.press("Retry")  # the site is back
    qtbot.waitUntil(lambda: len(f.attached) == 1, timeout=WAIT_MS)
    assert f.controller.session is f.attached[0]


def test_without_a_keyring_the_sign_in_works_and_says_so(qtbot: QtBot, tmp_path: Path, server: DemoServer) -> None:
    f = make_flow(qtbot, tmp_path, keyring=fail.Keyring())
    try:
        session = sign_in(qtbot, f, server, remember=True)
        assert session.keyring_warning
        (notice,) = f.notices
        assert notice.kind is BannerKind.WARNING and "No system keyring" in notice.text and notice.actions == []
    finally:
        f.runner.wait_for_done(WAIT_MS)


# -- remembered accounts -----------------------------------------------------------------------------------


def test_a_remembered_account_without_a_credential_opens_the_prefilled_form(qtbot: QtBot, f: Flow,
                                                                            server: DemoServer) -> None:
    entry = AccountEntry(server.url, server.username)
    f.settings.remember_account(entry)
    f.flow.sign_in_remembered(entry)
    qtbot.waitUntil(lambda: f.sign_in_dialog() is not None, timeout=WAIT_MS)
    dialog = f.sign_in_dialog()
    assert dialog.site.currentText() == server.url
    assert dialog.username.text() == server.username and dialog.password.text() == ""
    assert f.attached == [] and f.notices == []


def test_a_remembered_credential_signs_in_silently(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    entry = remembered_entry(f, server, server.password)
    stored = dict(f.keyring.entries)
    f.flow.sign_in_remembered(entry)
    qtbot.waitUntil(lambda: len(f.attached) == 1 and f.loaded == 1, timeout=WAIT_MS)
    session = f.attached[0]
    assert session.keyring_key == entry.key and f.controller.session is session
    assert f.keyring.entries == stored  # read, not written again
    assert f.sign_in_dialog() is None and f.notices == []


def test_a_failing_remembered_sign_in_offers_retry_and_the_form(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    entry = remembered_entry(f, server, "changed-on-the-site")
    f.flow.sign_in_remembered(entry)
    qtbot.waitUntil(lambda: bool(f.notices), timeout=WAIT_MS)
    (notice,) = f.notices
    assert notice.kind is BannerKind.ERROR
    assert notice.text.startswith(f"Could not sign in to {entry.label} automatically: ")
    assert notice.labels == ["Retry", "Sign in…"]
    assert f.attached == []
    notice.press("Sign in…")
    dialog = f.sign_in_dialog()
    assert dialog is not None and dialog.username.text() == server.username
    dialog.reject()
    f.store.save(entry.key, Credential(mode=SignInMode.PASSWORD, username=server.username,
                                       password=server.password))  # fixed in the keyring meanwhile
    notice.press("Retry")
    qtbot.waitUntil(lambda: len(f.attached) == 1, timeout=WAIT_MS)
    assert f.attached[0].keyring_key == entry.key


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")


def test_a_locked_keyring_at_start_offers_retry_and_the_form(qtbot: QtBot, tmp_path: Path,
                                                             server: DemoServer) -> None:
    f = make_flow(qtbot, tmp_path, keyring=LockedKeyring())
    entry = AccountEntry(server.url, server.username)
    f.flow.sign_in_remembered(entry)
    qtbot.waitUntil(lambda: bool(f.notices), timeout=WAIT_MS)
    (notice,) = f.notices
    assert "automatically" in notice.text and "locked" in notice.text
    assert notice.labels == ["Retry", "Sign in…"] and f.attached == []
    f.runner.wait_for_done(WAIT_MS)


# -- switching and signing out -----------------------------------------------------------------------------


def test_switching_to_the_signed_in_account_does_nothing(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    session = sign_in(qtbot, f, server)
    f.busy.clear()
    f.flow.switch_to(entry_of(session))
    qtbot.wait(100)
    assert f.busy == [] and len(f.attached) == 1 and f.sign_in_dialog() is None
    assert f.controller.session is session
    other = AccountEntry(server.url, "somebody-else")  # another account: its credential is looked up
    f.flow.switch_to(other)
    qtbot.waitUntil(lambda: f.sign_in_dialog() is not None, timeout=WAIT_MS)
    assert "keyring" in f.busy and f.sign_in_dialog().username.text() == "somebody-else"


def test_sign_out_forgets_the_account_and_asks_again(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    session = sign_in(qtbot, f, server, remember=True)
    assert f.keyring.entries
    server.reset_requests()
    f.flow.sign_out()
    assert f.signed_out == 1
    assert f.controller.session is None
    assert f.settings.accounts() == [] and f.settings.last_account() is None
    dialog = f.sign_in_dialog()
    assert dialog is not None and dialog.username.text() == ""  # a fresh form, not the old account's
    qtbot.waitUntil(lambda: not f.keyring.entries, timeout=WAIT_MS)
    assert f.store.load(session.keyring_key) is None
    qtbot.waitUntil(lambda: any(path == "/api/user/logout" for _m, path, _q in server.requests), timeout=WAIT_MS)
    f.flow.sign_out()  # signed out already: nothing happens
    assert f.signed_out == 1


# -- the session ends --------------------------------------------------------------------------------------


def test_an_expired_session_offers_sign_in_again(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    session = sign_in(qtbot, f, server)
    server.expire_sessions()
    f.controller.refresh()
    qtbot.waitUntil(lambda: bool(f.notices), timeout=WAIT_MS)
    (notice,) = f.notices
    assert notice.kind is BannerKind.ERROR and notice.text.startswith("Your session has ended: ")
    assert notice.labels == ["Sign in again…"]
    assert f.sign_in_dialog() is None  # nothing modal hides the banner: the button is enough
    notice.press("Sign in again…")
    dialog = f.sign_in_dialog()
    assert dialog is not None
    assert dialog.site.currentText() == session.client.base_url and dialog.username.text() == server.username
    dialog.password.setText(server.password)
    loaded = f.loaded
    dialog.submit()
    qtbot.waitUntil(lambda: len(f.attached) == 2 and f.loaded > loaded, timeout=WAIT_MS)
    assert f.controller.session is f.attached[1] and f.controller.pending_action is None


def test_an_expired_session_behind_a_modal_dialog_asks_at_once(qtbot: QtBot, f: Flow, server: DemoServer) -> None:
    sign_in(qtbot, f, server)
    token_dialog = open_token_dialog(f)
    token_dialog.setModal(True)
    token_dialog.show()
    qtbot.waitUntil(lambda: token_dialog.isVisible(), timeout=WAIT_MS)
    server.expire_sessions()
    f.controller.refresh()
    qtbot.waitUntil(lambda: bool(f.notices), timeout=WAIT_MS)
    dialog = f.sign_in_dialog()
    assert dialog is not None and dialog.username.text() == server.username
    assert token_dialog.isVisible()  # the same account will sign in again: what was typed stays


def test_another_account_closes_the_token_dialog(qtbot: QtBot, f: Flow, server: DemoServer,
                                                 other_server: DemoServer) -> None:
    first = sign_in(qtbot, f, server)
    token_dialog = open_token_dialog(f)
    assert f.dialogs.token is token_dialog and token_dialog.isVisible()
    sign_in(qtbot, f, server)  # the same account again (a re-sign-in): the dialog stays
    assert token_dialog.isVisible()
    assert first.client.base_url == f.controller.session.client.base_url
    sign_in(qtbot, f, other_server)  # another site's account: confirming it now would act there
    assert not token_dialog.isVisible() and token_dialog.result() == QDialog.DialogCode.Rejected
    assert f.controller.session.client.base_url == other_server.url
    assert [e.server_url for e, current in f.flow.entries() if current] == [other_server.url]
    assert {e.server_url for e, _ in f.flow.entries()} == {server.url, other_server.url}


def test_remember_me_on_the_password_tab_says_the_password_is_kept(qtbot: QtBot) -> None:
    """Ticking "Remember me" for a password sign-in says what is stored, and names the safer choice."""
    from openkey_gui.ui.sign_in_dialog import SignInDialog
    from openkey_gui.ui.tasks import TaskRunner

    dialog = SignInDialog(TaskRunner(), lambda request: None, recent_sites=["https://example.invalid"])  # type: ignore[arg-type,return-value]
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.password_note
    assert dialog.remember.isChecked() and note.isVisible()
    assert "password itself" in note.text() and "Access token" in note.text()
    dialog.tabs.setCurrentIndex(1)  # the access token is what would be remembered: nothing to warn about
    assert not note.isVisible()
    dialog.tabs.setCurrentIndex(0)
    dialog.remember.setChecked(False)
    assert not note.isVisible()
    dialog.set_keyring_message("No keyring.")
    assert not note.isVisible()
