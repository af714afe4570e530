"""The token dialog's expiry row: Never, a few durations, or a custom date that cannot be in the past.

For an edited token, its own expiry is shown as a custom date; while that stays untouched, the exact
original (seconds and all) is what ``expires_at`` gives back, so saving a rename never moves the expiry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QDateTime, QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QHBoxLayout, QWidget

from openkey_gui.ui.message_labels import Tone, Toner, column

_CUSTOM = "custom"


class ExpiryField(QObject):
    """The widgets of the expiry row and the moment they describe."""

    # The choice or the date changed (the dialog updates its hints).
    changed = Signal()

    def __init__(self, form: QWidget, toner: Toner, now: Callable[[], datetime],
                 original: datetime | None) -> None:
        super().__init__(form)
        self._now = now
        self._original = original
        self._initial: QDateTime | None = None  # the edited token's own expiry, as first shown
        self._custom_ready = False  # the custom date field has been given a starting value
        self.combo = QComboBox(form)
        self.combo.setObjectName("expiryCombo")
        self._values: list[timedelta | str | None] = []
        for text, value in (
            (self.tr("Never"), None),
            (self.tr("1 hour"), timedelta(hours=1)),
            (self.tr("1 day"), timedelta(days=1)),
            (self.tr("7 days"), timedelta(days=7)),
            (self.tr("30 days"), timedelta(days=30)),
            (self.tr("90 days"), timedelta(days=90)),
            (self.tr("Custom…"), _CUSTOM),
        ):
            self.combo.addItem(text)
            self._values.append(value)
        self.edit = QDateTimeEdit(form)
        self.edit.setObjectName("expiryEdit")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setAccessibleName(self.tr("Expiry date and time"))
        self.edit.setToolTip(self.tr("Local time"))
        self.edit.setVisible(False)
        self.hint = toner.message_label(form, "expiryHint", Tone.ERROR)
        self.error = toner.message_label(form, "expiryError", Tone.ERROR)
        self.combo.currentIndexChanged.connect(self._on_choice)
        self.edit.dateTimeChanged.connect(self._on_date)
        row = QHBoxLayout()
        row.addWidget(self.combo)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.column = column(form, row, self.hint, self.error)
        if original is not None:
            self._show_original(original)

    @property
    def is_custom(self) -> bool:
        return self._values[self.combo.currentIndex()] == _CUSTOM

    def expires_at(self) -> datetime | None:
        choice = self._values[self.combo.currentIndex()]
        if choice is None:
            return None
        if isinstance(choice, timedelta):
            return (self._now() + choice).replace(microsecond=0)
        shown = self.edit.dateTime()
        if self._original is not None and self._initial is not None and shown == self._initial:
            return self._original
        return datetime.fromtimestamp(shown.toSecsSinceEpoch(), timezone.utc)

    def update_hint(self) -> None:
        hint = ""
        original = self._original
        if original is not None and original <= self._now() and self.expires_at() == original:
            hint = self.tr("This token has expired; choose a new expiry or Never to revive it.")
        self.hint.setText(hint)

    def _show_original(self, expires_at: datetime) -> None:
        shown = QDateTime.fromSecsSinceEpoch(int(expires_at.timestamp()))
        self.edit.setMinimumDateTime(min(shown, self._earliest()))
        self.edit.setDateTime(shown)
        self._initial = self.edit.dateTime()
        self._custom_ready = True
        self.combo.setCurrentIndex(self._values.index(_CUSTOM))

    def _earliest(self) -> QDateTime:
        """The next whole minute after one minute from now: the past cannot even be picked."""
        seconds = int(self._now().timestamp()) + 60
        return QDateTime.fromSecsSinceEpoch(-(-seconds // 60) * 60)

    def _on_choice(self, index: int) -> None:
        custom = self._values[index] == _CUSTOM
        if custom and not self._custom_ready:
            self._reset_custom()
        elif custom and self._initial is None:
            # The dialog may have stayed open for a while: "the past" has moved on since.
            self.edit.setMinimumDateTime(self._earliest())
        self.edit.setVisible(custom)
        self.error.clear()
        self.update_hint()
        self.changed.emit()

    def _reset_custom(self) -> None:
        """A fresh custom date starts one day ahead and can never be set before the next minute."""
        earliest = self._earliest()
        self.edit.setMinimumDateTime(earliest)
        start = QDateTime.fromSecsSinceEpoch(_floor_minute(int(self._now().timestamp()) + 86_400))
        self.edit.setDateTime(max(start, earliest))
        self._custom_ready = True

    def _on_date(self) -> None:
        self.error.clear()
        self.update_hint()
        self.changed.emit()


def _floor_minute(seconds: int) -> int:
    return seconds - seconds % 60
