"""The main window: account header, search and filter, the token table, and every token action.

It renders what the :class:`TokenController` reports and turns clicks and keys into controller calls;
the rules (validation, quota maths, what the server needs) live below it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from openkey_gui import __version__, snippets
from openkey_gui.api import Account, Flavor, Token, TokenDraft, TokenStatus
from openkey_gui.api.quota import format_money, format_units
from openkey_gui.credentials import CredentialStore
from openkey_gui.resources import resource_path
from openkey_gui.session import SignedIn, SignInRequest, same_account, sign_in
from openkey_gui.token_labels import label_among, tail_label
from openkey_gui.ui.banner import Banner, BannerKind
from openkey_gui.ui.clipboard import Clipboard
from openkey_gui.ui.debounce import Debounce
from openkey_gui.ui.reminder_notifier import ReminderNotifier
from openkey_gui.ui.settings import AccountEntry, AppSettings
from openkey_gui.ui.sign_in_dialog import SignInDialog
from openkey_gui.ui.tasks import TaskRunner
from openkey_gui.ui.token_cells import Column
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_dialog import TokenDialog
from openkey_gui.ui.token_filter import TokenFilterProxy
from openkey_gui.ui.token_model import TokenTableModel
from openkey_gui.ui.tray import Tray, usable

SEARCH_DEBOUNCE_MS = 120
CREATED_BANNER_MS = 120_000  # "Token created · Copy key" stays two minutes, long enough to switch apps
CLOCK_TICK_MS = 60_000
DEFAULT_COLUMN_WIDTHS = {
    Column.NAME: 180, Column.STATUS: 85, Column.KEY: 135, Column.REMAINING: 135,
    Column.USED: 125, Column.CREATED: 130, Column.EXPIRES: 105, Column.LAST_USED: 130,
}


class SearchField(QLineEdit):
    """Esc clears, Down moves into the table (KeePassXC's habit)."""

    def __init__(self, on_down: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_down = on_down

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self._on_down()
            return
        super().keyPressEvent(event)


class TokenTable(QTableView):
    """Enter and Ctrl+C copy keys; Qt's own table copy (the current cell's text) never runs.

    Qt's ``QAbstractItemView`` answers the Copy key sequence by copying the current cell, which is a
    token's *name* when the window's copy action happens to be disabled: the user would paste a name
    where a key belongs, with no message. Both keys therefore go to the window's copy.
    """

    def __init__(self, on_activate: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_activate = on_activate

    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self._on_activate()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activate()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    """One signed-in account at a time; the account menu switches between remembered ones."""


    def __init__(
        self,
        settings: AppSettings,
        store: CredentialStore,
        runner: TaskRunner | None = None,
        *,
        request_timeout: float = 15.0,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.runner = runner or TaskRunner(self)
        self.request_timeout = request_timeout
        self.controller = TokenController(self.runner, self)
        self.clipboard = Clipboard(self, clear_seconds=settings.clipboard_clear_seconds())
        self._account: Account | None = None
        self._quitting = False
        self.model = TokenTableModel(parent=self)
        self.proxy = TokenFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.setWindowTitle(self.tr("OpenKey Desktop"))
        self.resize(1100, 680)
        self._build_actions()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._restore_layout()
        self._update_actions()

        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_TICK_MS)
        self._clock.timeout.connect(self.model.refresh_times)
        self._clock.start()

        self.tray = Tray(self, QIcon(str(resource_path("icons", "openkey.svg"))), self)
        self.tray.shown.connect(lambda: QApplication.setQuitOnLastWindowClosed(False))
        self.tray.clear_action.triggered.connect(self.clipboard.clear_if_ours)
        # The menu follows the token list, not the model's minute-by-minute relative-time updates.
        for signal in (self.controller.tokens_loaded, self.controller.token_added,
                       self.controller.token_changed, self.controller.token_removed):
            signal.connect(self.tray.schedule_rebuild)
        self.reminders = ReminderNotifier(self.settings, self._notify, self)
        self._background_refresh = QTimer(self)
        self._background_refresh.timeout.connect(self.refresh)
        self.apply_preferences()

    # -- construction -----------------------------------------------------------------------------

    def _action(self, name: str, text: str, shortcut: QKeySequence | str | None, slot: Callable[[], Any],
                tip: str = "", icon: QIcon.ThemeIcon | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if icon is not None:
            action.setIcon(QIcon.fromTheme(icon))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shown = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText) if shortcut else ""
        tip_text = tip or text.replace("&", "")
        action.setToolTip(f"{tip_text} ({shown})" if shown else tip_text)
        action.setStatusTip(tip_text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        ti = QIcon.ThemeIcon
        self.act_add = self._action("action_add", self.tr("&Add token…"), QKeySequence.StandardKey.New, self.add_token,
                                    self.tr("Create a new token"), ti.ListAdd)
        self.act_edit = self._action("action_edit", self.tr("&Edit…"), "F2", self.edit_token,
                                     self.tr("Edit the selected token"), ti.DocumentProperties)
        self.act_enable = self._action("action_enable",
                                       self.tr("E&nable"), "Ctrl+Shift+E", lambda: self.set_enabled(True),
                                       self.tr("Enable the selected tokens"), ti.MediaPlaybackStart)
        self.act_disable = self._action("action_disable",
                                        self.tr("&Disable"), "Ctrl+Shift+D", lambda: self.set_enabled(False),
                                        self.tr("Disable the selected tokens"), ti.MediaPlaybackPause)
        self.act_delete = self._action("action_delete",
                                       self.tr("De&lete…"), QKeySequence.StandardKey.Delete, self.delete_tokens,
                                       self.tr("Delete the selected tokens"), ti.EditDelete)
        self.act_copy = self._action("action_copy", self.tr("&Copy key"), QKeySequence.StandardKey.Copy, self.copy_key,
                                     self.tr("Copy the selected token's full key"), ti.EditCopy)
        self.act_reveal = self._action("action_reveal", self.tr("&Show key"), "Ctrl+Shift+K", self.toggle_reveal,
                                       self.tr("Show or hide the selected token's key in the table"))
        self.act_copy_base = self._action("action_copy_base",
                                          self.tr("API &base URL"), "Ctrl+Shift+B", self.copy_base_url,
                                          self.tr("Copy the API base URL for SDKs"))
        self.act_copy_env = self._action("action_copy_env", self.tr("&.env block"), "Ctrl+Shift+V",
                                         lambda: self.copy_snippet(snippets.env_block, self.tr(".env block")))
        self.act_copy_curl = self._action("action_copy_curl", self.tr("c&url command"), None,
                                          lambda: self.copy_snippet(snippets.curl_command, self.tr("curl command")))
        self.act_copy_python = self._action("action_copy_python", self.tr("&Python (openai)"), None,
                                            lambda: self.copy_snippet(snippets.python_snippet, self.tr("Python")))
        self.act_refresh = self._action("action_refresh",
                                        self.tr("&Refresh"), QKeySequence.StandardKey.Refresh, self.refresh,
                                        self.tr("Reload tokens and balance"), ti.ViewRefresh)
        self.act_find = self._action("action_find", self.tr("&Find"), QKeySequence.StandardKey.Find, self.focus_search)
        self.act_sign_out = self._action("action_sign_out", self.tr("Sign &out"), None, self.sign_out)
        self.act_add_account = self._action("action_add_account",
                                            self.tr("Add &account…"), None, lambda: self.show_sign_in(None))
        self.act_quit = self._action("action_quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.act_about = self._action("action_about", self.tr("&About OpenKey Desktop"), None, self.show_about)
        self.act_preferences = self._action("action_preferences", self.tr("&Preferences…"), "Ctrl+,",
                                            self.show_preferences)
        self.act_pin = self._action("action_pin", self.tr("&Pin to tray"), "Ctrl+Shift+P", self.toggle_pin,
                                    self.tr("Show the selected token at the top of the tray menu"))
        self.act_pin.setCheckable(True)

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)

        self.header_label = QLabel(self.tr("Not signed in"), central)
        self.header_label.setTextFormat(Qt.TextFormat.RichText)
        self.header_label.setObjectName("accountHeader")
        layout.addWidget(self.header_label)

        filters = QHBoxLayout()
        self.search = SearchField(self.focus_table, central)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText(self.tr("Search by name, group or model  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(central)
        self.status_filter.setObjectName("statusFilter")
        for label, status in (
            (self.tr("All"), None),
            (self.tr("Enabled"), TokenStatus.ENABLED),
            (self.tr("Disabled"), TokenStatus.DISABLED),
            (self.tr("Expired"), TokenStatus.EXPIRED),
            (self.tr("Exhausted"), TokenStatus.EXHAUSTED),
        ):
            self.status_filter.addItem(label, status)
        self.status_filter.setToolTip(self.tr("Show only tokens with this status"))
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        layout.addLayout(filters)

        self.banner = Banner(central)
        layout.addWidget(self.banner)

        self.table = TokenTable(self.copy_key, central)
        self.table.setObjectName("tokenTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in DEFAULT_COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSortIndicator(Column.CREATED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)

        self._search_timer = Debounce(lambda: self.proxy.set_search_text(self.search.text()), SEARCH_DEBOUNCE_MS, self)

        toolbar = QToolBar(self.tr("Tokens"), self)
        toolbar.setObjectName("tokensToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.act_add, self.act_edit, self.act_enable, self.act_disable, self.act_delete):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.act_copy)
        self.copy_as_menu = QMenu(self.tr("Copy &as"), self)
        self.copy_as_menu.setObjectName("copyAsMenu")
        toolbar.addAction(self.copy_as_menu.menuAction())
        copy_as_button = toolbar.widgetForAction(self.copy_as_menu.menuAction())
        if isinstance(copy_as_button, QToolButton):  # a click anywhere on it opens the menu
            copy_as_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addSeparator()
        toolbar.addAction(self.act_refresh)
        self.addToolBar(toolbar)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.account_menu = bar.addMenu(self.tr("&Account"))
        token_menu = bar.addMenu(self.tr("&Token"))
        for action in (self.act_add, self.act_edit, self.act_enable, self.act_disable, self.act_delete):
            token_menu.addAction(action)
        token_menu.addSeparator()
        token_menu.addAction(self.act_copy)
        token_menu.addMenu(self.copy_as_menu)
        token_menu.addAction(self.act_reveal)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.act_find)
        view_menu.addAction(self.act_refresh)
        view_menu.addSeparator()
        view_menu.addAction(self.act_preferences)
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        current = self.settings.language()
        languages = QActionGroup(self)
        languages.setExclusive(True)
        for label, code in ((self.tr("System default"), ""), ("English", "en"), ("简体中文", "zh_CN")):
            action = self.language_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(code == current)
            languages.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_about)
        self.account_menu.aboutToShow.connect(self._fill_account_menu)
        self.copy_as_menu.aboutToShow.connect(self._fill_copy_as_menu)
        self._fill_account_menu()
        self._fill_copy_as_menu()

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("tokenCount")
        self.countdown_label = QLabel(self)
        self.countdown_label.hide()
        self.clear_now = QToolButton(self)
        self.clear_now.setObjectName("clearClipboardNow")
        self.clear_now.setText(self.tr("Clear now"))
        self.clear_now.setAutoRaise(True)
        self.clear_now.setToolTip(self.tr("Remove the copied key from the clipboard now"))
        self.clear_now.hide()
        self.statusBar().addPermanentWidget(self.countdown_label)
        self.statusBar().addPermanentWidget(self.clear_now)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.progress)

    def _connect(self) -> None:
        c = self.controller
        c.tokens_loaded.connect(self._tokens_loaded)
        c.account_loaded.connect(self._show_account)
        c.token_added.connect(self._token_added)
        c.token_changed.connect(self._token_changed)
        c.token_removed.connect(self._token_removed)
        c.failed.connect(self._show_failure)
        c.session_expired.connect(self._session_expired)
        self.runner.busy_changed.connect(self._busy_changed)
        self.search.textChanged.connect(self._search_timer.start)
        self.status_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_status_filter(self.status_filter.currentData()))
        self.table.doubleClicked.connect(lambda _: self.copy_key())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        # Counted once things settle: mid-change, the model and the proxy may disagree for a moment.
        self._count_later = Debounce(self._update_count, 0, self)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.modelReset):
            signal.connect(self._count_later.start)
        self.controller.keys_revealed.connect(self._keys_revealed)
        self.clipboard.countdown.connect(self._show_countdown)
        self.clear_now.clicked.connect(self.clipboard.clear_if_ours)
        self.clipboard.copied.connect(lambda what: self.statusBar().showMessage(
            self.tr("Copied {0}.").format(what) if what else self.tr("Copied."), 5000))

    # -- session ----------------------------------------------------------------------------------

    def sign_in_with(
        self,
        request: SignInRequest,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        demo: bool = False,
    ) -> None:
        """Sign in in the background (at start-up with a remembered account, or the demo server)."""
        self.statusBar().showMessage(self.tr("Signing in to {0}…").format(request.server_url))
        store = None if demo else self.store
        timeout = self.request_timeout

        def signed_in(session: SignedIn) -> None:
            session.demo = demo
            self.attach_session(session)

        def failed(exc: BaseException) -> None:
            if on_error is not None:
                on_error(exc)
            else:
                self._show_failure(str(exc), lambda: self.sign_in_with(request, demo=demo))

        self.runner.run(lambda: sign_in(request, store, timeout=timeout), on_success=signed_in,
                        on_error=failed, label="sign-in")

    def sign_in_remembered(self, entry: AccountEntry) -> None:
        """Load the keyring credential and sign in silently; without one, ask."""
        store = self.store

        def loaded(credential: Any) -> None:
            if credential is None:
                self.show_sign_in(entry)
                return
            request = SignInRequest.from_credential(entry.server_url, credential)
            self.sign_in_with(request, on_error=lambda exc: self._remembered_failed(entry, exc))

        self.runner.run(lambda: store.load(entry.key), on_success=loaded,
                        on_error=lambda exc: self._remembered_failed(entry, exc), label="keyring")

    def _remembered_failed(self, entry: AccountEntry, exc: BaseException) -> None:
        self.banner.show_message(
            self.tr("Could not sign in to {0} automatically: {1}").format(entry.label, exc),
            actions=[(self.tr("Retry"), lambda: self.sign_in_remembered(entry)),
                     (self.tr("Sign in…"), lambda: self.show_sign_in(entry))],
        )

    def show_sign_in(self, entry: AccountEntry | None = None) -> SignInDialog:
        store, timeout = self.store, self.request_timeout
        def probe(url: str) -> Any:
            from openkey_gui.api import OpenKeyClient

            client = OpenKeyClient(url, timeout=timeout)
            try:
                return client.status()
            finally:
                client.close()

        dialog = SignInDialog(
            self.runner,
            lambda request: sign_in(request, store, timeout=timeout),
            recent_sites=self.settings.recent_sites(),
            probe=probe,
            initial=entry,
            parent=self,
        )
        dialog.accepted.connect(lambda: dialog.signed_in and self.attach_session(dialog.signed_in))
        self._replace_dialog("sign_in_dialog", dialog)
        dialog.open()
        no_keyring = self.tr(
            "No system keyring was found, so this sign-in cannot be remembered: you will be asked "
            "again next time. (On Linux install GNOME Keyring or KWallet.)")

        def keyring_checked(available: bool) -> None:
            if not available and _alive(dialog):
                dialog.set_keyring_message(no_keyring)

        # Probing the keyring may mean a D-Bus round trip: never on the GUI thread.
        self.runner.run(store.available, on_success=keyring_checked, label="keyring")
        return dialog

    def _replace_dialog(self, name: str, dialog: QWidget) -> None:
        """Keep one dialog of each kind: the one it replaces is deleted, not left hidden in memory.

        Sign-in dialogs are the exception: deleting a finished one crashed the interpreter now and then
        (PySide6 6.11, seen in tests/reliability/test_secrets.py); they keep no secret once closed.
        """
        old = getattr(self, name, None)
        if old is not None and _alive(old) and old is not dialog and not isinstance(old, SignInDialog):
            old.deleteLater()
        setattr(self, name, dialog)

    def _close_account_dialogs(self) -> None:
        """A token dialog or delete question belongs to the account it was opened for."""
        for name in ("token_dialog", "delete_box"):
            dialog = getattr(self, name, None)
            if dialog is not None and _alive(dialog) and dialog.isVisible():
                dialog.reject()

    def attach_session(self, session: SignedIn) -> None:
        old = self.controller.session
        if old is not None and not same_account(old, session):
            self._close_account_dialogs()  # confirming it now would act on the other account
        self.controller.attach(session)
        if old is not None and old.client is not session.client:
            old.client.close()
        entry = _entry_of(session)
        if not session.demo:
            self.settings.add_recent_site(session.client.base_url)
            self.settings.remember_account(entry)
        site = session.site
        self.model.set_display(site.quota_per_unit, *site.currency())
        self.model.set_tokens([])
        self.setWindowTitle(self.tr("OpenKey Desktop — {0}").format(site.system_name or session.client.base_url))
        self._show_account(session.account)
        if session.keyring_warning:
            self.banner.show_message(session.keyring_warning, kind=BannerKind.WARNING)
        else:
            self.banner.hide()
        self._update_actions()
        # A re-sign-in finishes what the expired session interrupted (refreshing first).
        if not self.controller.resume_pending():
            self.refresh()

    def sign_out(self) -> None:
        session = self.controller.session
        if session is None:
            return
        key = session.keyring_key
        store = self.store
        self.runner.run(lambda: store.forget(key), label="forget",
                        on_error=lambda exc: self.banner.show_message(str(exc), kind=BannerKind.WARNING))
        self.settings.forget_account(key)
        self._close_account_dialogs()
        self.controller.sign_out()
        self.model.set_tokens([])
        self.header_label.setText(self.tr("Not signed in"))
        self.setWindowTitle(self.tr("OpenKey Desktop"))
        self._update_actions()
        self.show_sign_in(None)

    def _session_expired(self, message: str) -> None:
        session = self.controller.session
        entry = _entry_of(session) if session is not None else None
        self.banner.show_message(
            self.tr("Your session has ended: {0}").format(message),
            actions=[(self.tr("Sign in again…"), lambda: self.show_sign_in(entry))],
        )
        # An open (modal) token dialog hides the banner's button: ask for the sign-in at once.
        modal = QApplication.activeModalWidget()
        asking = getattr(self, "sign_in_dialog", None)
        if modal is not None and modal is not asking and not (asking is not None and asking.isVisible()):
            self.show_sign_in(entry)

    # -- token actions ----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.controller.session is None:
            return
        self.controller.refresh()

    def selected_tokens(self) -> list[Token]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.token_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()) for r in rows]

    def current_token(self) -> Token | None:
        tokens = self.selected_tokens()
        return tokens[0] if tokens else None

    def add_token(self) -> None:
        if self.controller.session is None:
            return
        dialog = self._token_dialog(None)

        def submitted(drafts: list[TokenDraft]) -> None:
            dialog.set_busy(True)

            def done(made: list[Token]) -> None:
                dialog.accept()
                if made:
                    self._created(made)

            def failed(message: str) -> None:
                dialog.set_busy(False)
                dialog.show_error(message)

            self.controller.create(drafts, done, failed)

        dialog.submitted.connect(submitted)
        dialog.open()

    def edit_token(self) -> None:
        token = self.current_token()
        if token is None or self.controller.session is None:
            return
        dialog = self._token_dialog(token)

        def submitted(drafts: list[TokenDraft]) -> None:
            before = token.to_draft()
            after = drafts[0]
            changes = {name: getattr(after, name) for name in before.__dataclass_fields__
                       if getattr(after, name) != getattr(before, name)}
            if not changes:
                dialog.accept()
                return
            dialog.set_busy(True)

            def failed(message: str) -> None:
                dialog.set_busy(False)
                dialog.show_error(message)

            def done(updated: Token) -> None:
                dialog.accept()
                self.statusBar().showMessage(self.tr("Saved “{0}”.").format(updated.name), 5000)

            self.controller.update(token.id, changes, done, failed)

        dialog.submitted.connect(submitted)
        dialog.open()

    def _token_dialog(self, token: Token | None) -> TokenDialog:
        site = self.controller.site
        groups = sorted({t.group for t in self.model.tokens() if t.group} | {"default"})
        dialog = TokenDialog(self, flavor=site.flavor, quota_per_unit=site.quota_per_unit,
                             available_models=self.controller.models, groups=groups if
                             site.flavor is Flavor.NEW_API else (), token=token)
        if not self.controller.models:
            self.controller.load_models(lambda models: _alive(dialog) and dialog.set_available_models(models))
        self._replace_dialog("token_dialog", dialog)
        return dialog

    def set_enabled(self, enabled: bool) -> None:
        tokens = self.selected_tokens()
        if tokens and self.controller.session is not None:
            self.controller.set_enabled(tokens, enabled)

    def delete_tokens(self) -> None:
        tokens = self.selected_tokens()
        if not tokens or self.controller.session is None:
            return
        if len(tokens) == 1:
            # The key's tail always: two tokens may share the name, and this cannot be undone.
            question = self.tr("Delete the token “{0}”?").format(tail_label(tokens[0]))
        else:
            question = self.tr("Delete %n tokens?", "", len(tokens))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete token"), question,
                          QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a token name is the server's text, never markup
        box.setInformativeText(self.tr("Every app that uses its key stops working at once. "
                                       "This cannot be undone."))
        delete_button = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _: box.clickedButton() is delete_button and self.controller.delete(tokens))
        self._replace_dialog("delete_box", box)
        box.open()

    def copy_key(self) -> None:
        """Ctrl+C, Enter, double-click: one key, or every selected key as ``NAME=key`` lines."""
        tokens = self.selected_tokens()
        if len(tokens) == 1:
            self.copy_key_for(tokens[0].id)
        elif tokens:
            self.copy_keys_of(tokens)

    def copy_key_for(self, token_id: int) -> None:
        """The one way a single key reaches the clipboard, from the window, the banner or the tray.

        The token is named by id, never "whatever is selected now". A copy that cannot get the key
        says why and counts for nothing; one that succeeds feeds the tray's "recent" list.
        """
        row = self.model.row_of(token_id)
        session = self.controller.session
        if row is None or session is None:
            self._say_copy_failed(self.tr("the key"), self.tr("That token is no longer in the list."))
            return
        token = self.model.token_at(row)
        label = label_among(token, self.model.tokens())
        account = session.keyring_key

        def copy(keys: dict[int, str]) -> None:
            self.clipboard.copy_secret(keys[token_id], self.tr("the key of “{0}”").format(label))
            if self.controller.session is session:
                self.settings.note_copied(account, token_id)
                self.tray.schedule_rebuild()

        self._with_keys([token], copy, lambda message: self._say_copy_failed(
            self.tr("the key of “{0}”").format(label), message))

    def copy_keys_of(self, tokens: list[Token]) -> None:
        """Several keys at once as ``NAME=key`` lines (fetched first where the server listed masks)."""
        ids = [t.id for t in tokens]
        names = {t.id: t.name for t in tokens}

        def copy(keys: dict[int, str]) -> None:
            text = snippets.env_lines([(names[i], keys[i]) for i in ids])
            self.clipboard.copy_secret(text, self.tr("%n keys as NAME=key lines", "", len(ids)))

        self._with_keys(tokens, copy, lambda message: self._say_copy_failed(
            self.tr("%n keys", "", len(ids)), message))

    def copy_snippet(self, make: Callable[[str, str], str], what: str) -> None:
        token = self.current_token()
        session = self.controller.session
        if token is None or session is None:
            return
        site_url = session.client.base_url
        self._with_keys([token], lambda keys: self.clipboard.copy_secret(make(keys[token.id], site_url), what),
                        lambda message: self._say_copy_failed(what, message))

    def copy_base_url(self) -> None:
        session = self.controller.session
        if session is not None:
            self.clipboard.copy_text(snippets.api_base_url(session.client.base_url), self.tr("the API base URL"))

    def copy_client_link(self, name: str) -> None:
        token = self.current_token()
        session = self.controller.session
        if token is None or session is None:
            return
        what = self.tr("the {0} link").format(name)

        def copy(keys: dict[int, str]) -> None:
            for link in snippets.client_links(keys[token.id], session.client.base_url, session.site):
                if link.name == name:
                    self.clipboard.copy_secret(link.url, what)

        self._with_keys([token], copy, lambda message: self._say_copy_failed(what, message))

    def toggle_reveal(self) -> None:
        token = self.current_token()
        if token is None:
            return
        if self.model.is_revealed(token.id):
            self.model.set_revealed(token.id, False)
            return

        def show(_keys: dict[int, str]) -> None:
            self.model.set_revealed(token.id, True)
            self.table.resizeColumnToContents(Column.KEY)  # the whole key, not "sk-abc…"

        self._with_keys([token], show, lambda message: self._say_copy_failed(
            self.tr("the key of “{0}”").format(token.name), message, show=True))

    def _with_keys(self, tokens: list[Token], use: Callable[[dict[int, str]], None],
                   failed: Callable[[str], None]) -> None:
        """``use({id: full key})``; keys not yet known are fetched first (the status bar says so)."""
        if any(self.controller.known_key(t) is None for t in tokens):
            self.statusBar().showMessage(self.tr("Fetching the key…"))
        self.controller.fetch_keys(tokens, use, failed)

    def _say_copy_failed(self, what: str, reason: str, *, show: bool = False) -> None:
        """A copy that did not happen is said, in the window and, when it is hidden, by the tray."""
        message = (self.tr("Could not show {0}: {1}") if show else self.tr("Could not copy {0}: {1}")).format(
            what, reason)
        hint = self.tr("The clipboard was not changed. Keys you have copied before in this session "
                       "still copy while the site is unreachable.")
        self.statusBar().showMessage(message, 15_000)
        self.banner.show_message(message + " " + hint, kind=BannerKind.WARNING)
        if self.tray.active and not self.isActiveWindow():
            self.tray.notify(self.tr("Nothing copied"), message)

    def _keys_revealed(self, keys: dict[int, str]) -> None:
        for token_id, key in keys.items():
            row = self.model.row_of(token_id)
            if row is not None:
                self.model.update_token(self.model.token_at(row).with_key(key))

    # -- controller results -----------------------------------------------------------------------

    def _tokens_loaded(self, tokens: list[Token]) -> None:
        selected = {t.id for t in self.selected_tokens()}
        self.model.set_tokens(tokens)
        self._update_count()
        for token_id in selected:
            self._select(token_id, clear=False)
        session = self.controller.session
        if session is not None:
            self.reminders.check(session, self._account, self.model.tokens())
        if os.environ.get("OPENKEY_STARTUP_PROBE"):  # bench/startup.py measures up to this moment
            print(f"openkey-startup-probe: listed {len(tokens)}", flush=True)
        self.statusBar().showMessage(self.tr("Token list refreshed."), 4000)

    def _token_added(self, token: Token) -> None:
        self.model.add_token(token)

    def _token_changed(self, token: Token) -> None:
        if not self.model.update_token(token):
            self.model.add_token(token)
        self._update_actions()

    def _token_removed(self, token_id: int) -> None:
        self.model.remove_token(token_id)
        self.banner.forget_token(token_id)
        self._update_actions()

    def _created(self, made: list[Token]) -> None:
        """Show and select what was made, and offer its key; the banner copies exactly that token."""
        first = made[0]
        if self._show_despite_filter(first.id):
            self.statusBar().showMessage(self.tr("The search was cleared to show the new token."), 8000)
        self._select(first.id)
        self.table.setFocus()
        if len(made) == 1:
            text = self.tr("Token “{0}” created.").format(label_among(first, self.model.tokens()))
            copy: Callable[[], None] = lambda: self.copy_key_for(first.id)  # noqa: E731
        else:
            text = self.tr("%n tokens created.", "", len(made))
            made_now = [t for t in made if self.model.row_of(t.id) is not None]
            copy = lambda: self.copy_keys_of(made_now)  # noqa: E731
        button = self.tr("Copy key") if len(made) == 1 else self.tr("Copy %n keys", "", len(made))
        self.banner.show_message(text, kind=BannerKind.INFO, actions=[(button, copy)], token_id=first.id,
                                 timeout_ms=CREATED_BANNER_MS)
        self.banner.button(0).setFocus()

    def _show_despite_filter(self, token_id: int) -> bool:
        """Clear the search and status filter if they hide ``token_id``; True if anything was cleared."""
        row = self.model.row_of(token_id)
        if row is None or self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            return False
        self._search_timer.stop()
        self.search.clear()
        self.proxy.set_search_text("")
        self.status_filter.setCurrentIndex(0)
        self.proxy.set_status_filter(None)
        return True

    def _select(self, token_id: int, *, clear: bool = True) -> None:
        row = self.model.row_of(token_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return
        flag = QItemSelectionModel.SelectionFlag
        flags = (flag.ClearAndSelect if clear else flag.Select) | flag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _show_account(self, account: Account) -> None:
        session = self.controller.session
        if session is None:
            return
        self._account = account
        self.tray.update_tooltip()
        site = session.site
        symbol, rate = site.currency()
        balance = format_money(account.quota, site.quota_per_unit, symbol=symbol, rate=rate)
        used = format_money(account.used_quota, site.quota_per_unit, symbol=symbol, rate=rate)
        name = account.username
        if account.display_name and account.display_name != account.username:
            name = f"{account.display_name} ({account.username})"
        self.header_label.setText(self.tr(
            "<b>{0}</b> on <b>{1}</b> &nbsp;·&nbsp; Balance <b>{2}</b> ({3} units) &nbsp;·&nbsp; Used {4} ({5})"
        ).format(_html(name), _html(site.system_name or session.client.base_url), balance,
                 format_units(account.quota), used, format_units(account.used_quota)))

    def _show_failure(self, message: str, retry: object) -> None:
        actions = [(self.tr("Retry"), retry)] if callable(retry) else []
        self.banner.show_message(message, actions=actions)  # type: ignore[arg-type]
        self.statusBar().clearMessage()

    def _busy_changed(self, running: int, _label: str) -> None:
        self.progress.setVisible(running > 0)
        if running == 0 and self.statusBar().currentMessage().endswith("…"):
            self.statusBar().clearMessage()

    # -- small helpers ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_table(self) -> None:
        """Down from the search: the table gets focus and its current row is the selected row."""
        self.table.setFocus()
        current = self.table.currentIndex()
        if current.isValid() and not self.table.selectionModel().isRowSelected(current.row()):
            self.table.selectRow(current.row())
        elif not current.isValid() and self.proxy.rowCount() > 0:
            self.table.selectRow(0)

    def _count_text(self, count: int) -> str:
        return self.tr("1 token") if count == 1 else self.tr("%n tokens", "", count)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            self.count_label.setText(self._count_text(total))
        else:
            self.count_label.setText(self.tr("{0} of {1} tokens").format(shown, total))

    def _update_actions(self) -> None:
        signed_in = self.controller.session is not None
        tokens = self.selected_tokens() if signed_in else []
        self.act_add.setEnabled(signed_in)
        self.act_refresh.setEnabled(signed_in)
        self.act_copy_base.setEnabled(signed_in)
        self.act_sign_out.setEnabled(signed_in)
        self.copy_as_menu.menuAction().setEnabled(signed_in)
        one = len(tokens) == 1
        for action in (self.act_edit, self.act_reveal, self.act_copy_env, self.act_copy_curl,
                       self.act_copy_python, self.act_pin):
            action.setEnabled(one)
        for action in (self.act_copy, self.act_delete):
            action.setEnabled(bool(tokens))
        # Only what changes something: enabling an enabled token is a no-op the server still charges.
        self.act_enable.setEnabled(any(t.status is not TokenStatus.ENABLED for t in tokens))
        self.act_disable.setEnabled(any(t.status is TokenStatus.ENABLED for t in tokens))

    def _context_menu(self, position: Any) -> None:
        if not self.table.indexAt(position).isValid():
            return
        menu = QMenu(self)
        menu.aboutToHide.connect(menu.deleteLater)  # its actions belong to the window; the menu is one-off
        for action in (self.act_copy, self.act_reveal):
            menu.addAction(action)
        menu.addMenu(self.copy_as_menu)
        token = self.current_token()
        session = self.controller.session
        self.act_pin.setChecked(bool(token and session and token.id in self.pinned_ids()))
        menu.addAction(self.act_pin)
        menu.addSeparator()
        for action in (self.act_edit, self.act_enable, self.act_disable, self.act_delete):
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _fill_copy_as_menu(self) -> None:
        menu = self.copy_as_menu
        menu.clear()
        for action in (self.act_copy_base, self.act_copy_env, self.act_copy_curl, self.act_copy_python):
            menu.addAction(action)
        session = self.controller.session
        menu.addSeparator()
        names = [link.name for link in snippets.client_links("sk-x", session.client.base_url if session
                                                             else "https://example.invalid",
                                                             session.site if session else None)]
        one = session is not None and len(self.selected_tokens()) == 1
        for name in names:
            action = menu.addAction(self.tr("Link for {0}").format(name))
            action.setEnabled(one)
            action.triggered.connect(lambda _=False, n=name: self.copy_client_link(n))

    def _fill_account_menu(self) -> None:
        menu = self.account_menu
        menu.clear()
        current = self.controller.session
        current_key = current.keyring_key if current else ""
        for entry in self.settings.accounts():
            action = menu.addAction(entry.label)
            action.setCheckable(True)
            action.setChecked(entry.key == current_key)
            action.triggered.connect(lambda _=False, e=entry: self.switch_account(e))
        if self.settings.accounts():
            menu.addSeparator()
        menu.addAction(self.act_add_account)
        menu.addAction(self.act_sign_out)
        menu.addSeparator()
        menu.addAction(self.act_quit)

    def switch_account(self, entry: AccountEntry) -> None:
        if self.controller.session is not None and self.controller.session.keyring_key == entry.key:
            return
        self.sign_in_remembered(entry)

    def set_language(self, code: str) -> None:
        self.settings.set_language(code)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The language changes the next time OpenKey Desktop starts."))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About OpenKey Desktop"), self.tr(
            "<b>OpenKey Desktop</b> {0}<br>Manage the API tokens of One API and New API sites such as "
            "openkey.cloud.<br><br>Your sign-in is kept in the system keyring; keys are never written to "
            "disk.").format(__version__))

    # -- layout persistence -----------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state("state")
        if state is not None:
            self.restoreState(state)
        header = self.settings.window_state("table_header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

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
        self.save_layout()
        self.runner.cancel_all()
        self.clipboard.clear_if_ours()
        super().closeEvent(event)
        if self.tray.active:  # the last window closing no longer quits while the tray is on
            self.quit_app()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (event.type() == QEvent.Type.WindowStateChange and self.isMinimized() and self.tray.active
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

    # -- tray host (see ui/tray.py) ---------------------------------------------------------------

    def enable_tray(self) -> None:
        if self.settings.tray_enabled():
            self.tray.start()

    def usable_tokens(self) -> list[Token]:
        return usable(self.model.tokens())

    def tray_header(self) -> str:
        session = self.controller.session
        if session is None:
            return self.tr("OpenKey Desktop — not signed in")
        site = session.site
        text = f"{session.account_label} @ {site.system_name or session.client.base_url}"
        if self._account is not None:
            symbol, rate = site.currency()
            balance = format_money(self._account.quota, site.quota_per_unit, symbol=symbol, rate=rate)
            text += " — " + self.tr("balance {0}").format(balance)
        return text

    def account_entries(self) -> list[tuple[str, bool, Callable[[], None]]]:
        current = self.controller.session.keyring_key if self.controller.session else ""
        return [(entry.label, entry.key == current, lambda e=entry: self.switch_account(e))
                for entry in self.settings.accounts()]

    def add_token_from_tray(self) -> None:
        self.show_window()
        self.add_token()

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
        """The one way out while the tray is on: clears our secret from the clipboard first."""
        self._quitting = True
        self.clipboard.clear_if_ours()
        self.save_layout()
        self.tray.stop()
        QApplication.quit()

    def pinned_ids(self) -> list[int]:
        session = self.controller.session
        return self.settings.pinned_tokens(session.keyring_key) if session else []

    def recent_ids(self) -> list[int]:
        session = self.controller.session
        return self.settings.recent_copies(session.keyring_key) if session else []

    def toggle_pin(self) -> None:
        token = self.current_token()
        session = self.controller.session
        if token is None or session is None:
            return
        pinned = token.id not in self.pinned_ids()
        self.settings.set_pinned(session.keyring_key, token.id, pinned)
        self.tray.schedule_rebuild()
        self.statusBar().showMessage(
            (self.tr("Pinned “{0}” to the tray.") if pinned else self.tr("Unpinned “{0}”.")).format(token.name), 4000)

    # -- preferences, clipboard countdown, reminders ----------------------------------------------

    def show_preferences(self) -> None:
        from openkey_gui.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(self.apply_preferences)
        self._replace_dialog("preferences_dialog", dialog)
        dialog.open()

    def apply_preferences(self) -> None:
        self.clipboard.set_clear_seconds(self.settings.clipboard_clear_seconds())
        minutes = self.settings.refresh_minutes()
        if minutes > 0:
            self._background_refresh.start(minutes * 60_000)
        else:
            self._background_refresh.stop()
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
        self.countdown_label.setVisible(seconds > 0)
        self.clear_now.setVisible(seconds > 0)
        self.countdown_label.setText(self.tr("Clipboard clears in {0} s").format(seconds))
        self.tray.set_countdown(seconds)

def _alive(widget: QWidget) -> bool:
    """False once Qt has deleted the widget (a replaced dialog) while Python still holds it."""
    return shiboken6.isValid(widget)


def _entry_of(session: SignedIn) -> AccountEntry:
    return AccountEntry(server_url=session.client.base_url, username=session.account_label,
                        mode=session.mode, user_id=session.client.user_id)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

