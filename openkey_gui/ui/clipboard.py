"""The single door to the clipboard, so that every copy of a secret is marked, timed and cleared alike.

Secret copies carry the hints password managers use to keep clipboard-history tools from storing them,
and are cleared after a delay only if the clipboard still holds them: a user who has copied something
else meanwhile must not lose it (KeePassXC's rule).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

DEFAULT_CLEAR_SECONDS = 30


def secret_hints(platform: str = sys.platform) -> dict[str, bytes]:
    """The mime entries each desktop's clipboard-history tools honour for "do not record this"."""
    if platform.startswith("win"):
        return {"ExcludeClipboardContentFromMonitorProcessing": b"1"}
    if platform == "darwin":
        # Qt maps this mime type to the pasteboard's org.nspasteboard.ConcealedType.
        return {"application/x-nspasteboard-concealed-type": b"secret"}
    return {"x-kde-passwordManagerHint": b"secret"}


class Clipboard(QObject):
    """Copies text; ``copy_secret`` adds the history hints and clears the copy after a countdown."""

    #: Emitted after every copy with a short, secret-free description ("the key of 'ci-bot'").
    copied = Signal(str)
    #: Seconds left before the secret is cleared; 0 when no countdown is running.
    countdown = Signal(int)
    #: Emitted when a secret we put there was removed (by the timer, on request or on quit).
    cleared = Signal()

    def __init__(self, parent: QObject | None = None, *, clear_seconds: int = DEFAULT_CLEAR_SECONDS) -> None:
        super().__init__(parent)
        self._last_secret: str | None = None
        self._clear_seconds = clear_seconds
        self._seconds_left = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard_changed)

    @property
    def clear_seconds(self) -> int:
        """0 means never clear automatically."""
        return self._clear_seconds

    def set_clear_seconds(self, seconds: int) -> None:
        self._clear_seconds = max(0, int(seconds))
        if self._clear_seconds == 0:
            self._stop_countdown()

    @property
    def seconds_left(self) -> int:
        return self._seconds_left

    def copy_text(self, text: str, description: str = "") -> None:
        """A non-secret copy (the base URL): no hints, never cleared."""
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(description)

    def copy_secret(self, text: str, description: str = "") -> None:
        mime = QMimeData()
        mime.setText(text)
        for name, value in secret_hints().items():
            mime.setData(name, QByteArray(value))
        self._last_secret = text
        QGuiApplication.clipboard().setMimeData(mime)
        self.copied.emit(description)
        if self._clear_seconds > 0:
            self._seconds_left = self._clear_seconds
            self._tick.start()
            self.countdown.emit(self._seconds_left)

    def holds_our_secret(self) -> bool:
        return self._last_secret is not None and QGuiApplication.clipboard().text() == self._last_secret

    def clear_if_ours(self) -> bool:
        """Clear only what we put there; returns whether anything was cleared."""
        ours = self.holds_our_secret()
        self._last_secret = None
        self._stop_countdown()
        if ours:
            QGuiApplication.clipboard().clear()
            self.cleared.emit()
        return ours

    def _on_tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self.clear_if_ours()
            return
        self.countdown.emit(self._seconds_left)

    def _on_clipboard_changed(self) -> None:
        """Someone else (or a non-secret copy of ours) replaced the secret: nothing is left to clear."""
        if self._last_secret is not None and not self.holds_our_secret():
            self._last_secret = None
            self._stop_countdown()

    def _stop_countdown(self) -> None:
        if self._tick.isActive() or self._seconds_left:
            self._tick.stop()
            self._seconds_left = 0
            self.countdown.emit(0)
