"""Test key: fetch the token's key, ask the site with it (off the GUI thread), show the answer.

The room behind the "Test key" action of the toolbar, the context menu, the tray and Ctrl+T. It keeps
one ``KeyChecker`` per signed-in site (its own HTTP session: the key never travels with the sign-in)
and runs every call through the task runner. The paid one-model try is asked for in the dialog and
sent only after the user said yes to a question that names the model and the cost; the key itself
stays in this object's closures and never reaches a widget.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from openkey_gui.api import ApiError, Flavor, Token
from openkey_gui.api.key_check import KeyCheck, KeyChecker, KeyProblem, KeyRefused, ModelTry
from openkey_gui.api.key_parse import KeyUsage
from openkey_gui.logging_setup import register_secret
from openkey_gui.session import APP_USER_AGENT, SignedIn
from openkey_gui.token_labels import label_among
from openkey_gui.tool_configs import SiteRoutes
from openkey_gui.ui.dialogs import alive
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.key_test_dialog import KeyTestDialog
from openkey_gui.ui.tasks import TaskRunner
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_model import TokenTableModel


class KeyTester(QObject):
    """Opens one ``KeyTestDialog`` per test and feeds it the site's answers."""

    def __init__(self, window: QWidget, controller: TokenController, model: TokenTableModel,
                 runner: TaskRunner, *, timeout: float = 15.0) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._model = model
        self._runner = runner
        self._timeout = timeout
        self._checker: KeyChecker | None = None
        self._checker_for: SignedIn | None = None
        self.dialog: KeyTestDialog | None = None
        # What the last working key test found the site's relay to serve, per site address: the Copy-as
        # menu offers Claude Code and Codex by it (a One API site may have added those routes itself).
        self._routes: dict[str, SiteRoutes] = {}

    def routes_found(self, base_url: str) -> SiteRoutes | None:
        return self._routes.get(base_url)

    def checker(self, session: SignedIn) -> KeyChecker:
        if self._checker is None or self._checker_for is not session:
            if self._checker is not None:
                self._checker.close()
            self._checker = KeyChecker(session.client.base_url, self._timeout, flavor=session.site.flavor,
                                       user_agent=APP_USER_AGENT, on_secret=register_secret)
            self._checker_for = session
        return self._checker

    def test_id(self, token_id: int) -> None:
        """From the tray: the token by id, with the window shown so the dialog has a place."""
        row = self._model.row_of(token_id)
        if row is not None:
            if not self._window.isVisible():
                self._window.show()
            self.test(self._model.token_at(row))

    def test(self, token: Token | None) -> None:
        session = self._controller.session
        if token is None or session is None:
            return
        site = session.site
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = KeyTestDialog(token, label_among(token, self._model.tokens()), quota_per_unit=site.quota_per_unit,
                               currency=site.currency(), parent=self._window)
        self.dialog = dialog
        dialog.show()
        checker = self.checker(session)

        def got_keys(keys: dict[int, str]) -> None:
            key = keys[token.id]
            if not alive(dialog):
                return
            self._runner.run(lambda: checker.check(key, token), label="key test",
                             on_success=lambda check: self._checked(dialog, check),
                             on_error=lambda exc: alive(dialog) and dialog.show_failure(_text(exc)))
            self._runner.run(lambda: checker.balance(key), label="key balance",
                             on_success=lambda usage: self._balance(dialog, usage),
                             on_error=lambda exc: self._no_balance(dialog, exc))
            dialog.try_requested.connect(lambda model: self._ask_try(dialog, checker, key, token, model))

        self._controller.fetch_keys([token], got_keys, lambda message: alive(dialog) and dialog.show_failure(message))

    def _checked(self, dialog: KeyTestDialog, check: KeyCheck) -> None:
        session = self._controller.session
        if check.ok and session is not None:
            self._routes[session.client.base_url] = SiteRoutes(
                messages=check.serves_messages, responses=check.serves_responses,
                gemini=session.site.flavor is Flavor.NEW_API)
        if alive(dialog):
            dialog.show_check(check)

    def _balance(self, dialog: KeyTestDialog, usage: KeyUsage) -> None:
        if alive(dialog):
            dialog.show_balance(usage)

    def _no_balance(self, dialog: KeyTestDialog, exc: BaseException) -> None:
        if not alive(dialog):
            return
        if isinstance(exc, KeyRefused):
            dialog.show_balance_unknown("", refused=exc.refusal.problem is not KeyProblem.UNKNOWN)
        else:
            dialog.show_balance_unknown(_text(exc))

    def _ask_try(self, dialog: KeyTestDialog, checker: KeyChecker, key: str, token: Token, model: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Try one model?"),
                          self.tr("Send one request to {0} with this key?").format(model),
                          QMessageBox.StandardButton.NoButton, dialog)
        box.setInformativeText(self.tr("The answer is at most one token long, but the site will charge it: "
                                       "it costs a tiny amount of the key's quota."))
        send = box.addButton(self.tr("Send"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(send)

        def answered() -> None:
            if box.clickedButton() is not send or not alive(dialog):
                return
            dialog.show_try_sending(model)
            self._runner.run(lambda: checker.try_model(key, model, token), label="model try",
                             on_success=lambda outcome: self._tried(dialog, outcome),
                             on_error=lambda exc: alive(dialog) and dialog.show_try_failure(_text(exc)))

        box.finished.connect(answered)
        box.open()

    def _tried(self, dialog: KeyTestDialog, outcome: ModelTry) -> None:
        if alive(dialog):
            dialog.show_try(outcome)


def _text(exc: BaseException) -> str:
    return describe(exc) if isinstance(exc, ApiError) else type(exc).__name__
