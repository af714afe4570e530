"""The global shortcut on Windows: ``RegisterHotKey`` on a thread with its own message loop.

A hotkey registered with no window is posted to the registering thread's message queue as
``WM_HOTKEY``, so the thread that registers it also waits in ``GetMessageW`` and unregisters it when
``stop`` posts ``WM_QUIT`` to it. Only the one combination reaches the app (no keyboard hook). The test
suite does not run on Windows; ``scripts/ci_windows_wine.sh`` runs this backend under Wine with keys typed
through ``SendInput`` (``packaging/windows/wine_checks.py hotkey``).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from ctypes import wintypes

from openkey_gui.hotkeys.keys import Hotkey, Modifier, Unavailable, UnavailableError, modifier_bits
from openkey_gui.hotkeys.watch import start_watch

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
WM_HOTKEY, WM_QUIT, WM_USER = 0x0312, 0x0012, 0x0400
PM_NOREMOVE = 0x0
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
HOTKEY_ID = 0x4F4B  # any id in 0x0000–0xBFFF of this thread
VK_SPACE, VK_F1 = 0x20, 0x70
_MODS = {Modifier.ALT: MOD_ALT, Modifier.CTRL: MOD_CONTROL, Modifier.SHIFT: MOD_SHIFT, Modifier.META: MOD_WIN}


def virtual_key(hotkey: Hotkey) -> int:
    """Letters and digits are their upper-case ASCII code; F1–F24 follow each other from 0x70."""
    number = hotkey.function_key
    if number is not None:
        return VK_F1 + number - 1
    if hotkey.key == "Space":
        return VK_SPACE
    return ord(hotkey.key.upper())


def modifier_flags(modifiers: Modifier) -> int:
    return MOD_NOREPEAT | modifier_bits(modifiers, _MODS)  # no repeat: holding the keys opens the palette once


class WindowsBackend:
    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._thread_id = 0

    def start(self, hotkey: Hotkey, callback: Callable[[], None]) -> None:
        self.stop()

        def give_up(thread: threading.Thread) -> None:
            self._thread = thread
            self.stop()

        self._thread = start_watch(lambda started, outcome: self._run(hotkey, callback, started, outcome),
                                   name="openkey-hotkey-windows", silence="Windows did not answer", give_up=give_up)

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        user32.PostThreadMessageW(self._thread_id, WM_QUIT, 0, 0)
        thread.join(2)

    def _run(self, hotkey: Hotkey, callback: Callable[[], None], started: threading.Event,
             outcome: list[UnavailableError | None]) -> None:
        user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        user32.RegisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int, wintypes.UINT, wintypes.UINT]
        user32.GetMessageW.argtypes = [ctypes.POINTER(wintypes.MSG), wintypes.HWND, wintypes.UINT, wintypes.UINT]
        user32.PeekMessageW.argtypes = [ctypes.POINTER(wintypes.MSG), wintypes.HWND, wintypes.UINT, wintypes.UINT,
                                        wintypes.UINT]
        message = wintypes.MSG()
        # The thread's message queue, made before the hotkey is tied to it (PeekMessage is the documented
        # way to be sure a thread has one before anything is posted to it). Windows makes it at the first
        # USER call anyway, but Wine 8 does not for RegisterHotKey: without this, its server crashed at
        # the first key press after a second thread had registered the combination.
        user32.PeekMessageW(ctypes.byref(message), None, WM_USER, WM_USER, PM_NOREMOVE)
        self._thread_id = kernel32.GetCurrentThreadId()
        if not user32.RegisterHotKey(None, HOTKEY_ID, modifier_flags(hotkey.modifiers), virtual_key(hotkey)):
            error = ctypes.get_last_error()  # type: ignore[attr-defined]
            reason = Unavailable.TAKEN if error == ERROR_HOTKEY_ALREADY_REGISTERED else Unavailable.FAILED
            outcome.append(UnavailableError(reason, f"Windows error {error}"))
            started.set()
            return
        outcome.append(None)
        started.set()
        try:
            while user32.GetMessageW(ctypes.byref(message), None, 0, 0) > 0:
                if message.message == WM_HOTKEY and message.wParam == HOTKEY_ID:
                    callback()
        finally:
            user32.UnregisterHotKey(None, HOTKEY_ID)
