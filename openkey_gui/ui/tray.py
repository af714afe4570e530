"""The tray icon: one click from any app to a token's key on the clipboard.

The menu is rebuilt from the token model whenever the list changes (debounced), so it never offers a
token that was deleted or disabled a moment ago. Its commands are the window's own actions (made once
in ``actions.py``); a token item copies through the window's ``KeyCopier``. The tray may appear late
(a session that starts the app before the panel), so a missing tray is retried for a while.
"""

from __future__ import annotations

import html
import sys
import time
from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from openkey_gui.accounts import AccountSlot
from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.api.quota import format_money
from openkey_gui.token_labels import distinct_labels
from openkey_gui.ui.account_flow import AccountFlow
from openkey_gui.ui.actions import WindowActions
from openkey_gui.ui.key_copier import KeyCopier
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.token_cells import plain_tooltip
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_model import TokenTableModel

TEST_MENU_LIMIT = 10  # tokens in the "Test key" submenu when none is pinned or recent
MENU_CHUNK = 25  # tokens per "All tokens" submenu page: long flat menus are unusable
FLAT_LIMIT = 40
CLICK_DEBOUNCE_S = 0.35
RETRY_INTERVAL_MS = 2000
RETRY_LIMIT = 30


class Tray(QObject):
    """Owns the ``QSystemTrayIcon`` and its menu."""

    #: Emitted once the icon is actually shown (possibly after retries).
    shown = Signal()
    # The user picked a token in the "Test key" submenu (its id); the window runs the test.
    test_requested = Signal(int)

    def __init__(self, icon: QIcon, *, model: TokenTableModel, actions: WindowActions, settings: AppSettings,
                 controller: TokenController, copier: KeyCopier, accounts: AccountFlow,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._actions = actions
        self._settings = settings
        self._controller = controller
        self._copier = copier
        self._accounts = accounts
        self._icon_image = icon
        self.icon: QSystemTrayIcon | None = None
        # Owned by the window (a popup menu is its own top-level window whatever its parent), so it goes
        # with the window instead of living on as an orphan that still points at a closed window.
        self.menu = QMenu(parent if isinstance(parent, QWidget) else None)
        self.menu.setObjectName("trayMenu")
        self._last_click = 0.0
        self._retries = 0
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(150)
        self._rebuild_timer.timeout.connect(self.rebuild_menu)
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_INTERVAL_MS)
        self._retry_timer.timeout.connect(self._try_show)
        self._tooltip_extra = ""
        self._unfilled: dict[QMenu, tuple[list[Token], AccountSlot | None]] = {}
        self._labels: dict[int, str] = {}
        self._site_labels: dict[int, dict[int, str]] = {}
        self._shared_names: set[str] = set()
        # The token list changed while no icon was shown: the menu is rebuilt when it next opens.
        self._stale = True
        self.menu.aboutToShow.connect(self._rebuild_if_stale)

    # -- life cycle -------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.icon is not None and self.icon.isVisible()

    def start(self) -> None:
        """Show the icon now, or keep trying for a minute: the panel may not be up yet."""
        if not self._try_show():
            self._retries = 0
            self._retry_timer.start()

    def stop(self) -> None:
        self._retry_timer.stop()
        if self.icon is not None:
            self.icon.hide()
            self.icon.deleteLater()
            self.icon = None

    def _try_show(self) -> bool:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self._retries += 1
            if self._retries >= RETRY_LIMIT:
                self._retry_timer.stop()
            return False
        self._retry_timer.stop()
        if self.icon is None:
            self.icon = QSystemTrayIcon(self._icon_image, self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
        self.rebuild_menu()
        self.icon.show()
        self.shown.emit()
        return True

    # -- menu -------------------------------------------------------------------------------------

    def schedule_rebuild(self) -> None:
        """Called whenever the token list changes; with no icon shown the menu waits until it opens."""
        self._stale = True
        if self.icon is not None:
            self._rebuild_timer.start()

    def _rebuild_if_stale(self) -> None:
        if self._stale:
            self._rebuild_timer.stop()
            self.rebuild_menu()

    def rebuild_menu(self) -> None:
        self._stale = False
        menu = self.menu
        for submenu in menu.findChildren(QMenu):  # clear() drops the actions but not the submenus
            submenu.deleteLater()
        menu.clear()
        self._unfilled = {}
        header = menu.addAction(self.header_text())
        header.setEnabled(False)
        shown = self._accounts.hub.shown()
        tokens = {t.id: t for t in self.usable_tokens()}
        self._labels = distinct_labels(tokens.values())
        # Every signed-in account's usable tokens; the shown one's come from the table (always fresh).
        sites = [(slot, list(tokens.values()) if slot is shown else usable(slot.tokens or []))
                 for slot in self._accounts.hub.set.signed_in() if slot is shown or slot.tokens is not None]
        if shown is None:
            sites.insert(0, (None, list(tokens.values())))
        self._site_labels = {id(slot): distinct_labels(listed) for slot, listed in sites}
        # A name held by tokens of two sites is ambiguous: such items say which site they belong to.
        self._shared_names = {name for name, count in Counter(
            name for _, listed in sites for name in {t.name for t in listed}).items() if count > 1}
        pinned, recent = [], []
        for slot, listed in sites:
            by_id = {t.id: t for t in listed}
            key = slot.key if slot is not None else ""
            if key:
                pins = [by_id[i] for i in self._settings.pinned_tokens(key) if i in by_id]
                pinned += [(slot, t) for t in pins]
                recent += [(slot, by_id[i]) for i in self._settings.recent_copies(key) if i in by_id
                           and by_id[i] not in pins]
        if pinned or recent:
            menu.addSeparator()
        for slot, token in pinned:
            self._token_action(menu, token, pinned=True, slot=slot, name_site=True)
        for slot, token in recent:
            self._token_action(menu, token, slot=slot, name_site=True)
        everything = sorted(tokens.values(), key=lambda t: (t.name.casefold(), t.id))
        if len(sites) <= 1:
            all_menu = menu.addMenu(self.tr("All tokens (%n)", "", len(everything)))
            all_menu.setObjectName("allTokensMenu")
            self._fill_all(all_menu, everything)
        else:
            names = self._accounts.hub.set.distinct_names()
            for index, (slot, listed) in enumerate(sites):
                name = names.get(slot.key, slot.display_name) if slot is not None else self.tr("This account")
                site_menu = menu.addMenu(self.tr("{0} (%n)", "", len(listed)).format(name.replace("&", "&&")))
                site_menu.setObjectName(f"traySiteMenu{index}")
                self._fill_all(site_menu, sorted(listed, key=lambda t: (t.name.casefold(), t.id)), slot=slot)
        pinned = [t for slot, t in pinned if slot is shown]
        recent = [t for slot, t in recent if slot is shown]
        self._test_menu(menu, [*pinned, *recent] or everything[:TEST_MENU_LIMIT])
        menu.addSeparator()
        menu.addAction(self._actions.quick_access)
        for action in (self._actions.copy_base, self._actions.add, self._actions.check_in, self._actions.toggle_window):
            menu.addAction(action)
        accounts = self._accounts.entries()
        if accounts:
            switcher = menu.addMenu(self.tr("Accounts"))
            for entry, current in accounts:
                action = switcher.addAction(entry.label, lambda e=entry: self._accounts.switch_to(e))
                action.setCheckable(True)
                action.setChecked(current)
        menu.addSeparator()
        menu.addAction(self._actions.clear_clipboard)
        menu.addAction(self._actions.quit)
        self.update_tooltip()

    def _test_menu(self, menu: QMenu, tokens: Sequence[Token]) -> None:
        """Pinned and recent tokens (or the first few): a click tests that key in the window."""
        submenu = menu.addMenu(self.tr("Test key"))
        submenu.setObjectName("trayTestKeyMenu")
        if not tokens:
            submenu.addAction(self.tr("No usable tokens")).setEnabled(False)
        for token in tokens:
            name = self._label(token)
            action = submenu.addAction(name.replace("&", "&&"))
            action.setData(f"test:{token.id}")  # not an int: token_actions() lists copies only
            action.setToolTip(plain_tooltip(self.tr("Test the key of “{0}”").format(name)))
            action.triggered.connect(lambda _=False, token_id=token.id: self.test_requested.emit(token_id))

    def _fill_all(self, menu: QMenu, tokens: Sequence[Token], slot: AccountSlot | None = None) -> None:
        if not tokens:
            menu.addAction(self.tr("No usable tokens")).setEnabled(False)
            return
        if len(tokens) <= FLAT_LIMIT:
            for token in tokens:
                self._token_action(menu, token, slot=slot)
            return
        for start in range(0, len(tokens), MENU_CHUNK):
            chunk = list(tokens[start : start + MENU_CHUNK])
            page = menu.addMenu(f"{self._label(chunk[0], slot)} – {self._label(chunk[-1], slot)}")
            # Filled when first opened: 10,000 tokens would otherwise mean 10,000 actions per refresh.
            page.aboutToShow.connect(lambda page=page, chunk=chunk: self._fill_page(page, chunk))
            self._unfilled[page] = (chunk, slot)

    def _fill_page(self, page: QMenu, chunk: list[Token]) -> None:
        filled = self._unfilled.pop(page, None)
        if filled is None:
            return
        for token in chunk:
            self._token_action(page, token, slot=filled[1])

    def _token_action(self, menu: QMenu, token: Token, *, pinned: bool = False, slot: AccountSlot | None = None,
                      name_site: bool = False) -> QAction:
        name = self._label(token, slot)  # with the key's tail where two tokens share a name
        if name_site and slot is not None and token.name in self._shared_names:
            name = self.tr("{0} — {1}").format(name, slot.display_name)
        label = ("★ " if pinned else "") + name.replace("&", "&&")  # ★ is in every common font
        action = menu.addAction(label)
        action.setData(token.id)
        action.setToolTip(plain_tooltip(self.tr("Copy the key of “{0}”").format(name)))
        if slot is None or slot is self._accounts.hub.shown():
            action.triggered.connect(lambda _=False, token_id=token.id: self._copier.copy_key_for(token_id))
        else:
            action.triggered.connect(lambda _=False, token_id=token.id, slot=slot:
                                     self._copier.copy_key_of(slot, token_id))
        return action

    def _label(self, token: Token, slot: AccountSlot | None = None) -> str:
        if slot is not None and slot is not self._accounts.hub.shown():
            return self._site_labels.get(id(slot), {}).get(token.id, token.name)
        return self._labels.get(token.id, token.name)

    def token_actions(self) -> list[QAction]:
        """Every action that copies a key, in menu order (tests and screenshots use this)."""
        found: list[QAction] = []
        for page, (chunk, _slot) in list(self._unfilled.items()):
            self._fill_page(page, chunk)

        def walk(menu: QMenu) -> None:
            for action in menu.actions():
                if action.menu() is not None:
                    walk(action.menu())
                elif isinstance(action.data(), int):
                    found.append(action)

        walk(self.menu)
        return found

    # -- feedback ---------------------------------------------------------------------------------

    def usable_tokens(self) -> list[Token]:
        """The tokens whose key would work now: the only ones the menu offers."""
        return usable(self._model.tokens())

    def header_text(self) -> str:
        """The account and site the menu's tokens belong to, with the balance once it is known."""
        session = self._controller.session
        if session is None:
            return self.tr("OpenKey Desktop — not signed in")
        site = session.site
        text = f"{session.account_label} @ {site.system_name or session.client.base_url}"
        account = self._controller.account
        if account is not None:
            symbol, rate = site.currency()
            balance = format_money(account.quota, site.quota_per_unit, symbol=symbol, rate=rate)
            text += " — " + self.tr("balance {0}").format(balance)
        return text

    def set_countdown(self, seconds: int) -> None:
        self._tooltip_extra = self.tr("Clipboard clears in {0} s").format(seconds) if seconds > 0 else ""
        self.update_tooltip()

    def update_tooltip(self) -> None:
        if self.icon is None:
            return
        text = self.header_text()
        if self._tooltip_extra:
            text += "\n" + self._tooltip_extra
        self.icon.setToolTip(text)

    def notify(self, title: str, message: str) -> None:
        if self.icon is not None and self.icon.isVisible() and self.icon.supportsMessages():
            self.icon.showMessage(title, notification_text(message), QSystemTrayIcon.MessageIcon.Information,
                                  10_000)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        """A single click toggles the window; on macOS the click opens the menu, as users expect there."""
        if sys.platform == "darwin" or reason != QSystemTrayIcon.ActivationReason.Trigger:
            return
        now = time.monotonic()
        if now - self._last_click < CLICK_DEBOUNCE_S:
            return  # a double click, or a bouncing mouse: one toggle only
        self._last_click = now
        self._actions.toggle_window.trigger()


def notification_text(message: str, platform: str = sys.platform) -> str:
    """Linux notification servers read the body as markup: a token name in it is escaped there."""
    return html.escape(message, quote=False) if platform.startswith("linux") else message


def usable(tokens: Sequence[Token]) -> list[Token]:
    """Tokens whose key would work now: the only ones worth a one-click copy."""
    return [t for t in tokens if t.effective_status is TokenStatus.ENABLED]
