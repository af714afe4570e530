"""The global shortcut as a user sets it up: Preferences → press Ctrl+Alt+K in the shortcut field → OK;
then the keys, sent to the X server by another program (xdotool) while the app is in the background,
open quick access, and Enter copies a key. An X server (Xvfb) is started for the grab; the window itself
stays on Qt's offscreen platform."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QKeySequenceEdit, QLabel, QLineEdit

from openkey_gui.hotkeys import parse_hotkey
from openkey_gui.hotkeys.x11 import X11Backend
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, User
from tests.support import require_tools
from tests.xvfb import xvfb_display

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    require_tools("Xvfb", "xdotool")
    with xvfb_display(with_tray=False) as name:
        monkeypatch.setenv("DISPLAY", name)
        yield name


def _choose_shortcut(user: User) -> tuple[object, QLabel]:
    user.trigger(user.action("preferences"))
    dialog = user.wait_for_dialog()
    user.activate(dialog)
    field = dialog.findChild(QKeySequenceEdit, "globalShortcut")
    user.click(field)
    user.press(Qt.Key.Key_K, CTRL | ALT, on=field)
    user.qtbot.waitUntil(lambda: field.keySequence().toString() == "Ctrl+Alt+K")
    user.click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    return dialog, dialog.findChild(QLabel, "globalShortcutError")


def test_the_chosen_shortcut_opens_quick_access_from_anywhere(signed_in: User, truth: ServerTruth,
                                                              display: str) -> None:
    user = signed_in
    dialog, _ = _choose_shortcut(user)
    user.wait_until(lambda: not dialog.isVisible())
    assert user.window.settings.global_shortcut() == "Ctrl+Alt+K"
    user.window.hide()  # the user is in another app
    subprocess.run(["xdotool", "key", "ctrl+alt+k"], env={**os.environ, "DISPLAY": display}, check=True, timeout=20)
    palette = user.wait_for_dialog()
    assert palette.objectName() == "quickAccess"
    user.activate(palette)
    search = palette.findChild(QLineEdit, "quickAccessSearch")
    rows = truth.tokens()
    row = next(r for r in rows if r["status"] == 1 and [t["name"] for t in rows].count(r["name"]) == 1)
    user.type(row["name"], on=search)
    user.press(Qt.Key.Key_Return, on=search)
    user.wait_for_clipboard(truth.key(row["id"]))


def test_a_shortcut_another_app_holds_is_said_in_preferences(signed_in: User, display: str) -> None:
    holder = X11Backend(display)
    holder.start(parse_hotkey("Ctrl+Alt+K"), lambda: None)
    try:
        dialog, error = _choose_shortcut(signed_in)
        signed_in.wait_until(lambda: error.isVisible())
        assert "already used by another app" in error.text() and dialog.isVisible()
        assert signed_in.window.settings.global_shortcut() == ""
    finally:
        holder.stop()
