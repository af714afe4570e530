"""The token dialog's quota row: unlimited, an amount in money or in units, and preset buttons.

Switching the unit converts the typed amount, so it never changes the quota; amounts are read back
exactly (a money amount that is not a whole number of cents is shown in units instead).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from openkey_gui.api.errors import ValidationError
from openkey_gui.api.quota import format_money, format_units, money_to_quota, parse_money, parse_units, quota_to_money
from openkey_gui.api.validation import check_quota
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.message_labels import Tone, Toner, column

PRESET_DOLLARS = (1, 5, 10, 50, 100)
# Far beyond any valid quota, yet small enough that "1e999999" does not become a million-digit int.
_MONEY_CAP = Decimal(10) ** 24
_AMOUNT_MAX_CHARS = 40
_CENT = Decimal("0.01")
UNIT_MONEY, UNIT_UNITS = 0, 1


class QuotaField(QObject):
    """The widgets of the quota row and the reading of what was typed into them."""

    # Anything in the row changed (the dialog recomputes its messages and the OK button).
    changed = Signal()

    def __init__(self, form: QWidget, toner: Toner, quota_per_unit: int) -> None:
        super().__init__(form)
        self._form = form
        self._qpu = quota_per_unit
        self._money_mode = True
        self.unlimited_check = QCheckBox(self.tr("&Unlimited"), form)
        self.unlimited_check.setObjectName("unlimitedCheck")
        self.unlimited_check.setToolTip(self.tr("The token may spend until the account balance runs out."))
        self.amount_edit = QLineEdit(form)
        self.amount_edit.setObjectName("amountEdit")
        self.amount_edit.setMaxLength(_AMOUNT_MAX_CHARS)
        self.amount_edit.setAccessibleName(self.tr("Quota amount"))
        self.amount_edit.setFixedWidth(self.amount_edit.fontMetrics().horizontalAdvance("0" * 16))
        self.unit_combo = QComboBox(form)
        self.unit_combo.setObjectName("unitCombo")
        self.unit_combo.addItems([self.tr("$ (money)"), self.tr("units")])
        self.unit_combo.setAccessibleName(self.tr("Quota unit"))
        self.unit_combo.setToolTip(self.tr("$1 = {units} units on this site").format(units=format_units(self._qpu)))
        self.conversion_label = QLabel(form)
        self.conversion_label.setObjectName("conversionLabel")
        toner.set_tone(self.conversion_label, Tone.HINT)
        self.quota_error = toner.message_label(form, "quotaError", Tone.ERROR)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_edit)
        amount_row.addWidget(self.unit_combo)
        amount_row.addWidget(self.conversion_label)
        amount_row.addStretch(1)
        preset_row = QHBoxLayout()
        preset_row.setSpacing(4)
        self.preset_buttons: list[QToolButton] = []
        for dollars in PRESET_DOLLARS:
            preset_row.addWidget(self._preset_button(dollars))
        preset_row.addStretch(1)
        self.unlimited_check.toggled.connect(lambda _: self.changed.emit())
        self.amount_edit.textChanged.connect(lambda _: self.changed.emit())
        self.unit_combo.currentIndexChanged.connect(self._on_unit_changed)
        self.column = column(form, self.unlimited_check, amount_row, preset_row, self.quota_error)

    def _preset_button(self, dollars: int) -> QToolButton:
        """A compact button (a push button would be 80 px wide for "$1" in most styles)."""
        quota = money_to_quota(dollars, self._qpu)
        button = QToolButton(self._form)
        button.setText(f"${dollars}")
        button.setObjectName(f"preset{dollars}")
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setToolTip(self.tr("Set the quota to {money} ({units} units)").format(
            money=format_money(quota, self._qpu), units=format_units(quota)))
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance("$100") + 16)
        button.clicked.connect(lambda: self._apply_preset(dollars))
        self.preset_buttons.append(button)
        return button

    @property
    def unlimited(self) -> bool:
        return self.unlimited_check.isChecked()

    def set_quota(self, quota: int) -> None:
        """Show a stored quota in money when it is a whole number of cents, else in exact units."""
        money = quota_to_money(quota, self._qpu)
        in_cents = money == money.quantize(_CENT) if abs(money) < _MONEY_CAP else False
        self.unit_combo.setCurrentIndex(UNIT_MONEY if in_cents else UNIT_UNITS)
        self.amount_edit.setText(self.amount_text(quota))

    def update_feedback(self) -> None:
        """Enable what makes sense and say what the amount means (or why it cannot be used)."""
        unlimited = self.unlimited
        for widget in (self.amount_edit, self.unit_combo, *self.preset_buttons):
            # Presets stay usable: pressing one is the quickest way out of "unlimited".
            widget.setEnabled(not unlimited or widget in self.preset_buttons)
        conversion, problem = "", ""
        if not unlimited:
            try:
                quota = self.read_amount()
                check_quota(quota, False, self._qpu)
            except ValidationError as exc:
                problem = describe(exc)
            else:
                conversion = self._conversion_text(quota)
        self.conversion_label.setText(conversion)
        self.quota_error.setText(problem)

    def read_amount(self) -> int:
        """The typed amount in quota units; ``ValidationError`` when it is not a number at all."""
        text = self.amount_edit.text()
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

    def amount_text(self, quota: int) -> str:
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

    def _on_unit_changed(self, index: int) -> None:
        """Convert the typed amount into the new unit, so switching never changes the quota."""
        to_money = index == UNIT_MONEY
        if to_money == self._money_mode:
            return
        try:
            quota: int | None = self.read_amount()
        except ValidationError:
            quota = None  # nothing readable to convert: leave the text for the user to fix
        self._money_mode = to_money
        if quota is not None:
            self.amount_edit.setText(self.amount_text(quota))
        self.changed.emit()

    def _apply_preset(self, dollars: int) -> None:
        self.unlimited_check.setChecked(False)
        self.unit_combo.setCurrentIndex(UNIT_MONEY)
        self.amount_edit.setText(self.amount_text(money_to_quota(dollars, self._qpu)))
