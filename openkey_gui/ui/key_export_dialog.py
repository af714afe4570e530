"""Export the selected tokens' keys as ``.env`` lines or CSV, to the clipboard or to a file the user picks.

The dialog says, before anything is written, that a file will hold the keys in plain text; the file
dialog's title says it again. Keys are fetched through the controller (New API lists masks) and the
text is made by ``key_export``; a file is written only where the user chose, readable by its owner only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api import Token
from openkey_gui.key_export import ExportFormat, ExportRow, export_text, write_private_file
from openkey_gui.ui.clipboard import Clipboard
from openkey_gui.ui.token_controller import TokenController


class KeyExportDialog(QDialog):
    """Format and destination; ``path()`` is empty for the clipboard."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyExportDialog")
        self.setWindowTitle(self.tr("Export %n keys", "", count))
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        self.format.addItem(self.tr(".env lines (NAME=sk-…)"), ExportFormat.ENV.value)
        self.format.addItem(self.tr("CSV (name, key, quota, expiry)"), ExportFormat.CSV.value)
        self.to_clipboard = QRadioButton(self.tr("To the clipboard"), self)
        self.to_clipboard.setObjectName("exportToClipboard")
        self.to_file = QRadioButton(self.tr("To a file:"), self)
        self.to_file.setObjectName("exportToFile")
        self.to_clipboard.setChecked(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setPlaceholderText(self.tr("Choose where to save…"))
        self.path_edit.textEdited.connect(lambda _: self.to_file.setChecked(True))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setObjectName("exportBrowse")
        browse.clicked.connect(self._browse)
        self.warning = QLabel(self.tr(
            "A file will hold these keys in plain text: anyone who can read it can spend their quota. The app "
            "writes it only where you choose, readable by you alone; delete it when you no longer need it."), self)
        self.warning.setObjectName("exportWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel("", self)
        self.error.setObjectName("exportError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.to_file)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.to_clipboard)
        layout.addLayout(file_row)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 240)

    def export_format(self) -> ExportFormat:
        return ExportFormat(self.format.currentData())

    def path(self) -> str:
        return self.path_edit.text().strip() if self.to_file.isChecked() else ""

    def _browse(self) -> None:
        suffix = ".csv" if self.export_format() is ExportFormat.CSV else ".env"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save keys — the file will hold secret keys in plain text"),
            str(Path.home() / f"openkey-keys{suffix}"))
        if chosen:
            self.path_edit.setText(chosen)
            self.to_file.setChecked(True)

    def _accept(self) -> None:
        if self.to_file.isChecked() and not self.path_edit.text().strip():
            self.error.setText(self.tr("Choose a file to save to, or export to the clipboard."))
            return
        self.accept()


class KeyExporter(QObject):
    """Runs an export: asks, fetches the keys, then copies or writes."""

    # What happened, for the status bar; failures too.
    status = Signal(str)

    def __init__(self, window: QWidget, controller: TokenController, clipboard: Clipboard) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._clipboard = clipboard
        self.dialog: KeyExportDialog | None = None

    def export(self, tokens: list[Token]) -> None:
        if not tokens or self._controller.session is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = KeyExportDialog(len(tokens), self._window)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._run(tokens, dialog.export_format(), dialog.path()))
        dialog.open()

    def _run(self, tokens: list[Token], export_format: ExportFormat, path: str) -> None:
        site = self._controller.site
        symbol, rate = site.currency()

        def got(keys: dict[int, str]) -> None:
            rows = [ExportRow(t.name, keys[t.id], t.remain_quota, t.unlimited, t.expires_at) for t in tokens]
            text = export_text(rows, export_format, quota_per_unit=site.quota_per_unit, symbol=symbol, rate=rate)
            if not path:
                self._clipboard.copy_secret(text, self.tr("%n keys as {0}", "", len(rows)).format(
                    "CSV" if export_format is ExportFormat.CSV else ".env"))
                return
            try:
                written = write_private_file(path, text)
            except OSError as exc:
                self.status.emit(self.tr("Could not write {0}: {1}").format(path, exc.strerror or exc))
                return
            self.status.emit(self.tr("Saved %n keys to {0}.", "", len(rows)).format(written))

        self._controller.fetch_keys(tokens, got, lambda message: self.status.emit(
            self.tr("Could not export the keys: {0}").format(message)))
