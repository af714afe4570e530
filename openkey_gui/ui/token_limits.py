"""The token dialog's Advanced rows: which models, which IPs and which group a token may use."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from openkey_gui.api.errors import ValidationError
from openkey_gui.api.validation import check_allow_ips
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.message_labels import Tone, Toner, column

# Long enough not to flag "10.0.0." while it is still being typed.
IP_CHECK_DELAY_MS = 700
_IP_SEPARATORS = re.compile(r"[\s,;]+")


class TokenLimits(QObject):
    """Builds the model list, the IP field and (New API) the group field inside the dialog's form."""

    def __init__(self, form: QWidget, toner: Toner, *, available_models: Sequence[str], token_models: Sequence[str],
                 groups: Sequence[str] | None, own_group: str) -> None:
        super().__init__(form)
        self._form = form
        self._toner = toner
        self._token_models = tuple(token_models)
        self.models_column, self.model_filter = self._build_models(available_models)
        self.ips_edit = self._build_ips()
        self.ips_column = column(form, self.ips_edit, self.ips_error)
        self.group_combo = self._build_group(groups, own_group) if groups is not None else None

    # -- models -----------------------------------------------------------------------------------

    def _build_models(self, available_models: Sequence[str]) -> tuple[QWidget, QLineEdit]:
        self.model_filter = QLineEdit(self._form)
        self.model_filter.setObjectName("modelFilter")
        self.model_filter.setPlaceholderText(self.tr("Filter models"))
        self.model_filter.setClearButtonEnabled(True)
        self.model_filter.textChanged.connect(self.filter_models)
        self.model_filter.installEventFilter(self)
        self.model_list = QListWidget(self._form)
        self.model_list.setObjectName("modelList")
        self.model_list.setAccessibleName(self.tr("Allowed models"))
        self.model_list.setUniformItemSizes(True)
        extra = [m for m in self._token_models if m not in available_models]
        self._fill_models(available_models, extra)
        row_height = self.model_list.sizeHintForRow(0)
        if row_height <= 0:
            row_height = self.model_list.fontMetrics().height() + 4
        # Six whole rows: enough to scan, small enough that a site with 300 models keeps the dialog short.
        self.model_list.setFixedHeight(row_height * 6 + 2 * self.model_list.frameWidth())
        note = self._toner.message_label(self._form, "modelsNote", Tone.HINT)
        note.setText(self.tr("None checked = all models."))
        return column(self._form, self.model_filter, self.model_list, note), self.model_filter

    def _fill_models(self, offered: Sequence[str], extra: Sequence[str]) -> None:
        """The site's models, then the ones only the token still names (marked as such)."""
        self.model_list.clear()
        for model in dict.fromkeys([*offered, *extra]):
            item = QListWidgetItem(model, self.model_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            if model not in offered:
                item.setToolTip(self.tr("The site does not list this model right now."))

    def set_available_models(self, models: Sequence[str]) -> None:
        """Replace the offered models; ticks survive, and so do checked or token models the list lacks.

        Losing a restriction because a list arrived late would widen what the token may do without the
        user noticing.
        """
        checked = set(self.checked_models())
        keep = list(dict.fromkeys([*self._token_models, *checked]))
        self._fill_models(models, [m for m in keep if m not in models])
        self.check_models(checked)
        self.filter_models(self.model_filter.text())

    def check_models(self, models: Sequence[str] | set[str]) -> None:
        for row in range(self.model_list.count()):
            item = self.model_list.item(row)
            if item.text() in models:
                item.setCheckState(Qt.CheckState.Checked)

    def checked_models(self) -> tuple[str, ...]:
        """Checked models, the edited token's own order first, so an untouched list round-trips."""
        checked = [
            item.text()
            for item in (self.model_list.item(row) for row in range(self.model_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]
        kept = [m for m in self._token_models if m in checked]
        return (*kept, *(m for m in checked if m not in kept))

    def filter_models(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.model_list.count()):
            item = self.model_list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the model filter jumps into the list instead of creating the token half-done."""
        if (
            watched is self.model_filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._focus_first_visible_model()
            return True
        return super().eventFilter(watched, event)

    def _focus_first_visible_model(self) -> None:
        for row in range(self.model_list.count()):
            if not self.model_list.item(row).isHidden():
                self.model_list.setCurrentRow(row)
                break
        self.model_list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- IPs --------------------------------------------------------------------------------------

    def _build_ips(self) -> QPlainTextEdit:
        edit = QPlainTextEdit(self._form)
        edit.setObjectName("allowIpsEdit")
        edit.setTabChangesFocus(True)  # Tab must move on, not insert a tab character
        edit.setPlaceholderText(self.tr("Any IP. One IP or CIDR per line, e.g. 203.0.113.0/24"))
        edit.setToolTip(self.tr("One IP address or CIDR range per line (commas work too)."))
        lines = 3
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + int(2 * edit.document().documentMargin())
                            + 2 * edit.frameWidth())
        self.ips_error = self._toner.message_label(self._form, "allowIpsError", Tone.ERROR)
        self._ips_timer = QTimer(self)
        self._ips_timer.setSingleShot(True)
        self._ips_timer.setInterval(IP_CHECK_DELAY_MS)
        self._ips_timer.timeout.connect(self._show_ips_problem)
        edit.textChanged.connect(self._on_ips_changed)
        return edit

    def allow_ips(self) -> tuple[str, ...]:
        return tuple(part for part in _IP_SEPARATORS.split(self.ips_edit.toPlainText()) if part)

    def _on_ips_changed(self) -> None:
        """Clear a fixed problem at once, but wait for a pause in typing before showing a new one."""
        if self._ips_problem() is None:
            self._ips_timer.stop()
            self.ips_error.clear()
        else:
            self._ips_timer.start()

    def _show_ips_problem(self) -> None:
        self.ips_error.setText(self._ips_problem() or "")

    def _ips_problem(self) -> str | None:
        try:
            check_allow_ips(self.allow_ips())
        except ValidationError as exc:
            return describe(exc)
        return None

    # -- group ------------------------------------------------------------------------------------

    def _build_group(self, groups: Sequence[str], own: str) -> QComboBox:
        combo = QComboBox(self._form)
        combo.setObjectName("groupCombo")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(list(dict.fromkeys(g for g in [*groups, own] if g)))
        combo.setCurrentText(own)
        line_edit = combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(self.tr("Your account's group"))
        combo.setToolTip(self.tr("Which group's channels and prices this token uses; empty = your own."))
        return combo

    def group(self) -> str:
        return self.group_combo.currentText().strip() if self.group_combo is not None else ""
