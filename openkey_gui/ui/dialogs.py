"""One open dialog of each kind, and the rule for what happens to it when the account changes."""

from __future__ import annotations

import enum

import shiboken6
from PySide6.QtWidgets import QDialog, QWidget


class DialogKind(str, enum.Enum):
    SIGN_IN = "sign_in_dialog"
    TOKEN = "token_dialog"
    DELETE = "delete_box"
    PREFERENCES = "preferences_dialog"
    DEVICES = "devices_dialog"


# A token dialog or delete question belongs to the account it was opened for.
_ACCOUNT_BOUND = (DialogKind.TOKEN, DialogKind.DELETE, DialogKind.DEVICES)


def alive(widget: QWidget | None) -> bool:
    """False once Qt has deleted the widget (a replaced dialog) while Python still holds it."""
    return widget is not None and shiboken6.isValid(widget)


class DialogSlots:
    """Keeps one dialog per kind: the one a new dialog replaces is deleted, not left hidden in memory.

    Sign-in dialogs are the exception: deleting a finished one crashed the interpreter now and then
    (PySide6 6.11, seen in tests/reliability/test_secrets.py); they keep no secret once closed.
    """

    def __init__(self) -> None:
        self._open: dict[DialogKind, QDialog] = {}

    def get(self, kind: DialogKind) -> QDialog | None:
        dialog = self._open.get(kind)
        return dialog if alive(dialog) else None

    def replace(self, kind: DialogKind, dialog: QDialog) -> None:
        old = self._open.get(kind)
        if old is not None and alive(old) and old is not dialog and kind is not DialogKind.SIGN_IN:
            old.deleteLater()
        self._open[kind] = dialog

    @property
    def sign_in(self) -> QDialog | None:
        return self.get(DialogKind.SIGN_IN)

    @property
    def token(self) -> QDialog | None:
        return self.get(DialogKind.TOKEN)

    @property
    def delete(self) -> QDialog | None:
        return self.get(DialogKind.DELETE)

    @property
    def preferences(self) -> QDialog | None:
        return self.get(DialogKind.PREFERENCES)

    def close_account_dialogs(self) -> None:
        """Confirming a token dialog or delete question now would act on another account."""
        for kind in _ACCOUNT_BOUND:
            dialog = self.get(kind)
            if dialog is not None and dialog.isVisible():
                dialog.reject()
