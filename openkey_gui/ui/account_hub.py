"""Every account signed in together: background sign-ins and refreshes, at most four sites at once.

``AccountHub`` owns the ``AccountSet`` (``openkey_gui.accounts``): one slot per account with its own
client, session and keyring entry, and its token list in memory. It signs remembered accounts in
silently (keyring, sign-in and first listing on a worker thread, through ``LoadGate``), refreshes
them, and keeps the shown account's slot in step with what the ``TokenController`` reports. A failing
site only marks its own slot; the others carry on. Which account the window shows is ``AccountFlow``'s
business: the hub only says what happened (``opened``, ``open_failed``, ``needs_sign_in``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from openkey_gui.accounts import (
    START_SPACING_S,
    AccountSet,
    AccountSlot,
    AccountState,
    LoadGate,
    Opened,
    load_lists,
    open_remembered,
    spent_today,
)
from openkey_gui.api import Account, OpenKeyClient, Token
from openkey_gui.credentials import CredentialStore
from openkey_gui.session import SignedIn
from openkey_gui.ui.settings import AccountEntry, AppSettings
from openkey_gui.ui.tasks import TaskRunner
from openkey_gui.ui.token_controller import TokenController

log = logging.getLogger(__name__)

HELD_START_DELAY_MS = 250  # see AccountHub._release_held_soon


class ShownFailure(Exception):
    """A failure of the shown account that the controller has already worded (``describe``)."""


class AccountHub(QObject):
    """The accounts, their background work and their rows' state."""

    # A row changed (its key), or "" when the list itself changed (added, removed, reordered).
    changed = Signal(str)
    # A remembered account signed in in the background, with its lists loaded (AccountSlot).
    opened = Signal(object)
    # Signing a remembered account in failed (AccountSlot, the exception).
    open_failed = Signal(object, object)
    # The keyring holds nothing for a remembered account: only the user can sign it in (AccountSlot).
    needs_sign_in = Signal(object)
    # An account not shown has a fresh list (AccountSlot): its reminders are due for a check.
    loaded = Signal(object)

    def __init__(self, settings: AppSettings, store: CredentialStore, runner: TaskRunner,
                 controller: TokenController, *, timeout: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set = AccountSet()
        self.gate = LoadGate(spacing=START_SPACING_S,
                             later=lambda seconds, pump: QTimer.singleShot(max(1, round(seconds * 1000)), self, pump))
        self._settings = settings
        self._store = store
        self._runner = runner
        self._controller = controller
        self._timeout = timeout
        self._held: list[AccountSlot] = []  # waiting for the first account of a start-up (open_all)
        self._site_icons: dict[str, bytes | None] = {}  # site address -> its icon (None: asked, or none)
        controller.tokens_loaded.connect(self._shown_tokens)
        controller.account_loaded.connect(self._shown_account)
        controller.token_added.connect(lambda token: self._patch_shown(token=token))
        controller.token_changed.connect(lambda token: self._patch_shown(token=token))
        controller.token_removed.connect(lambda token_id: self._patch_shown(removed=token_id))
        controller.failed.connect(lambda message, retry: retry == controller.refresh and self._shown_failed(message))
        controller.session_expired.connect(self._shown_failed)
        self.loaded.connect(self._read_today)

    # -- which slot ----------------------------------------------------------------------------------

    def shown(self) -> AccountSlot | None:
        """The slot whose session the window (the controller) uses now."""
        session = self._controller.session
        if session is None:
            return None
        return next((slot for slot in self.set.accounts() if slot.session is session), None)

    def holds(self, client: OpenKeyClient) -> bool:
        return any(slot.client is client for slot in self.set.accounts())

    def slot_for(self, entry: AccountEntry) -> AccountSlot:
        slot = self.set.add(AccountSlot(key=entry.key, server_url=entry.server_url, username=entry.username))
        slot.label = self._settings.account_label(slot.key)
        return slot

    def reserve(self, server_url: str, username: str) -> AccountSlot:
        """A row for an account whose sign-in has just started (its state: signing in)."""
        url = server_url.strip().rstrip("/")
        slot = self.slot_for(AccountEntry(server_url=url, username=username.strip()))
        self.changed.emit("")
        return slot

    # -- signing in -----------------------------------------------------------------------------------

    def open_all(self, entries: list[AccountEntry], first: str = "") -> None:
        """At start-up: every remembered account signs in silently, at most ``gate.limit`` at once.

        The account named ``first`` (the one the window will show) goes alone, and the others follow
        once it is in or has failed: the first sign-in of a run is the slow one (the HTTP stack is
        loaded, connections opened), and the list the user is waiting for should not share that
        moment with four others (bench/accounts.py measures the difference)."""
        slots = [self.slot_for(entry) for entry in entries]
        leader = next((slot for slot in slots if slot.key == first), None)
        self._held = [slot for slot in slots if slot is not leader] if leader is not None else []
        for slot in self._held:
            slot.state = AccountState.SIGNING_IN
        for slot in [leader] if leader is not None else slots:
            self.open(slot)
        self.changed.emit("")

    def _release_held_soon(self) -> None:
        """The others start once the shown list has been painted: four cold sign-ins starting in the same
        moment as that first paint take the GIL from it (bench/accounts.py: a 350 ms freeze, against
        70 ms with one account)."""
        if self._held:
            QTimer.singleShot(HELD_START_DELAY_MS, self, self._release_held)

    def _release_held(self) -> None:
        held, self._held = self._held, []
        for slot in held:
            if self.set.get(slot.key) is slot and slot.session is None:
                self.open(slot)

    def open(self, slot: AccountSlot) -> None:
        """Keyring, sign-in and the first listing of one remembered account, in the background."""
        store, timeout, key, url = self._store, self._timeout, slot.key, slot.server_url
        slot.state = AccountState.SIGNING_IN
        self.changed.emit(key)

        def start() -> None:
            self._runner.run(lambda: open_remembered(url, key, store, timeout=timeout),
                             on_success=lambda opened: self._opened(slot, opened),
                             on_error=lambda exc: self._failed(slot, exc), label="sign-in")

        self.gate.submit(key, start)

    def _opened(self, slot: AccountSlot, opened: Opened) -> None:
        self.gate.finished(slot.key)
        self._release_held_soon()
        if self.set.get(slot.key) is not slot or (slot.session is not None and opened.session is not None
                                                 and slot.state is AccountState.OK):
            if opened.session is not None:  # removed, or signed in by hand meanwhile: this one is spare
                opened.session.client.close()
            return
        if opened.session is None:
            slot.state = AccountState.SIGNED_OUT
            self.changed.emit(slot.key)
            self.needs_sign_in.emit(slot)
            return
        slot.signed_in(opened.session, opened.account, opened.tokens)
        self.changed.emit(slot.key)
        self.opened.emit(slot)
        self.loaded.emit(slot)
        self._read_icon(slot)

    def _failed(self, slot: AccountSlot, exc: BaseException) -> None:
        self.gate.finished(slot.key)
        self._release_held_soon()
        if self.set.get(slot.key) is not slot:
            return
        slot.failed(exc)
        self.changed.emit(slot.key)
        self.open_failed.emit(slot, exc)

    def adopt(self, session: SignedIn, *, demo: bool = False) -> AccountSlot:
        """A session signed in elsewhere (the dialog, the demo) becomes its account's slot's session."""
        slot = self.set.get(session.keyring_key)
        if slot is None:
            slot = self.set.add(AccountSlot(key=session.keyring_key, server_url=session.client.base_url,
                                            username=session.account_label))
            slot.label = self._settings.account_label(slot.key)
        old = slot.session
        if old is not None and old.client is not session.client and old is not self._controller.session:
            old.client.close()
        slot.session = session
        slot.account = session.account
        slot.state, slot.error, slot.demo = AccountState.OK, None, demo or session.demo
        self.changed.emit("")
        self._read_icon(slot)
        return slot

    # -- refreshing -----------------------------------------------------------------------------------

    def refresh(self, slot: AccountSlot) -> None:
        """Reload one account in the background (a signed-out or failed sign-in signs in again)."""
        session = slot.session
        if session is None:
            self.open(slot)
            return
        if session is self._controller.session:
            self._controller.refresh()  # the window's own refresh: it keeps an interrupted action pending
            return
        client, key = session.client, slot.key
        was = slot.state

        def start() -> None:
            self._runner.run(lambda: load_lists(client), on_success=lambda lists: self._refreshed(slot, session, lists),
                             on_error=lambda exc: self._refresh_failed(slot, session, exc), label="refresh")

        if self.gate.submit(key, start, background=True) and was is not AccountState.OK:
            slot.state = AccountState.SIGNING_IN
            self.changed.emit(key)

    def refresh_all(self) -> None:
        for slot in self.set.accounts():
            if slot.state is not AccountState.SIGNED_OUT:
                self.refresh(slot)

    def _refreshed(self, slot: AccountSlot, session: SignedIn, lists: tuple[Account, list[Token]]) -> None:
        self.gate.finished(slot.key)
        if slot.session is not session:
            return
        slot.signed_in(session, *lists)
        self.changed.emit(slot.key)
        self.loaded.emit(slot)

    def site_icon(self, server_url: str) -> bytes | None:
        """The site's own icon (PNG, ICO, ...), once it has come; None until then, or when it has none."""
        return self._site_icons.get(server_url)

    def _read_icon(self, slot: AccountSlot) -> None:
        """Once per site and run, after its first sign-in: the site's own icon, from the same address."""
        session, url = slot.session, slot.server_url
        if session is None or url in self._site_icons:
            return
        self._site_icons[url] = None
        client = session.client

        def got(icon: bytes | None) -> None:
            if icon is not None:
                self._site_icons[url] = icon
                for other in self.set.accounts():
                    if other.server_url == url:
                        self.changed.emit(other.key)

        self._runner.run(client.site_icon, on_success=got, on_error=lambda _exc: None, label="icon")

    def _read_today(self, slot: AccountSlot) -> None:
        """After an account not shown was loaded: what it spent today, for its row (one request; the
        shown account's comes with the usage figures, ``set_spent_today``)."""
        session = slot.session
        if session is None or session is self._controller.session:
            return
        client = session.client

        def got(units: int | None) -> None:
            if slot.session is session:
                slot.spent_today = units
                self.changed.emit(slot.key)

        self._runner.run(lambda: spent_today(client), on_success=got, label="usage")

    def read_today_where_missing(self) -> None:
        """Another account is shown now: the accounts left without today's figure (the one shown before
        may have been left before its usage was read) get it."""
        for slot in self.set.accounts():
            if slot.spent_today is None and slot.tokens is not None:
                self._read_today(slot)

    def set_spent_today(self, client: OpenKeyClient, units: int) -> None:
        """The shown account's spend today, from the usage figures that were read anyway."""
        slot = next((s for s in self.set.accounts() if s.session is not None and s.session.client is client), None)
        if slot is not None and slot.spent_today != units:
            slot.spent_today = units
            self.changed.emit(slot.key)

    def _refresh_failed(self, slot: AccountSlot, session: SignedIn, exc: BaseException) -> None:
        self.gate.finished(slot.key)
        if slot.session is session:
            slot.failed(exc)
            self.changed.emit(slot.key)

    # -- the shown account, as the controller reports it ---------------------------------------------

    def _shown_tokens(self, tokens: list[Token]) -> None:
        slot = self.shown()
        if slot is not None:
            slot.signed_in(slot.session, self._controller.account, tokens)  # type: ignore[arg-type]
            self.changed.emit(slot.key)

    def _shown_account(self, account: Account) -> None:
        slot = self.shown()
        if slot is not None:
            slot.account = account
            self.changed.emit(slot.key)

    def _patch_shown(self, *, token: Token | None = None, removed: int | None = None) -> None:
        slot = self.shown()
        if slot is None:
            return
        if token is not None:
            slot.put_token(token)
        if removed is not None:
            slot.drop_token(removed)
        self.changed.emit(slot.key)

    def _shown_failed(self, message: str) -> None:
        """The shown account's refresh failed, or its session ended: its row says so too."""
        slot = self.shown()
        if slot is not None:
            slot.failed(ShownFailure(message))
            self.changed.emit(slot.key)

    # -- the user's list: order, names, removal ----------------------------------------------------------

    def move(self, key: str, step: int) -> bool:
        if not self.set.move(key, step):
            return False
        self._order_changed()
        return True

    def reorder(self, keys: Sequence[str]) -> None:
        """The accounts in ``keys``' order (a row dragged in the sidebar); remembered for the next start."""
        self.set.reorder(keys)
        self._order_changed()

    def _order_changed(self) -> None:
        self._settings.set_account_order(self.set.keys())
        self.changed.emit("")

    def rename(self, key: str, label: str) -> None:
        slot = self.set.get(key)
        if slot is None:
            return
        slot.label = label.strip()
        self._settings.set_account_label(key, slot.label)
        self.changed.emit(key)

    def remove(self, key: str, *, close: bool = True) -> AccountSlot | None:
        """Drop an account's slot; its client is signed out and closed in the background unless it is
        the shown one (the controller signs that one out itself)."""
        self.gate.cancel(key)
        slot = self.set.remove(key)
        if slot is not None and close and slot.session is not None and slot.session is not self._controller.session:
            client = slot.session.client
            self._runner.run(client.logout, on_success=lambda _: client.close(),
                             on_error=lambda _: client.close(), label="sign-out")
        self.changed.emit("")
        return slot
