"""Light / Dark / System in Preferences: chosen through the dialog, applied at once, remembered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from openkey_gui.ui.appearance import Appearance, apply_appearance, dark_palette
from openkey_gui.ui.colors import is_dark
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.preferences_dialog import PreferencesDialog
from openkey_gui.ui.settings import AppSettings
from tests.helpers.app import close_window, open_window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, tmp_path)
    yield win
    close_window(win)
    apply_appearance(Appearance.SYSTEM)


def _choose(qtbot: QtBot, window: MainWindow, choice: Appearance) -> None:
    window.findChild(type(window.acts.preferences), "action_preferences").trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None
    combo = dialog.findChild(QComboBox, "appearance")
    assert combo is not None
    combo.setCurrentIndex(combo.findData(choice.value))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_dark_then_light_then_system_apply_at_once(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    assert not is_dark()  # the offscreen platform is light
    _choose(qtbot, window, Appearance.DARK)
    assert is_dark()
    assert AppSettings(str(tmp_path / "settings.ini")).appearance() is Appearance.DARK
    _choose(qtbot, window, Appearance.LIGHT)
    assert not is_dark()
    _choose(qtbot, window, Appearance.SYSTEM)
    assert not is_dark()
    assert QApplication.style().name().lower() == "fusion"


def test_an_unknown_stored_choice_reads_as_system(tmp_path: Path) -> None:
    settings = AppSettings(str(tmp_path / "s.ini"))
    assert settings.appearance() is Appearance.SYSTEM
    settings.set_appearance(Appearance.DARK)
    assert settings.appearance() is Appearance.DARK
    settings._qs.setValue("ui/appearance", "purple")
    assert settings.appearance() is Appearance.SYSTEM


def test_the_dark_palette_is_dark() -> None:
    assert is_dark(dark_palette())
