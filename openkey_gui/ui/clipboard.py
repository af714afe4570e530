"""The single door to the clipboard, so that every copy of a secret is marked and handled alike.

Secret copies carry the hints password managers use to keep clipboard-history tools from storing them
(KDE's ``x-kde-passwordManagerHint``, Windows' ``ExcludeClipboardContentFromMonitorProcessing``).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QObject, Signal
from PySide6.QtGui import QGuiApplication

SECRET_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": b"1",
}


class Clipboard(QObject):
    """Copies text; ``copy_secret`` adds the history hints and remembers what it put there."""

    #: Emitted after every copy with a short, secret-free description ("key of 'ci-bot'").
    copied = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last_secret: str | None = None

    def copy_text(self, text: str, description: str = "") -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(description)

    def copy_secret(self, text: str, description: str = "") -> None:
        mime = QMimeData()
        mime.setText(text)
        for name, value in SECRET_HINTS.items():
            mime.setData(name, QByteArray(value))
        QGuiApplication.clipboard().setMimeData(mime)
        self._last_secret = text
        self.copied.emit(description)

    def holds_our_secret(self) -> bool:
        return self._last_secret is not None and QGuiApplication.clipboard().text() == self._last_secret

    def clear_if_ours(self) -> bool:
        """Clear only what we put there: the user may have copied something else meanwhile."""
        if self.holds_our_secret():
            QGuiApplication.clipboard().clear()
            self._last_secret = None
            return True
        return False
