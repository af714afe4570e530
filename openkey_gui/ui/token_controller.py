"""The bridge between the window and the client: every token operation, run in the background.

Widgets call these methods and listen to the signals; they never hold a client or catch an
``ApiError`` themselves. An ``AuthError`` anywhere becomes ``session_expired`` so the window can ask
for the password again instead of showing a dead table, and the interrupted operation is kept: once
the same account has signed in again, :meth:`TokenController.resume_pending` refreshes the table and
runs it, so the user never has to redo (or re-type) what the expired session cut off.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from openkey_gui.api import (
    Account,
    ApiError,
    AuthError,
    NetworkError,
    OpenKeyClient,
    ServerError,
    SiteStatus,
    Token,
    TokenDraft,
    TokenEdit,
)
from openkey_gui.api.checkin import CheckinResult
from openkey_gui.api.transport import ConnectFailed
from openkey_gui.session import SignedIn
from openkey_gui.ui.error_text import describe, sign_in_helps
from openkey_gui.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PendingAction:
    """An operation an expired session interrupted, to run again once the same account is signed in."""

    # What will be finished, for the user ("create “laptop”").
    description: str
    site: str
    account_id: int
    # A write outranks a read: a refresh failing later must not replace a pending create.
    write: bool
    # Issues the operation again on the controller's current session.
    run: Callable[[], None]

    def belongs_to(self, session: SignedIn) -> bool:
        return self.site == session.client.base_url and self.account_id == session.account.id


class TokenController(QObject):
    """Owns the signed-in session and turns user intentions into background client calls."""

    #: The full list after a refresh (list[Token]).
    tokens_loaded = Signal(list)
    #: A token that was created (Token); emitted once per token of a batch.
    token_added = Signal(object)
    #: A token whose fields changed on the server (Token).
    token_changed = Signal(object)
    #: The id of a token deleted on the server.
    token_removed = Signal(int)
    #: The account's balance and usage after a refresh (Account).
    account_loaded = Signal(object)
    #: A failure the user should see: message, and a callable that retries it (or None).
    failed = Signal(str, object)
    #: The server no longer accepts our credential; the message says why (and what will be finished).
    session_expired = Signal(str)
    #: Keys fetched from the server ({token id: full key}), so views can show them once revealed.
    keys_revealed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session: SignedIn | None = None
        #: The signed-in account as last loaded (balance, usage); ``None`` when signed out.
        self.account: Account | None = None
        self.models: list[str] = []
        self._pending: PendingAction | None = None
        # Names of tokens being created right now: a second submit of the same form while the first
        # (or its resumption after a re-sign-in) still runs would otherwise send a second POST.
        self._creating: set[str] = set()
        self._creating_lock = threading.Lock()
        # Only this controller's calls: the runner is shared with the window and the sign-in dialog,
        # whose calls (a keyring forget, another account's sign-in) must survive a detach.
        self._tasks: list[Task] = []
        self._refreshing: Task | None = None

    # -- session ----------------------------------------------------------------------------------

    @property
    def client(self) -> OpenKeyClient:
        if self.session is None:
            raise RuntimeError("not signed in")
        return self.session.client

    @property
    def site(self) -> SiteStatus:
        return self.session.site if self.session else SiteStatus()

    @property
    def pending_action(self) -> PendingAction | None:
        """What an expired session interrupted and a re-sign-in will finish, if anything."""
        return self._pending

    def attach(self, session: SignedIn) -> None:
        """Use ``session`` from now on; a pending action survives only if it is the same account's."""
        pending = self._pending if self._pending is not None and self._pending.belongs_to(session) else None
        self.detach()
        self.session = session
        self.account = session.account
        self.models = []
        self._pending = pending

    def detach(self) -> None:
        """Forget the session; results of this controller's calls still running are dropped, not shown."""
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()
        self._refreshing = None
        self.session = None
        self.account = None
        self._pending = None

    def show_loaded(self, account: Account | None, tokens: list[Token]) -> None:
        """An account switched to whose list is in memory already: shown at once, no network call."""
        if account is not None:
            self.account = account
            self.account_loaded.emit(account)
        self.tokens_loaded.emit(list(tokens))

    def resume_pending(self) -> bool:
        """After a re-sign-in: refresh the table, then run the interrupted action. False if there is none.

        The refresh comes first so that the action's own result (a new row, a changed row) lands on the
        server's current list instead of being overwritten by a list fetched while it ran. A create whose
        outcome was unknown is not blindly repeated: ``OpenKeyClient.create_token`` remembers it and checks
        the list for it before it sends anything.
        """
        pending, self._pending = self._pending, None
        if pending is None or self.session is None:
            return False
        self._refresh(then=pending)
        return True

    def sign_out(self, on_done: Callable[[], None] | None = None) -> None:
        session = self.session
        self.detach()
        if session is not None:
            self.runner.run(session.client.logout, label="sign-out",
                            on_success=lambda _: on_done and on_done(), on_error=lambda _: on_done and on_done())

    # -- reads ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the account and every token; the table updates when both have arrived."""
        self._refresh(then=None)

    def _refresh(self, *, then: PendingAction | None) -> None:
        """``refresh``, then (success or not) ``then.run()``; an ``AuthError`` keeps ``then`` pending."""
        client = self.client

        def load() -> tuple[Account, list[Token]]:
            return client.account(), client.list_tokens()

        def loaded(result: tuple[Account, list[Token]]) -> None:
            account, tokens = result
            self.account = account
            self.account_loaded.emit(account)
            self.tokens_loaded.emit(tokens)
            if then is not None:
                then.run()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthError):
                self._expired(exc, then or self._pending_for(self.tr("refresh the token list"), self.refresh,
                                                              write=False))
                return
            self.failed.emit(_message(exc), self.refresh)
            if then is not None:
                then.run()

        if then is None and self._refreshing is not None and not self._refreshing.done:
            return  # F5, the background timer and failed writes all ask; one listing in flight answers them all
        self._refreshing = self._start(load, on_success=loaded, on_error=failed, label="refresh")

    def check_in(self, on_done: Callable[[CheckinResult], None], on_error: Callable[[ApiError], None]) -> None:
        """The daily check-in, then the account again, so the balance shown includes the award.

        Sent once, never retried (``DailyCheckin.check_in``); an expired session asks for the sign-in
        and keeps nothing pending, since the check-in may have happened.
        """
        client = self.client

        def run() -> tuple[CheckinResult, Account | None]:
            result = client.checkin.check_in()
            try:
                return result, client.account()
            except ApiError:
                return result, None  # checked in all the same; the next refresh shows the balance

        def done(outcome: tuple[CheckinResult, Account | None]) -> None:
            result, account = outcome
            if account is not None:
                self.account = account
                self.account_loaded.emit(account)
            on_done(result)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthError):
                self._expired(exc, None)
            elif isinstance(exc, ApiError):
                on_error(exc)
            else:
                self.failed.emit(_message(exc), None)

        self._start(run, on_success=done, on_error=failed, label="check-in")

    def load_models(self, on_done: Callable[[list[str]], None]) -> None:
        if self.models:
            on_done(self.models)
            return

        def done(models: list[str]) -> None:
            self.models = models
            on_done(models)

        client = self.client
        self._start(client.available_models, on_success=done, on_error=lambda _: on_done([]),
                    label="models")

    def known_key(self, token: Token) -> str | None:
        """The full key if the list carried it or this sign-in fetched it; ``None`` if it must be fetched.

        The signed-in client keeps the keys it has seen (memory only, forgotten at sign-out), so a key
        copied once copies again while the site is down, and nothing is fetched twice.
        """
        if not token.key_is_masked:
            return token.key
        return self.session.client.known_key(token.id) if self.session is not None else None

    def fetch_keys(
        self,
        tokens: Sequence[Token],
        on_keys: Callable[[dict[int, str]], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Call ``on_keys({id: key})`` with every token's full key, fetching the unknown ones first.

        Known keys answer at once, without the network. A failure calls ``on_error`` with the reason
        (nothing is partly delivered: a copy of three keys where one is missing would mislead).
        """
        known = {t.id: key for t in tokens if (key := self.known_key(t)) is not None}
        missing = [t.id for t in tokens if t.id not in known]
        if not missing:
            on_keys(known)
            return
        if self.session is None:
            on_error(self.tr("You are signed out."))
            return
        client = self.client

        def fetch() -> dict[int, str]:
            if len(missing) == 1:
                return {missing[0]: client.reveal_key(missing[0])}
            return client.reveal_keys(missing)

        def got(found: dict[int, str]) -> None:
            self.keys_revealed.emit(found)
            absent = [token_id for token_id in missing if token_id not in found]
            if absent:
                on_error(self.tr("The site did not return the key (the token may have been deleted)."))
                return
            on_keys({**known, **found})

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthError):
                self._expired(exc, None)
            on_error(_message(exc))

        self._start(fetch, on_success=got, on_error=failed, label="reveal")

    # -- writes (never retried automatically: a repeated create would make a second token) --------

    def create(
        self,
        drafts: Sequence[TokenDraft],
        on_done: Callable[[list[Token]], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Create each draft in turn; stops at the first failure and reports what was made until then."""
        self._create(list(drafts), on_done, on_error, already=[])

    def _create(
        self,
        drafts: list[TokenDraft],
        on_done: Callable[[list[Token]], None],
        on_error: Callable[[str], None],
        *,
        already: list[Token],
    ) -> None:
        client = self.client
        names = {draft.name for draft in drafts}
        with self._creating_lock:
            running = sorted(names & self._creating)
            if not running:
                self._creating |= names
        if running:
            on_error(self.tr("“{0}” is still being created; wait for that to finish.").format(running[0]))
            return

        def create_all() -> tuple[list[Token], ApiError | None]:
            made: list[Token] = []
            try:
                for draft in drafts:
                    try:
                        made.append(client.create_token(draft))
                    except ApiError as exc:
                        return made, exc
                return made, None
            finally:  # here, not in a GUI callback: a cancelled task's callbacks never run
                with self._creating_lock:
                    self._creating -= names

        def finished(result: tuple[list[Token], ApiError | None]) -> None:
            made, error = result
            for token in made:
                self.token_added.emit(token)
            total = already + made
            if error is None:
                on_done(total)
                return
            prefix = self.tr("Created %n before the error: ", "", len(total)) if total else ""
            if isinstance(error, AuthError):
                rest = drafts[len(made):]
                what = (self.tr("create “{0}”").format(rest[0].name) if len(rest) == 1
                        else self.tr("create %n tokens", "", len(rest)))
                self._expired(error, self._pending_for(
                    what, lambda: self._create(rest, on_done, on_error, already=total), write=True))
                on_error(prefix + describe(error, self._kept_note(error)))
                return
            on_error(prefix + describe(error))

        self._start(create_all, on_success=finished, on_error=lambda exc: on_error(_message(exc)),
                    label="create")

    def update(
        self,
        token_id: int,
        edit: TokenEdit,
        on_done: Callable[[Token], None],
        on_error: Callable[[str], None],
    ) -> None:
        client = self.client
        changes = edit.changes()

        def done(token: Token) -> None:
            self.token_changed.emit(token)
            on_done(token)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthError):
                name = edit.after.name or f"#{token_id}"
                self._expired(exc, self._pending_for(
                    self.tr("save the changes to “{0}”").format(name),
                    lambda: self.update(token_id, edit, on_done, on_error), write=True))
                on_error(describe(exc, self._kept_note(exc)))
                return
            on_error(_message(exc))
            if _outcome_unknown(exc) and self.session is not None:
                self.refresh()  # the change may have been made: show the server's truth behind the dialog

        self._start(lambda: client.update_token(token_id, **changes), on_success=done, on_error=failed,
                    label="update")

    def set_enabled(self, tokens: Sequence[Token], enabled: bool) -> None:
        client = self.client
        ids = [t.id for t in tokens]
        switched: list[int] = []  # filled on the worker; read on the GUI thread once it has finished

        def switch() -> list[Token]:
            changed = []
            for token_id in ids:
                client.set_token_enabled(token_id, enabled)
                switched.append(token_id)
                changed.append(client.get_token(token_id))
            return changed

        def done(changed: list[Token]) -> None:
            for token in changed:
                self.token_changed.emit(token)

        def pending() -> PendingAction | None:
            rest = [t for t in tokens if t.id not in switched]
            if not rest:
                return None
            if len(rest) == 1:
                what = (self.tr("enable “{0}”") if enabled else self.tr("disable “{0}”")).format(rest[0].name)
            else:
                what = self.tr("enable %n tokens", "", len(rest)) if enabled else self.tr("disable %n tokens", "",
                                                                                             len(rest))
            return self._pending_for(what, lambda: self.set_enabled(rest, enabled), write=True)

        self._run(switch, done, retry=None, label="enable" if enabled else "disable", refresh_on_error=True,
                  pending=pending)

    def delete(self, tokens: Sequence[Token]) -> None:
        client = self.client
        ids = [t.id for t in tokens]
        gone_ids: list[int] = []  # filled on the worker; read on the GUI thread once it has finished

        def delete_all() -> list[int]:
            for token_id in ids:
                client.delete_token(token_id)
                gone_ids.append(token_id)
            return list(gone_ids)

        def done(gone: list[int]) -> None:
            for token_id in gone:
                self.token_removed.emit(token_id)

        def pending() -> PendingAction | None:  # on AuthError: what is left to delete after the sign-in
            rest = [t for t in tokens if t.id not in gone_ids]
            if not rest:
                return None
            for token_id in gone_ids:  # those went before the session ended: show it now
                self.token_removed.emit(token_id)
            what = (self.tr("delete “{0}”").format(rest[0].name) if len(rest) == 1
                    else self.tr("delete %n tokens", "", len(rest)))
            return self._pending_for(what, lambda: self.delete(rest), write=True)

        self._run(delete_all, done, retry=None, label="delete", refresh_on_error=True, pending=pending)

    # -- helpers ----------------------------------------------------------------------------------

    def _start(self, fn: Callable[[], Any], **callbacks: Any) -> Task:
        """``runner.run`` for this controller's own calls, so ``detach`` can drop exactly those."""
        self._tasks = [t for t in self._tasks if not t.done]
        task = self.runner.run(fn, **callbacks)
        self._tasks.append(task)
        return task

    def _run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        *,
        retry: Callable[[], None] | None,
        label: str,
        refresh_on_error: bool = False,
        pending: Callable[[], PendingAction | None] | None = None,
    ) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthError):
                self._expired(exc, pending() if pending is not None else None)
                return
            self.failed.emit(_message(exc), retry)
            if refresh_on_error and self.session is not None:
                self.refresh()  # part of a batch may have happened: show the server's truth

        self._start(fn, on_success=on_success, on_error=failed, label=label)

    def _pending_for(self, description: str, run: Callable[[], None], *, write: bool) -> PendingAction | None:
        session = self.session
        if session is None:
            return None
        return PendingAction(description=description, site=session.client.base_url,
                             account_id=session.account.id, write=write, run=run)

    def _kept_note(self, error: AuthError) -> str:
        """What the open dialog's user is told about their input after the session refused it."""
        if sign_in_helps(error):
            return self.tr("Sign in again to finish; what you entered is kept.")
        return ""

    def _expired(self, exc: AuthError, pending: PendingAction | None) -> None:
        """Keep ``pending`` (a write is never displaced by a read) and tell the window to ask for sign-in."""
        if pending is not None and (self._pending is None or pending.write or not self._pending.write):
            self._pending = pending
        note = ""
        if self._pending is not None:
            note = self.tr("After you sign in again, this is finished: {0}.").format(self._pending.description)
        self.session_expired.emit(describe(exc, note))


def _outcome_unknown(exc: BaseException) -> bool:
    """A write failed in a way that says nothing about whether the server made the change."""
    if isinstance(exc, ConnectFailed):
        return False
    return isinstance(exc, (NetworkError, ServerError))


def _message(exc: BaseException) -> str:
    """The user's message for a failure; a bug (anything not an ``ApiError``) is logged with its traceback.

    The log is redacted (``logging_setup``), so the traceback can be kept without leaking a key.
    """
    if not isinstance(exc, ApiError):
        log.error("unexpected error in a background call", exc_info=(type(exc), exc, exc.__traceback__))
    return describe(exc)
