"""The single door to the clipboard, so that every copy of a secret is marked, timed and cleared alike.

Secret copies carry the hints password managers use to keep clipboard-history tools from storing them,
and are cleared after a delay only if the clipboard still holds them: a user who has copied something
else meanwhile must not lose it (KeePassXC's rule).

On macOS the hints are pasteboard types (``org.nspasteboard.ConcealedType`` and ``…TransientType``),
which Qt cannot write: it turns any mime type it has no converter for into ``com.trolltech.anymime.…``,
and PySide6 has no ``QUtiMimeConverter`` to add one (KeePassXC ships its own in C++). So there the
secret is written by :class:`MacPasteboard`, straight to ``NSPasteboard`` through the Objective-C
runtime with ctypes (no extra dependency); Qt still reads and clears it as any other text.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from typing import Any, Protocol

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

DEFAULT_CLEAR_SECONDS = 30

# nspasteboard.org's markers: "a password, do not show or store it" and "gone soon, do not record it".
CONCEALED_TYPE = "org.nspasteboard.ConcealedType"
TRANSIENT_TYPE = "org.nspasteboard.TransientType"
TEXT_TYPE = "public.utf8-plain-text"  # NSPasteboardTypeString
CURRENT_HOST_ONLY = 1  # NSPasteboardContentsCurrentHostOnly: no Universal Clipboard to other devices

log = logging.getLogger(__name__)


def secret_hints(platform: str = sys.platform) -> dict[str, bytes]:
    """The mime entries each desktop's clipboard-history tools honour for "do not record this".

    On macOS this is only the fallback when :class:`MacPasteboard` cannot write (Qt makes it an
    ``anymime`` type no tool reads); the real markers are ``CONCEALED_TYPE`` and ``TRANSIENT_TYPE``.
    """
    if platform.startswith("win"):
        return {"ExcludeClipboardContentFromMonitorProcessing": b"1"}
    if platform == "darwin":
        return {"application/x-nspasteboard-concealed-type": b"secret"}
    return {"x-kde-passwordManagerHint": b"secret"}


class ObjCRuntime(Protocol):
    """The few Objective-C runtime calls :class:`MacPasteboard` needs (a recording fake in tests)."""

    def cls(self, name: str) -> Any: ...

    def sel(self, name: str) -> Any: ...

    def nsstring(self, text: str) -> Any: ...

    def send(self, restype: Any, receiver: Any, selector: str, *args: tuple[Any, Any]) -> Any: ...


class _CtypesObjC:
    """``objc_msgSend`` through ctypes, each call cast to its exact signature (required on arm64)."""

    def __init__(self) -> None:
        self._objc = ctypes.cdll.LoadLibrary(ctypes.util.find_library("objc") or "/usr/lib/libobjc.A.dylib")
        ctypes.cdll.LoadLibrary(ctypes.util.find_library("AppKit")
                                or "/System/Library/Frameworks/AppKit.framework/AppKit")  # defines NSPasteboard
        self._objc.objc_getClass.restype = ctypes.c_void_p
        self._objc.objc_getClass.argtypes = [ctypes.c_char_p]
        self._objc.sel_registerName.restype = ctypes.c_void_p
        self._objc.sel_registerName.argtypes = [ctypes.c_char_p]
        self._msg_send = ctypes.cast(self._objc.objc_msgSend, ctypes.c_void_p).value
        if not self.cls("NSPasteboard"):
            raise OSError("AppKit's NSPasteboard is not available")

    def cls(self, name: str) -> Any:
        return self._objc.objc_getClass(name.encode("ascii"))

    def sel(self, name: str) -> Any:
        return self._objc.sel_registerName(name.encode("ascii"))

    def nsstring(self, text: str) -> Any:
        return self.send(ctypes.c_void_p, self.cls("NSString"), "stringWithUTF8String:",
                         (ctypes.c_char_p, text.encode("utf-8")))

    def send(self, restype: Any, receiver: Any, selector: str, *args: tuple[Any, Any]) -> Any:
        function = ctypes.CFUNCTYPE(restype, ctypes.c_void_p, ctypes.c_void_p, *(kind for kind, _ in args))
        return function(self._msg_send)(receiver, self.sel(selector), *(value for _, value in args))


class MacPasteboard:
    """Writes a secret to the general pasteboard with the concealed and transient markers."""

    def __init__(self, runtime: ObjCRuntime) -> None:
        self._rt = runtime

    @classmethod
    def system(cls) -> MacPasteboard | None:
        """The real pasteboard, or None where there is none (not macOS, or the runtime cannot load)."""
        if sys.platform != "darwin":
            return None
        try:
            return cls(_CtypesObjC())
        except (OSError, AttributeError, TypeError) as exc:
            log.warning("cannot write the macOS pasteboard directly (%s); copies lack the concealed marker",
                        type(exc).__name__)
            return None

    def write_secret(self, text: str) -> bool:
        """Replace the pasteboard with ``text`` plus the markers; False if any part was refused."""
        rt, void, flag = self._rt, ctypes.c_void_p, ctypes.c_bool
        pool = rt.send(void, rt.send(void, rt.cls("NSAutoreleasePool"), "alloc"), "init")
        try:
            board = rt.send(void, rt.cls("NSPasteboard"), "generalPasteboard")
            if not board:
                return False
            rt.send(ctypes.c_long, board, "clearContents")
            prepare = "prepareForNewContentsWithOptions:"
            if rt.send(flag, board, "respondsToSelector:", (void, rt.sel(prepare))):  # macOS 10.12+
                rt.send(ctypes.c_long, board, prepare, (ctypes.c_ulong, CURRENT_HOST_ONLY))
            written = True
            # The markers first: a history tool that looks as soon as text appears already sees them.
            for kind, value in ((CONCEALED_TYPE, ""), (TRANSIENT_TYPE, ""), (TEXT_TYPE, text)):
                written = bool(rt.send(flag, board, "setString:forType:",
                                       (void, rt.nsstring(value)), (void, rt.nsstring(kind)))) and written
            return written
        finally:
            if pool:
                rt.send(None, pool, "drain")


_native: list[MacPasteboard | None] = []


def native_pasteboard() -> MacPasteboard | None:
    """The process's :class:`MacPasteboard` on macOS (made once), else None."""
    if not _native:
        _native.append(MacPasteboard.system())
    return _native[0]


