"""A non-modal message strip above the table: errors with Retry, and "Copy key" after a create.

A modal box would block the window and make the user re-type; the banner leaves everything in place.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QHideEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class BannerKind(str, enum.Enum):
    """What a message is; it sets the tint."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_TINTS = {BannerKind.ERROR: (220, 53, 69), BannerKind.WARNING: (230, 160, 0), BannerKind.INFO: (45, 125, 210)}


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
        # The token a message is about (a "created" banner): it goes when that token goes.
        self.token_id: int | None = None
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.hide)
        for index, button in enumerate(self._buttons):
            button.clicked.connect(lambda _=False, i=index: self._trigger(i))
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        kind: BannerKind = BannerKind.ERROR,
        actions: list[tuple[str, Callable[[], None]]] | None = None,
        token_id: int | None = None,
        timeout_ms: int = 0,
    ) -> None:
        """Each action is (button text, callback); ``token_id`` ties the message to a token, and
        ``timeout_ms`` > 0 hides it after that long (a "created" notice is not needed forever)."""
        kind = BannerKind(kind)
        self.label.setText(text)
        self.setProperty("kind", kind.value)
        self.token_id = token_id
        self._apply_colours(kind)
        if timeout_ms > 0:
            self._expiry.start(timeout_ms)
        else:
            self._expiry.stop()
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

    def forget_token(self, token_id: int) -> None:
        """The token this message is about was deleted: its buttons would act on nothing."""
        if self.token_id == token_id:
            self.hide()

    def hideEvent(self, event: QHideEvent) -> None:
        if self.isHidden():  # dismissed, not merely hidden with the window (closed to the tray)
            self.token_id = None
            self._expiry.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """The scheme changed (light/dark) while a message shows: tint it for the new window colour."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange and self.property("kind"):
            self._apply_colours(BannerKind(self.property("kind")))

    def button(self, index: int) -> QPushButton:
        return self._buttons[index]

    def _trigger(self, index: int) -> None:
        action = self._actions[index]
        self.hide()
        if action is not None:
            action()

    def _apply_colours(self, kind: BannerKind) -> None:
        base = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        tint = QColor(*_TINTS[kind])
        mixed = QColor(
            (base.red() * 4 + tint.red()) // 5,
            (base.green() * 4 + tint.green()) // 5,
            (base.blue() * 4 + tint.blue()) // 5,
        )
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, mixed)
        self.setPalette(palette)
