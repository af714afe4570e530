"""What Preferences says about a chosen global shortcut, in the words of the system it runs on."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from openkey_gui.hotkeys import HotkeyProblem, Unavailable, UnavailableError
from openkey_gui.hotkeys.keys import Hotkey
from openkey_gui.ui.global_shortcut import GlobalShortcut


@pytest.mark.parametrize(("system", "named", "not_named"), [
    ("darwin", ["Command", "Option", "Control", "F1–F20"], ["Windows", "Super", "Ctrl"]),
    ("linux", ["Ctrl", "Alt", "Windows / Super", "F1–F24"], ["Command", "Option"]),
    ("win32", ["Ctrl", "Alt", "Windows / Super"], ["Command"]),
])
def test_the_keys_are_named_as_the_system_names_them(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, system: str,
                                                     named: list[str], not_named: list[str]) -> None:
    monkeypatch.setattr("sys.platform", system)
    shortcut = GlobalShortcut()
    text = shortcut.problem_text(HotkeyProblem.KEY_NOT_SUPPORTED) + shortcut.problem_text(HotkeyProblem.NEEDS_MODIFIER)
    assert all(word in text for word in named), text
    assert not any(word in text for word in not_named), text


def test_a_combination_the_system_refuses_is_said_and_nothing_is_held(qtbot: QtBot) -> None:
    class Taken:
        def start(self, hotkey: Hotkey, callback: object) -> None:
            raise UnavailableError(Unavailable.TAKEN, "RegisterEventHotKey: OSStatus -9878")

        def stop(self) -> None:
            raise AssertionError("nothing was held")

    shortcut = GlobalShortcut(backend=Taken)
    assert shortcut.apply("Ctrl+Alt+K") == "Ctrl+Alt+K is already used by another app. Choose another combination."
    assert shortcut.current == ""
    assert shortcut.apply("K") == shortcut.problem_text(HotkeyProblem.NEEDS_MODIFIER)
