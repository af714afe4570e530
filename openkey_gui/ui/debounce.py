"""One named way to say "do this once things have settled", instead of hand-made single-shot timers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Debounce(QObject):
    """Calls ``action`` once, ``delay_ms`` after the last ``start()``; a burst of starts runs it once.

    A delay of 0 runs it on the next pass of the event loop, after the change that asked has finished
    (a row removal, say, whose model and proxy disagree until both have handled it).
    """

    def __init__(self, action: Callable[[], object], delay_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._action = action
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)

    def start(self, *_: object) -> None:
        """Ask for the action (signal arguments are ignored, so any signal can connect here)."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def flush(self) -> None:
        """Run now if asked and not yet run."""
        if self._timer.isActive():
            self._timer.stop()
            self._fire()

    def is_pending(self) -> bool:
        return self._timer.isActive()

    def _fire(self) -> None:
        self._action()
