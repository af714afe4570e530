"""The macOS global shortcut, through a stand-in of Carbon: no Mac runs this suite.

The stand-in is not a Python object the backend calls politely: each of its functions is a C function
pointer with the signature of Apple's headers (``CarbonEvents.h``), made the way ``ctypes.CDLL`` makes
a library's functions. So the backend's own argument and result types are what carry every call, a
pointer that lost its upper 32 bits or a struct passed the wrong way shows, and the event handler is
called back through C as Carbon would call it.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator

import pytest

from openkey_gui.hotkeys import Unavailable, UnavailableError, macos, parse_hotkey
from openkey_gui.hotkeys.keys import Modifier

APP_TARGET = 0x7F12_3456_7000  # above 4 GiB, as every pointer is on a 64-bit Mac
OS_STATUS = ctypes.c_int32
PTR = ctypes.c_void_p
PARAM_ERR = -50
FAILURES: list[str] = []  # what went wrong inside the stand-in (a C callback cannot raise)

# The C signatures, from Apple's headers (written here on their own, not taken from the backend).
SIGNATURES: dict[str, tuple[type, ...]] = {
    "GetApplicationEventTarget": (PTR,),
    "InstallEventHandler": (OS_STATUS, PTR, PTR, ctypes.c_ulong, PTR, PTR, ctypes.POINTER(PTR)),  # ItemCount
    "RemoveEventHandler": (OS_STATUS, PTR),
    "RegisterEventHotKey": (OS_STATUS, ctypes.c_uint32, ctypes.c_uint32, macos.EventHotKeyID, PTR, ctypes.c_uint32,
                            ctypes.POINTER(PTR)),
    "UnregisterEventHotKey": (OS_STATUS, PTR),
    "GetEventParameter": (OS_STATUS, PTR, ctypes.c_uint32, ctypes.c_uint32, PTR, ctypes.c_size_t, PTR, PTR),
}


class Carbon:
    """One process's Carbon; ``exclusive`` is shared between stand-ins, as the system's ("another app").

    As Carbon does: a combination is refused when this process holds it, or when another one holds
    it exclusively and this one asks for it exclusively too; otherwise both hold it.
    """

    def __init__(self, exclusive: set[tuple[int, int]] | None = None) -> None:
        self.held: dict[tuple[int, int], tuple[int, int]] = {}  # this process's: (key code, modifiers) -> id
        self.exclusive = set() if exclusive is None else exclusive  # what any process holds exclusively
        self.mine: dict[int, tuple[int, int]] = {}  # hotkey ref -> (key code, modifiers)
        self.handlers: dict[int, tuple[int, Callable[..., int]]] = {}  # handler ref -> (target, proc)
        self.events: dict[int, macos.EventHotKeyID] = {}
        self._next_ref = 0x7F00_0000_0010
        self._keep: list[object] = []
        for name, (restype, *argtypes) in SIGNATURES.items():
            c_function = ctypes.CFUNCTYPE(restype, *argtypes)(self._reporting(getattr(self, "_" + name)))
            self._keep.append(c_function)
            # a function of a loaded library, as CDLL makes one: its argtypes and restype are the caller's
            setattr(self, name, ctypes.CDLL(None)._FuncPtr(ctypes.cast(c_function, PTR).value))

    @staticmethod
    def _reporting(function: Callable[..., int]) -> Callable[..., int]:
        """An exception cannot cross C: it is kept for the test to fail on, and Carbon answers paramErr."""

        def call(*args: object) -> int:
            try:
                return function(*args)
            except Exception as exc:  # every one is reported
                FAILURES.append(f"{function.__name__}: {exc!r}")
                return PARAM_ERR

        return call

    def _ref(self) -> int:
        self._next_ref += 0x10
        return self._next_ref

    def _GetApplicationEventTarget(self) -> int:
        return APP_TARGET

    def _InstallEventHandler(self, target: int, proc: int, count: int, specs: int, _data: int,
                             out: ctypes._Pointer) -> int:  # type: ignore[type-arg]
        spec = ctypes.cast(specs, ctypes.POINTER(macos.EventTypeSpec))[0]
        assert (count, spec.eventClass, spec.eventKind) == (1, macos.four_char_code("keyb"), 5)
        ref = self._ref()
        self.handlers[ref] = (target, macos.EventHandlerProc(proc))
        out[0] = ref
        return 0

    def _RemoveEventHandler(self, ref: int) -> int:
        return 0 if self.handlers.pop(ref, None) else PARAM_ERR

    def _RegisterEventHotKey(self, code: int, modifiers: int, hotkey_id: macos.EventHotKeyID, target: int,
                             options: int, out: ctypes._Pointer) -> int:  # type: ignore[type-arg]
        assert target == APP_TARGET and options in (0, macos.EVENT_HOTKEY_EXCLUSIVE)
        combination = (code, modifiers)
        if combination in self.held or (options and combination in self.exclusive):
            return macos.EVENT_HOTKEY_EXISTS
        self.held[combination] = (hotkey_id.signature, hotkey_id.id)
        if options:
            self.exclusive.add(combination)
        ref = self._ref()
        self.mine[ref] = (code, modifiers)
        out[0] = ref
        return 0

    def _UnregisterEventHotKey(self, ref: int) -> int:
        combination = self.mine.pop(ref, None)
        if combination is None:
            return PARAM_ERR
        del self.held[combination]
        self.exclusive.discard(combination)
        return 0

    def _GetEventParameter(self, event: int, name: int, wanted: int, _actual: int, size: int, _size_out: int,
                           data: int) -> int:
        assert (name, wanted, size) == (macos.four_char_code("----"), macos.four_char_code("hkid"), 8)
        ctypes.memmove(data, ctypes.byref(self.events[event]), size)
        return 0

    def press(self, code: int, modifiers: int) -> int:
        """The keys pressed: Carbon hands the event to each handler until one handles it."""
        if (code, modifiers) not in self.mine.values():
            return macos.EVENT_NOT_HANDLED  # not this app's: another app gets it
        event = 0x7F00_0BAD_0000 + len(self.events)
        self.events[event] = macos.EventHotKeyID(*self.held[(code, modifiers)])
        for target, proc in list(self.handlers.values()):
            if target == APP_TARGET and proc(0x7F00_0CA1_0000, event, None) == 0:
                return 0
        return macos.EVENT_NOT_HANDLED


@pytest.fixture(autouse=True)
def _no_failure_inside_carbon() -> Iterator[None]:
    FAILURES.clear()
    yield
    assert FAILURES == []


COMMAND_OPTION = macos.CMD_KEY | macos.OPTION_KEY
K = 0x28  # kVK_ANSI_K


def test_the_keys_have_their_mac_codes() -> None:
    assert macos.key_code(parse_hotkey("Ctrl+Alt+K")) == K
    assert macos.key_code(parse_hotkey("Ctrl+5")) == 0x17 and macos.key_code(parse_hotkey("Ctrl+0")) == 0x1D
    assert macos.key_code(parse_hotkey("F1")) == 0x7A and macos.key_code(parse_hotkey("F20")) == 0x5A
    assert macos.key_code(parse_hotkey("Ctrl+Space")) == 0x31
    assert macos.key_code(parse_hotkey("F21")) is None  # Mac keyboards stop at F20
    assert len({macos.key_code(parse_hotkey(f"Ctrl+{c}")) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}) == 36


def test_qt_s_ctrl_is_the_command_key() -> None:
    """Qt on macOS names Command "Ctrl" and Control "Meta": Ctrl+Alt+K chosen in Preferences is ⌘⌥K."""
    assert macos.modifier_flags(Modifier.CTRL | Modifier.ALT) == COMMAND_OPTION
    assert macos.modifier_flags(Modifier.META | Modifier.SHIFT) == macos.CONTROL_KEY | macos.SHIFT_KEY


def test_the_combination_reaches_the_app_and_is_given_back() -> None:
    carbon = Carbon()
    backend = macos.MacBackend(library=lambda: carbon)
    presses: list[str] = []
    backend.start(parse_hotkey("Ctrl+Alt+K"), lambda: presses.append("pressed"))
    assert list(carbon.held) == [(K, COMMAND_OPTION)]
    assert carbon.press(K, COMMAND_OPTION) == 0
    assert carbon.press(K, macos.CMD_KEY) == macos.EVENT_NOT_HANDLED  # ⌘K alone is not it
    assert presses == ["pressed"]
    backend.stop()
    assert carbon.held == {} and carbon.handlers == {}  # both refs came back whole
    assert carbon.press(K, COMMAND_OPTION) == macos.EVENT_NOT_HANDLED
    backend.start(parse_hotkey("Ctrl+Alt+K"), lambda: presses.append("again"))  # and can be taken again
    carbon.press(K, COMMAND_OPTION)
    backend.stop()
    backend.stop()  # a second stop asks nothing of Carbon
    assert presses == ["pressed", "again"]


def test_another_hotkey_of_the_app_is_left_to_its_own_handler() -> None:
    carbon = Carbon()
    backend = macos.MacBackend(library=lambda: carbon)
    presses: list[None] = []
    backend.start(parse_hotkey("Ctrl+Alt+K"), lambda: presses.append(None))
    carbon.held[(0x25, macos.CMD_KEY)] = (macos.four_char_code("Othr"), 1)  # an L registered elsewhere in the app
    carbon.mine[1] = (0x25, macos.CMD_KEY)
    assert carbon.press(0x25, macos.CMD_KEY) == macos.EVENT_NOT_HANDLED
    assert presses == []
    backend.stop()


def test_a_combination_another_app_holds_exclusively_is_refused() -> None:
    system: set[tuple[int, int]] = set()
    holder = macos.MacBackend(library=lambda: Carbon(system))  # another copy of the app, say
    holder.start(parse_hotkey("Ctrl+Alt+K"), lambda: None)
    assert system == {(K, COMMAND_OPTION)}  # ours is registered exclusively, as on Windows
    carbon = Carbon(system)
    with pytest.raises(UnavailableError) as caught:
        macos.MacBackend(library=lambda: carbon).start(parse_hotkey("Ctrl+Alt+K"), lambda: None)
    assert caught.value.reason is Unavailable.TAKEN
    assert carbon.handlers == {}  # the handler installed for it was removed again
    holder.stop()
    assert system == set()
    macos.MacBackend(library=lambda: Carbon(system)).start(parse_hotkey("Ctrl+Alt+K"), lambda: None)


def test_a_combination_this_app_holds_already_is_refused() -> None:
    carbon = Carbon()
    macos.MacBackend(library=lambda: carbon).start(parse_hotkey("F5"), lambda: None)
    with pytest.raises(UnavailableError) as caught:
        macos.MacBackend(library=lambda: carbon).start(parse_hotkey("F5"), lambda: None)
    assert caught.value.reason is Unavailable.TAKEN


def test_an_error_in_the_callback_never_reaches_carbon() -> None:
    carbon = Carbon()
    backend = macos.MacBackend(library=lambda: carbon)

    def broken() -> None:
        raise RuntimeError("the palette failed to open")

    backend.start(parse_hotkey("F5"), broken)
    assert carbon.press(0x60, 0) == 0  # F5: handled, and nothing unwound through C
    backend.stop()


@pytest.mark.parametrize(("library", "detail"), [
    (lambda: ctypes.CDLL("/nonexistent/Carbon.framework/Carbon"), "Carbon could not be loaded"),
    (lambda: object(), "Carbon could not be loaded"),  # a Carbon without these functions
])
def test_no_carbon_is_said(library: Callable[[], object], detail: str) -> None:
    with pytest.raises(UnavailableError) as caught:
        macos.MacBackend(library=library).start(parse_hotkey("Ctrl+Alt+K"), lambda: None)
    assert caught.value.reason is Unavailable.FAILED and detail in caught.value.detail


def test_a_key_a_mac_lacks_is_refused_before_carbon_is_asked() -> None:
    asked: list[None] = []
    with pytest.raises(UnavailableError) as caught:
        macos.MacBackend(library=lambda: asked.append(None)).start(parse_hotkey("F22"), lambda: None)
    assert caught.value.reason is Unavailable.FAILED and asked == []
