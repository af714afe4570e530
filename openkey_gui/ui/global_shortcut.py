"""The global shortcut the user chose in Preferences, held for as long as the app runs.

Optional: with none chosen nothing is asked of the system, and where the system has no global
shortcuts (Wayland) or another app holds the combination, the app says so and works on
without it. The X11 and Windows backends call back on a thread of their own (macOS's on the GUI thread);
``pressed`` is a signal, so the palette opens on the GUI thread either way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from openkey_gui.hotkeys import Backend, HotkeyProblem, Unavailable, UnavailableError, backend_for, parse_hotkey
from openkey_gui.hotkeys.keys import HotkeyRefused


class GlobalShortcut(QObject):
    """``backend`` makes the system's backend (tests pass their own); ``apply`` takes a new combination."""

    pressed = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 backend: Callable[[], Backend] | None = None) -> None:
        super().__init__(parent)
        self._make_backend = backend or (lambda: backend_for(QGuiApplication.platformName()))
        self._backend: Backend | None = None
        self.current = ""

    def apply(self, text: str) -> str:
        """Hold ``text`` (Qt's portable text, "" for none) from now on; returns "" or why it cannot be."""
        if text == self.current and (self._backend is not None or not text):
            return ""
        self.stop()
        if not text:
            return ""
        try:
            hotkey = parse_hotkey(text)
            backend = self._make_backend()
            backend.start(hotkey, self.pressed.emit)
        except HotkeyRefused as refused:
            return self.problem_text(refused.problem)
        except UnavailableError as error:
            return self.unavailable_text(error.reason, text)
        self._backend, self.current = backend, text
        return ""

    def stop(self) -> None:
        backend, self._backend = self._backend, None
        self.current = ""
        if backend is not None:
            backend.stop()

    def problem_text(self, problem: HotkeyProblem) -> str:
        if problem is HotkeyProblem.SEVERAL_KEYS:
            return self.tr("Choose one key combination, not a sequence of them.")
        if sys.platform == "darwin":  # the keys as a Mac names them (Qt's Ctrl is Command there)
            return {
                HotkeyProblem.KEY_NOT_SUPPORTED: self.tr(
                    "Choose a letter, a digit, Space or F1–F20, with Command, Option, Shift or Control."),
                HotkeyProblem.NEEDS_MODIFIER: self.tr(
                    "Add Command, Option or Control: a letter alone would be taken from every app."),
            }[problem]
        return {
            HotkeyProblem.KEY_NOT_SUPPORTED: self.tr(
                "Choose a letter, a digit, Space or F1–F24, with Ctrl, Alt, Shift or the Windows / Super key."),
            HotkeyProblem.NEEDS_MODIFIER: self.tr(
                "Add Ctrl, Alt or the Windows / Super key: a letter alone would be taken from every app."),
        }[problem]

    def unavailable_text(self, reason: Unavailable, shortcut: str) -> str:
        return {
            Unavailable.WAYLAND: self.tr(
                "Wayland does not let apps take a shortcut for the whole desktop. Open quick access from the "
                "tray, or with Ctrl+K in the window."),
            Unavailable.NO_DISPLAY: self.tr("No X display was found, so there is no global shortcut."),
            Unavailable.TAKEN: self.tr("{0} is already used by another app. Choose another combination.").format(
                shortcut),
            Unavailable.FAILED: self.tr("The system did not accept {0} as a global shortcut.").format(shortcut),
        }[reason]
