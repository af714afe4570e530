"""Every command of the window, made once: menus, toolbar, context menu and tray all show these.

KeePassXC's tray and the Qt ``systray`` example reuse the window's own actions; so does this app, so
a command is enabled, named and bound to a shortcut in exactly one place. The actions hold no logic:
``MainWindow`` connects each to the room that does the work.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

Shortcut = QKeySequence.StandardKey | str | None


class WindowActions(QObject):
    """The window's ``QAction`` objects, named ``action_<attribute>`` so tests and tools find them."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._all: list[QAction] = []
        ti, key = QIcon.ThemeIcon, QKeySequence.StandardKey
        self.add = self._make("add", self.tr("&Add token…"), key.New, self.tr("Create a new token"), ti.ListAdd)
        self.edit = self._make("edit", self.tr("&Edit…"), "F2", self.tr("Edit the selected token"),
                               ti.DocumentProperties)
        self.enable = self._make("enable", self.tr("E&nable"), "Ctrl+Shift+E", self.tr("Enable the selected tokens"),
                                 ti.MediaPlaybackStart)
        self.disable = self._make("disable", self.tr("&Disable"), "Ctrl+Shift+D",
                                  self.tr("Disable the selected tokens"), ti.MediaPlaybackPause)
        self.delete = self._make("delete", self.tr("De&lete…"), key.Delete, self.tr("Delete the selected tokens"),
                                 ti.EditDelete)
        self.copy = self._make("copy", self.tr("&Copy key"), key.Copy, self.tr("Copy the selected token's full key"),
                               ti.EditCopy)
        self.reveal = self._make("reveal", self.tr("&Show key"), "Ctrl+Shift+K",
                                 self.tr("Show or hide the selected token's key in the table"))
        self.copy_base = self._make("copy_base", self.tr("Copy API &base URL"), "Ctrl+Shift+B",
                                    self.tr("Copy the API base URL for SDKs"))
        self.copy_env = self._make("copy_env", self.tr("&.env block"), "Ctrl+Shift+V")
        self.copy_curl = self._make("copy_curl", self.tr("c&url command"), None)
        self.copy_python = self._make("copy_python", self.tr("&Python (openai)"), None)
        self.test_key = self._make("test_key", self.tr("&Test key…"), "Ctrl+T",
                                   self.tr("Ask the site whether the selected token's key works, and what it may use"),
                                   ti.NetworkWireless)
        self.rotate = self._make("rotate", self.tr("R&otate key…"), "Ctrl+Shift+R",
                                 self.tr("Replace the selected token's key with a new one of the same settings"))
        self.export_keys = self._make("export_keys", self.tr("E&xport keys…"), "Ctrl+Shift+X",
                                      self.tr("Export the selected tokens' keys as .env lines or CSV"))
        self.models = self._make("models", self.tr("&Models and prices…"), None,
                                 self.tr("The site's models, their prices and which tokens may use each"))
        self.usage = self._make("usage", self.tr("&Usage"), "Ctrl+U",
                                self.tr("What the selected token, or the whole account, cost per day and per model"))
        self.usage.setCheckable(True)
        self.refresh = self._make("refresh", self.tr("&Refresh"), key.Refresh, self.tr("Reload tokens and balance"),
                                  ti.ViewRefresh)
        self.find = self._make("find", self.tr("&Find"), key.Find)
        self.sign_out = self._make("sign_out", self.tr("Sign &out"), None)
        self.add_account = self._make("add_account", self.tr("Add &account…"), None)
        self.devices = self._make("devices", self.tr("Signed-in &devices…"), None,
                                  self.tr("See where this account is signed in, and sign other devices out"))
        self.quit = self._make("quit", self.tr("&Quit"), key.Quit)
        self.about = self._make("about", self.tr("&About OpenKey Desktop"), None)
        self.preferences = self._make("preferences", self.tr("&Preferences…"), "Ctrl+,")
        self.pin = self._make("pin", self.tr("&Pin to tray"), "Ctrl+Shift+P",
                              self.tr("Show the selected token at the top of the tray menu"))
        self.pin.setCheckable(True)
        self.toggle_window = self._make("toggle_window", self.tr("Show / hide window"), None)
        self.clear_clipboard = self._make("clear_clipboard", self.tr("Clear clipboard now"), None,
                                          self.tr("Remove the copied key from the clipboard now"))
        self.clear_clipboard.setEnabled(False)
        self.refresh_all = self._make("refresh_all", self.tr("R&efresh all accounts"), "Ctrl+Shift+F5",
                                      self.tr("Reload every account's balance and tokens"))
        self.rename_account = self._make("rename_account", self.tr("Re&name account…"), None,
                                         self.tr("Give the account your own name in the sidebar"))
        self.remove_account = self._make("remove_account", self.tr("Remo&ve account…"), None,
                                         self.tr("Sign the account out and forget it on this computer"))
        self.move_account_up = self._make("move_account_up", self.tr("Move account &up"), "Ctrl+Alt+Up")
        self.move_account_down = self._make("move_account_down", self.tr("Move account do&wn"), "Ctrl+Alt+Down")
        # Ctrl+1 … Ctrl+9: the accounts in the sidebar's order.
        self.pick_account = [self._make(f"pick_account_{n}", self.tr("Account {0}").format(n), f"Ctrl+{n}")
                             for n in range(1, 10)]
        self.copy_as_menu = QMenu(self.tr("Cop&y as"), window)  # A is Add token's, in the same menu
        self.copy_as_menu.setObjectName("copyAsMenu")

    def retranslate(self) -> None:
        """Every text again in the language now installed, from the one place that words them: this
        class's own constructor, run once more on a scratch window and copied over action by action."""
        scratch = QWidget()
        try:
            fresh = WindowActions(scratch)
            for mine, theirs in zip(self._all, fresh._all, strict=True):
                mine.setText(theirs.text())
                mine.setToolTip(theirs.toolTip())
                mine.setStatusTip(theirs.statusTip())
            self.copy_as_menu.setTitle(fresh.copy_as_menu.title())
        finally:
            scratch.deleteLater()

    def all(self) -> list[QAction]:
        return list(self._all)

    def token_actions(self) -> tuple[QAction, ...]:
        """What the toolbar and the Token menu list, in order."""
        return (self.add, self.edit, self.enable, self.disable, self.delete)

    def snippet_actions(self) -> tuple[QAction, ...]:
        return (self.copy_base, self.copy_env, self.copy_curl, self.copy_python)

    def _make(self, name: str, text: str, shortcut: Shortcut, tip: str = "",
              icon: QIcon.ThemeIcon | None = None) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(f"action_{name}")
        if icon is not None:
            action.setIcon(QIcon.fromTheme(icon))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shown = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText) if shortcut else ""
        tip_text = tip or text.replace("&", "")
        action.setToolTip(f"{tip_text} ({shown})" if shown else tip_text)
        action.setStatusTip(tip_text)
        self._window.addAction(action)
        self._all.append(action)
        return action
