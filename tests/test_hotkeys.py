"""The global shortcut without Qt: the combination's rules, the backend per system, and a real X11 grab
under Xvfb with the key sent by another program (xdotool)."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator

import pytest

from openkey_gui.hotkeys import Unavailable, UnavailableError, backend_for, macos, parse_hotkey, x11
from openkey_gui.hotkeys import windows as win
from openkey_gui.hotkeys.keys import Hotkey, HotkeyProblem, HotkeyRefused, Modifier
from tests.support import require_tools
from tests.xvfb import xvfb_display


@pytest.mark.parametrize(("text", "modifiers", "key"), [
    ("Ctrl+Alt+K", Modifier.CTRL | Modifier.ALT, "K"),
    ("Meta+Shift+5", Modifier.META | Modifier.SHIFT, "5"),
    ("Ctrl+Space", Modifier.CTRL, "Space"),
    ("F9", Modifier.NONE, "F9"),
    ("Shift+F24", Modifier.SHIFT, "F24"),
    ("ctrl+alt+k", Modifier.CTRL | Modifier.ALT, "K"),
])
def test_combinations_every_backend_can_name(text: str, modifiers: Modifier, key: str) -> None:
    assert parse_hotkey(text) == Hotkey(modifiers, key)


@pytest.mark.parametrize(("text", "problem"), [
    ("K", HotkeyProblem.NEEDS_MODIFIER), ("Shift+K", HotkeyProblem.NEEDS_MODIFIER),
    ("Shift+Space", HotkeyProblem.NEEDS_MODIFIER), ("Ctrl+K, Ctrl+L", HotkeyProblem.SEVERAL_KEYS),
    ("Ctrl+Left", HotkeyProblem.KEY_NOT_SUPPORTED), ("Ctrl+F25", HotkeyProblem.KEY_NOT_SUPPORTED),
    ("Hyper+K", HotkeyProblem.KEY_NOT_SUPPORTED), ("Ctrl+é", HotkeyProblem.KEY_NOT_SUPPORTED),
    ("", HotkeyProblem.KEY_NOT_SUPPORTED),
])
def test_combinations_refused(text: str, problem: HotkeyProblem) -> None:
    with pytest.raises(HotkeyRefused) as refused:
        parse_hotkey(text)
    assert refused.value.problem is problem


def test_the_backend_per_system() -> None:
    assert isinstance(backend_for("windows", "win32", {}), win.WindowsBackend)
    assert isinstance(backend_for("xcb", "linux", {"DISPLAY": ":5"}), x11.X11Backend)
    assert isinstance(backend_for("cocoa", "darwin", {}), macos.MacBackend)
    for platform, system, environ, reason in (
        ("wayland", "linux", {"DISPLAY": ":0"}, Unavailable.WAYLAND),  # XWayland sees keys only over its windows
        ("xcb", "linux", {}, Unavailable.NO_DISPLAY),
    ):
        with pytest.raises(UnavailableError) as caught:
            backend_for(platform, system, environ)
        assert caught.value.reason is reason


def test_windows_codes() -> None:
    assert win.virtual_key(parse_hotkey("Ctrl+Alt+K")) == ord("K")
    assert win.virtual_key(parse_hotkey("Ctrl+7")) == ord("7")
    assert win.virtual_key(parse_hotkey("F1")) == 0x70 and win.virtual_key(parse_hotkey("F24")) == 0x87
    assert win.virtual_key(parse_hotkey("Ctrl+Space")) == 0x20
    assert win.modifier_flags(Modifier.CTRL | Modifier.ALT) == win.MOD_CONTROL | win.MOD_ALT | win.MOD_NOREPEAT
    assert win.modifier_flags(Modifier.META | Modifier.SHIFT) & (win.MOD_WIN | win.MOD_SHIFT) == 0xC


def test_x11_names() -> None:
    assert x11.keysym_name(parse_hotkey("Ctrl+K")) == b"k"
    assert x11.keysym_name(parse_hotkey("F5")) == b"F5"
    assert x11.keysym_name(parse_hotkey("Alt+Space")) == b"space"
    assert x11.modifier_mask(Modifier.CTRL | Modifier.ALT | Modifier.META) == 4 | 8 | 64


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    require_tools("Xvfb", "xdotool")
    with xvfb_display(with_tray=False) as name:
        yield name


def _send(display: str, keys: str) -> None:
    subprocess.run(["xdotool", "key", *keys.split()], env={**os.environ, "DISPLAY": display}, check=True, timeout=20)


def test_an_x11_grab_hears_its_combination_only(display: str) -> None:
    backend = x11.X11Backend(display)
    pressed = threading.Event()
    backend.start(parse_hotkey("Ctrl+Alt+K"), pressed.set)
    try:
        _send(display, "ctrl+alt+j")
        _send(display, "ctrl+k")
        assert not pressed.wait(0.5)
        _send(display, "ctrl+alt+k")
        assert pressed.wait(5)
        pressed.clear()
        _send(display, "Num_Lock ctrl+alt+k Num_Lock")  # Num Lock on changes nothing
        assert pressed.wait(5)
    finally:
        backend.stop()
    pressed.clear()
    _send(display, "ctrl+alt+k")
    assert not pressed.wait(0.5)  # given back


def test_a_combination_another_app_holds_is_refused(display: str) -> None:
    holder = x11.X11Backend(display)
    holder.start(parse_hotkey("Ctrl+Alt+F7"), lambda: None)
    try:
        with pytest.raises(UnavailableError) as caught:
            x11.X11Backend(display).start(parse_hotkey("Ctrl+Alt+F7"), lambda: None)
        assert caught.value.reason is Unavailable.TAKEN
    finally:
        holder.stop()
    again = x11.X11Backend(display)
    again.start(parse_hotkey("Ctrl+Alt+F7"), lambda: None)  # free once the holder let go
    again.stop()


def test_no_x_server_there() -> None:
    with pytest.raises(UnavailableError) as caught:
        x11.X11Backend(":9999").start(parse_hotkey("Ctrl+Alt+K"), lambda: None)
    assert caught.value.reason is Unavailable.NO_DISPLAY


def test_the_x_server_going_away_ends_the_watch_not_the_app() -> None:
    require_tools("Xvfb")
    with xvfb_display(with_tray=False) as name:
        backend = x11.X11Backend(name)
        backend.start(parse_hotkey("Ctrl+Alt+K"), lambda: None)
    threading.Event().wait(0.6)  # the watch sees the hang-up (Xlib itself would have ended this process)
    backend.stop()
