"""Messages next to form fields: labels that take no room while empty, coloured by tone from the palette."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from openkey_gui.ui.colors import Hue, hue_color


class Tone(enum.Enum):
    """How a message label is coloured; kept as a property too, so tests and style sheets can see it."""

    NORMAL = "normal"
    HINT = "hint"
    ERROR = "error"


def error_color(palette: QPalette) -> QColor:
    """A red that stays readable on the palette's window colour (dark themes need a lighter red)."""
    return hue_color(Hue.BAD, palette)


class MessageLabel(QLabel):
    """A label that takes no room while it has nothing to say.

    ``room_changed`` tells the dialog that the label needs another height now (it appeared, went, or
    wraps onto a different number of lines), so that the dialog can grow or shrink to fit.
    """

    room_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        super().setText(text)
        self.setVisible(bool(text))
        self.room_changed.emit()

    def clear(self) -> None:
        self.setText("")


class Toner:
    """Colours labels by tone from ``owner``'s palette, and again whenever that palette changes."""

    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self._tones: dict[QLabel, Tone] = {}

    def message_label(self, parent: QWidget, name: str, tone: Tone) -> MessageLabel:
        """A word-wrapped, selectable, plain-text message that hides itself while empty."""
        label = MessageLabel(parent)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # server messages must never render as HTML
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_tone(label, tone)
        return label

    def set_tone(self, label: QLabel, tone: Tone) -> None:
        if self._tones.get(label) is tone:
            return
        self._tones[label] = tone
        label.setProperty("tone", tone.value)
        self._paint(label, tone)

    def repaint_all(self) -> None:
        for label, tone in self._tones.items():
            self._paint(label, tone)

    def _paint(self, label: QLabel, tone: Tone) -> None:
        """Colour from the owner's palette, never a fixed background, so light and dark themes both work."""
        palette = QPalette()  # empty: every role not set here follows the parent
        if tone is Tone.ERROR:
            palette.setColor(QPalette.ColorRole.WindowText, error_color(self._owner.palette()))
        elif tone is Tone.HINT:
            # Not PlaceholderText: half-transparent in many styles, under 4.5:1 on the window colour.
            palette.setColor(QPalette.ColorRole.WindowText, hue_color(Hue.MUTED, self._owner.palette()))
        label.setPalette(palette)


def column(parent: QWidget, *parts: QWidget | QLayout) -> QWidget:
    """Stack a field's control row and its message labels, so hidden messages take no room."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part)
        else:
            layout.addLayout(part)
    return box
