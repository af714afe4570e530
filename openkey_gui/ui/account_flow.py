"""Who is signed in: sign-in (dialog, remembered, demo), switching accounts, sign-out, expiry.

Everything here runs off the GUI thread through the task runner; the window learns the outcome from
the signals and shows it. The keyring is touched only through ``CredentialStore``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from openkey_gui.accounts import AccountSlot
from openkey_gui.api import OpenKeyClient, SiteStatus
from openkey_gui.credentials import CredentialStore, KeyringProblem, KeyringUnavailable
from openkey_gui.session import APP_USER_AGENT, SignedIn, SignInRequest, same_account, sign_in
from openkey_gui.ui.account_hub import AccountHub
from openkey_gui.ui.banner import BannerKind
from openkey_gui.ui.dialogs import DialogKind, DialogSlots, alive
from openkey_gui.ui.error_text import ErrorText, describe
from openkey_gui.ui.settings import AccountEntry, AppSettings
from openkey_gui.ui.sign_in_dialog import SignInDialog
from openkey_gui.ui.tasks import TaskRunner
from openkey_gui.ui.token_controller import TokenController

log = logging.getLogger(__name__)

# A banner message: text, kind, and (button text, callback) pairs.
Notice = tuple[str, BannerKind, list[tuple[str, Callable[[], None]]]]


class AccountFlow(QObject):
    """Signs accounts in and out, and keeps the settings' account list in step."""

    # A session is now in use (SignedIn); the window refreshes what it shows.
    attached = Signal(object)
    # Signed out; the window clears what it shows.
    signed_out = Signal()
    # Something to show in the banner: (text, BannerKind, actions).
    notice = Signal(str, object, list)
    # A line for the status bar ("Signing in to …").
    status = Signal(str)

    def __init__(self, window: QWidget, settings: AppSettings, store: CredentialStore, runner: TaskRunner,
                 controller: TokenController, dialogs: DialogSlots, *, request_timeout: float) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._store = store
        self._runner = runner
        self._controller = controller
        self._dialogs = dialogs
        self._timeout = request_timeout
        # The demo server's address this run: signing in to it again through the dialog is still the demo,
        # whose port is new each run, so it is never remembered (dead demo accounts would pile up).
        self._demo_sites: set[str] = set()
        # The demo site signed in to last: offered first by the sign-in form after a demo sign-out.
        self._demo_site: str | None = None
        # Why the last "Remember me" failed; the next sign-in form starts unticked and says so.
        self._not_remembered: KeyringUnavailable | None = None
        controller.session_expired.connect(self._session_expired)
        # Every account at once: each its own client and list; the controller works on the shown one.
        self.hub = AccountHub(settings, store, runner, controller, timeout=request_timeout, parent=self)
        self.hub.opened.connect(self._opened)
        self.hub.open_failed.connect(self._open_failed)
        self.hub.needs_sign_in.connect(self._needs_sign_in)

    # -- signing in -------------------------------------------------------------------------------

    def sign_in_with(self, request: SignInRequest, on_error: Callable[[BaseException], None] | None = None,
                     *, demo: bool = False, show: bool = True) -> None:
        """Sign in in the background (at start-up with a remembered account, or the demo server)."""
        self.status.emit(self.tr("Signing in to {0}…").format(request.server_url))
        store = None if demo else self._store
        timeout = self._timeout
        # The demo's sites take their rows now, in the order they were started, whichever answers first.
        placeholder = self.hub.reserve(request.server_url, request.username) if demo else None

        def signed_in(session: SignedIn) -> None:
            session.demo = demo
            if demo:
                self._demo_sites.add(session.client.base_url)
            if placeholder is not None and placeholder.key != session.keyring_key:
                self.hub.remove(placeholder.key)
            self.attach(session, show=show or self._controller.session is None)

        def failed(exc: BaseException) -> None:
            if placeholder is not None and placeholder.session is None:
                placeholder.failed(exc)
                self.hub.changed.emit(placeholder.key)
            if on_error is not None:
                on_error(exc)
            else:
                self.notice.emit(describe(exc), BannerKind.ERROR,
                                 [(self.tr("Retry"), lambda: self.sign_in_with(request, demo=demo, show=show))])

        self._runner.run(lambda: sign_in(request, store, timeout=timeout), on_success=signed_in,
                         on_error=failed, label="sign-in")

    def resume_last(self) -> None:
        """At start-up: every remembered account signs in silently, in the background; the last one used
        is shown as soon as it is in (or the dialog asks for it); the others fill their rows."""
        entries = self._settings.accounts()
        if not entries:
            self.show_sign_in(None)
            return
        last = self._settings.last_account() or entries[0]
        self.hub.set.selected_key = last.key
        self.hub.open_all(entries, first=last.key)

    def _waiting_for(self, slot: AccountSlot) -> bool:
        """``slot`` is the account to show and nothing is shown yet."""
        return slot.key == self.hub.set.selected_key and self._controller.session is None

    def _opened(self, slot: AccountSlot) -> None:
        if self._waiting_for(slot):
            self.show_slot(slot)

    def _open_failed(self, slot: AccountSlot, exc: BaseException) -> None:
        if self._waiting_for(slot):
            self._remembered_failed(self.entry_for(slot), exc)

    def _needs_sign_in(self, slot: AccountSlot) -> None:
        if self._waiting_for(slot):
            self.show_sign_in(self.entry_for(slot))

    def sign_in_remembered(self, entry: AccountEntry) -> None:
        """Load the keyring credential and sign in silently; without one, ask."""
        store = self._store

        def loaded(credential: Any) -> None:
            if credential is None:
                self.show_sign_in(entry)
                return
            request = SignInRequest.from_credential(entry.server_url, credential)
            self.sign_in_with(request, on_error=lambda exc: self._remembered_failed(entry, exc))

        self._runner.run(lambda: store.load(entry.key), on_success=loaded,
                         on_error=lambda exc: self._remembered_failed(entry, exc), label="keyring")

    def show_sign_in(self, entry: AccountEntry | None = None) -> SignInDialog:
        store, timeout = self._store, self._timeout

        def probe(url: str) -> SiteStatus:
            client = OpenKeyClient(url, timeout=timeout, user_agent=APP_USER_AGENT)
            try:
                return client.status()
            finally:
                client.close()

        demo_sites = {url.rstrip("/") for url in self._demo_sites}

        def signing_in(request: SignInRequest) -> SignedIn:
            # The demo's throwaway password never goes to the keyring either.
            demo = request.server_url.strip().rstrip("/") in demo_sites
            return sign_in(request, None if demo else store, timeout=timeout)

        sites = self._settings.recent_sites()
        if self._demo_site is not None:  # after a demo sign-out: the demo again, not a site on the network
            sites = [self._demo_site, *(site for site in sites if site != self._demo_site)]
        dialog = SignInDialog(self._runner, signing_in, recent_sites=sites, probe=probe, initial=entry,
                              parent=self._window)
        dialog.accepted.connect(lambda: dialog.signed_in and self.attach(dialog.signed_in))
        self._dialogs.replace(DialogKind.SIGN_IN, dialog)
        if self._not_remembered is not None:
            dialog.note_not_remembered(ErrorText().not_remembered(self._not_remembered))
        dialog.open()
        no_keyring = self.tr(
            "No system keyring was found, so this sign-in cannot be remembered: you will be asked "
            "again next time. (On Linux install GNOME Keyring or KWallet.)")

        def keyring_checked(available: bool) -> None:
            if not available and alive(dialog):
                dialog.set_keyring_message(no_keyring)

        # Probing the keyring may mean a D-Bus round trip: never on the GUI thread.
        self._runner.run(store.available, on_success=keyring_checked, label="keyring")
        return dialog

    def attach(self, session: SignedIn, *, show: bool = True) -> None:
        """Use ``session`` from now on; a re-sign-in finishes what the expired session interrupted.

        ``show=False`` (the demo's second site) only adds the account: it loads in the background."""
        if session.client.base_url in self._demo_sites:
            session.demo = True
        slot = self.hub.adopt(session)
        if session.demo:
            if show:
                self._demo_site = session.client.base_url
        else:
            self._settings.add_recent_site(session.client.base_url)
            self._settings.remember_account(entry_of(session), last=show)
        if not show:
            self.hub.refresh(slot)
            return
        self._use(session)
        if session.keyring_error is not None:
            self._not_remembered = session.keyring_error
            self.notice.emit(ErrorText().not_remembered(session.keyring_error), BannerKind.WARNING, [])
        elif session.remembered:
            self._not_remembered = None  # the keyring works again
        if not self._controller.resume_pending():
            self._controller.refresh()

    def _use(self, session: SignedIn) -> None:
        """The controller (and so the window) works on ``session`` now; the other accounts stay in."""
        old = self._controller.session
        left = self.hub.shown()
        if old is not None and not same_account(old, session):
            self._dialogs.close_account_dialogs()
        self._controller.attach(session)  # drops the old account's calls still running, its listing too
        if old is not None and old.client is not session.client and not self.hub.holds(old.client):
            old.client.close()
        if left is not None and left.session is not session and left.tokens is None:
            self.hub.refresh(left)  # its first list was cut off: the hub loads it in the background
        self.hub.set.selected_key = session.keyring_key
        if not session.demo:
            self._settings.set_last_account(session.keyring_key)
        self.hub.changed.emit("")
        self.attached.emit(session)

    def show_slot(self, slot: AccountSlot) -> None:
        """Show an account already signed in: its list at once from memory (loaded now if it never was)."""
        if slot.session is None:
            return
        self._use(slot.session)
        if slot.tokens is not None:
            self._controller.show_loaded(slot.account, slot.tokens)
        else:
            self._controller.refresh()

    # -- switching and signing out ----------------------------------------------------------------

    def entries(self) -> list[tuple[AccountEntry, bool]]:
        """Every account (remembered or demo) in the user's order, and whether it is the one shown."""
        current = self._controller.session.keyring_key if self._controller.session else ""
        slots = self.hub.set.accounts()
        listed = [self.entry_for(slot) for slot in slots]
        listed += [entry for entry in self._settings.accounts() if self.hub.set.get(entry.key) is None]
        return [(entry, entry.key == current) for entry in listed]

    def entry_for(self, slot: AccountSlot) -> AccountEntry:
        remembered = next((e for e in self._settings.accounts() if e.key == slot.key), None)
        if remembered is not None:
            return remembered
        if slot.session is not None:
            return entry_of(slot.session)
        return AccountEntry(server_url=slot.server_url, username=slot.username)

    def switch_to(self, entry: AccountEntry) -> None:
        session = self._controller.session
        if session is not None and session.keyring_key == entry.key:
            return
        slot = self.hub.set.get(entry.key)
        if slot is not None and slot.session is not None:
            self.show_slot(slot)
            return
        self.sign_in_remembered(entry)

    def switch_to_key(self, key: str) -> None:
        entry = next((e for e, _ in self.entries() if e.key == key), None)
        if entry is not None:
            self.switch_to(entry)

    def remove(self, key: str) -> None:
        """Remove an account from the list (sidebar): signed out, forgotten by the keyring and settings."""
        session = self._controller.session
        if session is not None and session.keyring_key == key:
            self.sign_out()
            return
        slot = self.hub.remove(key)
        if slot is not None and not slot.demo:
            store = self._store
            self._runner.run(lambda: store.forget(key), label="forget", on_error=self._forget_failed)
        self._settings.forget_account(key)

    def sign_out(self) -> None:
        session = self._controller.session
        if session is None:
            return
        key, store = session.keyring_key, self._store
        if not session.demo:  # a demo sign-in is never remembered: nothing to forget
            self._runner.run(lambda: store.forget(key), label="forget", on_error=self._forget_failed)
        self._settings.forget_account(key)
        self._dialogs.close_account_dialogs()
        self._controller.sign_out()
        self.hub.remove(key, close=False)  # the controller signs this one out and closes it
        self.signed_out.emit()
        following = next((slot for slot in self.hub.set.accounts() if slot.session is not None), None)
        if following is not None:
            self.show_slot(following)
        else:
            self.show_sign_in(None)

    def _forget_failed(self, exc: BaseException) -> None:
        """Sign-out happened; only a locked keyring may still hold the credential, and the user can fix that."""
        log.warning("signed out, but the keyring could not forget the account: %s", exc)
        if isinstance(exc, KeyringUnavailable) and exc.problem is KeyringProblem.LOCKED:
            self.notice.emit(self.tr(
                "You are signed out, but the system keyring is locked, so the saved sign-in is still in it. "
                "Unlock the keyring; it is removed the next time you sign in without Remember me."),
                BannerKind.WARNING, [])

    def _remembered_failed(self, entry: AccountEntry, exc: BaseException) -> None:
        self.notice.emit(
            self.tr("Could not sign in to {0} automatically: {1}").format(entry.label, describe(exc)), BannerKind.ERROR,
            [(self.tr("Retry"), lambda: self.sign_in_remembered(entry)),
             (self.tr("Sign in…"), lambda: self.show_sign_in(entry))],
        )

    def _session_expired(self, message: str) -> None:
        session = self._controller.session
        entry = entry_of(session) if session is not None else None
        self.notice.emit(self.tr("Your session has ended: {0}").format(message), BannerKind.ERROR,
                         [(self.tr("Sign in again…"), lambda: self.show_sign_in(entry))])
        # An open (modal) token dialog hides the banner's button: ask for the sign-in at once.
        modal = QApplication.activeModalWidget()
        asking = self._dialogs.get(DialogKind.SIGN_IN)
        if modal is not None and modal is not asking and not (asking is not None and asking.isVisible()):
            self.show_sign_in(entry)


def entry_of(session: SignedIn) -> AccountEntry:
    return AccountEntry(server_url=session.client.base_url, username=session.account_label,
                        mode=session.mode, user_id=session.client.user_id)
