"""Adding, editing, enabling, disabling and deleting tokens: the dialogs and what follows them.

The dialogs collect input; the controller does the work; this room opens the right dialog for the
token the view says is selected, and shows the outcome (a created token selected and announced, a
saved name in the status bar).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from openkey_gui.api import Flavor, Token, TokenDraft, TokenEdit
from openkey_gui.token_labels import label_among, tail_label
from openkey_gui.ui.banner import BannerKind
from openkey_gui.ui.dialogs import DialogKind, DialogSlots, alive
from openkey_gui.ui.key_copier import KeyCopier
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_dialog import TokenDialog
from openkey_gui.ui.token_view import TokenView

CREATED_BANNER_MS = 120_000  # "Token created · Copy key" stays two minutes, long enough to switch apps


class TokenEditing(QObject):
    """Opens the token dialogs and the delete question over ``window``; one of each at a time."""

    # A short outcome for the status bar ("Saved “laptop”.").
    status = Signal(str)

    def __init__(self, window: QWidget, controller: TokenController, view: TokenView, copier: KeyCopier,
                 dialogs: DialogSlots) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._view = view
        self._copier = copier
        self._dialogs = dialogs

    def add_token(self) -> None:
        if self._controller.session is None:
            return
        dialog = self._token_dialog(None)

        def submitted(drafts: list[TokenDraft]) -> None:
            dialog.set_busy(True)

            def done(made: list[Token]) -> None:
                dialog.accept()
                if made:
                    self._created(made)

            self._controller.create(drafts, done, lambda message: _failed(dialog, message))

        dialog.submitted.connect(submitted)
        dialog.open()

    def edit_token(self) -> None:
        token = self._view.current_token()
        if token is None or self._controller.session is None:
            return
        dialog = self._token_dialog(token)

        def submitted(drafts: list[TokenDraft]) -> None:
            edit = TokenEdit(before=token.to_draft(), after=drafts[0])
            if edit.is_empty:
                dialog.accept()
                return
            dialog.set_busy(True)

            def done(updated: Token) -> None:
                dialog.accept()
                self.status.emit(self.tr("Saved “{0}”.").format(updated.name))

            self._controller.update(token.id, edit, done, lambda message: _failed(dialog, message))

        dialog.submitted.connect(submitted)
        dialog.open()

    def set_enabled(self, enabled: bool) -> None:
        tokens = self._view.selected_tokens()
        if tokens and self._controller.session is not None:
            self._controller.set_enabled(tokens, enabled)

    def delete_tokens(self) -> None:
        tokens = self._view.selected_tokens()
        if not tokens or self._controller.session is None:
            return
        if len(tokens) == 1:
            # The key's tail always: two tokens may share the name, and this cannot be undone.
            question = self.tr("Delete the token “{0}”?").format(tail_label(tokens[0]))
        else:
            question = self.tr("Delete %n tokens?", "", len(tokens))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete token"), question,
                          QMessageBox.StandardButton.Cancel, self._window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a token name is the server's text, never markup
        box.setInformativeText(self.tr("Every app that uses its key stops working at once. "
                                       "This cannot be undone."))
        delete_button = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _: box.clickedButton() is delete_button and self._controller.delete(tokens))
        self._dialogs.replace(DialogKind.DELETE, box)
        box.open()

    def _token_dialog(self, token: Token | None) -> TokenDialog:
        controller = self._controller
        site = controller.site
        groups = sorted({t.group for t in self._view.model.tokens() if t.group} | {"default"})
        dialog = TokenDialog(self._window, flavor=site.flavor, quota_per_unit=site.quota_per_unit,
                             available_models=controller.models,
                             groups=groups if site.flavor is Flavor.NEW_API else (), token=token)
        if not controller.models:
            controller.load_models(lambda models: alive(dialog) and dialog.set_available_models(models))
        self._dialogs.replace(DialogKind.TOKEN, dialog)
        return dialog

    def _created(self, made: list[Token]) -> None:
        """Show and select what was made, and offer its key; the banner copies exactly that token."""
        view, first = self._view, made[0]
        if view.show_despite_filter(first.id):
            self.status.emit(self.tr("The search was cleared to show the new token."))
        view.select(first.id)
        view.table.setFocus()
        if len(made) == 1:
            text = self.tr("Token “{0}” created.").format(label_among(first, view.model.tokens()))
            copy: Callable[[], None] = lambda: self._copier.copy_key_for(first.id)  # noqa: E731
            button = self.tr("Copy key")
        else:
            text = self.tr("%n tokens created.", "", len(made))
            copy = lambda: self._copier.copy_keys_of(  # noqa: E731
                [t for t in made if view.model.row_of(t.id) is not None])
            button = self.tr("Copy %n keys", "", len(made))
        view.banner.show_message(text, kind=BannerKind.INFO, actions=[(button, copy)], token_id=first.id,
                                 timeout_ms=CREATED_BANNER_MS)
        view.banner.button(0).setFocus()


def _failed(dialog: TokenDialog, message: str) -> None:
    dialog.set_busy(False)
    dialog.show_error(message)
