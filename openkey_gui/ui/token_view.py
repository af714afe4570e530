"""The token list as the user works with it: search, status filter, banner, table, and the selection.

``TokenView`` owns the one notion of "the token an action acts on": the selected rows, mapped through
the filter to the model (so sorting and filtering never shift an action onto another token), and the
current row is always a selected row. It holds no business logic; it says what the user did.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api import Account, Token, TokenStatus
from openkey_gui.api.quota import format_money, format_units
from openkey_gui.session import SignedIn
from openkey_gui.ui.banner import Banner
from openkey_gui.ui.debounce import Debounce
from openkey_gui.ui.spend_column import SparklineDelegate
from openkey_gui.ui.token_cells import Column, local_datetime_text
from openkey_gui.ui.token_filter import TokenFilterProxy
from openkey_gui.ui.token_model import TokenTableModel

SEARCH_DEBOUNCE_MS = 120
DEFAULT_COLUMN_WIDTHS = {
    Column.NAME: 180, Column.STATUS: 85, Column.KEY: 135, Column.REMAINING: 135,
    Column.USED: 125, Column.CREATED: 130, Column.EXPIRES: 105, Column.LAST_USED: 130, Column.SPEND: 120,
}


# What the search field keeps for itself even where the window binds the same keys: editing its text.
FIELD_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste,
              QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo, QKeySequence.StandardKey.SelectAll,
              QKeySequence.StandardKey.Delete)


class SearchField(QLineEdit):
    """Esc clears, Down moves into the table (KeePassXC's habit); the window's shortcuts stay the window's.

    A line edit claims some keys before any shortcut sees them, and which ones depends on the platform:
    on X11 Ctrl+U deletes the whole line, so the Usage panel's Ctrl+U would erase the search the
    window starts focused on. ``leave_to_window`` names the window's shortcuts; the field lets those go
    unless they edit its text (copy, paste, undo…).
    """

    def __init__(self, on_down: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_down = on_down
        self._window_keys: set[str] = set()

    def leave_to_window(self, shortcuts: Iterable[QKeySequence]) -> None:
        own = {key.toString() for standard in FIELD_KEYS for key in QKeySequence.keyBindings(standard)}
        self._window_keys = {key.toString() for key in shortcuts if not key.isEmpty()} - own

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and QKeySequence(event.keyCombination()).toString() in self._window_keys:
            event.ignore()  # not the field's: the window's shortcut runs
            return True
        return super().event(event)

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


class TokenView(QWidget):
    """Header, search, filter, banner and table over one ``TokenTableModel``."""

    # Enter, Ctrl+C or a double-click on the table: copy what is selected.
    activated = Signal()
    # The selection changed (actions' enabled states follow it).
    selection_changed = Signal()
    # "20 tokens" / "3 of 20 tokens", once the model and the filter agree.
    count_changed = Signal(str)
    # A right-click on a row, at this global position.
    context_menu_requested = Signal(QPoint)

    def __init__(self, model: TokenTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = TokenFilterProxy(self)
        self.proxy.setSourceModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        self.header_label = QLabel(self)
        self.header_label.setTextFormat(Qt.TextFormat.RichText)
        self.header_label.setObjectName("accountHeader")
        self.header_label.setWordWrap(True)  # a long site or user name must not widen the window past a small screen
        self.week_label = QLabel(self)  # the account's last seven days, once every token's is known
        self.week_label.setObjectName("accountWeekSpend")
        self.week_label.hide()
        heading = QHBoxLayout()
        heading.addWidget(self.header_label, 1)
        heading.addWidget(self.week_label)
        layout.addLayout(heading)
        filters = self.filters = QHBoxLayout()  # the all-accounts toggle joins it (all_accounts_search)
        self.search = SearchField(self.focus_table, self)
        self.search.setObjectName("searchField")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        for status in (None, TokenStatus.ENABLED, TokenStatus.DISABLED, TokenStatus.EXPIRED, TokenStatus.EXHAUSTED):
            self.status_filter.addItem("", status)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        layout.addLayout(filters)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.table = TokenTable(self.activated.emit, self)
        self.other_results: QTableView | None = None
        self.table.setObjectName("tokenTable")
        self._set_up_table()
        layout.addWidget(self.table, 1)
        # Said over the empty table when the search or the status filter hides every token.
        self.empty_text = QLabel(self.table.viewport())
        self.empty_text.setObjectName("emptyTableText")
        self.empty_text.setTextFormat(Qt.TextFormat.PlainText)  # the search text is the user's, shown as typed
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_text.setEnabled(False)  # drawn in the disabled (muted) text colour
        self.empty_text.hide()
        self.retranslate()  # once every widget it words exists

        self._search_later = Debounce(lambda: self.proxy.set_search_text(self.search.text()), SEARCH_DEBOUNCE_MS,
                                      self)
        self.search.textChanged.connect(self._search_later.start)
        self.status_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_status_filter(self.status_filter.currentData()))
        self.table.doubleClicked.connect(lambda _: self.activated.emit())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        # Counted once things settle: mid-change, the model and the proxy may disagree for a moment.
        self._count_later = Debounce(self._emit_count, 0, self)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged, model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._count_later.start)

    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in DEFAULT_COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.moveSection(header.visualIndex(Column.SPEND), Column.USED + 1)  # beside what was used in all
        table.setItemDelegateForColumn(Column.SPEND, SparklineDelegate(table))
        header.setSortIndicator(Column.CREATED, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)

    # -- the tokens an action acts on -------------------------------------------------------------

    def selected_tokens(self) -> list[Token]:
        """The selected rows' tokens, in table order; the current row if nothing is selected."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.proxy.token_at(row) for row in rows]

    def current_token(self) -> Token | None:
        tokens = self.selected_tokens()
        return tokens[0] if tokens else None

    def select(self, token_id: int, *, clear: bool = True) -> bool:
        """Select ``token_id``'s row and make it current; False if it is not shown."""
        row = self.model.row_of(token_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        flag = QItemSelectionModel.SelectionFlag
        flags = (flag.ClearAndSelect if clear else flag.Select) | flag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def reselect(self, token_ids: Iterable[int]) -> None:
        """After a refresh: the rows selected before, where they still exist."""
        for token_id in token_ids:
            self.select(token_id, clear=False)

    def show_despite_filter(self, token_id: int) -> bool:
        """Clear the search and status filter if they hide ``token_id``; True if anything was cleared."""
        row = self.model.row_of(token_id)
        if row is None or self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            return False
        self._search_later.stop()
        self.search.clear()
        self.proxy.set_search_text("")
        self.status_filter.setCurrentIndex(0)
        self.proxy.set_status_filter(None)
        return True

    def visible_token_ids(self) -> list[int]:
        """The ids of the rows on screen, top to bottom (what the "7 days" column reads first)."""
        table = self.table
        first = table.rowAt(0)
        if first < 0:
            return []
        last = table.rowAt(table.viewport().height() - 1)
        last = self.proxy.rowCount() - 1 if last < 0 else last
        return [self.proxy.token_at(row).id for row in range(first, last + 1)]

    def show_week_total(self, money: str | None) -> None:
        """The account's spend of the last seven days beside the header (None: not known)."""
        self.week_label.setVisible(money is not None)
        if money is not None:
            self.week_label.setText(self.tr("Last 7 days: <b>{0}</b>").format(html.escape(money)))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_table(self) -> None:
        """Down from the search: the table gets focus and its current row is the selected row (the
        all-accounts results instead, while they replace the table)."""
        if self.other_results is not None and self.other_results.isVisible():
            self.other_results.setFocus()
            return
        self.table.setFocus()
        current = self.table.currentIndex()
        if current.isValid() and not self.table.selectionModel().isRowSelected(current.row()):
            self.table.selectRow(current.row())
        elif not current.isValid() and self.proxy.rowCount() > 0:
            self.table.selectRow(0)

    def retranslate(self) -> None:
        """The view's own fixed texts in the language now installed (the window re-shows the account)."""
        self.header_label.setText(self.tr("Not signed in"))
        self.search.setPlaceholderText(self.tr("Search by name, group, model or key  (Ctrl+F)"))
        labels = (self.tr("All"), self.tr("Enabled"), self.tr("Disabled"), self.tr("Expired"), self.tr("Exhausted"))
        for index, label in enumerate(labels):
            self.status_filter.setItemText(index, label)
        self.status_filter.setToolTip(self.tr("Show only tokens with this status"))
        self._emit_count()

    def show_account(self, session: SignedIn | None, account: Account | None) -> None:
        """The header line: who, on which site, balance and usage in the site's currency."""
        if session is None or account is None:
            self.header_label.setText(self.tr("Not signed in"))
            return
        site = session.site
        symbol, rate = site.currency()
        balance = format_money(account.quota, site.quota_per_unit, symbol=symbol, rate=rate)
        used = format_money(account.used_quota, site.quota_per_unit, symbol=symbol, rate=rate)
        name = account.username
        if account.display_name and account.display_name != account.username:
            name = f"{account.display_name} ({account.username})"
        text = self.tr(
            "<b>{0}</b> on <b>{1}</b> &nbsp;·&nbsp; Balance <b>{2}</b> ({3} units) &nbsp;·&nbsp; Used {4} ({5})"
        ).format(html.escape(name), html.escape(site.system_name or session.client.base_url), balance,
                 format_units(account.quota), used, format_units(account.used_quota))
        end = session.session_end
        if end is not None:  # New API v1.0 ends every sign-in 30 days after it was made, renewals or not
            text += self.tr(" &nbsp;·&nbsp; Signed in until {0}").format(
                html.escape(local_datetime_text(end)))
        self.header_label.setText(text)

    def show_whole_key(self) -> None:
        """Widen the key column to a revealed key (the tooltip shows it too)."""
        self.table.resizeColumnToContents(Column.KEY)

    def popup_menu(self, actions: Iterable[QAction | QMenu | None], at: QPoint) -> None:
        """A one-off context menu of the window's own actions (``None`` is a separator)."""
        menu = QMenu(self)
        menu.aboutToHide.connect(menu.deleteLater)
        for item in actions:
            if item is None:
                menu.addSeparator()
            elif isinstance(item, QMenu):
                menu.addMenu(item)
            else:
                menu.addAction(item)
        menu.popup(at)

    def count_text(self) -> str:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if shown == total:
            return self.tr("1 token") if total == 1 else self.tr("%n tokens", "", total)
        return self.tr("{0} of {1} tokens").format(shown, total)

    def _emit_count(self) -> None:
        self.count_changed.emit(self.count_text())
        self._update_empty_text()

    def _update_empty_text(self) -> None:
        hidden_all = self.proxy.rowCount() == 0 and self.model.rowCount() > 0
        if not hidden_all:
            self.empty_text.hide()
            return
        search = self.search.text().strip()
        self.empty_text.setText(self.tr("No tokens match “{0}”.").format(search) if search
                                else self.tr("No tokens have this status."))
        self.empty_text.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))
        self.empty_text.show()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.empty_text.isVisible():
            self.empty_text.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))

    def _context_menu(self, position: QPoint) -> None:
        if self.table.indexAt(position).isValid():
            self.context_menu_requested.emit(self.table.viewport().mapToGlobal(position))