class Clipboard(QObject):
    """Copies text; ``copy_secret`` adds the history hints and clears the copy after a countdown."""

    #: Emitted after every copy with a short, secret-free description ("the key of 'ci-bot'").
    copied = Signal(str)
    #: Seconds left before the secret is cleared; 0 when no countdown is running.
    countdown = Signal(int)
    #: Emitted when a secret we put there was removed (by the timer, on request or on quit).
    cleared = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clear_seconds: int = DEFAULT_CLEAR_SECONDS,
        native: MacPasteboard | None = None,
    ) -> None:
        """``native`` writes secrets instead of Qt (macOS; tests pass a fake); by default the system's."""
        super().__init__(parent)
        self._native = native if native is not None else native_pasteboard()
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
        self._last_secret = text
        if self._native is None or not self._write_native(text):
            mime = QMimeData()
            mime.setText(text)
            for name, value in secret_hints().items():
                mime.setData(name, QByteArray(value))
            QGuiApplication.clipboard().setMimeData(mime)
        self.copied.emit(description)
        if self._clear_seconds > 0:
            self._seconds_left = self._clear_seconds
            self._tick.start()
            self.countdown.emit(self._seconds_left)

    def _write_native(self, text: str) -> bool:
        assert self._native is not None
        try:
            return self._native.write_secret(text)
        except Exception as exc:  # a runtime call that fails must not lose the copy: Qt writes it instead
            log.warning("the macOS pasteboard refused the copy (%s); copying through Qt", type(exc).__name__)
            return False

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
