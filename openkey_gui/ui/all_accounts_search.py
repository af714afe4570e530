"""Search across every account: a toggle by the search field, and a results table with a Site column.

With "All accounts" ticked, what is typed in the search field is looked for in every signed-in
account's tokens (each account's list as last loaded; the shown one's as the table has it), and the
matches replace the table until the search is cleared or the toggle is off. Enter, Ctrl+C or a
double-click copies the key of the result, whichever site it is on, through ``KeyCopier`` (the window
stays on its account). The search words mean what they mean in the table: name, group and models,
or a key's ending.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QHeaderView

from openkey_gui.accounts import AccountSlot
from openkey_gui.api import Token
from openkey_gui.ui.account_hub import AccountHub
from openkey_gui.ui.debounce import Debounce
from openkey_gui.ui.key_copier import KeyCopier
from openkey_gui.ui.token_cells import key_matches, local_datetime_text, looks_like_key, mask_key, search_text
from openkey_gui.ui.token_model import TokenTableModel
from openkey_gui.ui.token_view import SEARCH_DEBOUNCE_MS, TokenTable, TokenView

RESULT_LIMIT = 2_000  # a whole-sites search for "a" must not build a 50,000-row table


def matching(words: tuple[str, ...], tokens: list[Token]) -> list[Token]:
    """Tokens whose name, group or models hold every word (a key-like word may match the key's end)."""
    found = []
    for token in tokens:
        text = search_text(token)
        if all(word in text or (looks_like_key(word) and key_matches(word, token)) for word in words):
            found.append(token)
    return found


class SiteResults(QAbstractTableModel):
    """The matches of every account: site, name, key (masked), expiry."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[AccountSlot, Token]] = []

    def set_rows(self, rows: list[tuple[AccountSlot, Token]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Site"), self.tr("Name"), self.tr("Key"), self.tr("Expires"))[section]

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        slot, token = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return slot.display_name if role == Qt.ItemDataRole.DisplayRole else slot.server_url
        if column == 1:
            return token.name
        if column == 2:
            return mask_key(token.key)
        return local_datetime_text(token.expires_at) if token.expires_at is not None else self.tr("Never")


class AllAccountsSearch(QObject):
    """The toggle (``searchAllAccounts``) and the results table (``allAccountsResults``) in the view."""

    def __init__(self, view: TokenView, hub: AccountHub, model: TokenTableModel, copier: KeyCopier) -> None:
        super().__init__(view)
        self._view, self._hub, self._model, self._copier = view, hub, model, copier
        self.toggle = QCheckBox(view)
        self.toggle.setObjectName("searchAllAccounts")
        view.filters.insertWidget(1, self.toggle)
        self.results = SiteResults(self)
        self.table = TokenTable(self.copy_current, view)
        self.table.setObjectName("allAccountsResults")
        self.table.setModel(self.results)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self.copy_current())
        self.table.hide()
        view.other_results = self.table
        layout = view.layout()
        layout.insertWidget(layout.indexOf(view.table), self.table, 1)
        self._later = Debounce(self.update, SEARCH_DEBOUNCE_MS, self)
        view.search.textChanged.connect(self._later.start)
        self.toggle.toggled.connect(self.update)
        hub.changed.connect(lambda _key: self.active and self._later.start())
        self.retranslate()

    @property
    def active(self) -> bool:
        return self.toggle.isChecked() and bool(self._view.search.text().split())

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("All accounts"))
        self.toggle.setToolTip(self.tr("Search the tokens of every signed-in account, not only this one"))

    def update(self) -> None:
        """Show the matches of every account, or give the table back."""
        if not self.active:
            self.table.hide()
            self._view.table.show()
            return
        words = tuple(self._view.search.text().casefold().split())
        shown = self._hub.shown()
        rows: list[tuple[AccountSlot, Token]] = []
        for slot in self._hub.set.signed_in():
            tokens = self._model.tokens() if slot is shown else (slot.tokens or [])
            rows += [(slot, token) for token in matching(words, list(tokens))]
        self.results.set_rows(rows[:RESULT_LIMIT])
        self._view.table.hide()
        self.table.show()
        if rows:
            self.table.selectRow(0)

    def copy_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            slot, token = self.results.rows[index.row()]
            self._copier.copy_key_of(slot, token.id)
