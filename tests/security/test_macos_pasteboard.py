"""macOS: a copied key carries the pasteboard types clipboard managers honour.

Qt turns the mime type application/x-nspasteboard-concealed-type into com.trolltech.anymime.…, which no
clipboard manager reads, and PySide6 has no QUtiMimeConverter to map it to the real type. So the app
writes the pasteboard itself through the Objective-C runtime (ctypes, no extra dependency):
org.nspasteboard.ConcealedType, org.nspasteboard.TransientType and the text, for this Mac only.

Here the runtime is a recording fake, so the sequence of messages is checked on any OS; the release
workflow's macOS job runs macos_pasteboard_check.py against the real pasteboard (and so does the last
test, on a Mac).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from openkey_gui.ui import clipboard as clipboard_module
from openkey_gui.ui.clipboard import (
    CONCEALED_TYPE,
    CURRENT_HOST_ONLY,
    TEXT_TYPE,
    TRANSIENT_TYPE,
    Clipboard,
    MacPasteboard,
)


class FakeRuntime:
    """Records every message; NSStrings are ("str", text) handles, classes ("class", name)."""

    def __init__(self, *, set_string_ok: bool = True, new_contents_api: bool = True) -> None:
        self.sent: list[tuple[Any, str, tuple[Any, ...]]] = []
        self.set_string_ok = set_string_ok
        self.new_contents_api = new_contents_api

    def cls(self, name: str) -> Any:
        return ("class", name)

    def sel(self, name: str) -> Any:
        return ("sel", name)

    def nsstring(self, text: str) -> Any:
        return ("str", text)

    def send(self, restype: Any, receiver: Any, selector: str, *args: tuple[Any, Any]) -> Any:
        values = tuple(value for _, value in args)
        self.sent.append((receiver, selector, values))
        if selector == "generalPasteboard":
            return ("pasteboard",)
        if selector in ("alloc", "init"):
            return ("pool",)
        if selector == "respondsToSelector:":
            return self.new_contents_api
        if selector == "setString:forType:":
            return self.set_string_ok
        return 1

    def strings_set(self) -> dict[str, str]:
        return {args[1][1]: args[0][1] for _, selector, args in self.sent if selector == "setString:forType:"}


def test_the_real_pasteboard_types_are_written() -> None:
    runtime = FakeRuntime()
    assert MacPasteboard(runtime).write_secret("sk-key-1") is True
    assert runtime.strings_set() == {CONCEALED_TYPE: "", TRANSIENT_TYPE: "", TEXT_TYPE: "sk-key-1"}
    selectors = [selector for _, selector, _ in runtime.sent]
    assert selectors.index("clearContents") < selectors.index("setString:forType:")
    options = [args for _, selector, args in runtime.sent if selector == "prepareForNewContentsWithOptions:"]
    assert options == [(CURRENT_HOST_ONLY,)]  # not handed to the user's other devices
    assert selectors[-1] == "drain"


def test_markers_come_before_the_text() -> None:
    """A clipboard manager that looks as soon as text appears must already see the markers."""
    runtime = FakeRuntime()
    MacPasteboard(runtime).write_secret("sk-key-2")
    types = [args[1][1] for _, selector, args in runtime.sent if selector == "setString:forType:"]
    assert types == [CONCEALED_TYPE, TRANSIENT_TYPE, TEXT_TYPE]


def test_old_macos_without_the_host_only_option_still_gets_the_types() -> None:
    runtime = FakeRuntime(new_contents_api=False)
    assert MacPasteboard(runtime).write_secret("sk-key-3") is True
    assert "prepareForNewContentsWithOptions:" not in [selector for _, selector, _ in runtime.sent]


def test_a_failed_native_write_falls_back_to_qt(qtbot: QtBot) -> None:
    guard = Clipboard(clear_seconds=0, native=MacPasteboard(FakeRuntime(set_string_ok=False)))
    guard.copy_secret("sk-key-4")
    assert QGuiApplication.clipboard().text() == "sk-key-4"
    assert guard.holds_our_secret()


def test_copy_secret_goes_native_when_there_is_a_mac_pasteboard(qtbot: QtBot) -> None:
    runtime = FakeRuntime()
    QGuiApplication.clipboard().setText("before")
    guard = Clipboard(clear_seconds=0, native=MacPasteboard(runtime))
    with qtbot.waitSignal(guard.copied, timeout=1000):
        guard.copy_secret("sk-key-5", "the key")
    assert runtime.strings_set()[TEXT_TYPE] == "sk-key-5"
    assert QGuiApplication.clipboard().text() == "before"  # Qt's own (anymime) path was not used as well


def test_no_native_pasteboard_off_macos() -> None:
    if sys.platform == "darwin":
        pytest.skip("this checks the other systems")
    assert MacPasteboard.system() is None
    assert clipboard_module.native_pasteboard() is None


if sys.platform == "darwin":  # defined only where a real pasteboard exists (the release workflow's Mac job)

    def test_real_pasteboard_on_a_mac() -> None:
        check = Path(__file__).with_name("macos_pasteboard_check.py")
        result = subprocess.run([sys.executable, str(check)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
