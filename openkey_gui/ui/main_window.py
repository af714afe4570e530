"""The main window: the shell that places the rooms and wires the menus, toolbar and status bar to them.

The work is done elsewhere, each job in its own module: ``TokenView`` (the list and the selection),
``KeyCopier`` (keys to the clipboard), ``TokenEditing`` (the token dialogs), ``AccountFlow`` (who is
signed in), ``TokenController`` (the background calls) and ``Tray``. Every command is a
``WindowActions`` action, made once and shown by the menus, the toolbar, the context menu and the tray.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from openkey_gui import __version__, snippets
from openkey_gui.accounts import AccountSlot
from openkey_gui.api import Account, Token, TokenStatus
from openkey_gui.credentials import CredentialStore
from openkey_gui.resources import resource_path
from openkey_gui.session import SignedIn
from openkey_gui.ui.account_flow import AccountFlow
from openkey_gui.ui.account_transfer import AccountTransfer
from openkey_gui.ui.accounts_pane import AccountsPane
from openkey_gui.ui.actions import WindowActions
from openkey_gui.ui.all_accounts_search import AllAccountsSearch
from openkey_gui.ui.appearance import apply_appearance
from openkey_gui.ui.banner import BannerKind
from openkey_gui.ui.clipboard import Clipboard
from openkey_gui.ui.daily_checkin import DailyCheckin
from openkey_gui.ui.dialogs import DialogKind, DialogSlots
from openkey_gui.ui.every_account import every_account
from openkey_gui.ui.global_shortcut import GlobalShortcut
from openkey_gui.ui.i18n import choose_language, current_language, switch_language
from openkey_gui.ui.icons import ActionIcons
from openkey_gui.ui.key_copier import KeyCopier
from openkey_gui.ui.key_export_dialog import KeyExporter
from openkey_gui.ui.key_rotation import KeyRotation
from openkey_gui.ui.key_tester import KeyTester
from openkey_gui.ui.menus import WindowMenus
from openkey_gui.ui.model_list_dialog import ModelCatalogRoom
from openkey_gui.ui.quick_access_palette import QuickAccessPalette
from openkey_gui.ui.reminder_notifier import ReminderNotifier
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.status_area import StatusArea
from openkey_gui.ui.tasks import TaskRunner
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_editing import TokenEditing
from openkey_gui.ui.token_model import TokenTableModel
from openkey_gui.ui.token_view import TokenView
from openkey_gui.ui.tray import Tray
from openkey_gui.ui.usage_panel import UsagePanel
from openkey_gui.ui.usage_room import UsageRoom

CLOCK_TICK_MS = 60_000
DEFAULT_SIZE = (1100, 680)


class MainWindow(QMainWindow):
    """Every account signed in at once; the table shows the one chosen in the accounts sidebar."""

    def __init__(self, settings: AppSettings, store: CredentialStore, runner: TaskRunner | None = None, *,
                 request_timeout: float = 15.0) -> None:
        super().__init__()
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.controller = TokenController(self.runner, self)
        self.clipboard = Clipboard(self, clear_seconds=settings.clipboard_clear_seconds())
        self.model = TokenTableModel(parent=self)
        self.dialogs = DialogSlots()
        self.acts = WindowActions(self)
        self.view = TokenView(self.model, self)
        self.copier = KeyCopier(self.controller, self.model, self.clipboard, settings, self)
        self.key_tester = KeyTester(self, self.controller, self.model, self.runner, timeout=request_timeout)
        self.editing = TokenEditing(self, self.controller, self.view, self.copier, self.dialogs)
        self.rotation = KeyRotation(self, self.controller, self.view, self.copier)
        self.exporter = KeyExporter(self, self.controller, self.clipboard)
        self.catalog = ModelCatalogRoom(self, self.controller, self.model, self.runner, timeout=request_timeout)
        self.accounts = AccountFlow(self, settings, store, self.runner, self.controller, self.dialogs,
                                    request_timeout=request_timeout)
        self.tray = Tray(QIcon(str(resource_path("icons", "openkey.svg"))), model=self.model, actions=self.acts,
                         settings=settings, controller=self.controller, copier=self.copier,
                         accounts=self.accounts, parent=self)
        self.reminders = ReminderNotifier(settings, self._notify, self)
        self.checkin = DailyCheckin(self.controller, settings, self, others=lambda: [
            slot.session for slot in self.accounts.hub.set.signed_in() if slot.session is not None])
        self.quick_access = QuickAccessPalette(every_account(self.accounts.hub.set, self.controller, self.model,
                                                             settings, self.copier, self.clipboard), self)
        self.transfer = AccountTransfer(self, settings, self.accounts)
        self.global_shortcut = GlobalShortcut(self)
        self.global_shortcut.pressed.connect(self.quick_access.open_palette)
        # The widgets tests and scripts reach for, under their long-standing names.
        self.proxy, self.table, self.search, self.banner = self.view.proxy, self.view.table, self.view.search, \
            self.view.banner
        self._quitting = self._shut_down = False
        self._refresh_error_shown = False  # the banner shows a failed refresh, which the next good one ends
        self._new_account = False
        self.setWindowTitle(self.tr("OpenKey Desktop"))
        self._fit_default_size()
        self.setCentralWidget(self.view)
        self.accounts_pane = AccountsPane(self.accounts, self.acts, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.accounts_pane)
        self.all_search = AllAccountsSearch(self.view, self.accounts.hub, self.model, self.copier)
        self.usage = UsagePanel(self, self.acts.usage, UsageRoom(self.runner, self), self.model, self.view, settings)
        self.icons = ActionIcons(self, self.acts)
        self.search.leave_to_window(shortcut for action in self.acts.all() for shortcut in action.shortcuts())
        self.menus = WindowMenus(self, self.acts, view=self.view, copier=self.copier, accounts=self.accounts,
                                 controller=self.controller, settings=settings,
                                 routes_found=self.key_tester.routes_found)
        self.menus.view_menu.addAction(self.accounts_pane.toggleViewAction())  # the sidebar back after a close
        self.status_area = StatusArea(self.statusBar())
        self.count_label, self.clear_now = self.status_area.count_label, self.status_area.clear_now
        self._connect()
        self._restore_layout()
        self._update_actions()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_TICK_MS)
        self._clock.timeout.connect(self.model.refresh_times)
        self._clock.timeout.connect(self.checkin.check_in_if_due)  # the day may have turned
        self._clock.start()
        self._background_refresh = QTimer(self)
        self._background_refresh.timeout.connect(self._refresh_in_background)  # every account, four at a time
        self._refreshing_in_background = False
        self._language_setting = settings.language()
        self.apply_preferences()

    # -- wiring -----------------------------------------------------------------------------------

    def _connect(self) -> None:
        a, c, view, copier, editing, accounts = (self.acts, self.controller, self.view, self.copier, self.editing,
                                                 self.accounts)
        for action, slot in (
            (a.add, self.add_token), (a.edit, editing.edit_token), (a.delete, editing.delete_tokens),
            (a.enable, lambda: editing.set_enabled(True)), (a.disable, lambda: editing.set_enabled(False)),
            (a.copy, lambda: copier.copy_tokens(view.selected_tokens())),
            (a.reveal, lambda: copier.toggle_reveal(view.current_token())),
            (a.copy_base, copier.copy_base_url),
            (a.test_key, lambda: self.key_tester.test(view.current_token())),
            (a.rotate, lambda: self.rotation.rotate(view.current_token())),
            (a.export_keys, lambda: self.exporter.export(view.selected_tokens())), (a.models, self.catalog.show),
            (a.refresh, self.refresh), (a.find, view.focus_search),
            (a.sign_out, accounts.sign_out), (a.add_account, lambda: accounts.show_sign_in(None)),
            (a.devices, self.show_devices), (a.check_in, self.checkin.check_in),
            (a.quick_access, self.quick_access.open_palette),
            (a.export_accounts, self.transfer.export_accounts), (a.import_accounts, self.transfer.import_accounts),
            (a.quit, self.quit_app), (a.about, self.show_about), (a.preferences, self.show_preferences),
            (a.pin, self.toggle_pin), (a.toggle_window, self.toggle_visible),
            (a.clear_clipboard, self.clipboard.clear_if_ours),
            (a.copy_env, lambda: copier.copy_snippet(view.current_token(), snippets.env_block, self.tr(".env block"))),
            (a.copy_curl, lambda: copier.copy_snippet(view.current_token(), snippets.curl_command,
                                                      self.tr("curl command"))),
            (a.copy_python, lambda: copier.copy_snippet(view.current_token(), snippets.python_snippet,
                                                        self.tr("Python"))),
        ):
            action.triggered.connect(slot)
        view.activated.connect(a.copy.trigger)
        view.selection_changed.connect(self._update_actions)
        view.count_changed.connect(self.count_label.setText)
        view.context_menu_requested.connect(self.menus.context_menu)
        self.menus.language_chosen.connect(self.set_language)
        c.tokens_loaded.connect(self._tokens_loaded)
        c.account_loaded.connect(self._show_account)
        c.token_added.connect(self.model.add_token)
        c.token_changed.connect(self._token_changed)
        c.token_removed.connect(self._token_removed)
        c.failed.connect(self._failed)
        for signal in (c.tokens_loaded, c.token_added, c.token_changed, c.token_removed, copier.key_copied,
                       accounts.hub.changed):
            signal.connect(self.tray.schedule_rebuild)
        accounts.attached.connect(self._attached)
        accounts.hub.loaded.connect(self._other_account_loaded)
        accounts.signed_out.connect(self._signed_out)
        accounts.notice.connect(self._show_notice)
        accounts.status.connect(self.statusBar().showMessage)
        copier.failed.connect(self._copy_failed)
        copier.fetching.connect(lambda: self.statusBar().showMessage(self.tr("Fetching the key…")))
        copier.revealed.connect(lambda _: view.show_whole_key())
        editing.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        for room in (self.rotation, self.exporter):
            room.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.runner.busy_changed.connect(self._busy_changed)
        self.clipboard.countdown.connect(self._show_countdown)
        self.clear_now.clicked.connect(self.clipboard.clear_if_ours)
        self.clipboard.copied.connect(lambda what: self.statusBar().showMessage(
            self.tr("Copied {0}.").format(what) if what else self.tr("Copied."), 5000))
        self.tray.shown.connect(lambda: QApplication.setQuitOnLastWindowClosed(False))
        self.checkin.said.connect(self._checkin_said)
        self.checkin.others_changed.connect(self._refresh_account)  # its row shows the new balance
        self.usage.spent_today.connect(accounts.hub.set_spent_today)
        accounts.hub.loaded.connect(lambda _slot: self.checkin.check_in_if_due())  # signed in in the background
        self.transfer.notice.connect(self._show_notice)
        self.checkin.sending.connect(lambda: self.statusBar().showMessage(self.tr("Checking in…")))
        self.tray.test_requested.connect(self.key_tester.test_id)

    # -- what the rooms report --------------------------------------------------------------------

    def _attached(self, session: SignedIn) -> None:
        site = session.site
        self.model.set_display(site.quota_per_unit, *site.currency())
        self.model.set_tokens([])
        self._new_account = True  # its list starts at the top, however far the last one was scrolled
        self._update_title()
        self._show_account(session.account)
        self.banner.hide()
        self.usage.attach(session.client)
        self.accounts.hub.read_today_where_missing()
        self._update_actions()
        self.checkin.check_in_if_due()

    def _signed_out(self) -> None:
        self.usage.detach()
        self.model.set_tokens([])
        self.banner.hide()  # what it said was about the account that just signed out
        self.view.show_account(None, None)
        self._update_title()
        self._update_actions()

    def _tokens_loaded(self, tokens: list[Token]) -> None:
        selected = [t.id for t in self.view.selected_tokens()]
        self.model.set_tokens(tokens)
        self.view.reselect(selected)
        self.usage.tokens_listed(background=self._refreshing_in_background)
        self._refreshing_in_background = False
        if self._new_account:
            self._new_account = False
            self.table.scrollToTop()
        session, shown = self.controller.session, self.accounts.hub.shown()
        if session is not None:  # next turn of the event loop: the new list is painted first
            account, listed, name = self.controller.account, self.model.tokens(), shown.display_name if shown else ""
            QTimer.singleShot(0, self, lambda: self.accounts.hub.holds(session.client) and self.reminders.check(
                session, account, listed, name))
        if os.environ.get("OPENKEY_STARTUP_PROBE"):  # bench/startup.py measures up to this moment
            print(f"openkey-startup-probe: listed {len(tokens)}", flush=True)
        if self._refresh_error_shown and self.banner.isVisible():
            self.banner.hide()  # the failed refresh it reported is over; other errors stay until dismissed
        self._refresh_error_shown = False
        self.statusBar().showMessage(self.tr("Token list refreshed."), 4000)

    def _other_account_loaded(self, slot: AccountSlot) -> None:
        """Reminders for every account, not only the shown one; each names its site."""
        if slot.session is not None and slot.session is not self.controller.session:
            self.reminders.check(slot.session, slot.account, slot.tokens or [], slot.display_name)

    def _token_changed(self, token: Token) -> None:
        if not self.model.update_token(token):
            self.model.add_token(token)
        self._update_actions()

    def _token_removed(self, token_id: int) -> None:
        self.model.remove_token(token_id)
        self.banner.forget_token(token_id)
        self._update_actions()

    def _show_account(self, account: Account) -> None:
        self.view.show_account(self.controller.session, account)
        self.tray.update_tooltip()

    def _failed(self, message: str, retry: object) -> None:
        self._show_notice(message, BannerKind.ERROR, [(self.tr("Retry"), retry)] if callable(retry) else [])
        self._refresh_error_shown = retry == self.controller.refresh

    def _show_notice(self, text: str, kind: BannerKind, actions: list) -> None:
        self._refresh_error_shown = False
        self.banner.show_message(text, kind=kind, actions=actions)
        if kind is BannerKind.ERROR:
            self.statusBar().clearMessage()

    def _refresh_account(self, key: str) -> None:
        slot = self.accounts.hub.set.get(key)
        if slot is not None:
            self.accounts.hub.refresh(slot)

    def _checkin_said(self, text: str, gained: bool) -> None:
        """The check-in's outcome stays in the banner until dismissed; a hidden window says it by the tray."""
        self._show_notice(text, BannerKind.INFO if gained else BannerKind.WARNING, [])
        self.statusBar().showMessage(text, 8000)
        if self.tray.active and not self.isVisible():
            self.tray.notify(self.tr("Daily check-in"), text)

    def _copy_failed(self, message: str) -> None:
        """A copy that did not happen is said, in the window and, when it is hidden, by the tray."""
        hint = self.tr("The clipboard was not changed. Keys you have copied before in this session "
                       "still copy while the site is unreachable.")
        self.statusBar().showMessage(message, 15_000)
        self.banner.show_message(message + " " + hint, kind=BannerKind.WARNING)
        if self.tray.active and not self.isActiveWindow():
            self.tray.notify(self.tr("Nothing copied"), message)

    def _busy_changed(self, running: int, _label: str) -> None:
        self.status_area.set_busy(running > 0)
        if running == 0 and self.statusBar().currentMessage().endswith("…"):
            self.statusBar().clearMessage()

    def _update_actions(self) -> None:
        a = self.acts
        signed_in = self.controller.session is not None
        tokens = self.view.selected_tokens() if signed_in else []
        one = len(tokens) == 1
        for action in (a.add, a.refresh, a.copy_base, a.sign_out, a.copy_as_menu.menuAction(), a.models):
            action.setEnabled(signed_in)
        for action in (a.edit, a.reveal, a.copy_env, a.copy_curl, a.copy_python, a.pin, a.test_key,
                       a.rotate):
            action.setEnabled(one)
        # A New API v1.0 password sign-in is a session the site lists among the account's devices.
        session = self.controller.session
        a.devices.setEnabled(session is not None and session.client.session_grant is not None)
        a.check_in.setEnabled(self.checkin.offered())
        a.copy.setEnabled(bool(tokens))
        a.export_keys.setEnabled(bool(tokens))
        a.delete.setEnabled(bool(tokens))
        # Only what changes something: enabling an enabled token is a no-op the server still charges.
        a.enable.setEnabled(any(t.status is not TokenStatus.ENABLED for t in tokens))
        a.disable.setEnabled(any(t.status is TokenStatus.ENABLED for t in tokens))

    # -- commands handled here ----------------------------------------------------------------------

    def add_token(self) -> None:
        """From the window or the tray: the dialog needs the window in view."""
        if not self.isVisible():
            self.show_window()
        self.editing.add_token()

    def refresh(self) -> None:
        if self.controller.session is not None:
            self.usage.want_full_load()
            self.controller.refresh()

    def _refresh_in_background(self) -> None:
        """The timer's refresh: every account's list (four sites at a time; the shown one through the
        controller), the usage figures within their background budget."""
        if self.controller.session is not None:
            self._refreshing_in_background = True
        self.accounts.hub.refresh_all()

    def toggle_pin(self) -> None:
        token, session = self.view.current_token(), self.controller.session
        if token is None or session is None:
            return
        pinned = token.id not in self.settings.pinned_tokens(session.keyring_key)
        self.settings.set_pinned(session.keyring_key, token.id, pinned)
        self.tray.schedule_rebuild()
        self.statusBar().showMessage(
            (self.tr("Pinned “{0}” to the tray.") if pinned else self.tr("Unpinned “{0}”.")).format(token.name), 4000)

    def set_language(self, code: str) -> None:
        """From the View menu: remembered, and applied at once."""
        self.settings.set_language(code)
        self._apply_language()

    def _apply_language(self) -> None:
        """Install the chosen language's catalogues if the choice changed; the LanguageChange that Qt then
        sends retranslates the window (``_retranslate``). At start-up ``app`` installed them already (a
        ``--lang`` of this run may differ from the setting, and wins until the user chooses again)."""
        chosen = self.settings.language()
        if chosen == self._language_setting:
            return
        self._language_setting = chosen
        language = choose_language(chosen)
        if language != current_language():
            switch_language(QApplication.instance(), language)

    def _retranslate(self) -> None:
        """Everything the window shows, again in the language just installed: no restart needed."""
        self.acts.retranslate()
        self.menus.retranslate()
        self.view.retranslate()
        self.usage.retranslate()
        self.status_area.retranslate()
        self.accounts_pane.retranslate()
        self.all_search.retranslate()
        selected = [t.id for t in self.view.selected_tokens()]
        self.model.retranslate()
        self.view.reselect(selected)
        self._update_title()
        if self.controller.session is not None and self.controller.account is not None:
            self._show_account(self.controller.account)
        self.tray.rebuild_menu()
        self.tray.update_tooltip()
        self.statusBar().clearMessage()  # a passing message in the old language would linger

    def _update_title(self) -> None:
        session = self.controller.session
        if session is None:
            self.setWindowTitle(self.tr("OpenKey Desktop"))
        else:
            self.setWindowTitle(self.tr("OpenKey Desktop — {0}").format(
                session.site.system_name or session.client.base_url))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About OpenKey Desktop"), self.tr(
            "<b>OpenKey Desktop</b> {0}<br>Manage the API tokens of One API and New API sites such as "
            "openkey.cloud.<br><br>Your sign-in is kept in the system keyring; keys are never written to "
            "disk.").format(__version__))

    def show_preferences(self) -> None:
        from openkey_gui.ui.preferences_dialog import PreferencesDialog

        session = self.controller.session
        dialog = PreferencesDialog(self.settings, self, currency=session.site.currency()[0] if session else "$",
                                   take_shortcut=self.global_shortcut.apply)
        dialog.accepted.connect(self.apply_preferences)
        self.dialogs.replace(DialogKind.PREFERENCES, dialog)
        dialog.open()

    def show_devices(self) -> None:
        from openkey_gui.ui.devices_dialog import DevicesDialog

        session = self.controller.session
        if session is None:
            return
        dialog = DevicesDialog(self.runner, session.client, self)
        self.dialogs.replace(DialogKind.DEVICES, dialog)
        dialog.open()

    def apply_preferences(self) -> None:
        apply_appearance(self.settings.appearance())
        self._apply_language()
        self.clipboard.set_clear_seconds(self.settings.clipboard_clear_seconds())
        minutes = self.settings.refresh_minutes()
        if minutes > 0:
            self._background_refresh.start(minutes * 60_000)
        else:
            self._background_refresh.stop()
        problem = self.global_shortcut.apply(self.settings.global_shortcut())
        if problem:  # at start-up: the chosen shortcut is no longer available (another app took it)
            self._show_notice(problem, BannerKind.WARNING, [])
        self.checkin.check_in_if_due()  # turned on just now: today's check-in need not wait for the clock
        if self.settings.tray_enabled() and not self.tray.active and self.isVisible():
            self.tray.start()
        elif not self.settings.tray_enabled() and self.tray.active:
            self.tray.stop()
            QApplication.setQuitOnLastWindowClosed(True)

    def _notify(self, title: str, message: str) -> None:
        if self.tray.active:
            self.tray.notify(title, message)
        else:
            self.statusBar().showMessage(f"{title}: {message}", 10_000)

    def _show_countdown(self, seconds: int) -> None:
        self.status_area.show_countdown(seconds)
        self.acts.clear_clipboard.setEnabled(seconds > 0)
        self.acts.clear_clipboard.setText(self.tr("Clear clipboard now ({0} s)").format(seconds) if seconds > 0
                                          else self.tr("Clear clipboard now"))
        self.tray.set_countdown(seconds)

    # -- window life: tray, layout, closing -----------------------------------------------------------

    def enable_tray(self) -> None:
        if self.settings.tray_enabled():
            self.tray.start()

    def toggle_visible(self) -> None:
        if self.isVisible() and not self.isMinimized():
            self.hide()
        else:
            self.show_window()

    def show_window(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        """Quit from the menu or the tray: the window really closes, then the application ends."""
        self._quitting = True
        self.close()
        QApplication.quit()

    def shutdown(self) -> None:
        """The one way out (window closed for good, tray quit, or the application ending; called once).

        Clears our secret from the clipboard, saves the layout and stops background work.
        """
        if self._shut_down:
            return
        self._shut_down = True
        self.clipboard.clear_if_ours()
        self.save_layout()
        self.runner.cancel_all()
        self.tray.stop()
        self.global_shortcut.stop()

    def _fit_default_size(self) -> None:
        """1100x680 where the screen has room; on a small one (1366x800 at 150 % is 911x533) most of it."""
        available = self.screen().availableGeometry()
        width = min(DEFAULT_SIZE[0], int(available.width() * 0.95))
        height = min(DEFAULT_SIZE[1], int(available.height() * 0.9))
        self.resize(width, height)
        self.move(available.x() + (available.width() - width) // 2, available.y() + (available.height() - height) // 2)

    def _restore_layout(self) -> None:
        for name, restore in (("geometry", self.restoreGeometry), ("state", self.restoreState),
                              ("table_header", self.table.horizontalHeader().restoreState)):
            state = self.settings.window_state(name)
            if state is not None:
                restore(state)

    def save_layout(self) -> None:
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state("state", self.saveState())
        self.settings.set_window_state("table_header", self.table.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close-to-tray for a user's close only: a quit, or the OS ending the session, really closes."""
        app = QApplication.instance()
        session_ending = isinstance(app, QGuiApplication) and app.isSavingSession()
        if self.tray.active and not self._quitting and event.spontaneous() and not session_ending:
            keep = self.settings.close_to_tray()
            if keep is None:
                keep = self._ask_close_to_tray()
            if keep:
                self.save_layout()
                event.ignore()
                self.hide()
                return
        tray_was_on = self.tray.active
        self.shutdown()
        super().closeEvent(event)
        if tray_was_on and not self._quitting:  # the last window closing no longer quits while the tray is on
            QApplication.quit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif (event.type() == QEvent.Type.WindowStateChange and self.isMinimized() and self.tray.active
                and self.settings.minimise_to_tray()):
            QTimer.singleShot(0, self.hide)

    def _ask_close_to_tray(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Keep running in the tray?"),
            self.tr("OpenKey Desktop can keep running in the system tray, so keys stay one click away. "
                    "Keep it running when the window is closed? (You can change this in Preferences.)"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        keep = answer == QMessageBox.StandardButton.Yes
        self.settings.set_close_to_tray(keep)
        return keep
