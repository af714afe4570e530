"""Signed-in devices (New API v1.0): where the account is signed in, and signing the others out.

A v1.0 site keeps every login as a session for 30 days; a forgotten browser or a lost laptop stays
signed in until then. The site's own page lists them (``GET /api/user/sessions``); this dialog does the
same from the app, and signs one device or every other device out. Every call runs on the task runner.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api import ApiError, LoginSession, OpenKeyClient
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.message_labels import Tone, Toner
from openkey_gui.ui.tasks import TaskRunner
from openkey_gui.ui.token_cells import local_datetime_text

SID_ROLE = Qt.ItemDataRole.UserRole


class DevicesDialog(QDialog):
    """A table of the account's sessions, this app's first, with "sign out" buttons."""

    def __init__(self, runner: TaskRunner, client: OpenKeyClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesDialog")
        self.setWindowTitle(self.tr("Signed-in devices — OpenKey Desktop"))
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(760, screen.width() - 40), min(320, screen.height() - 40))  # 150 % on a small laptop
        self._runner = runner
        self._client = client
        self._toner = Toner(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("devicesTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Device"), self.tr("IP address"), self.tr("Signed in"), self.tr("Last active"),
             self.tr("Signed in until")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.message = self._toner.message_label(self, "devicesMessage", Tone.HINT)
        self.sign_out_one = QPushButton(self.tr("Sign &out this device"), self)
        self.sign_out_one.setObjectName("signOutDevice")
        self.sign_out_others = QPushButton(self.tr("Sign out &all other devices"), self)
        self.sign_out_others.setObjectName("signOutOthers")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.sign_out_one, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.sign_out_others, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.sign_out_one.clicked.connect(self._sign_out_selected)
        self.sign_out_others.clicked.connect(self._sign_out_others)
        self._sessions: list[LoginSession] = []
        self._busy = False
        self.reload()

    def reload(self) -> None:
        self._set_busy(True, self.tr("Loading the devices…"))
        client = self._client
        self._runner.run(client.login_sessions, on_success=self._show, on_error=self._failed, label="devices")

    def _show(self, sessions: list[LoginSession]) -> None:
        self._sessions = sessions
        self.table.setRowCount(len(sessions))
        for row, session in enumerate(sessions):
            device = session.user_agent or self.tr("Unknown device")
            if session.current:
                device = self.tr("{0} (this app)").format(device)
            texts = [device, session.ip, _when(session.created_at), _when(session.last_active_at),
                     _when(session.expires_at)]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(SID_ROLE, session.sid)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        others = sum(1 for s in sessions if not s.current)
        self._set_busy(False, self.tr("Signed in on {0} other device(s).").format(others) if others
                       else self.tr("This app is the only device signed in."))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False, describe(exc) if isinstance(exc, ApiError) else self.tr("Could not load the devices."))
        self._toner.set_tone(self.message, Tone.ERROR)

    def _selected(self) -> LoginSession | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def _sign_out_selected(self) -> None:
        session = self._selected()
        if session is None or session.current:
            return
        client, sid = self._client, session.sid
        self._set_busy(True, self.tr("Signing the device out…"))
        self._runner.run(lambda: client.revoke_login_session(sid), on_success=lambda _: self.reload(),
                         on_error=self._failed, label="devices")

    def _sign_out_others(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Sign out other devices"),
            self.tr("Sign out every other browser and app on this account? They will have to sign in again."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        client = self._client
        self._set_busy(True, self.tr("Signing the other devices out…"))
        self._runner.run(client.revoke_other_login_sessions, on_success=lambda _: self.reload(),
                         on_error=self._failed, label="devices")

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self._toner.set_tone(self.message, Tone.HINT)
        self.message.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self._selected()
        self.sign_out_one.setEnabled(not self._busy and selected is not None and not selected.current)
        self.sign_out_others.setEnabled(not self._busy and any(not s.current for s in self._sessions))


def _when(moment: datetime | None) -> str:
    """Local time as the token table shows it (``2026-12-01 16:32``)."""
    return "" if moment is None else local_datetime_text(moment)
