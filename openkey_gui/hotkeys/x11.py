"""The global shortcut on an X server: ``XGrabKey`` on the root window, through libX11 and ``ctypes``.

The app opens its own connection to the display (Qt's stays Qt's), grabs the one key combination, with
Caps Lock and Num Lock on or off, and waits for it on a thread of its own; every Xlib call is made on
that thread. A combination another client holds already is refused by the server (``BadAccess``), which
Xlib would report by ending the process: an error handler of ours catches it during the grab instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import socket
import threading
from collections.abc import Callable

from openkey_gui.hotkeys.keys import Hotkey, Modifier, Unavailable, UnavailableError, modifier_bits
from openkey_gui.hotkeys.watch import start_watch

KEY_PRESS = 2
BAD_ACCESS = 10
SHIFT_MASK, LOCK_MASK, CONTROL_MASK, MOD1_MASK, MOD2_MASK, MOD4_MASK = 1, 2, 4, 8, 16, 64
GRAB_MODE_ASYNC = 1
_MASKS = {Modifier.CTRL: CONTROL_MASK, Modifier.ALT: MOD1_MASK, Modifier.SHIFT: SHIFT_MASK, Modifier.META: MOD4_MASK}
_IGNORED = (0, LOCK_MASK, MOD2_MASK, LOCK_MASK | MOD2_MASK)  # Caps Lock and Num Lock change nothing


class _XKeyEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("root", ctypes.c_ulong),
                ("subwindow", ctypes.c_ulong), ("time", ctypes.c_ulong), ("x", ctypes.c_int), ("y", ctypes.c_int),
                ("x_root", ctypes.c_int), ("y_root", ctypes.c_int), ("state", ctypes.c_uint),
                ("keycode", ctypes.c_uint), ("same_screen", ctypes.c_int)]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xkey", _XKeyEvent), ("pad", ctypes.c_long * 24)]


class _XErrorEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p), ("resourceid", ctypes.c_ulong),
                ("serial", ctypes.c_ulong), ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                ("minor_code", ctypes.c_ubyte)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_XErrorEvent))
_EXIT_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_IO_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_ours: set[int] = set()  # the displays this module opened (their broken connection must not end the app)
_io_handler: list[object] = []  # the installed handler, kept alive, and the one it replaced


def _spare_our_displays(x11: ctypes.CDLL) -> None:
    """Xlib's default I/O error handler ends the process; for our own display it may simply return now
    (libX11 1.7+ then calls the display's exit handler, ours, which returns too). Any other display (Qt's,
    if it uses Xlib) still gets the handler it had."""
    if _io_handler or not hasattr(x11, "XSetIOErrorExitHandler"):
        return
    previous: list[int | None] = []

    def on_io_error(display: int) -> int:
        if display in _ours:
            return 0
        return _IO_ERROR_HANDLER(previous[0])(display) if previous and previous[0] else 0

    handler = _IO_ERROR_HANDLER(on_io_error)
    previous.append(x11.XSetIOErrorHandler(handler))
    _io_handler.append(handler)


def _library() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    try:
        x11 = ctypes.CDLL(name)
    except OSError as exc:
        raise UnavailableError(Unavailable.NO_DISPLAY, str(exc)) from None
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XStringToKeysym.restype = ctypes.c_ulong
    x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
    x11.XKeysymToKeycode.restype = ctypes.c_ubyte
    x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x11.XGrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
                             ctypes.c_int, ctypes.c_int]
    x11.XUngrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XPending.argtypes = [ctypes.c_void_p]
    x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
    x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XSetErrorHandler.restype = ctypes.c_void_p
    x11.XSetErrorHandler.argtypes = [ctypes.c_void_p]
    x11.XSetIOErrorHandler.restype = ctypes.c_void_p
    x11.XSetIOErrorHandler.argtypes = [ctypes.c_void_p]
    if hasattr(x11, "XSetIOErrorExitHandler"):
        x11.XSetIOErrorExitHandler.argtypes = [ctypes.c_void_p, _EXIT_HANDLER, ctypes.c_void_p]
    return x11


def keysym_name(hotkey: Hotkey) -> bytes:
    """The X keysym name of the key: "k", "5", "F5", "space"."""
    if hotkey.key == "Space":
        return b"space"
    return (hotkey.key.lower() if len(hotkey.key) == 1 else hotkey.key).encode("ascii")


def modifier_mask(modifiers: Modifier) -> int:
    return modifier_bits(modifiers, _MASKS)


class X11Backend:
    """One grabbed combination on ``display`` (":0"), watched by a daemon thread."""

    def __init__(self, display: str) -> None:
        self._display_name = display
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self, hotkey: Hotkey, callback: Callable[[], None]) -> None:
        self.stop()
        x11 = _library()
        stop = self._stop = threading.Event()

        def give_up(thread: threading.Thread) -> None:
            self._thread = thread
            self.stop()

        self._thread = start_watch(lambda started, outcome: self._run(x11, hotkey, callback, started, outcome, stop),
                                   name="openkey-hotkey-x11", silence="the X server did not answer", give_up=give_up)

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(2)

    def _run(self, x11: ctypes.CDLL, hotkey: Hotkey, callback: Callable[[], None], started: threading.Event,
             outcome: list[UnavailableError | None], stop: threading.Event) -> None:
        display = x11.XOpenDisplay(self._display_name.encode())
        if not display:
            outcome.append(UnavailableError(Unavailable.NO_DISPLAY, self._display_name))
            started.set()
            return
        lost = threading.Event()
        # libX11 1.7+: a broken connection calls this instead of exit(); older ones have only the peek below.
        keep_running = _EXIT_HANDLER(lambda _display, _data: lost.set())
        if hasattr(x11, "XSetIOErrorExitHandler"):
            x11.XSetIOErrorExitHandler(display, keep_running, None)
            _ours.add(display)
            _spare_our_displays(x11)
        try:
            root = x11.XDefaultRootWindow(display)
            keycode = x11.XKeysymToKeycode(display, x11.XStringToKeysym(keysym_name(hotkey)))
            mask = modifier_mask(hotkey.modifiers)
            if not keycode:
                outcome.append(UnavailableError(Unavailable.FAILED, "no such key on this keyboard"))
                started.set()
                return
            problem = self._grab(x11, display, root, keycode, mask)
            outcome.append(problem)
            started.set()
            if problem is None and not self._watch(x11, display, keycode, mask, callback, stop, lost):
                display = None  # the X server went away: any Xlib call now would end the process
                return
            if problem is None:
                for extra in _IGNORED:
                    x11.XUngrabKey(display, keycode, mask | extra, root)
                x11.XSync(display, 0)
        finally:
            if display:
                _ours.discard(display)
                x11.XCloseDisplay(display)

    @staticmethod
    def _grab(x11: ctypes.CDLL, display: int, root: int, keycode: int, mask: int) -> UnavailableError | None:
        errors: list[int] = []

        def on_error(_display: int, event: ctypes._Pointer) -> int:  # type: ignore[type-arg]
            errors.append(event.contents.error_code)
            return 0

        handler = _ERROR_HANDLER(on_error)
        previous = x11.XSetErrorHandler(ctypes.cast(handler, ctypes.c_void_p))
        try:
            for extra in _IGNORED:
                x11.XGrabKey(display, keycode, mask | extra, root, 0, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC)
            x11.XSync(display, 0)  # the server's refusal, if any, arrives now
        finally:
            x11.XSetErrorHandler(previous)
        if not errors:
            return None
        for extra in _IGNORED:
            x11.XUngrabKey(display, keycode, mask | extra, root)
        x11.XSync(display, 0)
        if BAD_ACCESS in errors:
            return UnavailableError(Unavailable.TAKEN)
        return UnavailableError(Unavailable.FAILED, f"X error {errors[0]}")

    @staticmethod
    def _watch(x11: ctypes.CDLL, display: int, keycode: int, mask: int, callback: Callable[[], None],
               stop: threading.Event, lost: threading.Event) -> bool:
        """Until ``stop``; False when the X server closed the connection (the session ended).

        Xlib ends the whole process on a broken connection, so before Xlib reads, a peek at the socket
        tells whether the server hung up.
        """
        descriptor = x11.XConnectionNumber(display)
        event = _XEvent()
        wanted = 0xFF & ~(LOCK_MASK | MOD2_MASK)  # modifier bits only: a held mouse button changes nothing
        _read_events(x11, display, event, keycode, mask, wanted, callback, lost)
        with socket.socket(fileno=os.dup(descriptor)) as peek:
            while not stop.is_set():
                readable, _, _ = select.select([descriptor], [], [], 0.2)
                if readable and not _still_open(peek):
                    return False
                if readable:
                    _read_events(x11, display, event, keycode, mask, wanted, callback, lost)
                if lost.is_set():
                    return False
        return True


def _still_open(peek: socket.socket) -> bool:
    try:
        return peek.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def _read_events(x11: ctypes.CDLL, display: int, event: _XEvent, keycode: int, mask: int, wanted: int,
                 callback: Callable[[], None], lost: threading.Event) -> None:
    while not lost.is_set() and x11.XPending(display):
        x11.XNextEvent(display, ctypes.byref(event))
        if event.type == KEY_PRESS and event.xkey.keycode == keycode and (event.xkey.state & wanted) == mask:
            callback()
