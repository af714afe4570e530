"""The global shortcut on macOS: Carbon's ``RegisterEventHotKey``, which Apple still ships for this.

The one system-wide call on macOS that takes a single key combination without the Accessibility
permission a keyboard monitor needs (``NSEvent`` global monitors see every key typed; a key manager
should not ask for that). Its ``kEventHotKeyPressed`` event goes to the application's event target and
is handled on the main thread, in the run loop Qt's Cocoa event dispatcher already spins, so no thread
of our own is started and the callback runs on the GUI thread.

Three things differ from the other systems:

* Qt's portable text names the Command key "Ctrl" and the Control key "Meta" on macOS, so "Ctrl+Alt+K"
  chosen in Preferences is ⌘⌥K here, as every other shortcut of the app is.
* Keys are virtual key codes of the ANSI layout (``kVK_ANSI_*``); F1–F20 exist, F21–F24 do not.
* Carbon lets several apps share one combination. It is registered as exclusive, so an app that holds
  it exclusively (or this app holding it already) refuses it, as Windows does; an app that holds it
  without that option cannot be noticed, and both then hear it.

Written against Apple's Carbon headers (``Events.h``, ``CarbonEventsCore.h``, ``CarbonEvents.h``); the
suite drives it through a stand-in of the Carbon library (``tests/test_hotkeys_macos.py``), since no Mac
runs the tests here.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Callable
from typing import Any

from openkey_gui.hotkeys.keys import Hotkey, Modifier, Unavailable, UnavailableError, modifier_bits

CARBON = "/System/Library/Frameworks/Carbon.framework/Carbon"
CMD_KEY, SHIFT_KEY, OPTION_KEY, CONTROL_KEY = 0x0100, 0x0200, 0x0800, 0x1000
EVENT_HOTKEY_EXISTS = -9878  # eventHotKeyExistsErr: held in this process, or exclusively by another app
EVENT_HOTKEY_EXCLUSIVE = 1 << 0  # kEventHotKeyExclusive: no other app may hold it too (as on Windows)
EVENT_NOT_HANDLED = -9874  # eventNotHandledErr: the event goes on to the next handler
NO_ERR = 0


def four_char_code(text: str) -> int:
    """Carbon's OSType: four ASCII characters read as one big-endian 32-bit number."""
    return int.from_bytes(text.encode("ascii"), "big")


EVENT_CLASS_KEYBOARD = four_char_code("keyb")
EVENT_HOTKEY_PRESSED = 5
EVENT_PARAM_DIRECT_OBJECT = four_char_code("----")
TYPE_EVENT_HOTKEY_ID = four_char_code("hkid")
SIGNATURE = four_char_code("OKey")
HOTKEY_ID = 1

# kVK_ANSI_* from Events.h: where the key sits on a US keyboard, whatever letter the layout prints on it.
_LETTER_CODES = {
    "A": 0x00, "S": 0x01, "D": 0x02, "F": 0x03, "H": 0x04, "G": 0x05, "Z": 0x06, "X": 0x07, "C": 0x08,
    "V": 0x09, "B": 0x0B, "Q": 0x0C, "W": 0x0D, "E": 0x0E, "R": 0x0F, "Y": 0x10, "T": 0x11, "O": 0x1F,
    "U": 0x20, "I": 0x22, "P": 0x23, "L": 0x25, "J": 0x26, "K": 0x28, "N": 0x2D, "M": 0x2E,
}
_DIGIT_CODES = {"1": 0x12, "2": 0x13, "3": 0x14, "4": 0x15, "6": 0x16, "5": 0x17, "9": 0x19, "7": 0x1A,
                "8": 0x1C, "0": 0x1D}
_FUNCTION_CODES = {1: 0x7A, 2: 0x78, 3: 0x63, 4: 0x76, 5: 0x60, 6: 0x61, 7: 0x62, 8: 0x64, 9: 0x65, 10: 0x6D,
                   11: 0x67, 12: 0x6F, 13: 0x69, 14: 0x6B, 15: 0x71, 16: 0x6A, 17: 0x40, 18: 0x4F, 19: 0x50,
                   20: 0x5A}
SPACE_CODE = 0x31
# Qt on macOS: ControlModifier is the Command key, MetaModifier the Control key.
_MODS = {Modifier.CTRL: CMD_KEY, Modifier.ALT: OPTION_KEY, Modifier.SHIFT: SHIFT_KEY, Modifier.META: CONTROL_KEY}


def key_code(hotkey: Hotkey) -> int | None:
    """The virtual key code of ``hotkey``'s key, or None for a key a Mac keyboard does not have."""
    number = hotkey.function_key
    if number is not None:
        return _FUNCTION_CODES.get(number)
    if hotkey.key == "Space":
        return SPACE_CODE
    return _LETTER_CODES.get(hotkey.key) if hotkey.key.isalpha() else _DIGIT_CODES.get(hotkey.key)


def modifier_flags(modifiers: Modifier) -> int:
    return modifier_bits(modifiers, _MODS)


class EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


class EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


# OSStatus (*EventHandlerProcPtr)(EventHandlerCallRef, EventRef, void *userData)
EventHandlerProc = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


