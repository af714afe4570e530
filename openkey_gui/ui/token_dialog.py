"""The add / edit token dialog.

The dialog only turns what the user typed into ``TokenDraft`` values and explains, next to the field,
why a value cannot be sent. The rules live in ``openkey_gui.api.validation`` and the money maths in
``openkey_gui.api.quota``, so the dialog can never disagree with the client about what the server accepts.
It makes no network call: it emits ``submitted`` and stays open, values intact, until the caller knows
whether the server agreed (``accept()``) or not (``show_error()``).
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api.errors import ValidationError
from openkey_gui.api.models import Flavor, Token, TokenDraft
from openkey_gui.api.quota import (
    DEFAULT_QUOTA_PER_UNIT,
    format_money,
    format_units,
    money_to_quota,
    parse_money,
    parse_units,
    quota_to_money,
)
from openkey_gui.api.validation import (
    check_allow_ips,
    check_draft,
    check_name,
    check_quota,
    name_bytes,
    name_limit,
)

MIN_WIDTH = 460
MAX_BATCH = 100
PRESET_DOLLARS = (1, 5, 10, 50, 100)
# One API's own form starts a new token at $1 of quota, not unlimited (contract §6).
DEFAULT_DOLLARS = 1
# Long enough not to flag "10.0.0." while it is still being typed.
IP_CHECK_DELAY_MS = 700
# Far beyond any valid quota, yet small enough that "1e999999" does not become a million-digit int.
_MONEY_CAP = Decimal(10) ** 24
_AMOUNT_MAX_CHARS = 40
_CENT = Decimal("0.01")
_CUSTOM = "custom"
_IP_SEPARATORS = re.compile(r"[\s,;]+")
_UNIT_MONEY, _UNIT_UNITS = 0, 1


class Tone(enum.Enum):
    """How a message label is coloured; kept as a property too, so tests and style sheets can see it."""

    NORMAL = "normal"
    HINT = "hint"
    ERROR = "error"


def error_color(palette: QPalette) -> QColor:
    """A red that stays readable on the palette's window colour (dark themes need a lighter red)."""
    if palette.color(QPalette.ColorRole.Window).lightness() < 128:
        return QColor("#ff7b72")
    return QColor("#c0262d")


