"""Rotate a key: a replacement with the same settings, its key on the clipboard, the old one disabled.

For a key that leaked or is simply old. The new token copies what the old one has left: quota left,
unlimited or not, expiry, models, IPs and group, under the same name or the name with a suffix. It is
made by the controller's create, so a create whose answer is lost is reconciled by ``create_guard`` and
never sent twice. The old token is disabled (never deleted: the user may still need to look it up)
only once the user says the new key is in place; until then a reminder comes back.
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from openkey_gui.api import Token, TokenStatus
from openkey_gui.api.validation import name_bytes, name_limit
from openkey_gui.token_labels import tail_label
from openkey_gui.ui.banner import BannerKind
from openkey_gui.ui.key_copier import KeyCopier
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_view import TokenView

NAME_SUFFIX = "-new"
REMINDER_MS = 10 * 60_000  # the old key is still enabled: say so again after ten minutes


def rotated_name(name: str, limit_bytes: int, *, same_name: bool) -> str:
    """``name`` + ``-new``, the name shortened (by characters) so the whole stays within the byte limit."""
    if same_name:
        return name
    base = name
    while base and name_bytes(base + NAME_SUFFIX) > limit_bytes:
        base = base[:-1]
    return base + NAME_SUFFIX


class KeyRotation(QObject):
    """Asks, creates the replacement, copies its key, then disables the old token when told to."""

    # Short outcomes for the status bar.
    status = Signal(str)

    def __init__(self, window: QWidget, controller: TokenController, view: TokenView, copier: KeyCopier) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._view = view
        self._copier = copier
        self._reminders: dict[int, QTimer] = {}
        self.question: QMessageBox | None = None

    def rotate(self, token: Token | None) -> None:
        session = self._controller.session
        if token is None or session is None:
            return
        if token.expires_at is not None and token.expires_at <= datetime.now(timezone.utc):
            self.status.emit(self.tr("“{0}” has expired: edit its expiry first, then rotate it.").format(token.name))
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Rotate key"),
                          self.tr("Replace the key of “{0}” with a new one?").format(tail_label(token)),
                          QMessageBox.StandardButton.Cancel, self._window)
        box.setObjectName("rotateQuestion")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr(
            "A new token is created with the same settings (quota left, expiry, models, IP limits, group) and "
            "its key is copied. The old token keeps working until you confirm that the new key is in place; "
            "then it is disabled, not deleted."))
        same = QCheckBox(self.tr("Keep the same name (otherwise “{0}”)").format(
            rotated_name(token.name, name_limit(session.site.flavor), same_name=False)), box)
        same.setObjectName("rotateSameName")
        box.setCheckBox(same)
        go = box.addButton(self.tr("Create replacement"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(go)
        self.question = box

        def answered() -> None:
            if box.clickedButton() is go:
                self._create(token, same_name=same.isChecked())

        box.finished.connect(answered)
        box.open()

    def _create(self, old: Token, *, same_name: bool) -> None:
        site = self._controller.site
        draft = old.to_draft().replace(name=rotated_name(old.name, name_limit(site.flavor), same_name=same_name))

        def done(made: list[Token]) -> None:
            if not made:
                return
            new = made[0]
            self._view.select(new.id)
            self._copier.copy_key_for(new.id)
            self._ask_disable(old, new)

        def failed(message: str) -> None:
            self._view.banner.show_message(self.tr("Could not create the replacement: {0}").format(message),
                                           kind=BannerKind.ERROR)

        self._controller.create([draft], done, failed)

    def _ask_disable(self, old: Token, new: Token) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Is the new key in place?"),
                          self.tr("The new key of “{0}” is on the clipboard.").format(new.name),
                          QMessageBox.StandardButton.NoButton, self._window)
        box.setObjectName("rotateConfirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr(
            "Paste it wherever the old key was used. Once every app uses the new key, disable the old "
            "token “{0}”.").format(tail_label(old)))
        disable = box.addButton(self.tr("Disable old key"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(disable)
        self.question = box

        def answered() -> None:
            if box.clickedButton() is disable:
                self.disable_old(old.id)
            else:
                self._remind(old.id)

        box.finished.connect(answered)
        box.open()

    def disable_old(self, token_id: int) -> None:
        timer = self._reminders.pop(token_id, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        token = self._token(token_id)
        if token is not None and token.status is TokenStatus.ENABLED:
            self._controller.set_enabled([token], False)
            self.status.emit(self.tr("Disabled the old token “{0}”.").format(token.name))

    def _remind(self, token_id: int) -> None:
        """A banner now, and again every ``REMINDER_MS`` while the old token is still enabled."""
        token = self._token(token_id)
        if token is None or token.status is not TokenStatus.ENABLED:
            self._reminders.pop(token_id, None)
            return
        self._view.banner.show_message(
            self.tr("The old token “{0}” still works. Disable it once the new key is in place.").format(
                tail_label(token)),
            kind=BannerKind.WARNING, actions=[(self.tr("Disable old key"), lambda: self.disable_old(token_id))],
            token_id=token_id)
        timer = self._reminders.get(token_id)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._remind(token_id))
            self._reminders[token_id] = timer
        timer.start(REMINDER_MS)

    def pending_reminders(self) -> list[int]:
        return sorted(self._reminders)

    def _token(self, token_id: int) -> Token | None:
        model = self._view.model
        row = model.row_of(token_id)
        return model.token_at(row) if row is not None else None
