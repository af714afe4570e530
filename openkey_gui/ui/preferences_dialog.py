"""Preferences: language, light or dark, start at login, tray behaviour, clipboard clearing, reminders and
the automatic daily check-in.

The dialog edits an ``AppSettings`` directly on OK; the window re-reads what it needs afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api.quota import parse_money
from openkey_gui.autostart import Autostart, launch_command
from openkey_gui.autostart import for_platform as autostart_for_platform
from openkey_gui.ui.appearance import Appearance
from openkey_gui.ui.message_labels import Tone, Toner
from openkey_gui.ui.settings import AppSettings

CLEAR_CHOICES = (10, 20, 30, 45, 60, 90, 120, 0)
REFRESH_CHOICES = (5, 10, 15, 30, 60, 0)


class PreferencesDialog(QDialog):
    """``currency`` is the symbol the signed-in site shows money in: the balance reminder is typed in it.
    ``take_shortcut`` holds a new global shortcut and answers "" or why it cannot (``GlobalShortcut.apply``)."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *, currency: str = "$",
                 autostart: Autostart | None = None, take_shortcut: Callable[[str], str] | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._autostart = autostart or autostart_for_platform()
        self._toner = Toner(self)
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(420)

        self.language = QComboBox(self)
        for label, code in ((self.tr("System default"), ""), ("English", "en"), ("简体中文", "zh_CN")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language())))

        self.appearance = QComboBox(self)
        self.appearance.setObjectName("appearance")
        for label, choice in ((self.tr("Follow the system"), Appearance.SYSTEM), (self.tr("Light"), Appearance.LIGHT),
                              (self.tr("Dark"), Appearance.DARK)):
            self.appearance.addItem(label, choice.value)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(settings.appearance().value)))

        self.tray = QCheckBox(self.tr("Show an icon in the system tray"), self)
        self.tray.setChecked(settings.tray_enabled())
        self.close_to_tray = QCheckBox(self.tr("Closing the window keeps the app in the tray"), self)
        self.close_to_tray.setChecked(bool(settings.close_to_tray()))
        self.minimise_to_tray = QCheckBox(self.tr("Minimising hides the window to the tray"), self)
        self.minimise_to_tray.setChecked(settings.minimise_to_tray())
        self.tray.toggled.connect(self.close_to_tray.setEnabled)
        self.tray.toggled.connect(self.minimise_to_tray.setEnabled)
        self.close_to_tray.setEnabled(self.tray.isChecked())
        self.minimise_to_tray.setEnabled(self.tray.isChecked())

        # Read from the OS entry itself, so a change made in Task Manager or GNOME Tweaks shows here.
        self.start_at_login = QCheckBox(self.tr("Start OpenKey Desktop when I log in"), self)
        self.start_at_login.setObjectName("startAtLogin")
        self.start_at_login.setChecked(self._autostart.is_enabled())
        self._toner = Toner(self)
        self.start_at_login_error = self._toner.message_label(self, "startAtLoginError", Tone.ERROR)

        self.clear_after = QComboBox(self)
        for seconds in CLEAR_CHOICES:
            self.clear_after.addItem(self.tr("Never") if seconds == 0 else self.tr("{0} seconds").format(seconds),
                                     seconds)
        self.clear_after.setCurrentIndex(max(0, self.clear_after.findData(settings.clipboard_clear_seconds())))

        self.refresh = QComboBox(self)
        for minutes in REFRESH_CHOICES:
            self.refresh.addItem(self.tr("Off") if minutes == 0 else self.tr("Every {0} minutes").format(minutes),
                                 minutes)
        self.refresh.setCurrentIndex(max(0, self.refresh.findData(settings.refresh_minutes())))

        self.auto_checkin = QCheckBox(self.tr("Check in automatically once a day on sites that offer it"), self)
        self.auto_checkin.setObjectName("autoCheckin")
        self.auto_checkin.setChecked(settings.checkin_automatic())

        self._take_shortcut = take_shortcut
        self.shortcut = QKeySequenceEdit(QKeySequence(settings.global_shortcut()), self)
        self.shortcut.setObjectName("globalShortcut")
        self.shortcut.setMaximumSequenceLength(1)
        self.shortcut.setClearButtonEnabled(True)
        self.shortcut.setToolTip(self.tr("Opens quick access from any app; empty for none"))
        self.shortcut.setEnabled(take_shortcut is not None)
        self.shortcut_error = self._toner.message_label(self, "globalShortcutError", Tone.ERROR)

        self.balance = QLineEdit(settings.balance_threshold_money(), self)
        self.balance.setObjectName("balanceEdit")
        self.balance.setPlaceholderText(self.tr("e.g. 5.00 (empty = off)"))
        self.balance_currency = QLabel(currency, self)
        self.balance_currency.setObjectName("balanceCurrency")
        self.balance_currency.setBuddy(self.balance)
        self.balance_error = self._toner.message_label(self, "balanceError", Tone.ERROR)
        self.balance.textEdited.connect(lambda _: self._check_balance())
        balance_row = QHBoxLayout()
        balance_row.setContentsMargins(0, 0, 0, 0)
        balance_row.addWidget(self.balance_currency)
        balance_row.addWidget(self.balance, 1)

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Appearance:"), self.appearance)
        form.addRow(self.tray)
        form.addRow(self.close_to_tray)
        form.addRow(self.minimise_to_tray)
        form.addRow(self.start_at_login)
        form.addRow(self.start_at_login_error)
        form.addRow(self.tr("&Clear copied keys after:"), self.clear_after)
        form.addRow(self.tr("&Refresh in the background:"), self.refresh)
        form.addRow(self.auto_checkin)
        shortcut_label = QLabel(self.tr("&Global shortcut for quick access:"), self)
        shortcut_label.setBuddy(self.shortcut)
        form.addRow(shortcut_label, self.shortcut)
        form.addRow(self.shortcut_error)
        balance_label = QLabel(self.tr("Remind me when the &balance is below:"), self)
        balance_label.setBuddy(self.balance)
        form.addRow(balance_label, balance_row)
        form.addRow(self.balance_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _check_balance(self) -> bool:
        """Say at once, while typing, whether the amount can be used; OK waits for one that can."""
        amount = self.balance.text().strip()
        valid = True
        if amount:
            try:
                valid = parse_money(amount) >= 0
            except ValueError:
                valid = False
        self.balance_error.setText("" if valid else self.tr("Enter an amount such as 5.00, or leave it empty."))
        self._ok.setEnabled(valid)
        return valid

    def save(self) -> None:
        if not self._check_balance():
            self.balance.setFocus()
            return
        if not self._save_start_at_login() or not self._save_shortcut():
            return
        amount = self.balance.text().strip()
        s = self.settings
        s.set_language(self.language.currentData())
        s.set_appearance(Appearance(self.appearance.currentData()))
        s.set_tray_enabled(self.tray.isChecked())
        s.set_close_to_tray(self.close_to_tray.isChecked())
        s.set_minimise_to_tray(self.minimise_to_tray.isChecked())
        s.set_clipboard_clear_seconds(self.clear_after.currentData())
        s.set_refresh_minutes(self.refresh.currentData())
        s.set_checkin_automatic(self.auto_checkin.isChecked())
        s.set_balance_threshold_money(amount)
        s.sync()
        self.accept()

    def _save_shortcut(self) -> bool:
        """Taken from the system at once, so a combination it refuses is said here, not after closing."""
        text = self.shortcut.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        if self._take_shortcut is None or text == self.settings.global_shortcut():
            return True
        problem = self._take_shortcut(text)
        if problem:
            self.shortcut_error.setText(problem)
            self.shortcut.setFocus()
            return False
        self.shortcut_error.clear()
        self.settings.set_global_shortcut(text)
        return True

    def _save_start_at_login(self) -> bool:
        wanted = self.start_at_login.isChecked()
        if wanted == self._autostart.is_enabled():
            return True
        try:
            if wanted:
                self._autostart.enable(launch_command())
            else:
                self._autostart.disable()
        except OSError as exc:
            self.start_at_login_error.setText(
                self.tr("The system did not accept the change: {0}").format(exc.strerror or exc))
            return False
        self.start_at_login_error.clear()
        return True
