"""The bridge between the window and the client: every token operation, run in the background.

Widgets call these methods and listen to the signals; they never hold a client or catch an
``ApiError`` themselves. An ``AuthError`` anywhere becomes ``session_expired`` so the window can ask
for the password again instead of showing a dead table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from openkey_gui.api import Account, ApiError, AuthError, OpenKeyClient, SiteStatus, Token, TokenDraft
from openkey_gui.session import SignedIn
from openkey_gui.ui.tasks import TaskRunner


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
    #: The server no longer accepts our credential; the message says why.
    session_expired = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session: SignedIn | None = None
        self.models: list[str] = []

    # -- session ----------------------------------------------------------------------------------

    @property
    def client(self) -> OpenKeyClient:
        if self.session is None:
            raise RuntimeError("not signed in")
        return self.session.client

    @property
    def site(self) -> SiteStatus:
        return self.session.site if self.session else SiteStatus()

    def attach(self, session: SignedIn) -> None:
        self.detach()
        self.session = session
        self.models = []

    def detach(self) -> None:
        """Forget the session; results of calls still running are dropped, not shown."""
        self.runner.cancel_all()
        self.session = None

    def sign_out(self, on_done: Callable[[], None] | None = None) -> None:
        session = self.session
        self.detach()
        if session is not None:
            self.runner.run(session.client.logout, label="sign-out",
                            on_success=lambda _: on_done and on_done(), on_error=lambda _: on_done and on_done())

    # -- reads ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the account and every token; the table updates when both have arrived."""
        client = self.client

        def load() -> tuple[Account, list[Token]]:
            return client.account(), client.list_tokens()

        def loaded(result: tuple[Account, list[Token]]) -> None:
            account, tokens = result
            self.account_loaded.emit(account)
            self.tokens_loaded.emit(tokens)

        self._run(load, loaded, retry=self.refresh, label="refresh")

    def load_models(self, on_done: Callable[[list[str]], None]) -> None:
        if self.models:
            on_done(self.models)
            return

        def done(models: list[str]) -> None:
            self.models = models
            on_done(models)

        client = self.client
        self.runner.run(client.available_models, on_success=done, on_error=lambda _: on_done([]),
                        label="models")

    def reveal(self, token_id: int, on_key: Callable[[str], None]) -> None:
        client = self.client
        self._run(lambda: client.reveal_key(token_id), on_key, retry=lambda: self.reveal(token_id, on_key),
                  label="reveal")

    # -- writes (never retried automatically: a repeated create would make a second token) --------

    def create(
        self,
        drafts: Sequence[TokenDraft],
        on_done: Callable[[list[Token]], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Create each draft in turn; stops at the first failure and reports what was made until then."""
        client = self.client
        drafts = list(drafts)

        def create_all() -> tuple[list[Token], ApiError | None]:
            made: list[Token] = []
            for draft in drafts:
                try:
                    made.append(client.create_token(draft))
                except ApiError as exc:
                    return made, exc
            return made, None

        def finished(result: tuple[list[Token], ApiError | None]) -> None:
            made, error = result
            for token in made:
                self.token_added.emit(token)
            if error is None:
                on_done(made)
                return
            if isinstance(error, AuthError):
                self.session_expired.emit(str(error))
            prefix = self.tr("Created %n before the error: ", "", len(made)) if made else ""
            on_error(prefix + str(error))

        self.runner.run(create_all, on_success=finished, on_error=lambda exc: on_error(_message(exc)),
                        label="create")

    def update(
        self,
        token_id: int,
        changes: dict[str, Any],
        on_done: Callable[[Token], None],
        on_error: Callable[[str], None],
    ) -> None:
        client = self.client

        def done(token: Token) -> None:
            self.token_changed.emit(token)
            on_done(token)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthError):
                self.session_expired.emit(str(exc))
            on_error(_message(exc))

        self.runner.run(lambda: client.update_token(token_id, **changes), on_success=done, on_error=failed,
                        label="update")

    def set_enabled(self, tokens: Sequence[Token], enabled: bool) -> None:
        client = self.client
        ids = [t.id for t in tokens]

        def switch() -> list[Token]:
            changed = []
            for token_id in ids:
                client.set_token_enabled(token_id, enabled)
                changed.append(client.get_token(token_id))
            return changed

        def done(changed: list[Token]) -> None:
            for token in changed:
                self.token_changed.emit(token)

        self._run(switch, done, retry=None, label="enable" if enabled else "disable", refresh_on_error=True)

    def delete(self, tokens: Sequence[Token]) -> None:
        client = self.client
        ids = [t.id for t in tokens]

        def delete_all() -> list[int]:
            gone = []
            for token_id in ids:
                client.delete_token(token_id)
                gone.append(token_id)
            return gone

        def done(gone: list[int]) -> None:
            for token_id in gone:
                self.token_removed.emit(token_id)

        self._run(delete_all, done, retry=None, label="delete", refresh_on_error=True)

    # -- helpers ----------------------------------------------------------------------------------

    def _run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        *,
        retry: Callable[[], None] | None,
        label: str,
        refresh_on_error: bool = False,
    ) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthError):
                self.session_expired.emit(str(exc))
                return
            self.failed.emit(_message(exc), retry)
            if refresh_on_error and self.session is not None:
                self.refresh()  # part of a batch may have happened: show the server's truth

        self.runner.run(fn, on_success=on_success, on_error=failed, label=label)


def _message(exc: BaseException) -> str:
    if isinstance(exc, ApiError):
        return str(exc)
    return f"Unexpected error ({type(exc).__name__}). Please try again."
