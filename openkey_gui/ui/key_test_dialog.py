"""The "Test key" dialog: whether the key works, why not and what to do, its models, its own balance.

It only shows what ``KeyTester`` hands it and asks for the one-model try; it never holds the key and
never touches the network. Every reason is said in the user's language with the way out, because the
relays' own words are Chinese on One API and hidden behind "Invalid token" on New API 2026-08.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api import Token
from openkey_gui.api.key_check import KeyCheck, KeyProblem, ModelTry, Refusal
from openkey_gui.api.key_parse import KeyUsage
from openkey_gui.ui.token_cells import plain_tooltip


class _Line(QLabel):
    """A label that takes no room while empty (no way out, no server words for a working key)."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


class KeyTestDialog(QDialog):
    """One token's key test; ``try_requested(model)`` asks for the paid one-model try."""

    try_requested = Signal(str)

    def __init__(self, token: Token, label: str, *, quota_per_unit: int, currency: tuple[str, Decimal],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyTestDialog")
        self.setWindowTitle(self.tr("Test key — {0}").format(label))
        self.token = token
        self._quota_per_unit = max(quota_per_unit, 1)
        self._symbol, self._rate = currency
        self.result = self._label("keyTestResult", self.tr("Testing the key…"))
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        font = self.result.font()
        font.setBold(True)
        self.result.setFont(font)
        self.way_out = self._label("keyTestWayOut", "")
        self.latency = self._label("keyTestLatency", "")
        self.server_words = self._label("keyTestServerMessage", "")
        self.models = QListWidget(self)
        self.models.setObjectName("keyTestModels")
        self.models.setMaximumHeight(140)
        self.balance = self._label("keyTestBalance", self.tr("Reading the key's balance…"))
        self.model_combo = QComboBox(self)
        self.model_combo.setObjectName("keyTestModelCombo")
        self.model_combo.setEditable(True)
        self.model_combo.setMinimumContentsLength(20)
        self.try_button = QPushButton(self.tr("Try one model…"), self)
        self.try_button.setObjectName("keyTestTryButton")
        self.try_button.setToolTip(plain_tooltip(self.tr(
            "Sends one request of at most one token to the chosen model. It costs a tiny amount.")))
        self.try_button.clicked.connect(self._ask_try)
        self.try_result = self._label("keyTestTryResult", "")
        self._layout()

    def _label(self, name: str, text: str) -> QLabel:
        label = _Line(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a server's words are never markup
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setVisible(bool(text))
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return label

    def _layout(self) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Round trip:"), self.latency)
        form.addRow(self.tr("Balance of this key:"), self.balance)
        form.addRow(self.tr("Models it may use:"), self.models)
        trial = QHBoxLayout()
        trial.addWidget(self.model_combo, 1)
        trial.addWidget(self.try_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.result, self.way_out, self.server_words):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addLayout(trial)
        layout.addWidget(self.try_result)
        layout.addWidget(buttons)
        self.resize(520, 460)

    # -- what the tester reports -------------------------------------------------------------------

    def show_check(self, check: KeyCheck) -> None:
        self.latency.setText(self.tr("{0} ms").format(round(check.latency_ms)))
        self.models.clear()
        if check.refusal is not None:
            self._show_refusal(check.refusal, self.result, "")
            self.try_button.setEnabled(False)  # a refused key is refused for every model
            return
        self.models.addItems(list(check.models))
        limited = check.limited_to or (self.token.models if self.token.models else ())
        if limited:
            self.result.setText(self.tr("The key works, but only for: {0}.").format(", ".join(limited)))
            self.way_out.setText(self.tr("To use other models, edit the token and change its model limits."))
        else:
            self.result.setText(self.tr("The key works: the site lists %n models for it.", "", len(check.models)))
            self.way_out.setText("")
        self.server_words.setText("")
        self.model_combo.clear()
        self.model_combo.addItems(list(check.models))
        self.try_button.setEnabled(bool(check.models))

    def show_failure(self, message: str) -> None:
        """The site could not be asked at all (network, TLS): nothing is known about the key."""
        self.result.setText(self.tr("The key could not be tested: {0}").format(message))
        self.way_out.setText(self.tr("Check the connection and test again."))
        self.latency.setText("")

    def show_balance(self, usage: KeyUsage) -> None:
        if usage.unlimited:
            text = self.tr("Unlimited; {0} used").format(self._money(usage.used, usage.in_quota_units))
        else:
            text = self.tr("{0} left of {1} ({2} used)").format(
                self._money(usage.available or 0.0, usage.in_quota_units),
                self._money(usage.granted or 0.0, usage.in_quota_units),
                self._money(usage.used, usage.in_quota_units))
        if usage.expires_at is not None:
            text += " · " + self.tr("expires {0}").format(usage.expires_at.astimezone().strftime("%Y-%m-%d %H:%M"))
        self.balance.setText(text)

    def show_balance_unknown(self, message: str, *, refused: bool = False) -> None:
        if message:
            self.balance.setText(self.tr("Not available: {0}").format(message))
        elif refused:
            self.balance.setText(self.tr("The site gives no balance for a key it refuses."))
        else:
            self.balance.setText(self.tr("The site does not tell this key's balance."))

    def show_try_sending(self, model: str) -> None:
        self.try_button.setEnabled(False)
        self.try_result.setText(self.tr("Sending one request to {0}…").format(model))

    def show_try(self, outcome: ModelTry) -> None:
        self.try_button.setEnabled(True)
        timing = self.tr("HTTP {0}, first byte after {1} ms, {2} ms in all").format(
            outcome.status, round(outcome.first_byte_ms), round(outcome.total_ms))
        if outcome.ok:
            self.try_result.setText(self.tr("{0} answered ({1}).").format(outcome.model, timing))
            return
        if outcome.refusal is not None:
            headline = self._headline(outcome.refusal, outcome.model)
        else:
            headline = self.tr("{0} did not answer.").format(outcome.model)
        details = f"\n{outcome.error_body}" if outcome.error_body else ""
        self.try_result.setText(f"{headline} ({timing}){details}")

    def show_try_failure(self, message: str) -> None:
        self.try_button.setEnabled(True)
        self.try_result.setText(self.tr("The request could not be sent: {0}").format(message))

    # -- words ---------------------------------------------------------------------------------------

    def _show_refusal(self, refusal: Refusal, target: QLabel, model: str) -> None:
        target.setText(self._headline(refusal, model))
        way_out = self._way_out(refusal.problem)
        if refusal.inferred:
            way_out = self.tr("The site only says the key is invalid; the token's own settings point to this.") \
                + " " + way_out
        self.way_out.setText(way_out)
        self.server_words.setText(self.tr("The site said: {0}").format(refusal.server_message)
                                  if refusal.server_message else "")

    def _headline(self, refusal: Refusal, model: str) -> str:
        problem = refusal.problem
        texts = {
            KeyProblem.EXPIRED: self.tr("Refused: this key has expired."),
            KeyProblem.EXHAUSTED: self.tr("Refused: this key's quota is used up."),
            KeyProblem.DISABLED: self.tr("Refused: this key is disabled."),
            KeyProblem.INVALID: self.tr("Refused: the site does not know this key."),
            KeyProblem.IP_NOT_ALLOWED: self.tr("Refused: this key may not be used from this computer's address."),
            KeyProblem.RATE_LIMITED: self.tr("The site says too many requests for now."),
        }
        if problem is KeyProblem.MODEL_NOT_ALLOWED:
            return self.tr("Refused: this key may not use {0}.").format(model) if model else \
                self.tr("Refused: this key may not use that model.")
        return texts.get(problem, self.tr("Refused (HTTP {0}).").format(refusal.status))

    def _way_out(self, problem: KeyProblem) -> str:
        return {
            KeyProblem.EXPIRED: self.tr("Edit the token and set a later expiry (or never), then enable it."),
            KeyProblem.EXHAUSTED: self.tr("Edit the token to add quota or make it unlimited, then enable it."),
            KeyProblem.DISABLED: self.tr("Enable the token (Ctrl+Shift+E), then test again."),
            KeyProblem.INVALID: self.tr("The token may have been deleted; refresh the list and copy the key again."),
            KeyProblem.IP_NOT_ALLOWED: self.tr("Edit the token's IP limits to include this computer's address, "
                                               "or use the key from an allowed address."),
            KeyProblem.MODEL_NOT_ALLOWED: self.tr("Edit the token's model limits, or choose a model it may use."),
            KeyProblem.RATE_LIMITED: self.tr("Wait a minute before testing again."),
        }.get(problem, self.tr("Try again later; if it keeps failing, ask the site's operator."))

    def _money(self, amount: float, in_quota_units: bool) -> str:
        dollars = Decimal(str(amount)) / self._quota_per_unit if in_quota_units else Decimal(str(amount))
        return f"{self._symbol}{dollars * self._rate:,.4f}".rstrip("0").rstrip(".")

    # -- the try ---------------------------------------------------------------------------------------

    def _ask_try(self) -> None:
        model = self.model_combo.currentText().strip()
        if model:
            self.try_requested.emit(model)
