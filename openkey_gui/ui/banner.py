"""A non-modal message strip above the table: errors with Retry, and "Copy key" after a create.

A modal box would block the window and make the user re-type; the banner leaves everything in place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class Banner(QFrame):
    """Shows one message at a time with up to two action buttons; Esc-free, closed with its ✕."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # server messages must never render as HTML
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        for _ in range(2):
            button = QPushButton(self)
            button.hide()
            layout.addWidget(button)
            self._buttons.append(button)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self._actions: list[Callable[[], None] | None] = [None, None]
        for index, button in enumerate(self._buttons):
            button.clicked.connect(lambda _=False, i=index: self._trigger(i))
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        kind: str = "error",
        actions: list[tuple[str, Callable[[], None]]] | None = None,
    ) -> None:
        """``kind`` is "error", "warning" or "info"; each action is (button text, callback)."""
        self.label.setText(text)
        self.setProperty("kind", kind)
        self._apply_colours(kind)
        actions = (actions or [])[: len(self._buttons)]
        for index, button in enumerate(self._buttons):
            if index < len(actions):
                button.setText(actions[index][0])
                self._actions[index] = actions[index][1]
                button.show()
            else:
                self._actions[index] = None
                button.hide()
        self.show()

    def button(self, index: int) -> QPushButton:
        return self._buttons[index]

    def _trigger(self, index: int) -> None:
        action = self._actions[index]
        self.hide()
        if action is not None:
            action()

    def _apply_colours(self, kind: str) -> None:
        base = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        tint = {"error": QColor(220, 53, 69), "warning": QColor(230, 160, 0), "info": QColor(45, 125, 210)}[kind]
        mixed = QColor(
            (base.red() * 4 + tint.red()) // 5,
            (base.green() * 4 + tint.green()) // 5,
            (base.blue() * 4 + tint.blue()) // 5,
        )
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, mixed)
        self.setPalette(palette)
