"""The menu bar, the toolbar and the context menu, all made of the window's ``WindowActions``.

The Account and Copy-as menus are filled each time they open, from the remembered accounts and the
selected token, so they never show a stale list.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

from openkey_gui.tool_configs import SiteRoutes
from openkey_gui.ui.account_flow import AccountFlow
from openkey_gui.ui.actions import WindowActions
from openkey_gui.ui.copy_as_menu import CopyAsMenu
from openkey_gui.ui.key_copier import KeyCopier
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_view import TokenView

LANGUAGES = (("", None), ("en", "English"), ("zh_CN", "简体中文"))
# A mnemonic written the Chinese way, after the words: "添加令牌(&A)…".
_MNEMONIC_IN_PARENS = re.compile(r"\s*\(&[^&)]\)")


def toolbar_text(text: str) -> str:
    """A menu text as a toolbar button shows it: no mnemonic (buttons have none; "(A)" on each Chinese
    button is noise) and no ellipsis."""
    text = _MNEMONIC_IN_PARENS.sub("", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("…", "").replace("...", "")


def _plain_button_text(action: QAction) -> None:
    """Called again whenever the action changes, so a retranslated text is stripped too."""
    wanted = toolbar_text(action.text())
    if action.iconText() != wanted:
        action.setIconText(wanted)


class WindowMenus(QObject):
    """Builds ``window``'s toolbar and menus once; fills the dynamic ones as they open."""

    # The user chose a language code ("" = system default).
    language_chosen = Signal(str)

    def __init__(self, window: QMainWindow, actions: WindowActions, *, view: TokenView, copier: KeyCopier,
                 accounts: AccountFlow, controller: TokenController, settings: AppSettings,
                 routes_found: Callable[[str], SiteRoutes | None] | None = None) -> None:
        super().__init__(window)
        self._actions = actions
        self._view = view
        self._copier = copier
        self._accounts = accounts
        self._controller = controller
        self._settings = settings
        self._copy_as = CopyAsMenu(actions, view=view, copier=copier, controller=controller,
                                   routes_found=routes_found, parent=self)
        self._window = window
        self._tools = self._toolbar(window)
        window.addToolBar(self._tools)
        actions.copy_as_menu.aboutToShow.connect(self.fill_copy_as_menu)  # once: _menu_bar runs again on retranslate
        self._menu_bar(window)

    def retranslate(self) -> None:
        """The menus again in the language now installed (the actions retranslate themselves)."""
        bar = self._window.menuBar()
        old = [action.menu() for action in bar.actions() if action.menu() is not None]
        bar.clear()
        for menu in old:
            if menu is not self._actions.copy_as_menu:
                menu.deleteLater()
        self._tools.setWindowTitle(self.tr("Tokens"))
        self._menu_bar(self._window)

    def _toolbar(self, window: QMainWindow) -> QToolBar:
        a = self._actions
        toolbar = QToolBar(self.tr("Tokens"), window)
        toolbar.setObjectName("tokensToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions(list(a.token_actions()))
        toolbar.addSeparator()
        toolbar.addAction(a.copy)
        toolbar.addAction(a.copy_as_menu.menuAction())
        button = toolbar.widgetForAction(a.copy_as_menu.menuAction())
        if isinstance(button, QToolButton):  # a click anywhere on it opens the menu
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addAction(a.test_key)
        toolbar.addSeparator()
        toolbar.addAction(a.refresh)
        for action in toolbar.actions():
            if not action.isSeparator():
                _plain_button_text(action)
                action.changed.connect(lambda action=action: _plain_button_text(action))
        return toolbar

    def _menu_bar(self, window: QMainWindow) -> None:
        a, bar = self._actions, window.menuBar()
        self.account_menu = bar.addMenu(self.tr("&Account"))
        token_menu = bar.addMenu(self.tr("&Token"))
        token_menu.addActions(list(a.token_actions()))
        token_menu.addSeparator()
        token_menu.addAction(a.copy)
        token_menu.addMenu(a.copy_as_menu)
        token_menu.addAction(a.reveal)
        token_menu.addAction(a.test_key)
        token_menu.addAction(a.rotate)
        token_menu.addAction(a.export_keys)
        view_menu = self.view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([a.find, a.refresh, a.usage, a.models])
        view_menu.addSeparator()
        view_menu.addAction(a.preferences)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        languages = QActionGroup(self)
        for code, label in LANGUAGES:
            action = language_menu.addAction(label or self.tr("System default"))
            action.setCheckable(True)
            action.setChecked(code == self._settings.language())
            languages.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self.language_chosen.emit(c))
        bar.addMenu(self.tr("&Help")).addAction(a.about)
        self.account_menu.aboutToShow.connect(self.fill_account_menu)
        self.fill_account_menu()
        self.fill_copy_as_menu()

    def context_menu(self, at: QPoint) -> None:
        a, token, session = self._actions, self._view.current_token(), self._controller.session
        a.pin.setChecked(bool(token and session and token.id in self._settings.pinned_tokens(session.keyring_key)))
        self._view.popup_menu([a.copy, a.reveal, a.copy_as_menu, a.test_key, a.rotate, a.export_keys, a.pin, None,
                               a.edit, a.enable, a.disable, a.delete], at)

    def fill_copy_as_menu(self) -> None:
        self._copy_as.fill()

    def fill_account_menu(self) -> None:
        menu = self.account_menu
        menu.clear()
        entries = self._accounts.entries()
        for entry, current in entries:
            action = menu.addAction(entry.label)
            action.setCheckable(True)
            action.setChecked(current)
            action.triggered.connect(lambda _=False, e=entry: self._accounts.switch_to(e))
        if entries:
            menu.addSeparator()
        a = self._actions
        menu.addActions([a.add_account, a.refresh_all, a.rename_account, a.move_account_up, a.move_account_down,
                         a.remove_account])
        menu.addSeparator()
        menu.addActions([a.devices, a.sign_out])
        menu.addSeparator()
        menu.addAction(self._actions.quit)
