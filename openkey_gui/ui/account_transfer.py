"""Account → Export accounts… / Import accounts…: the account list as a JSON file (``account_file``).

An export writes the remembered accounts (sites, user names, labels, order, pins; never a password or
a token) to a file the user chooses, readable by the user alone. An import adds the accounts the app
does not know yet, signed out, after the others: choosing one in the Account menu asks for its
password (its credential never comes from a file). What was left out of the file is said.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from openkey_gui.account_file import (
    MAX_FILE_BYTES,
    AccountFileError,
    AccountFileProblem,
    ListedAccount,
    ReadAccounts,
    dump,
    load,
)
from openkey_gui.logging_setup import make_private
from openkey_gui.ui.account_flow import AccountFlow
from openkey_gui.ui.banner import BannerKind
from openkey_gui.ui.settings import AccountEntry, AppSettings

DEFAULT_NAME = "openkey-accounts.json"


class AccountTransfer(QObject):
    # What happened, for the banner: text, kind, and the banner's buttons [(label, callable)].
    notice = Signal(str, object, list)

    def __init__(self, window: QWidget, settings: AppSettings, accounts: AccountFlow) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._accounts = accounts
        self._dialog: QFileDialog | None = None

    def export_accounts(self) -> None:
        dialog = self._file_dialog(self.tr("Export accounts"), QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self.export_to)
        dialog.open()

    def import_accounts(self) -> None:
        dialog = self._file_dialog(self.tr("Import accounts"), QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.import_from)
        dialog.open()

    def export_to(self, path: str) -> None:
        listed = [self._listed(entry) for entry in self._settings.accounts()]
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(dump(listed))
            make_private(path)  # an existing file keeps its mode: the list names the user's accounts
        except OSError as exc:
            self.notice.emit(self.tr("Could not write {0}: {1}").format(path, exc.strerror or exc),
                             BannerKind.ERROR, [])
            return
        self.notice.emit(self.tr("Exported %n account(s) to {0}. Passwords and tokens are not in the file.", "",
                                 len(listed)).format(path), BannerKind.INFO, [])

    def import_from(self, path: str) -> None:
        try:
            with open(path, "rb") as file:
                data = file.read(MAX_FILE_BYTES + 1)
            read = load(data)
        except OSError as exc:
            self.notice.emit(self.tr("Could not read {0}: {1}").format(path, exc.strerror or exc),
                             BannerKind.ERROR, [])
            return
        except AccountFileError as exc:
            self.notice.emit(self._problem_text(exc), BannerKind.ERROR, [])
            return
        added = self._add(read)
        self.notice.emit(self._imported_text(read, added), BannerKind.INFO if added else BannerKind.WARNING,
                         self._sign_in_buttons(added))

    def _add(self, read: ReadAccounts) -> list[AccountEntry]:
        entries = [AccountEntry(a.server_url, a.username, a.mode, a.user_id) for a in read.accounts]
        added = self._settings.add_accounts(entries)
        by_key = {a.key: a for a in read.accounts}
        for entry in added:
            listed = by_key[entry.key]
            self._settings.set_account_label(entry.key, listed.label)
            for token_id in listed.pinned:
                self._settings.set_pinned(entry.key, token_id, True)
        self._settings.sync()
        return added

    def _listed(self, entry: AccountEntry) -> ListedAccount:
        return ListedAccount(entry.server_url, entry.username, entry.mode, entry.user_id,
                             self._settings.account_label(entry.key), tuple(self._settings.pinned_tokens(entry.key)))

    def _sign_in_buttons(self, added: list[AccountEntry]) -> list[tuple[str, object]]:
        if not added:
            return []
        first = added[0]
        return [(self.tr("Sign in to {0}").format(first.label), lambda: self._accounts.switch_to(first))]

    def _imported_text(self, read: ReadAccounts, added: list[AccountEntry]) -> str:
        parts = [self.tr("Imported %n account(s), signed out: choose one in the Account menu and enter its "
                         "password to sign in.", "", len(added)) if added else
                 self.tr("No account was imported: the file lists none the app does not know already.")]
        if read.ignored_secrets:
            parts.append(self.tr("The file also held {0}; that was not imported (passwords and tokens are never "
                                 "taken from a file).").format(", ".join(read.ignored_secrets)))
        if read.skipped:
            parts.append(self.tr("%n entry(ies) could not be read and were skipped.", "", read.skipped))
        return " ".join(parts)

    def _problem_text(self, error: AccountFileError) -> str:
        return {
            AccountFileProblem.NOT_JSON: self.tr("The file is not valid JSON (line {0}, column {1}).").format(
                error.params.get("line", "?"), error.params.get("column", "?")),
            AccountFileProblem.NOT_AN_ACCOUNT_LIST: self.tr(
                "The file is not an account list exported by OpenKey Desktop."),
            AccountFileProblem.NEWER_VERSION: self.tr(
                "The file was written by a newer OpenKey Desktop. Update the app to import it."),
            AccountFileProblem.TOO_LARGE: self.tr("The file is too large to be an account list."),
            AccountFileProblem.NOT_TEXT: self.tr("The file is not text (UTF-8), so it is not an account list."),
        }[error.problem]

    def _file_dialog(self, title: str, mode: QFileDialog.AcceptMode) -> QFileDialog:
        """One file dialog at a time, modal to the window; the system's own where it has one."""
        if self._dialog is not None:
            self._dialog.deleteLater()
        dialog = QFileDialog(self._window, title, str(Path.home() / DEFAULT_NAME))
        dialog.setObjectName("accountFileDialog")
        dialog.setAcceptMode(mode)
        dialog.setNameFilters([self.tr("Account lists (*.json)"), self.tr("All files (*)")])
        dialog.setDefaultSuffix("json")
        self._dialog = dialog
        return dialog
