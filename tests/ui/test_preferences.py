from pathlib import Path

from pytestqt.qtbot import QtBot

from openkey_gui.ui.preferences_dialog import PreferencesDialog
from openkey_gui.ui.settings import AppSettings


def test_preferences_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(str(tmp_path / "s.ini"))
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.clear_after.setCurrentIndex(dialog.clear_after.findData(0))
    dialog.refresh.setCurrentIndex(dialog.refresh.findData(30))
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.minimise_to_tray.setChecked(True)
    dialog.balance.setText("5.50")
    dialog.save()
    again = AppSettings(str(tmp_path / "s.ini"))
    assert again.clipboard_clear_seconds() == 0
    assert again.refresh_minutes() == 30
    assert again.language() == "zh_CN"
    assert again.minimise_to_tray() is True
    assert again.balance_threshold_money() == "5.50"


def test_bad_balance_is_refused_inline(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(str(tmp_path / "s.ini"))
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.balance.setText("five dollars")
    dialog.save()
    assert dialog.result() == 0 and not dialog.balance_error.isHidden()
    assert settings.balance_threshold_money() == "1"  # unchanged default


def test_pins_and_recent_copies_are_per_account(tmp_path: Path) -> None:
    settings = AppSettings(str(tmp_path / "s.ini"))
    settings.set_pinned("https://a.example|u", 5, True)
    settings.set_pinned("https://a.example|u", 7, True)
    settings.set_pinned("https://a.example|u", 5, False)
    for token_id in (1, 2, 3, 2):
        settings.note_copied("https://a.example|u", token_id)
    assert settings.pinned_tokens("https://a.example|u") == [7]
    assert settings.pinned_tokens("https://b.example|u") == []
    assert settings.recent_copies("https://a.example|u") == [2, 3, 1]
    settings.add_shown_reminders({"k1"})
    settings.add_shown_reminders({"k2"})
    assert AppSettings(str(tmp_path / "s.ini")).shown_reminders() == {"k1", "k2"}


def test_start_at_login_writes_and_removes_the_autostart_entry(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QCheckBox

    from openkey_gui.autostart import XdgAutostart

    settings = AppSettings(str(tmp_path / "s.ini"))
    entry = XdgAutostart(tmp_path / "config")
    dialog = PreferencesDialog(settings, autostart=entry)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QCheckBox, "startAtLogin")
    assert box is not None and not box.isChecked()
    box.setChecked(True)
    dialog.save()
    assert entry.is_enabled() and dialog.result() == 1
    again = PreferencesDialog(settings, autostart=entry)
    qtbot.addWidget(again)
    box = again.findChild(QCheckBox, "startAtLogin")
    assert box.isChecked()
    box.setChecked(False)
    again.save()
    assert not entry.is_enabled()


def test_start_at_login_that_the_os_refuses_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QCheckBox, QLabel

    from openkey_gui.autostart import XdgAutostart

    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    dialog = PreferencesDialog(AppSettings(str(tmp_path / "s.ini")), autostart=XdgAutostart(blocker))
    qtbot.addWidget(dialog)
    dialog.findChild(QCheckBox, "startAtLogin").setChecked(True)
    dialog.save()
    error = dialog.findChild(QLabel, "startAtLoginError")
    assert dialog.result() == 0 and error is not None and not error.isHidden() and error.text()


def test_the_balance_is_typed_in_the_sites_currency(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PreferencesDialog(AppSettings(str(tmp_path / "s.ini")), currency="¥")
    qtbot.addWidget(dialog)
    assert dialog.balance_currency.text() == "¥"
    dialog.balance.setText("-1")
    dialog.balance.textEdited.emit("-1")
    assert not dialog.balance_error.isHidden()
