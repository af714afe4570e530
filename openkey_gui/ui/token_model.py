"""The token table: one source model and one search / status proxy over it.

A row's cell texts (labels, masks, money, dates, colours, tooltips) are built the first time a view
asks for any of them, i.e. when the row is first painted, and then kept in a small per-row cache, so
``data()`` is an index lookup from the second call on. A 10,000-token refresh therefore formats the
thirty-odd rows on screen, not 10,000 (formatting every row up front cost ~250 ms, all of it on the GUI
thread). What a whole-table operation needs (effective statuses for the status filter, search texts,
the sort column's keys) is computed in one pass when first needed, with plain float / casefold
operations; search texts are filled in idle time right after a refresh. A key that the user has not
revealed never leaves the model as text: its cells only ever carry the ``sk-abcd…wxyz`` mask.

Sorting is done by the source model in Python (``TokenTableModel.sort``), and the proxy forwards its
``sort()`` there. Letting ``QSortFilterProxyModel`` sort would call back into Python twice per comparison:
measured on 10,000 rows that is ~0.7 s per header click and again per backspace in the search field
(every re-admitted row is binary-inserted with Python comparisons). Sorting the source list costs a few
milliseconds, and the proxy then only filters, which keeps rows in source order without comparisons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontDatabase

from openkey_gui.api import quota
from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.api.spend import WeekSpend
from openkey_gui.ui.colors import hue_color
from openkey_gui.ui.spend_column import DAILY_ROLE, SpendBook
from openkey_gui.ui.token_cells import (
    ALIGNMENT_ROLE,
    ASCENDING,
    COLUMN_COUNT,
    DISPLAY_ROLE,
    FONT_ROLE,
    FOREGROUND_ROLE,
    NUMERIC_ALIGNMENT,
    NUMERIC_COLUMNS,
    ROW_FLAGS,
    SEARCH_ROLE,
    SORT_KEYS,
    SORT_ROLE,
    STATUS_ROLE,
    TOKEN_ID_ROLE,
    TOKEN_ROLE,
    TOOLTIP_ROLE,
    Cells,
    CellTexts,
    Column,
    build_cells,
    key_matches,
    looks_like_key,
    search_text,
)

AnyIndex = QModelIndex | QPersistentModelIndex
SPEND_COLUMN = int(Column.SPEND)
SPEND_ROLES = frozenset((DISPLAY_ROLE, TOOLTIP_ROLE, SORT_ROLE, DAILY_ROLE))


class TokenTableModel(QAbstractTableModel):
    """All tokens of the signed-in account, in the order the server listed them (newest first).

    The model adds presentation only: labels, masks, money text, colours and sort keys. Whether a key
    is shown is the model's state (``set_revealed``) so that every view of it agrees. ``revision``
    grows on every change that can move rows or change what a filter sees, so a proxy can cache.

    Rows are kept as parallel lists in row order rather than one object per row: a refresh then
    allocates a handful of lists instead of 10,000 objects, which both costs less and keeps the
    garbage collector (its pauses grow with the number of new objects) from running on the GUI thread
    in the middle of a refresh. Per row: the token; ``seq``, its place in the order the server gave (so
    "unsorted" can always be restored); ``now``, the clock reading its status and relative expiry are
    computed against (so both always agree); and three caches, ``None`` until first needed and reset
    whenever what they hold changes: the effective status, the search text, the cell texts.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        quota_per_unit: int = quota.DEFAULT_QUOTA_PER_UNIT,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._quota_per_unit = quota_per_unit
        self._symbol = "$"
        self._rate = Decimal(1)
        self._tokens: list[Token] = []
        self._seqs: list[int] = []
        self._nows: list[datetime] = []
        self._statuses: list[TokenStatus | None] = []
        self._searches: list[str | None] = []
        self._cells: list[Cells | None] = []
        self._row_by_id: dict[int, int] | None = {}
        self._revealed: set[int] = set()
        self._front_seq = 0
        self._sort_column = -1
        self._sort_order = ASCENDING
        self.revision = 0
        self._key_font: QFont | None = None
        # Search texts are computed after a refresh, in idle-time slices of WARM_UP_ROWS rows, rather
        # than during the refresh or on the first keystroke (~3 ms per 10,000 rows either way).
        self._warm_up = QTimer(self)
        self._warm_up.setSingleShot(True)
        self._warm_up.setInterval(0)
        self._warm_up.timeout.connect(self._warm_up_searches)
        self._warm_up_next = 0
        self._texts = CellTexts(self)
        self.spend = SpendBook(self.money_text, self)  # the "7 days" column's figures
        self._sort_keys = (*SORT_KEYS[: Column.SPEND], self.spend.sort_key)

    # -- Qt model interface -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._tokens)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else COLUMN_COUNT

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Qt's own ``index()`` asks ``rowCount()`` and ``columnCount()`` first, two calls into Python
        for every index a proxy maps (eight per painted cell); one call does the same check."""
        if 0 <= row < len(self._tokens) and 0 <= column < COLUMN_COUNT and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """The same for every cell (``TokenFilterProxy.flags`` relies on that)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == DISPLAY_ROLE:
            return self._texts.headers[section]
        # Titles stay centred, numeric ones too: Qt draws the sort arrow at the right edge, over a
        # right-aligned title.
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        return self.value(index.row(), index.column(), role)

    def value(self, row: int, column: int, role: int) -> object:
        """``data()`` by row and column: the hot path, ordered by how often views ask for each role.

        Cells are built on first use. ``TokenFilterProxy.multiData`` calls this directly, so the
        roles of a painted cell cost one index mapping instead of seven.
        """
        if column == SPEND_COLUMN and role in SPEND_ROLES:
            return self.spend.value(self._tokens[row], role)
        if role == DISPLAY_ROLE:
            return (self._cells[row] or self._build_cells(row)).display[column]
        if role == FOREGROUND_ROLE:
            hue = (self._cells[row] or self._build_cells(row)).foreground[column]
            return None if hue is None else hue_color(hue)
        if role == ALIGNMENT_ROLE:
            return NUMERIC_ALIGNMENT if column in NUMERIC_COLUMNS else None
        if role == FONT_ROLE:
            return self._monospace() if column == Column.KEY else None
        if role == TOOLTIP_ROLE:
            return (self._cells[row] or self._build_cells(row)).tooltip[column]
        if role == SORT_ROLE:
            return self._sort_keys[column](self._tokens[row], self._status(row))
        if role == SEARCH_ROLE:
            return self._search(row)
        if role == STATUS_ROLE:
            return self._status(row)
        if role == TOKEN_ID_ROLE:
            return self._tokens[row].id
        if role == TOKEN_ROLE:
            return self._tokens[row]
        return None

    def sort(self, column: int, order: Qt.SortOrder = ASCENDING) -> None:
        """Order rows by ``Role.SORT`` of ``column``; ``-1`` restores the server's order.

        Ties keep the server's order in both directions, like Qt's own stable sort.
        """
        column = column if 0 <= column < COLUMN_COUNT else -1
        if (column, order) == (self._sort_column, self._sort_order):
            return  # every change keeps rows in order, and QTableView.sortByColumn() asks twice
        self._sort_column = column
        self._sort_order = order
        self._relayout()

    # -- reading ------------------------------------------------------------------------------------

    def tokens(self) -> list[Token]:
        """The tokens in row order (the server's order unless ``sort()`` was called)."""
        return list(self._tokens)

    def token_at(self, row: int) -> Token:
        return self._tokens[row]

    def row_of(self, token_id: int) -> int | None:
        if self._row_by_id is None:
            self._row_by_id = {token.id: number for number, token in enumerate(self._tokens)}
        return self._row_by_id.get(token_id)

    def is_revealed(self, token_id: int) -> bool:
        return token_id in self._revealed

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def rows_matching(self, words: Sequence[str], status: TokenStatus | None) -> list[bool]:
        """One flag per row, for the proxy: a whole-table pass in Python is ~10x cheaper than asking
        ``data()`` row by row. ``words`` must already be case-folded."""
        if not words:
            return [True] * len(self._tokens) if status is None else [s == status for s in self._all_statuses()]
        texts = self._all_searches()
        first, *others = words
        if status is None:
            flags = [first in text for text in texts]
        else:
            flags = [s == status and first in text for s, text in zip(self._all_statuses(), texts, strict=True)]
        for word in others:
            flags = [flag and word in text for flag, text in zip(flags, texts, strict=True)]
        if any(looks_like_key(word) for word in words):
            flags = self._or_key_matches(flags, words, status)
        return flags

    def _or_key_matches(self, flags: list[bool], words: Sequence[str], status: TokenStatus | None) -> list[bool]:
        """Rows found by a pasted key (or its tail), which search texts never contain.

        A row matches when every word is in its search text or matches its key; a key is compared
        only as far as the row knows it (New API lists show the first and last four characters).
        """
        statuses = self._all_statuses() if status is not None else None
        texts = self._all_searches()
        out = list(flags)
        for row, token in enumerate(self._tokens):
            if out[row] or (statuses is not None and statuses[row] != status):
                continue
            out[row] = all(word in texts[row] or (looks_like_key(word) and key_matches(word, token))
                           for word in words)
        return out

    # -- changing -----------------------------------------------------------------------------------

    def set_tokens(self, tokens: Iterable[Token]) -> None:
        """A full refresh; a revealed key stays revealed only if its token is still listed.

        Nothing is formatted here (see the class and module docstrings): the rows are stored, and
        ordered by the sort column's keys if the table is sorted.
        """
        self.beginResetModel()
        self._tokens = list(tokens)
        count = len(self._tokens)
        self._seqs = list(range(count))
        self._nows = [self._clock()] * count
        self._statuses = [None] * count
        self._searches = [None] * count
        self._cells = [None] * count
        if self._revealed:
            self._revealed &= {token.id for token in self._tokens}
        self._front_seq = 0
        if self._sort_column >= 0:
            self._permute(self._sorted_order(list(range(count))))
        self._rows_moved()
        self.endResetModel()
        if count:
            self._warm_up_next = 0
            self._warm_up.start()

    def add_token(self, token: Token) -> None:
        """A new token goes first, as the servers list newest first (or to its place when sorted).

        A token already present is updated in place instead, so a create answered twice (a retry, or a
        refresh racing the create) never shows two rows.
        """
        if self.row_of(token.id) is not None:
            self.update_token(token)
            return
        self._front_seq -= 1
        now = self._clock()
        position = self._insert_position(token, token.status_at(now), self._front_seq)
        self.beginInsertRows(QModelIndex(), position, position)
        self._insert_row(position, token, self._front_seq, now)
        self._rows_moved()
        self.endInsertRows()

    def update_token(self, token: Token) -> bool:
        """Replace the row with ``token.id``; False if it is gone (a refresh may have removed it)."""
        number = self.row_of(token.id)
        if number is None:
            return False
        self._tokens[number] = token
        self._nows[number] = self._clock()
        self._statuses[number] = self._searches[number] = self._cells[number] = None
        self.revision += 1
        self._emit_row_changed(number)
        self._move_into_place(number)
        return True

    def remove_token(self, token_id: int) -> bool:
        number = self.row_of(token_id)
        if number is None:
            return False
        self.beginRemoveRows(QModelIndex(), number, number)
        for values in self._row_lists():
            del values[number]
        self._revealed.discard(token_id)
        self._rows_moved()
        self.endRemoveRows()
        return True

    def set_revealed(self, token_id: int, revealed: bool) -> None:
        """Show or hide one key; ids not in the table are ignored so nothing stale stays revealed.

        The full key is shown only once the row's token carries it (``update_token(token.with_key())``);
        until then a revealed row keeps showing the mask.
        """
        number = self.row_of(token_id)
        if number is None:
            return
        if revealed:
            self._revealed.add(token_id)
        else:
            self._revealed.discard(token_id)
        self._cells[number] = None
        cell = self.index(number, Column.KEY)
        self.dataChanged.emit(cell, cell, [DISPLAY_ROLE, TOOLTIP_ROLE])

    def set_display(self, quota_per_unit: int, symbol: str = "$", rate: Decimal | int = 1) -> None:
        """Change how money reads (the site's units per dollar, currency sign, rate); units stay."""
        self._quota_per_unit = quota_per_unit
        self._symbol = symbol
        self._rate = Decimal(rate)
        self._cells = [None] * len(self._tokens)
        self._emit_columns_changed(Column.REMAINING, Column.SPEND, [DISPLAY_ROLE, TOOLTIP_ROLE])

    def set_spend(self, week: WeekSpend | None, as_of: datetime | None = None) -> None:
        """New figures for the "7 days" column (None: none known, e.g. after signing out)."""
        self.spend.set_week(week, as_of or self._clock())
        self._emit_columns_changed(Column.SPEND, Column.SPEND, [DISPLAY_ROLE, TOOLTIP_ROLE, DAILY_ROLE])
        if self._sort_column == Column.SPEND:
            self._relayout()

    def refresh_times(self) -> None:
        """Re-read the clock: relative expiry texts age, and a token may have just expired.

        Only the expiry column is repainted, plus the status cells of rows whose status really changed
        (those also move if the table is sorted by status). Texts are rebuilt as rows are repainted;
        a status nobody has asked for yet is simply computed later, against the new time.
        """
        now = self._clock()
        count = len(self._tokens)
        self._nows = [now] * count
        self._cells = [None] * count
        changed: list[int] = []
        tokens, statuses = self._tokens, self._statuses
        for number, old in enumerate(statuses):
            if old is not None:
                status = tokens[number].status_at(now)
                if status != old:
                    statuses[number] = status
                    changed.append(number)
        self._emit_columns_changed(Column.EXPIRES, Column.EXPIRES, [DISPLAY_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE])
        if not changed:
            return
        self.revision += 1
        first, last = self.index(changed[0], Column.STATUS), self.index(changed[-1], Column.STATUS)
        self.dataChanged.emit(first, last, [DISPLAY_ROLE, FOREGROUND_ROLE, SORT_ROLE, STATUS_ROLE])
        if self._sort_column == Column.STATUS:
            self._relayout()

    def retranslate(self) -> None:
        """Rebuild every text after the application's language changed (models get no LanguageChange)."""
        self._texts.translate()
        self.beginResetModel()
        count = len(self._tokens)
        self._nows = [self._clock()] * count
        self._statuses = [None] * count
        self._cells = [None] * count
        self._rows_moved()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    # -- per-row caches -----------------------------------------------------------------------------

    def _status(self, row: int) -> TokenStatus:
        status = self._statuses[row]
        if status is None:
            status = self._statuses[row] = self._tokens[row].status_at(self._nows[row])
        return status

    def _all_statuses(self) -> list[TokenStatus]:
        statuses = self._statuses
        if None in statuses:
            tokens, nows = self._tokens, self._nows
            statuses[:] = [tokens[n].status_at(nows[n]) if s is None else s for n, s in enumerate(statuses)]
        return statuses  # type: ignore[return-value]  # no None left

    def _search(self, row: int) -> str:
        text = self._searches[row]
        if text is None:
            text = self._searches[row] = search_text(self._tokens[row])
        return text

    def _all_searches(self) -> list[str]:
        searches = self._searches
        if None in searches:  # the first search after a refresh: ~3 ms for 10,000 rows
            tokens = self._tokens
            searches[:] = [search_text(tokens[n]) if s is None else s for n, s in enumerate(searches)]
        return searches  # type: ignore[return-value]  # no None left

    #: Rows whose search text one idle-time slice computes (~1 ms).
    WARM_UP_ROWS = 2_500

    def _warm_up_searches(self) -> None:
        start, stop = self._warm_up_next, min(self._warm_up_next + self.WARM_UP_ROWS, len(self._tokens))
        searches, tokens = self._searches, self._tokens
        for row in range(start, stop):
            if searches[row] is None:
                searches[row] = search_text(tokens[row])
        self._warm_up_next = stop
        if stop < len(tokens):
            self._warm_up.start()

    # -- order --------------------------------------------------------------------------------------

    def _row_lists(self) -> tuple[list[Any], ...]:
        """Every per-row list; whatever moves one row must move it in each of them."""
        return (self._tokens, self._seqs, self._nows, self._statuses, self._searches, self._cells)

    def _insert_row(self, position: int, token: Token, seq: int, now: datetime) -> None:
        for values, value in zip(self._row_lists(), (token, seq, now, None, None, None), strict=True):
            values.insert(position, value)

    def _permute(self, order: list[int]) -> None:
        """Put old row ``order[i]`` at row ``i`` in every per-row list."""
        for values in self._row_lists():
            values[:] = map(values.__getitem__, order)

    def _rows_moved(self) -> None:
        self._row_by_id = None
        self.revision += 1

    def _sorted_order(self, order: list[int]) -> list[int]:
        """``order`` (row numbers) stably sorted by the sort column; reverse=True keeps ties in order."""
        sort_key = self._sort_keys[self._sort_column]
        tokens = self._tokens
        statuses = self._all_statuses() if self._sort_column == Column.STATUS else self._statuses
        keys = [sort_key(token, status) for token, status in zip(tokens, statuses, strict=True)]  # type: ignore[arg-type]
        order.sort(key=keys.__getitem__, reverse=self._sort_order != ASCENDING)
        return order

    def _precedes(self, key_a: float | str, seq_a: int, key_b: float | str, seq_b: int) -> bool:
        """Whether a row with ``key_a`` / ``seq_a`` belongs above one with ``key_b`` / ``seq_b``."""
        if self._sort_column >= 0 and key_a != key_b:
            return key_a < key_b if self._sort_order == ASCENDING else key_a > key_b  # type: ignore[operator]
        return seq_a < seq_b

    def _insert_position(self, token: Token, status: TokenStatus, seq: int, skip: int = -1) -> int:
        """Where a row for ``token`` goes among the current rows (leaving out row ``skip``)."""
        sort_key = self._sort_keys[self._sort_column] if self._sort_column >= 0 else None
        key = sort_key(token, status) if sort_key is not None else 0.0
        low, high = 0, len(self._tokens) - (skip >= 0)
        while low < high:
            middle = (low + high) // 2
            row = middle + (0 <= skip <= middle)
            other_key = sort_key(self._tokens[row], self._status(row)) if sort_key is not None else 0.0
            if self._precedes(other_key, self._seqs[row], key, seq):
                low = middle + 1
            else:
                high = middle
        return low

    def _move_into_place(self, number: int) -> None:
        """After an update, move the row if its sort key now puts it elsewhere (rowsMoved, not a reset)."""
        if self._sort_column < 0:
            return
        target = self._insert_position(self._tokens[number], self._status(number), self._seqs[number], number)
        if target == number:
            return
        destination = target if target < number else target + 1
        self.beginMoveRows(QModelIndex(), number, number, QModelIndex(), destination)
        for values in self._row_lists():
            values.insert(target, values.pop(number))
        self._rows_moved()
        self.endMoveRows()

    def _relayout(self) -> None:
        """Re-sort in place, carrying persistent indexes (selection, current row) to the new rows."""
        self.layoutAboutToBeChanged.emit()
        order = sorted(range(len(self._tokens)), key=self._seqs.__getitem__)
        if self._sort_column >= 0:
            order = self._sorted_order(order)
        persistent = self.persistentIndexList()
        if persistent:
            new_row = dict.fromkeys({index.row() for index in persistent}, 0)
            for number, old in enumerate(order):
                if old in new_row:
                    new_row[old] = number
            moved = [self.index(new_row[index.row()], index.column()) for index in persistent]
            self.changePersistentIndexList(persistent, moved)
        self._permute(order)
        self._rows_moved()
        self.layoutChanged.emit()

    # -- signals ------------------------------------------------------------------------------------

    def _emit_row_changed(self, number: int) -> None:
        self.dataChanged.emit(self.index(number, 0), self.index(number, COLUMN_COUNT - 1), [])

    def _emit_columns_changed(self, first: Column, last: Column, roles: Sequence[int]) -> None:
        if self._tokens:
            top_left = self.index(0, first)
            bottom_right = self.index(len(self._tokens) - 1, last)
            self.dataChanged.emit(top_left, bottom_right, list(roles))

    # -- building the cells -------------------------------------------------------------------------

    def _build_cells(self, row: int) -> Cells:
        """Every text, tooltip and colour of one row, on the first ``data()`` call that needs one."""
        token = self._tokens[row]
        cells = self._cells[row] = build_cells(token, self._status(row), self._nows[row],
                                               revealed=token.id in self._revealed, texts=self._texts,
                                               quota_text=self._quota_text)
        return cells

    # -- texts --------------------------------------------------------------------------------------

    def _quota_text(self, units: int) -> str:
        return f"{self.money_text(units)} · {quota.format_units_short(units, self._texts.short_units)}"

    def money_text(self, units: int) -> str:
        """Quota units as money in the site's currency."""
        return quota.format_money(units, self._quota_per_unit, symbol=self._symbol, rate=self._rate)

    def money_value(self, units: int) -> float:
        """Quota units as an amount of the site's currency, for scales (a chart's axis)."""
        return float(quota.quota_to_money(units, self._quota_per_unit) * self._rate)

    def _monospace(self) -> QFont:
        """Created on first use: a font needs the GUI application, which a model may predate."""
        if self._key_font is None:
            self._key_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return self._key_font

