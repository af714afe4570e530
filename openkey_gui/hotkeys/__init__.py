"""A system-wide shortcut the user chooses, which opens the quick-access palette from any app.

No dependency: each system's own call through ``ctypes``, and only the one key combination is asked
for (never a hook that sees every key typed, as keyboard-listener libraries use, which a key manager
should not have). ``keys`` reads and checks the combination; ``x11`` grabs it on an X server
(``XGrabKey``), ``windows`` and ``macos`` register it (``RegisterHotKey``, Carbon's
``RegisterEventHotKey``). Wayland has none: it lets no client take a key for the whole desktop.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import Protocol

from openkey_gui.hotkeys.keys import Hotkey, HotkeyProblem, Unavailable, UnavailableError, parse_hotkey

__all__ = ["Backend", "Hotkey", "HotkeyProblem", "Unavailable", "UnavailableError", "backend_for", "parse_hotkey"]


class Backend(Protocol):
    """Holds one system-wide key combination; ``callback`` runs on the backend's own thread."""

    def start(self, hotkey: Hotkey, callback: Callable[[], None]) -> None:
        """Take the combination now, or raise ``UnavailableError`` saying why not."""

    def stop(self) -> None:
        """Give it back (nothing happens when it was not taken)."""


def backend_for(qt_platform: str, system: str = sys.platform,
                environ: Mapping[str, str] = os.environ) -> Backend:
    """The backend for this system and Qt platform plugin; raises ``UnavailableError`` where there is none."""
    if system == "win32":
        from openkey_gui.hotkeys.windows import WindowsBackend

        return WindowsBackend()
    if system == "darwin":
        from openkey_gui.hotkeys.macos import MacBackend

        return MacBackend()
    if qt_platform.startswith("wayland"):
        raise UnavailableError(Unavailable.WAYLAND)
    display = environ.get("DISPLAY", "")
    if not display:
        raise UnavailableError(Unavailable.NO_DISPLAY)
    from openkey_gui.hotkeys.x11 import X11Backend

    return X11Backend(display)
