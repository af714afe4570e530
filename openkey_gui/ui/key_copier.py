"""Getting keys to the clipboard: one key, several keys, snippets and client links, from any place.

Every copy names its token by id (never "whatever is selected now"), fetches the key when the server
listed a mask, and either copies or says why it could not: a copy that did not happen counts for
nothing (it is not a "recent" copy). The window, the banner and the tray all come here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from openkey_gui import snippets
from openkey_gui.accounts import AccountSlot
from openkey_gui.api import Token
from openkey_gui.token_labels import label_among
from openkey_gui.ui.clipboard import Clipboard
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_model import TokenTableModel


class KeyCopier(QObject):
    """Copies keys of the signed-in account's tokens; reports failures instead of failing silently."""

    # A copy (or a reveal) did not happen: the message says what and why.
    failed = Signal(str)
    # A key has to be fetched first (the status bar shows it).
    fetching = Signal()
    # A key was copied for the tray's "recent" list: (account key, token id).
    key_copied = Signal(str, int)
    # A revealed key is now shown in the table (the view widens the column).
    revealed = Signal(int)

    def __init__(self, controller: TokenController, model: TokenTableModel, clipboard: Clipboard,
                 settings: AppSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._model = model
        self._clipboard = clipboard
        self._settings = settings
        controller.keys_revealed.connect(self._keys_arrived)

    def copy_tokens(self, tokens: list[Token]) -> None:
        """Ctrl+C, Enter, double-click: one key, or every selected key as ``NAME=key`` lines."""
        if len(tokens) == 1:
            self.copy_key_for(tokens[0].id)
        elif tokens:
            self.copy_keys_of(tokens)

    def copy_key_for(self, token_id: int) -> None:
        """The one way a single key reaches the clipboard, from the window, the banner or the tray."""
        row = self._model.row_of(token_id)
        session = self._controller.session
        if row is None or session is None:
            self._say_failed(self.tr("the key"), self.tr("That token is no longer in the list."))
            return
        token = self._model.token_at(row)
        label = label_among(token, self._model.tokens())
        account = session.keyring_key
        what = self.tr("the key of “{0}”").format(label)

        def copy(keys: dict[int, str]) -> None:
            self._clipboard.copy_secret(keys[token_id], what)
            if self._controller.session is session:
                self._settings.note_copied(account, token_id)
                self.key_copied.emit(account, token_id)

        self._with_keys([token], copy, lambda message: self._say_failed(what, message))

    def copy_key_of(self, slot: AccountSlot, token_id: int) -> None:
        """A key of any signed-in account (the tray's other sites), without switching the window to it.

        A key the list carried or this sign-in fetched copies at once; a masked one is fetched through
        that account's own client, in the background.
        """
        session = slot.session
        if session is not None and session is self._controller.session:
            self.copy_key_for(token_id)
            return
        token = next((t for t in slot.tokens or [] if t.id == token_id), None)
        if token is None or session is None:
            self._say_failed(self.tr("the key"), self.tr("That token is no longer in the list."))
            return
        client = session.client
        what = self.tr("the key of “{0}” on {1}").format(label_among(token, slot.tokens or []), slot.display_name)

        def copy(key: str) -> None:
            self._clipboard.copy_secret(key, what)
            self._settings.note_copied(slot.key, token_id)
            self.key_copied.emit(slot.key, token_id)

        known = token.key if not token.key_is_masked else client.known_key(token_id)
        if known is not None:
            copy(known)
            return
        self.fetching.emit()
        self._controller.runner.run(lambda: client.reveal_key(token_id), on_success=copy,
                                    on_error=lambda exc: self._say_failed(what, describe(exc)), label="reveal")

    def copy_keys_of(self, tokens: list[Token]) -> None:
        """Several keys at once as ``NAME=key`` lines (fetched first where the server listed masks)."""
        ids = [t.id for t in tokens]
        names = {t.id: t.name for t in tokens}

        def copy(keys: dict[int, str]) -> None:
            text = snippets.env_lines([(names[i], keys[i]) for i in ids])
            self._clipboard.copy_secret(text, self.tr("%n keys as NAME=key lines", "", len(ids)))

        self._with_keys(tokens, copy, lambda message: self._say_failed(self.tr("%n keys", "", len(ids)), message))

    def copy_snippet(self, token: Token | None, make: Callable[[str, str], str], what: str) -> None:
        session = self._controller.session
        if token is None or session is None:
            return
        site_url = session.client.base_url
        self._with_keys([token], lambda keys: self._clipboard.copy_secret(make(keys[token.id], site_url), what),
                        lambda message: self._say_failed(what, message))

    def copy_client_link(self, token: Token | None, name: str) -> None:
        session = self._controller.session
        if token is None or session is None:
            return
        what = self.tr("the {0} link").format(name)

        def copy(keys: dict[int, str]) -> None:
            for link in snippets.client_links(keys[token.id], session.client.base_url, session.site):
                if link.name == name:
                    self._clipboard.copy_secret(link.url, what)

        self._with_keys([token], copy, lambda message: self._say_failed(what, message))

    def copy_base_url(self) -> None:
        session = self._controller.session
        if session is not None:
            self._clipboard.copy_text(snippets.api_base_url(session.client.base_url), self.tr("the API base URL"))

    def toggle_reveal(self, token: Token | None) -> None:
        """Show the whole key in the table, or hide it again."""
        if token is None:
            return
        if self._model.is_revealed(token.id):
            self._model.set_revealed(token.id, False)
            return

        def show(_keys: dict[int, str]) -> None:
            self._model.set_revealed(token.id, True)
            self.revealed.emit(token.id)

        self._with_keys([token], show, lambda message: self._say_failed(
            self.tr("the key of “{0}”").format(token.name), message, show=True))

    def _keys_arrived(self, keys: dict[int, str]) -> None:
        """Fetched keys go into the table's rows, so a reveal can show them and Copy-as reuse them."""
        for token_id, key in keys.items():
            row = self._model.row_of(token_id)
            if row is not None:
                self._model.update_token(self._model.token_at(row).with_key(key))

    def _with_keys(self, tokens: list[Token], use: Callable[[dict[int, str]], None],
                   failed: Callable[[str], None]) -> None:
        if any(self._controller.known_key(t) is None for t in tokens):
            self.fetching.emit()
        self._controller.fetch_keys(tokens, use, failed)

    def _say_failed(self, what: str, reason: str, *, show: bool = False) -> None:
        message = (self.tr("Could not show {0}: {1}") if show else self.tr("Could not copy {0}: {1}")).format(
            what, reason)
        self.failed.emit(message)
