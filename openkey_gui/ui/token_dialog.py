"""The add / edit token dialog.

The dialog only turns what the user typed into ``TokenDraft`` values and explains, next to the field,
why a value cannot be sent. The rules live in ``openkey_gui.api.validation`` and the money maths in
``openkey_gui.api.quota``, so the dialog can never disagree with the client about what the server accepts.
It makes no network call: it emits ``submitted`` and stays open, values intact, until the caller knows
whether the server agreed (``accept()``) or not (``show_error()``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api.errors import ValidationError
from openkey_gui.api.models import Flavor, Token, TokenDraft
from openkey_gui.api.quota import DEFAULT_QUOTA_PER_UNIT, money_to_quota
from openkey_gui.api.validation import check_draft, check_name, name_bytes, name_limit
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.expiry_field import ExpiryField
from openkey_gui.ui.message_labels import MessageLabel, Tone, Toner, column, error_color
from openkey_gui.ui.quota_field import QuotaField
from openkey_gui.ui.token_limits import IP_CHECK_DELAY_MS, TokenLimits

MIN_WIDTH = 460
MAX_BATCH = 100
# One API's own form starts a new token at $1 of quota, not unlimited (contract §6).
DEFAULT_DOLLARS = 1

__all__ = ["IP_CHECK_DELAY_MS", "MIN_WIDTH", "TokenDialog", "error_color"]


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
        self._toner = Toner(self)
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
        unlimited = self._quota.unlimited
        try:
            quota = self._quota.read_amount()
        except ValidationError:
            if not unlimited:
                raise
            quota = 0  # an unreadable amount does not matter while the quota is unlimited
        base = TokenDraft(
            name=self._name_text(),
            expires_at=self._expiry.expires_at(),
            remain_quota=quota,
            unlimited=unlimited,
            models=self._limits.checked_models(),
            allow_ips=self._limits.allow_ips(),
            group=self._limits.group(),
        )
        return [base.replace(name=name) for name in self._names()]

    def set_available_models(self, models: Sequence[str]) -> None:
        """Replace the offered models (the caller may fetch them after the dialog opened).

        Ticks survive, and so do checked or token models the new list lacks: losing a restriction
        because a list arrived late would widen what the token may do without the user noticing.
        """
        self._limits.set_available_models(models)

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
        self._expiry = ExpiryField(self._form, self._toner, self._now, self._token.expires_at if self._token else None)
        self._expiry.changed.connect(self._refresh)
        self._add_row(self.tr("&Expires:"), self._expiry.column, self._expiry.combo)
        self._quota = QuotaField(self._form, self._toner, self._qpu)
        self._quota.changed.connect(self._refresh)
        self._amount_edit, self._unit_combo = self._quota.amount_edit, self._quota.unit_combo
        self._add_row(self.tr("&Quota:"), self._quota.column, self._quota.amount_edit)
        self._count_spin: QSpinBox | None = None
        if not self.is_edit:
            self._add_row(self.tr("&How many:"), *self._build_batch())
        self._build_advanced(available_models, groups)

        self._error_label = self._toner.message_label(self, "errorLabel", Tone.ERROR)
        self._busy_label = QLabel(self.tr("Saving…"), self)
        self._busy_label.setObjectName("busyLabel")
        self._busy_label.setVisible(False)
        self._toner.set_tone(self._busy_label, Tone.HINT)
        self._button_box = self._build_buttons()

        bottom = QHBoxLayout()
        bottom.addWidget(self._busy_label)
        bottom.addStretch(1)
        bottom.addWidget(self._button_box)
        layout = QVBoxLayout(self)
        # The fields scroll when the screen is too short for them (Advanced open at 150 % on 1366x800);
        # the error and the buttons stay in view below.
        self._scroll = _FittingScrollArea(self)
        self._scroll.setWidget(self._form)
        layout.addWidget(self._scroll)
        layout.addWidget(self._error_label)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self._set_tab_order()
        # A message appearing must not squeeze the fields into each other, nor leave a gap once it goes.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_height)
        for label in self.findChildren(MessageLabel):
            label.room_changed.connect(self._fit_timer.start)

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
        self._name_error = self._toner.message_label(self._form, "nameError", Tone.ERROR)
        row = QHBoxLayout()
        row.addWidget(self._name_edit, 1)
        row.addWidget(self._name_counter)
        return column(self._form, row, self._name_error), self._name_edit

    def _build_batch(self) -> tuple[QWidget, QWidget]:
        spin = QSpinBox(self._form)
        spin.setObjectName("countSpin")
        spin.setRange(1, MAX_BATCH)
        spin.setAccessibleName(self.tr("Number of tokens to create"))
        spin.setToolTip(self.tr("Create several tokens with the same settings at once."))
        spin.valueChanged.connect(self._refresh)
        self._count_spin = spin
        self._batch_hint = self._toner.message_label(self._form, "batchHint", Tone.HINT)
        row = QHBoxLayout()
        row.addWidget(spin)
        row.addWidget(self._batch_hint, 1)
        row.addStretch(0)
        return column(self._form, row), spin

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

        new_api = self._flavor is Flavor.NEW_API
        self._limits = TokenLimits(self._form, self._toner, available_models=available_models,
                                   token_models=self._token.models if self._token else (),
                                   groups=groups if new_api else None,
                                   own_group=self._token.group if self._token else "")
        limits = self._limits
        self._add_row(self.tr("&Models:"), limits.models_column, limits.model_filter)
        self._add_row(self.tr("Allowed &IPs:"), limits.ips_column, limits.ips_edit)
        self._advanced_rows: list[QWidget] = [limits.models_column, limits.ips_column]
        if limits.group_combo is not None:
            self._add_row(self.tr("&Group:"), limits.group_combo, limits.group_combo)
            self._advanced_rows.append(limits.group_combo)
        for row in self._advanced_rows:
            self._form_layout.setRowVisible(row, False)

    def _build_buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        box.setObjectName("buttonBox")
        self._ok_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self._ok_button.setDefault(True)
        box.accepted.connect(self._submit)
        box.rejected.connect(self.reject)
        return box

    def _set_tab_order(self) -> None:
        """Visual order, top to bottom; hidden widgets are skipped by Qt itself."""
        quota, limits = self._quota, self._limits
        chain: list[QWidget] = [self._name_edit, self._expiry.combo, self._expiry.edit, quota.unlimited_check,
                                quota.amount_edit, quota.unit_combo, *quota.preset_buttons]
        if self._count_spin is not None:
            chain.append(self._count_spin)
        chain += [self._advanced_button, limits.model_filter, limits.model_list, limits.ips_edit]
        if limits.group_combo is not None:
            chain.append(limits.group_combo)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ prefill

    def _prefill(self) -> None:
        token = self._token
        if token is None:
            self.setWindowTitle(self.tr("Add token"))
            self._quota.set_quota(money_to_quota(DEFAULT_DOLLARS, self._qpu))
            return
        self.setWindowTitle(self.tr("Edit token — {name}").format(name=token.name))
        self._ok_button.setText(self.tr("Save"))
        self._name_edit.setText(token.name)
        self._quota.unlimited_check.setChecked(token.unlimited)
        self._quota.set_quota(token.remain_quota)
        self._limits.check_models(token.models)
        self._limits.ips_edit.setPlainText("\n".join(token.allow_ips))
        if token.models or token.allow_ips or token.group:
            # Restrictions the user cannot see are restrictions they will forget to keep.
            self._set_advanced(True)

    # ------------------------------------------------------------------ reactions

    def _refresh(self) -> None:
        """Recompute every live message and the Create button from the current form."""
        self._update_name_feedback()
        self._update_batch_hint()
        self._quota.update_feedback()
        self._expiry.update_hint()
        self._refresh_ok_button()

    def _update_name_feedback(self) -> None:
        longest = self._longest_name()
        used, limit = name_bytes(longest), name_limit(self._flavor)
        self._name_counter.setText(self.tr("{used} / {limit} bytes").format(used=used, limit=limit))
        self._toner.set_tone(self._name_counter, Tone.ERROR if used > limit else Tone.HINT)
        message = ""
        if used > limit:
            try:
                check_name(longest, self._flavor)
            except ValidationError as exc:
                message = describe(exc)
        self._name_error.setText(message)

    def _update_batch_hint(self) -> None:
        if self._count_spin is None:
            return
        count = self._count()
        hint = ""
        if count > 1:
            hint = self.tr("Names get “-1” … “-{count}”, counted in the byte limit.").format(count=count)
        self._batch_hint.setText(hint)

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
        if self._quota.quota_error.text():
            return self._quota.quota_error.text()
        return None

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
        # A message shown or hidden inside a field's column re-lays that column only once its posted
        # LayoutRequest is handled: handle them now, or the height below is the one from before the change.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._scroll.updateGeometry()  # its hint is its fields', which the dialog's layout cached
        layout = self.layout()
        if layout is not None:
            layout.invalidate()
            layout.activate()
        height = self.heightForWidth(self.width())
        if height < 0:
            height = self.sizeHint().height()
        screen = self.screen()
        if screen is None:
            self.resize(self.width(), max(height, self.minimumSizeHint().height()))
            return
        area = screen.availableGeometry()
        title_bar = max(self.frameGeometry().height() - self.height(), 0) or 30
        self.resize(self.width(), max(min(height, area.height() - title_bar), self.minimumSizeHint().height()))
        frame = self.frameGeometry()
        if frame.bottom() > area.bottom():  # grown past the screen's foot: up, so the buttons stay in reach
            self.move(self.x(), max(area.top(), area.bottom() - frame.height() + 1) + (self.y() - frame.y()))

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
        expiry = self._expiry
        targets: dict[str, tuple[QLabel, QWidget]] = {
            "name": (self._name_error, self._name_edit),
            "remain_quota": (self._quota.quota_error, self._quota.amount_edit),
            "expires_at": (expiry.error, expiry.edit if expiry.is_custom else expiry.combo),
            "allow_ips": (self._limits.ips_error, self._limits.ips_edit),
        }
        if error.field not in targets:
            self.show_error(describe(error))
            return
        label, widget = targets[error.field]
        if any(row is widget or row.isAncestorOf(widget) for row in self._advanced_rows):
            self._set_advanced(True)
        label.setText(describe(error))
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    # ------------------------------------------------------------------ reading the form

    def _now(self) -> datetime:
        now = self._clock()
        return now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)

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

    # ------------------------------------------------------------------ look

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(
                self, "_toner"):
            self._toner.repaint_all()


class _FittingScrollArea(QScrollArea):
    """A frameless scroll area that asks for all of its fields (``QScrollArea`` caps its size hint at a
    few hundred pixels): the dialog is as tall as its fields, and scrolls only when the screen is not."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHint(self) -> QSize:
        inner = self.widget()
        return inner.sizeHint() if inner is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(width, min(self.sizeHint().height(), 8 * self.fontMetrics().height()))