class TokenDialog(QDialog):
    """Asks for a new token's settings (Add) or changes an existing token's settings (Edit)."""

    #: Emitted with ``list[TokenDraft]`` when the user presses Create / Save and the form passed the
    #: local checks. The dialog stays open: the caller sends the drafts, then calls ``accept()``, or
    #: ``show_error()`` so the user can correct the form.
    submitted = Signal(list)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        flavor: Flavor,
        quota_per_unit: int = DEFAULT_QUOTA_PER_UNIT,
        available_models: Sequence[str] = (),
        groups: Sequence[str] = (),
        token: Token | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        super().__init__(parent)
        self._flavor = flavor
        self._qpu = quota_per_unit if quota_per_unit > 0 else DEFAULT_QUOTA_PER_UNIT
        self._token = token
        self._clock = clock
        self._busy = False
        self._money_mode = True
        self._tones: dict[QLabel, Tone] = {}
        # The date shown for the edited token's own expiry: while it is untouched, the exact original
        # (seconds and all) goes back to the server, so saving a rename never moves the expiry.
        self._initial_expiry: QDateTime | None = None
        self._custom_ready = False  # the custom date field has been given a starting value
        self._focus_before_busy: QWidget | None = None

        self.setObjectName("tokenDialog")
        self.setMinimumWidth(MIN_WIDTH)
        self._build(available_models, groups)
        self._prefill()
        self._refresh()
        self._name_edit.setFocus()

    # ------------------------------------------------------------------ public API

    @property
    def flavor(self) -> Flavor:
        return self._flavor

    @property
    def token(self) -> Token | None:
        """The token being edited, or ``None`` in Add mode."""
        return self._token

    @property
    def is_edit(self) -> bool:
        return self._token is not None

    def drafts(self) -> list[TokenDraft]:
        """The token(s) the form describes: one per batch member, names suffixed "-1", "-2", …

        Raises ``ValidationError`` (field ``remain_quota``) when a limited quota cannot be read at all;
        every other check is ``check_draft``'s job, done on submit.
        """
        unlimited = self._unlimited_check.isChecked()
        try:
            quota = self._read_amount()
        except ValidationError:
            if not unlimited:
                raise
            quota = 0  # an unreadable amount does not matter while the quota is unlimited
        base = TokenDraft(
            name=self._name_text(),
            expires_at=self._expires_at(),
            remain_quota=quota,
            unlimited=unlimited,
            models=self._checked_models(),
            allow_ips=self._allow_ips(),
            group=self._group(),
        )
        return [base.replace(name=name) for name in self._names()]

    def set_available_models(self, models: Sequence[str]) -> None:
        """Replace the offered models (the caller may fetch them after the dialog opened).

        Ticks survive, and so do checked or token models the new list lacks: losing a restriction
        because a list arrived late would widen what the token may do without the user noticing.
        """
        checked = set(self._checked_models())
        keep = list(dict.fromkeys([*(self._token.models if self._token else ()), *checked]))
        self._fill_models(models, [m for m in keep if m not in models])
        for row in range(self._model_list.count()):
            item = self._model_list.item(row)
            if item.text() in checked:
                item.setCheckState(Qt.CheckState.Checked)
        self._filter_models(self._model_filter.text())

    def show_error(self, message: str) -> None:
        """Show a server's refusal under the form; an empty message hides it.

        A shown error means the caller's call is over, so the form is made editable again.
        """
        if message:
            self.set_busy(False)
        self._error_label.setText(message)

    def set_busy(self, busy: bool) -> None:
        """Freeze the form while the caller's background call runs, so a double click cannot send twice.

        Cancel stays enabled: a slow server must never trap the user in the dialog.
        """
        if busy == self._busy:
            return
        self._busy = busy
        if busy:
            self._focus_before_busy = self.focusWidget()
        self._form.setEnabled(not busy)
        self._busy_label.setVisible(busy)
        self._refresh_ok_button()
        if not busy and self._focus_before_busy is not None and self._focus_before_busy.isEnabled():
            self._focus_before_busy.setFocus()

    # ------------------------------------------------------------------ building

    def _build(self, available_models: Sequence[str], groups: Sequence[str]) -> None:
        self._form = QWidget(self)
        self._form.setObjectName("formPanel")
        form = QFormLayout(self._form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form_layout = form
        self._add_row(self.tr("&Name:"), *self._build_name())
        self._add_row(self.tr("&Expires:"), *self._build_expiry())
        self._add_row(self.tr("&Quota:"), *self._build_quota())
        self._count_spin: QSpinBox | None = None
        if not self.is_edit:
            self._add_row(self.tr("&How many:"), *self._build_batch())
        self._build_advanced(available_models, groups)

        self._error_label = self._message_label("errorLabel", Tone.ERROR)
        self._busy_label = QLabel(self.tr("Saving…"), self)
        self._busy_label.setObjectName("busyLabel")
        self._busy_label.setVisible(False)
        self._set_tone(self._busy_label, Tone.HINT)
        self._button_box = self._build_buttons()

        bottom = QHBoxLayout()
        bottom.addWidget(self._busy_label)
        bottom.addStretch(1)
        bottom.addWidget(self._button_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self._form)
        layout.addWidget(self._error_label)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self._set_tab_order()

    def _add_row(self, text: str, field: QWidget, buddy: QWidget) -> None:
        """A label whose Alt-mnemonic jumps to ``buddy``, the first input of ``field``."""
        label = QLabel(text, self._form)
        label.setBuddy(buddy)
        self._form_layout.addRow(label, field)

    def _build_name(self) -> tuple[QWidget, QWidget]:
        self._name_edit = QLineEdit(self._form)
        self._name_edit.setObjectName("nameEdit")
        self._name_edit.setPlaceholderText(self.tr("e.g. laptop, CI, ChatBox"))
        self._name_edit.textChanged.connect(self._refresh)
        self._name_counter = QLabel(self._form)
        self._name_counter.setObjectName("nameCounter")
        self._name_counter.setToolTip(self.tr("The site counts UTF-8 bytes: a Chinese character uses 3 of them."))
        self._name_error = self._message_label("nameError", Tone.ERROR)
        row = QHBoxLayout()
        row.addWidget(self._name_edit, 1)
        row.addWidget(self._name_counter)
        return self._column(row, self._name_error), self._name_edit

    def _build_expiry(self) -> tuple[QWidget, QWidget]:
        self._expiry_combo = QComboBox(self._form)
        self._expiry_combo.setObjectName("expiryCombo")
        self._expiry_values: list[timedelta | str | None] = []
        for text, value in (
            (self.tr("Never"), None),
            (self.tr("1 hour"), timedelta(hours=1)),
            (self.tr("1 day"), timedelta(days=1)),
            (self.tr("7 days"), timedelta(days=7)),
            (self.tr("30 days"), timedelta(days=30)),
            (self.tr("90 days"), timedelta(days=90)),
            (self.tr("Custom…"), _CUSTOM),
        ):
            self._expiry_combo.addItem(text)
            self._expiry_values.append(value)
        self._expiry_edit = QDateTimeEdit(self._form)
        self._expiry_edit.setObjectName("expiryEdit")
        self._expiry_edit.setCalendarPopup(True)
        self._expiry_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self._expiry_edit.setAccessibleName(self.tr("Expiry date and time"))
        self._expiry_edit.setToolTip(self.tr("Local time"))
        self._expiry_edit.setVisible(False)
        self._expiry_hint = self._message_label("expiryHint", Tone.ERROR)
        self._expiry_error = self._message_label("expiryError", Tone.ERROR)
        self._expiry_combo.currentIndexChanged.connect(self._on_expiry_choice)
        self._expiry_edit.dateTimeChanged.connect(self._on_expiry_date)
        row = QHBoxLayout()
        row.addWidget(self._expiry_combo)
        row.addWidget(self._expiry_edit)
        row.addStretch(1)
        return self._column(row, self._expiry_hint, self._expiry_error), self._expiry_combo

    def _build_quota(self) -> tuple[QWidget, QWidget]:
        self._unlimited_check = QCheckBox(self.tr("&Unlimited"), self._form)
        self._unlimited_check.setObjectName("unlimitedCheck")
        self._unlimited_check.setToolTip(self.tr("The token may spend until the account balance runs out."))
        self._amount_edit = QLineEdit(self._form)
        self._amount_edit.setObjectName("amountEdit")
        self._amount_edit.setMaxLength(_AMOUNT_MAX_CHARS)
        self._amount_edit.setAccessibleName(self.tr("Quota amount"))
        self._amount_edit.setFixedWidth(self._amount_edit.fontMetrics().horizontalAdvance("0" * 16))
        self._unit_combo = QComboBox(self._form)
        self._unit_combo.setObjectName("unitCombo")
        self._unit_combo.addItems([self.tr("$ (money)"), self.tr("units")])
        self._unit_combo.setAccessibleName(self.tr("Quota unit"))
        self._unit_combo.setToolTip(self.tr("$1 = {units} units on this site").format(units=format_units(self._qpu)))
        self._conversion_label = QLabel(self._form)
        self._conversion_label.setObjectName("conversionLabel")
        self._set_tone(self._conversion_label, Tone.HINT)
        self._quota_error = self._message_label("quotaError", Tone.ERROR)

        amount_row = QHBoxLayout()
        amount_row.addWidget(self._amount_edit)
        amount_row.addWidget(self._unit_combo)
        amount_row.addWidget(self._conversion_label)
        amount_row.addStretch(1)
        preset_row = QHBoxLayout()
        preset_row.setSpacing(4)
        self._preset_buttons: list[QToolButton] = []
        for dollars in PRESET_DOLLARS:
            preset_row.addWidget(self._preset_button(dollars))
        preset_row.addStretch(1)

        self._unlimited_check.toggled.connect(self._on_unlimited)
        self._amount_edit.textChanged.connect(self._refresh)
        self._unit_combo.currentIndexChanged.connect(self._on_unit_changed)
        column = self._column(self._unlimited_check, amount_row, preset_row, self._quota_error)
        return column, self._amount_edit

    def _preset_button(self, dollars: int) -> QToolButton:
        """A compact button (a push button would be 80 px wide for "$1" in most styles)."""
        quota = money_to_quota(dollars, self._qpu)
        button = QToolButton(self._form)
        button.setText(f"${dollars}")
        button.setObjectName(f"preset{dollars}")
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setToolTip(
            self.tr("Set the quota to {money} ({units} units)").format(
                money=format_money(quota, self._qpu), units=format_units(quota)
            )
        )
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance("$100") + 16)
        button.clicked.connect(lambda: self._apply_preset(dollars))
        self._preset_buttons.append(button)
        return button

    def _build_batch(self) -> tuple[QWidget, QWidget]:
        spin = QSpinBox(self._form)
        spin.setObjectName("countSpin")
        spin.setRange(1, MAX_BATCH)
        spin.setAccessibleName(self.tr("Number of tokens to create"))
        spin.setToolTip(self.tr("Create several tokens with the same settings at once."))
        spin.valueChanged.connect(self._refresh)
        self._count_spin = spin
        self._batch_hint = self._message_label("batchHint", Tone.HINT)
        row = QHBoxLayout()
        row.addWidget(spin)
        row.addWidget(self._batch_hint, 1)
        row.addStretch(0)
        return self._column(row), spin

    def _build_advanced(self, available_models: Sequence[str], groups: Sequence[str]) -> None:
        """Rows of the main form (so their labels line up with the others), hidden until asked for."""
        self._advanced_expanded = False
        self._advanced_button = QToolButton(self._form)
        self._advanced_button.setObjectName("advancedToggle")
        self._advanced_button.setText(self.tr("&Advanced"))
        self._advanced_button.setAutoRaise(True)
        self._advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self._advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._advanced_button.setToolTip(self.tr("Model, IP and group restrictions"))
        self._advanced_button.clicked.connect(lambda: self._set_advanced(not self._advanced_expanded))
        self._form_layout.addRow(self._advanced_button)

        models_column, filter_edit = self._build_models(available_models)
        self._add_row(self.tr("&Models:"), models_column, filter_edit)
        ips_buddy = self._build_ips()
        ips_column = self._column(self._ips_edit, self._ips_error)
        self._add_row(self.tr("Allowed &IPs:"), ips_column, ips_buddy)
        self._advanced_rows: list[QWidget] = [models_column, ips_column]
        self._group_combo: QComboBox | None = None
        if self._flavor is Flavor.NEW_API:
            group = self._build_group(groups)
            self._add_row(self.tr("&Group:"), group, group)
            self._advanced_rows.append(group)
        for row in self._advanced_rows:
            self._form_layout.setRowVisible(row, False)

    def _build_models(self, available_models: Sequence[str]) -> tuple[QWidget, QWidget]:
        self._model_filter = QLineEdit(self._form)
        self._model_filter.setObjectName("modelFilter")
        self._model_filter.setPlaceholderText(self.tr("Filter models"))
        self._model_filter.setClearButtonEnabled(True)
        self._model_filter.textChanged.connect(self._filter_models)
        self._model_filter.installEventFilter(self)
        self._model_list = QListWidget(self._form)
        self._model_list.setObjectName("modelList")
        self._model_list.setAccessibleName(self.tr("Allowed models"))
        self._model_list.setUniformItemSizes(True)
        extra = [m for m in (self._token.models if self._token else ()) if m not in available_models]
        self._fill_models(available_models, extra)
        row_height = self._model_list.sizeHintForRow(0)
        if row_height <= 0:
            row_height = self._model_list.fontMetrics().height() + 4
        # Six whole rows: enough to scan, small enough that a site with 300 models keeps the dialog short.
        self._model_list.setFixedHeight(row_height * 6 + 2 * self._model_list.frameWidth())
        note = self._message_label("modelsNote", Tone.HINT)
        note.setText(self.tr("None checked = all models."))
        return self._column(self._model_filter, self._model_list, note), self._model_filter

    def _fill_models(self, offered: Sequence[str], extra: Sequence[str]) -> None:
        """The site's models, then the ones only the token still names (marked as such)."""
        self._model_list.clear()
        for model in dict.fromkeys([*offered, *extra]):
            self._add_model_item(model, offered=model in offered)

    def _add_model_item(self, model: str, *, offered: bool) -> None:
        item = QListWidgetItem(model, self._model_list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        if not offered:
            item.setToolTip(self.tr("The site does not list this model right now."))

    def _build_ips(self) -> QWidget:
        self._ips_edit = QPlainTextEdit(self._form)
        self._ips_edit.setObjectName("allowIpsEdit")
        self._ips_edit.setTabChangesFocus(True)  # Tab must move on, not insert a tab character
        self._ips_edit.setPlaceholderText(self.tr("Any IP. One IP or CIDR per line, e.g. 203.0.113.0/24"))
        self._ips_edit.setToolTip(self.tr("One IP address or CIDR range per line (commas work too)."))
        lines = 3
        self._ips_edit.setFixedHeight(
            self._ips_edit.fontMetrics().lineSpacing() * lines
            + int(2 * self._ips_edit.document().documentMargin())
            + 2 * self._ips_edit.frameWidth()
        )
        self._ips_error = self._message_label("allowIpsError", Tone.ERROR)
        self._ips_timer = QTimer(self)
        self._ips_timer.setSingleShot(True)
        self._ips_timer.setInterval(IP_CHECK_DELAY_MS)
        self._ips_timer.timeout.connect(self._show_ips_problem)
        self._ips_edit.textChanged.connect(self._on_ips_changed)
        return self._ips_edit

    def _build_group(self, groups: Sequence[str]) -> QComboBox:
        combo = QComboBox(self._form)
        combo.setObjectName("groupCombo")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        own = self._token.group if self._token else ""
        combo.addItems(list(dict.fromkeys(g for g in [*groups, own] if g)))
        combo.setCurrentText(own)
        line_edit = combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(self.tr("Your account's group"))
        combo.setToolTip(self.tr("Which group's channels and prices this token uses; empty = your own."))
        self._group_combo = combo
        return combo

    def _build_buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        box.setObjectName("buttonBox")
        self._ok_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self._ok_button.setDefault(True)
        box.accepted.connect(self._submit)
        box.rejected.connect(self.reject)
        return box

    def _column(self, *parts: QWidget | QHBoxLayout) -> QWidget:
        """Stack a field's control row and its message labels, so hidden messages take no room."""
        box = QWidget(self._form)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for part in parts:
            if isinstance(part, QWidget):
                layout.addWidget(part)
            else:
                layout.addLayout(part)
        return box

    def _message_label(self, name: str, tone: Tone) -> QLabel:
        """A word-wrapped message that hides itself while empty."""
        label = _MessageLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # server messages must never render as HTML
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._set_tone(label, tone)
        return label

    def _set_tab_order(self) -> None:
        """Visual order, top to bottom; hidden widgets are skipped by Qt itself."""
        chain: list[QWidget] = [
            self._name_edit,
            self._expiry_combo,
            self._expiry_edit,
            self._unlimited_check,
            self._amount_edit,
            self._unit_combo,
            *self._preset_buttons,
        ]
        if self._count_spin is not None:
            chain.append(self._count_spin)
        chain += [self._advanced_button, self._model_filter, self._model_list, self._ips_edit]
        if self._group_combo is not None:
            chain.append(self._group_combo)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ prefill

    def _prefill(self) -> None:
        token = self._token
        if token is None:
            self.setWindowTitle(self.tr("Add token"))
            self._set_amount_quota(money_to_quota(DEFAULT_DOLLARS, self._qpu))
            return
        self.setWindowTitle(self.tr("Edit token — {name}").format(name=token.name))
        self._ok_button.setText(self.tr("Save"))
        self._name_edit.setText(token.name)
        self._unlimited_check.setChecked(token.unlimited)
        self._set_amount_quota(token.remain_quota)
        if token.expires_at is not None:
            self._prefill_expiry(token.expires_at)
        for row in range(self._model_list.count()):
            item = self._model_list.item(row)
            if item.text() in token.models:
                item.setCheckState(Qt.CheckState.Checked)
        self._ips_edit.setPlainText("\n".join(token.allow_ips))
        if token.models or token.allow_ips or token.group:
            # Restrictions the user cannot see are restrictions they will forget to keep.
            self._set_advanced(True)

    def _set_amount_quota(self, quota: int) -> None:
        """Show a stored quota in money when it is a whole number of cents, else in exact units."""
        money = quota_to_money(quota, self._qpu)
        in_cents = money == money.quantize(_CENT) if abs(money) < _MONEY_CAP else False
        self._unit_combo.setCurrentIndex(_UNIT_MONEY if in_cents else _UNIT_UNITS)
        self._amount_edit.setText(self._amount_text(quota))

    def _prefill_expiry(self, expires_at: datetime) -> None:
        shown = QDateTime.fromSecsSinceEpoch(int(expires_at.timestamp()))
        self._expiry_edit.setMinimumDateTime(min(shown, self._earliest_expiry()))
        self._expiry_edit.setDateTime(shown)
        self._initial_expiry = self._expiry_edit.dateTime()
        self._custom_ready = True
        self._expiry_combo.setCurrentIndex(self._expiry_values.index(_CUSTOM))

    # ------------------------------------------------------------------ reactions

    def _refresh(self) -> None:
        """Recompute every live message and the Create button from the current form."""
        self._update_name_feedback()
        self._update_batch_hint()
        self._update_quota_feedback()
        self._update_expiry_hint()
        self._refresh_ok_button()

    def _update_name_feedback(self) -> None:
        longest = self._longest_name()
        used, limit = name_bytes(longest), name_limit(self._flavor)
        self._name_counter.setText(self.tr("{used} / {limit} bytes").format(used=used, limit=limit))
        self._set_tone(self._name_counter, Tone.ERROR if used > limit else Tone.HINT)
        message = ""
        if used > limit:
            try:
                check_name(longest, self._flavor)
            except ValidationError as exc:
                message = str(exc)
        self._name_error.setText(message)

    def _update_batch_hint(self) -> None:
        if self._count_spin is None:
            return
        count = self._count()
        hint = ""
        if count > 1:
            hint = self.tr("Names get “-1” … “-{count}”, counted in the byte limit.").format(count=count)
        self._batch_hint.setText(hint)

    def _update_quota_feedback(self) -> None:
        unlimited = self._unlimited_check.isChecked()
        for widget in (self._amount_edit, self._unit_combo, *self._preset_buttons):
            # Presets stay usable: pressing one is the quickest way out of "unlimited".
            widget.setEnabled(not unlimited or widget in self._preset_buttons)
        conversion, problem = "", ""
        if not unlimited:
            try:
                quota = self._read_amount()
                check_quota(quota, False, self._qpu)
            except ValidationError as exc:
                problem = str(exc)
            else:
                conversion = self._conversion_text(quota)
        self._conversion_label.setText(conversion)
        self._quota_error.setText(problem)

    def _update_expiry_hint(self) -> None:
        hint = ""
        original = self._token.expires_at if self._token else None
        if original is not None and original <= self._now() and self._expires_at() == original:
            hint = self.tr("This token has expired; choose a new expiry or Never to revive it.")
        self._expiry_hint.setText(hint)

    def _refresh_ok_button(self) -> None:
        reason = self._blocking_reason()
        self._ok_button.setEnabled(reason is None and not self._busy)
        self._ok_button.setToolTip(reason or "")
        if not self.is_edit:
            count = self._count()
            self._ok_button.setText(self.tr("Create") if count == 1 else self.tr("Create %n tokens", "", count))

    def _blocking_reason(self) -> str | None:
        """Why Create is disabled right now, told as a tooltip; ``None`` when it may be pressed."""
        if not self._name_text():
            return self.tr("Give the token a name.")
        if self._name_error.text():
            return self._name_error.text()
        if self._quota_error.text():
            return self._quota_error.text()
        return None

    def _on_expiry_choice(self, index: int) -> None:
        custom = self._expiry_values[index] == _CUSTOM
        if custom and not self._custom_ready:
            self._reset_custom_expiry()
        elif custom and self._initial_expiry is None:
            # The dialog may have stayed open for a while: "the past" has moved on since.
            self._expiry_edit.setMinimumDateTime(self._earliest_expiry())
        self._expiry_edit.setVisible(custom)
        self._expiry_error.clear()
        self._update_expiry_hint()

    def _reset_custom_expiry(self) -> None:
        """A fresh custom date starts one day ahead and can never be set before the next minute."""
        earliest = self._earliest_expiry()
        self._expiry_edit.setMinimumDateTime(earliest)
        start = QDateTime.fromSecsSinceEpoch(_floor_minute(int(self._now().timestamp()) + 86_400))
        self._expiry_edit.setDateTime(max(start, earliest))
        self._custom_ready = True

    def _on_expiry_date(self) -> None:
        self._expiry_error.clear()
        self._update_expiry_hint()

    def _on_unlimited(self) -> None:
        self._refresh()

    def _on_unit_changed(self, index: int) -> None:
        """Convert the typed amount into the new unit, so switching never changes the quota."""
        to_money = index == _UNIT_MONEY
        if to_money == self._money_mode:
            return
        try:
            quota: int | None = self._read_amount()
        except ValidationError:
            quota = None  # nothing readable to convert: leave the text for the user to fix
        self._money_mode = to_money
        if quota is not None:
            self._amount_edit.setText(self._amount_text(quota))
        self._refresh()

    def _apply_preset(self, dollars: int) -> None:
        self._unlimited_check.setChecked(False)
        self._unit_combo.setCurrentIndex(_UNIT_MONEY)
        self._amount_edit.setText(self._amount_text(money_to_quota(dollars, self._qpu)))

    def _set_advanced(self, expanded: bool) -> None:
        if expanded == self._advanced_expanded:
            return
        self._advanced_expanded = expanded
        self._advanced_button.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        for row in self._advanced_rows:
            self._form_layout.setRowVisible(row, expanded)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow for the Advanced rows and shrink back after them, keeping the width the user sees.

        Before the first show there is nothing to fit: ``show()`` sizes the dialog itself, and a
        resize now would pin Qt's 640 x 480 default instead.
        """
        if not self.isVisible():
            return
        layout = self.layout()
        if layout is not None:
            layout.activate()
        height = self.heightForWidth(self.width())
        if height < 0:
            height = self.sizeHint().height()
        self.resize(self.width(), max(height, self.minimumSizeHint().height()))

    def _filter_models(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self._model_list.count()):
            item = self._model_list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _on_ips_changed(self) -> None:
        """Clear a fixed problem at once, but wait for a pause in typing before showing a new one."""
        if self._ips_problem() is None:
            self._ips_timer.stop()
            self._ips_error.clear()
        else:
            self._ips_timer.start()

    def _show_ips_problem(self) -> None:
        self._ips_error.setText(self._ips_problem() or "")

    def _ips_problem(self) -> str | None:
        try:
            check_allow_ips(self._allow_ips())
        except ValidationError as exc:
            return str(exc)
        return None

    # ------------------------------------------------------------------ submit

    def _submit(self) -> None:
        if self._busy or not self._ok_button.isEnabled():
            return
        try:
            drafts = self.drafts()
            original = self._token.expires_at if self._token else None
            for draft in drafts:
                check_draft(
                    draft,
                    self._flavor,
                    self._qpu,
                    now=self._now(),
                    require_future_expiry=not self.is_edit or draft.expires_at != original,
                )
        except ValidationError as exc:
            self._show_field_error(exc)
            return
        self.show_error("")
        self.submitted.emit(drafts)

    def _show_field_error(self, error: ValidationError) -> None:
        """Put the message under the field it is about and move the cursor there."""
        custom = self._expiry_values[self._expiry_combo.currentIndex()] == _CUSTOM
        targets: dict[str, tuple[QLabel, QWidget]] = {
            "name": (self._name_error, self._name_edit),
            "remain_quota": (self._quota_error, self._amount_edit),
            "expires_at": (self._expiry_error, self._expiry_edit if custom else self._expiry_combo),
            "allow_ips": (self._ips_error, self._ips_edit),
        }
        if error.field not in targets:
            self.show_error(str(error))
            return
        label, widget = targets[error.field]
        if any(row is widget or row.isAncestorOf(widget) for row in self._advanced_rows):
            self._set_advanced(True)
        label.setText(str(error))
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    # ------------------------------------------------------------------ reading the form

    def _now(self) -> datetime:
        now = self._clock()
        return now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)

    def _earliest_expiry(self) -> QDateTime:
        """The next whole minute after one minute from now: the past cannot even be picked."""
        seconds = int(self._now().timestamp()) + 60
        return QDateTime.fromSecsSinceEpoch(-(-seconds // 60) * 60)

    def _name_text(self) -> str:
        return self._name_edit.text().strip()

    def _count(self) -> int:
        return self._count_spin.value() if self._count_spin is not None else 1

    def _names(self) -> list[str]:
        name, count = self._name_text(), self._count()
        if count == 1:
            return [name]
        return [f"{name}-{number}" for number in range(1, count + 1)]

    def _longest_name(self) -> str:
        return max(self._names(), key=name_bytes)

    def _expires_at(self) -> datetime | None:
        choice = self._expiry_values[self._expiry_combo.currentIndex()]
        if choice is None:
            return None
        if isinstance(choice, timedelta):
            return (self._now() + choice).replace(microsecond=0)
        shown = self._expiry_edit.dateTime()
        if self._token is not None and self._initial_expiry is not None and shown == self._initial_expiry:
            return self._token.expires_at
        return datetime.fromtimestamp(shown.toSecsSinceEpoch(), timezone.utc)

    def _read_amount(self) -> int:
        """The typed amount in quota units; ``ValidationError`` when it is not a number at all."""
        text = self._amount_edit.text()
        try:
            if self._money_mode:
                value = max(-_MONEY_CAP, min(_MONEY_CAP, parse_money(text)))
                return money_to_quota(value, self._qpu)
            return parse_units(text)
        except (ValueError, ArithmeticError):
            if self._money_mode:
                message = self.tr("Enter an amount in dollars, for example 2.50.")
            else:
                message = self.tr("Enter a whole number of units, for example 1250000.")
            raise ValidationError(message, field="remain_quota") from None

    def _amount_text(self, quota: int) -> str:
        """The text for the amount field in the current unit, exact so that reading it back is lossless."""
        if not self._money_mode:
            return str(quota)
        value = quota_to_money(quota, self._qpu)
        try:
            if value == value.quantize(_CENT):
                return f"{value:.2f}"
        except ArithmeticError:
            pass  # too many digits to round to cents: show it as it is
        return format(value.normalize(), "f")

    def _conversion_text(self, quota: int) -> str:
        if self._money_mode:
            return self.tr("= {units} units").format(units=format_units(quota))
        return self.tr("= {money}").format(money=format_money(quota, self._qpu))

    def _checked_models(self) -> tuple[str, ...]:
        """Checked models, the edited token's own order first, so an untouched list round-trips."""
        checked = [
            item.text()
            for item in (self._model_list.item(row) for row in range(self._model_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]
        kept = [m for m in (self._token.models if self._token else ()) if m in checked]
        return (*kept, *(m for m in checked if m not in kept))

    def _allow_ips(self) -> tuple[str, ...]:
        return tuple(part for part in _IP_SEPARATORS.split(self._ips_edit.toPlainText()) if part)

    def _group(self) -> str:
        if self._group_combo is None:
            return ""
        return self._group_combo.currentText().strip()

    # ------------------------------------------------------------------ look

    def _set_tone(self, label: QLabel, tone: Tone) -> None:
        if self._tones.get(label) is tone:
            return
        self._tones[label] = tone
        label.setProperty("tone", tone.value)
        self._paint(label, tone)

    def _paint(self, label: QLabel, tone: Tone) -> None:
        """Colour from the dialog's palette, never a fixed background, so light and dark themes both work."""
        palette = QPalette()  # empty: every role not set here follows the parent
        if tone is Tone.ERROR:
            palette.setColor(QPalette.ColorRole.WindowText, error_color(self.palette()))
        elif tone is Tone.HINT:
            palette.setColor(QPalette.ColorRole.WindowText, self.palette().color(QPalette.ColorRole.PlaceholderText))
        label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            for label, tone in getattr(self, "_tones", {}).items():
                self._paint(label, tone)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the model filter jumps into the list instead of creating the token half-done."""
        if (
            watched is self._model_filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._focus_first_visible_model()
            return True
        return super().eventFilter(watched, event)

    def _focus_first_visible_model(self) -> None:
        for row in range(self._model_list.count()):
            if not self._model_list.item(row).isHidden():
                self._model_list.setCurrentRow(row)
                break
        self._model_list.setFocus(Qt.FocusReason.OtherFocusReason)


class _MessageLabel(QLabel):
    """A label that takes no room while it has nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


def _floor_minute(seconds: int) -> int:
    return seconds - seconds % 60