def _declare(carbon: Any) -> None:
    """Argument and result types, so ctypes passes 64-bit pointers and 32-bit codes as Carbon expects."""
    carbon.GetApplicationEventTarget.restype = ctypes.c_void_p
    carbon.GetApplicationEventTarget.argtypes = []
    carbon.InstallEventHandler.restype = ctypes.c_int32
    carbon.InstallEventHandler.argtypes = [ctypes.c_void_p, EventHandlerProc, ctypes.c_ulong,  # ItemCount
                                           ctypes.POINTER(EventTypeSpec), ctypes.c_void_p,
                                           ctypes.POINTER(ctypes.c_void_p)]
    carbon.RemoveEventHandler.restype = ctypes.c_int32
    carbon.RemoveEventHandler.argtypes = [ctypes.c_void_p]
    carbon.RegisterEventHotKey.restype = ctypes.c_int32
    carbon.RegisterEventHotKey.argtypes = [ctypes.c_uint32, ctypes.c_uint32, EventHotKeyID, ctypes.c_void_p,
                                           ctypes.c_uint32, ctypes.POINTER(ctypes.c_void_p)]
    carbon.UnregisterEventHotKey.restype = ctypes.c_int32
    carbon.UnregisterEventHotKey.argtypes = [ctypes.c_void_p]
    carbon.GetEventParameter.restype = ctypes.c_int32
    carbon.GetEventParameter.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_void_p,
                                         ctypes.c_size_t, ctypes.c_void_p, ctypes.POINTER(EventHotKeyID)]


def _is_ours(carbon: Any, event: object) -> bool:
    """Every hotkey of the app reaches every handler on its target: only our ID opens the palette."""
    pressed = EventHotKeyID()
    status = carbon.GetEventParameter(event, EVENT_PARAM_DIRECT_OBJECT, TYPE_EVENT_HOTKEY_ID, None,
                                      ctypes.sizeof(pressed), None, ctypes.byref(pressed))
    return status == NO_ERR and pressed.signature == SIGNATURE and pressed.id == HOTKEY_ID


class MacBackend:
    """``library`` loads Carbon (the tests pass a stand-in); the callback runs on the main thread."""

    def __init__(self, library: Callable[[], Any] | None = None) -> None:
        self._library = library or (lambda: ctypes.CDLL(CARBON))
        self._carbon: Any = None
        self._handler: Any = None  # the ctypes callback: kept alive for as long as Carbon may call it
        self._handler_ref = ctypes.c_void_p()
        self._hotkey_ref = ctypes.c_void_p()

    def start(self, hotkey: Hotkey, callback: Callable[[], None]) -> None:
        self.stop()
        code = key_code(hotkey)
        if code is None:
            raise UnavailableError(Unavailable.FAILED, f"a Mac keyboard has no {hotkey.key} key")
        try:
            carbon = self._library()
            _declare(carbon)
        except (OSError, AttributeError) as exc:
            raise UnavailableError(Unavailable.FAILED, f"Carbon could not be loaded: {exc}") from exc

        def handle(_call: object, event: object, _data: object) -> int:
            # An exception must never unwind into Carbon's C frames; an event not surely ours goes on.
            try:
                if not _is_ours(carbon, event):
                    return EVENT_NOT_HANDLED
            except Exception:
                return EVENT_NOT_HANDLED
            with contextlib.suppress(Exception):
                callback()
            return NO_ERR

        handler = EventHandlerProc(handle)
        target = carbon.GetApplicationEventTarget()
        spec = EventTypeSpec(EVENT_CLASS_KEYBOARD, EVENT_HOTKEY_PRESSED)
        handler_ref = ctypes.c_void_p()
        status = carbon.InstallEventHandler(target, handler, 1, ctypes.byref(spec), None, ctypes.byref(handler_ref))
        if status != NO_ERR:
            raise UnavailableError(Unavailable.FAILED, f"InstallEventHandler: OSStatus {status}")
        hotkey_ref = ctypes.c_void_p()
        status = carbon.RegisterEventHotKey(code, modifier_flags(hotkey.modifiers), EventHotKeyID(SIGNATURE, HOTKEY_ID),
                                            target, EVENT_HOTKEY_EXCLUSIVE, ctypes.byref(hotkey_ref))
        if status != NO_ERR:
            carbon.RemoveEventHandler(handler_ref)
            reason = Unavailable.TAKEN if status == EVENT_HOTKEY_EXISTS else Unavailable.FAILED
            raise UnavailableError(reason, f"RegisterEventHotKey: OSStatus {status}")
        self._carbon, self._handler, self._handler_ref, self._hotkey_ref = carbon, handler, handler_ref, hotkey_ref

    def stop(self) -> None:
        carbon, self._carbon = self._carbon, None
        if carbon is None:
            return
        carbon.UnregisterEventHotKey(self._hotkey_ref)
        carbon.RemoveEventHandler(self._handler_ref)
        self._handler, self._handler_ref, self._hotkey_ref = None, ctypes.c_void_p(), ctypes.c_void_p()
