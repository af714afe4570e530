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

import enum
import itertools
import re
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase

from openkey_gui.api import quota
from openkey_gui.api.models import KEY_PREFIX, Token, TokenStatus

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    """Table columns, in display order."""

    NAME = 0
    STATUS = 1
    KEY = 2
    REMAINING = 3
    USED = 4
    CREATED = 5
    EXPIRES = 6
    LAST_USED = 7


class Role(enum.IntEnum):
    """Custom data roles; views and the proxy read raw values through these instead of parsing text."""

    TOKEN = int(Qt.ItemDataRole.UserRole)
    TOKEN_ID = enum.auto()
    SORT = enum.auto()
    STATUS = enum.auto()
    SEARCH = enum.auto()


# Plain ints: data() runs for every painted cell, and int comparisons are the cheapest dispatch.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOKEN = int(Role.TOKEN)
_TOKEN_ID = int(Role.TOKEN_ID)
_SORT = int(Role.SORT)
_STATUS = int(Role.STATUS)
_SEARCH = int(Role.SEARCH)

_COLUMN_COUNT = len(Column)
_NUMERIC_COLUMNS = frozenset((Column.REMAINING, Column.USED))
_NUMERIC_ALIGNMENT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ASCENDING = Qt.SortOrder.AscendingOrder
_ROW_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

# Mid-tone colours: readable on both a white and a near-black base, so no palette lookup is needed.
STATUS_COLORS: dict[TokenStatus, QColor] = {
    TokenStatus.ENABLED: QColor("#2e9e4f"),
    TokenStatus.DISABLED: QColor("#8a8a8a"),
    TokenStatus.EXPIRED: QColor("#d9463b"),
    TokenStatus.EXHAUSTED: QColor("#e07b12"),
}
EXPIRY_SOON_COLOR = QColor("#d4a017")
EXPIRY_PAST_COLOR = STATUS_COLORS[TokenStatus.EXPIRED]
EXPIRY_WARNING = timedelta(days=3)

_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")
_MASK_ELLIPSIS = "…"
_MISSING = "—"
# Sort keys stay floats in every numeric column so that any two keys of a column compare.
_TOP = float("inf")
_BOTTOM = float("-inf")


def mask_key(key: str) -> str:
    """``sk-`` + first four + ``…`` + last four characters of the key body.

    Works the same on a full key and on New API's ``abcd**********wxyz`` mask, so a row looks the same
    before and after its key was fetched; a body too short to hide anything shows no characters at all.
    """
    body = key[len(KEY_PREFIX) :] if key.startswith(KEY_PREFIX) else key
    if len(body) < 9:
        return KEY_PREFIX + _MASK_ELLIPSIS
    return f"{KEY_PREFIX}{body[:4]}{_MASK_ELLIPSIS}{body[-4:]}"


def local_datetime_text(moment: datetime) -> str:
    """``2026-11-28 14:05`` in the machine's time zone.

    ``time.localtime`` plus an f-string is about twice as fast as ``astimezone().strftime()``, which
    counts at 10,000 rows; the fallback covers dates the C library refuses (e.g. beyond 3000 on Windows).
    """
    try:
        local = time.localtime(moment.timestamp())
    except (OverflowError, OSError, ValueError):
        return f"{moment:%Y-%m-%d %H:%M}"
    return f"{local.tm_year:04d}-{local.tm_mon:02d}-{local.tm_mday:02d} {local.tm_hour:02d}:{local.tm_min:02d}"


class _Cells:
    """What a view shows of one row: text, tooltip and colour per column, lists indexed by ``Column``."""

    __slots__ = ("display", "foreground", "tooltip")

    def __init__(self, display: list[str | None], tooltip: list[str | None],
                 foreground: list[QColor | None]) -> None:
        self.display = display
        self.tooltip = tooltip
        self.foreground = foreground


def _looks_like_key(word: str) -> bool:
    """A search word worth comparing with keys: ``sk-…``, or 4+ letters and digits with a digit in them
    (a key's tail such as ``e464``). Plain words like "laptop" never scan the keys."""
    if word.startswith(KEY_PREFIX):
        return len(word) > len(KEY_PREFIX) + 3
    return len(word) >= 4 and word.isascii() and word.isalnum() and any(c.isdigit() for c in word)


def _key_matches(word: str, token: Token) -> bool:
    """``word`` (case-folded) is the whole key or its ending, as far as the listed key or mask shows it.

    Only those two: a pasted key, or the last characters a user reads off a mask or a log line. A
    stretch from the middle of a key is not matched, so typing a name never finds a key by chance.
    """
    body = word.removeprefix(KEY_PREFIX)
    key = token.key.removeprefix(KEY_PREFIX).casefold()
    if not token.key_is_masked:
        return body == key or key.endswith(body)
    head, tail = key[:4], key.rstrip("*")[-4:]
    if len(body) > 8:
        return body.startswith(head) and body.endswith(tail)
    return bool(tail) and tail.endswith(body)


def _search_text(token: Token) -> str:
    """What search matches: name, group and models, case-folded; never the key."""
    return "\n".join((token.name, token.group, *token.models)).casefold()


# Sort keys, one function per column, from a token and its effective status. Every numeric column uses
# floats, with ±inf for "unlimited" / "never" / "missing", so that any two keys of a column compare;
# each is a float() or a casefold(), cheap enough to derive a column's keys for 10,000 rows per sort.
def _name_key(token: Token, status: TokenStatus) -> float | str:
    return token.name.casefold()


def _status_key(token: Token, status: TokenStatus) -> float | str:
    return _TOP if status == TokenStatus.UNKNOWN else float(status)


def _key_key(token: Token, status: TokenStatus) -> float | str:
    return mask_key(token.key).casefold()


def _remaining_key(token: Token, status: TokenStatus) -> float | str:
    return _TOP if token.unlimited else float(token.remain_quota)


def _used_key(token: Token, status: TokenStatus) -> float | str:
    return float(token.used_quota)


def _created_key(token: Token, status: TokenStatus) -> float | str:
    moment = token.created_at
    return _BOTTOM if moment is None else moment.timestamp()


def _expires_key(token: Token, status: TokenStatus) -> float | str:
    moment = token.expires_at
    return _TOP if moment is None else moment.timestamp()


def _never_used(token: Token) -> bool:
    """Both servers set the access time to the creation time when a token is made, and move it only
    when a relay call uses the key: equal times mean the key was never used."""
    return token.accessed_at is None or token.accessed_at == token.created_at


def _last_used_key(token: Token, status: TokenStatus) -> float | str:
    return _BOTTOM if _never_used(token) else token.accessed_at.timestamp()  # type: ignore[union-attr]


_SORT_KEYS: tuple[Callable[[Token, TokenStatus], float | str], ...] = (
    _name_key, _status_key, _key_key, _remaining_key, _used_key, _created_key, _expires_key, _last_used_key,
)
assert len(_SORT_KEYS) == _COLUMN_COUNT


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
        self._cells: list[_Cells | None] = []
        self._row_by_id: dict[int, int] | None = {}
        self._revealed: set[int] = set()
        self._front_seq = 0
        self._sort_column = -1
        self._sort_order = _ASCENDING
        self.revision = 0
        self._key_font: QFont | None = None
        self._relative_cache: dict[tuple[bool, int, int], str] = {}
        # Search texts are computed after a refresh, in idle-time slices of WARM_UP_ROWS rows, rather
        # than during the refresh or on the first keystroke (~3 ms per 10,000 rows either way).
        self._warm_up = QTimer(self)
        self._warm_up.setSingleShot(True)
        self._warm_up.setInterval(0)
        self._warm_up.timeout.connect(self._warm_up_searches)
        self._warm_up_next = 0
        self._translate_fixed_texts()

    # -- Qt model interface -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._tokens)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else _COLUMN_COUNT

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Qt's own ``index()`` asks ``rowCount()`` and ``columnCount()`` first, two calls into Python
        for every index a proxy maps (eight per painted cell); one call does the same check."""
        if 0 <= row < len(self._tokens) and 0 <= column < _COLUMN_COUNT and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """The same for every cell (``TokenFilterProxy.flags`` relies on that)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _ALIGNMENT and section in _NUMERIC_COLUMNS:
            return _NUMERIC_ALIGNMENT
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        return self.value(index.row(), index.column(), role)

    def value(self, row: int, column: int, role: int) -> object:
        """``data()`` by row and column: the hot path, ordered by how often views ask for each role.

        Cells are built on first use. ``TokenFilterProxy.multiData`` calls this directly, so the
        roles of a painted cell cost one index mapping instead of seven.
        """
        if role == _DISPLAY:
            return (self._cells[row] or self._build_cells(row)).display[column]
        if role == _FOREGROUND:
            return (self._cells[row] or self._build_cells(row)).foreground[column]
        if role == _ALIGNMENT:
            return _NUMERIC_ALIGNMENT if column in _NUMERIC_COLUMNS else None
        if role == _FONT:
            return self._monospace() if column == Column.KEY else None
        if role == _TOOLTIP:
            return (self._cells[row] or self._build_cells(row)).tooltip[column]
        if role == _SORT:
            return _SORT_KEYS[column](self._tokens[row], self._status(row))
        if role == _SEARCH:
            return self._search(row)
        if role == _STATUS:
            return self._status(row)
        if role == _TOKEN_ID:
            return self._tokens[row].id
        if role == _TOKEN:
            return self._tokens[row]
        return None

    def sort(self, column: int, order: Qt.SortOrder = _ASCENDING) -> None:
        """Order rows by ``Role.SORT`` of ``column``; ``-1`` restores the server's order.

        Ties keep the server's order in both directions, like Qt's own stable sort.
        """
        column = column if 0 <= column < _COLUMN_COUNT else -1
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
        if any(_looks_like_key(word) for word in words):
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
            out[row] = all(word in texts[row] or (_looks_like_key(word) and _key_matches(word, token))
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
        self.dataChanged.emit(cell, cell, [_DISPLAY, _TOOLTIP])

    def set_display(self, quota_per_unit: int, symbol: str = "$", rate: Decimal | int = 1) -> None:
        """Change how money reads (the site's units per dollar, currency sign, rate); units stay."""
        self._quota_per_unit = quota_per_unit
        self._symbol = symbol
        self._rate = Decimal(rate)
        self._cells = [None] * len(self._tokens)
        self._emit_columns_changed(Column.REMAINING, Column.USED, [_DISPLAY, _TOOLTIP])

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
        self._emit_columns_changed(Column.EXPIRES, Column.EXPIRES, [_DISPLAY, _TOOLTIP, _FOREGROUND])
        if not changed:
            return
        self.revision += 1
        first, last = self.index(changed[0], Column.STATUS), self.index(changed[-1], Column.STATUS)
        self.dataChanged.emit(first, last, [_DISPLAY, _FOREGROUND, _SORT, _STATUS])
        if self._sort_column == Column.STATUS:
            self._relayout()

    def retranslate(self) -> None:
        """Rebuild every text after the application's language changed (models get no LanguageChange)."""
        self._translate_fixed_texts()
        self._relative_cache.clear()
        self.beginResetModel()
        count = len(self._tokens)
        self._nows = [self._clock()] * count
        self._statuses = [None] * count
        self._cells = [None] * count
        self._rows_moved()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, _COLUMN_COUNT - 1)

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
            text = self._searches[row] = _search_text(self._tokens[row])
        return text

    def _all_searches(self) -> list[str]:
        searches = self._searches
        if None in searches:  # the first search after a refresh: ~3 ms for 10,000 rows
            tokens = self._tokens
            searches[:] = [_search_text(tokens[n]) if s is None else s for n, s in enumerate(searches)]
        return searches  # type: ignore[return-value]  # no None left

    #: Rows whose search text one idle-time slice computes (~1 ms).
    WARM_UP_ROWS = 2_500

    def _warm_up_searches(self) -> None:
        start, stop = self._warm_up_next, min(self._warm_up_next + self.WARM_UP_ROWS, len(self._tokens))
        searches, tokens = self._searches, self._tokens
        for row in range(start, stop):
            if searches[row] is None:
                searches[row] = _search_text(tokens[row])
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
        sort_key = _SORT_KEYS[self._sort_column]
        tokens = self._tokens
        statuses = self._all_statuses() if self._sort_column == Column.STATUS else self._statuses
        keys = [sort_key(token, status) for token, status in zip(tokens, statuses, strict=True)]  # type: ignore[arg-type]
        order.sort(key=keys.__getitem__, reverse=self._sort_order != _ASCENDING)
        return order

    def _precedes(self, key_a: float | str, seq_a: int, key_b: float | str, seq_b: int) -> bool:
        """Whether a row with ``key_a`` / ``seq_a`` belongs above one with ``key_b`` / ``seq_b``."""
        if self._sort_column >= 0 and key_a != key_b:
            return key_a < key_b if self._sort_order == _ASCENDING else key_a > key_b  # type: ignore[operator]
        return seq_a < seq_b

    def _insert_position(self, token: Token, status: TokenStatus, seq: int, skip: int = -1) -> int:
        """Where a row for ``token`` goes among the current rows (leaving out row ``skip``)."""
        sort_key = _SORT_KEYS[self._sort_column] if self._sort_column >= 0 else None
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
        self.dataChanged.emit(self.index(number, 0), self.index(number, _COLUMN_COUNT - 1), [])

    def _emit_columns_changed(self, first: Column, last: Column, roles: Sequence[int]) -> None:
        if self._tokens:
            top_left = self.index(0, first)
            bottom_right = self.index(len(self._tokens) - 1, last)
            self.dataChanged.emit(top_left, bottom_right, list(roles))

    # -- building the cells -------------------------------------------------------------------------

    def _build_cells(self, row: int) -> _Cells:
        """Every text, tooltip and colour of one row, on the first ``data()`` call that needs one."""
        token = self._tokens[row]
        status = self._status(row)
        display: list[str | None] = [None] * _COLUMN_COUNT
        tooltip: list[str | None] = [None] * _COLUMN_COUNT
        foreground: list[QColor | None] = [None] * _COLUMN_COUNT

        display[Column.NAME] = tooltip[Column.NAME] = token.name
        display[Column.STATUS] = self._status_labels[status]
        foreground[Column.STATUS] = STATUS_COLORS.get(status)

        # The one place that decides whether a full key may become text.
        if token.id in self._revealed and not token.key_is_masked:
            display[Column.KEY] = token.key
            tooltip[Column.KEY] = token.key  # the whole key when the column is too narrow for it
        else:
            display[Column.KEY] = mask_key(token.key)
            tooltip[Column.KEY] = self._hidden_key_tip

        if token.unlimited:
            display[Column.REMAINING] = self._unlimited
            tooltip[Column.REMAINING] = self._unlimited_tip
        else:
            display[Column.REMAINING] = self._quota_text(token.remain_quota)
            tooltip[Column.REMAINING] = self._units_format.format(units=f"{token.remain_quota:,}")
        display[Column.USED] = self._quota_text(token.used_quota)
        tooltip[Column.USED] = self._units_format.format(units=f"{token.used_quota:,}")

        created, accessed, expires = token.created_at, token.accessed_at, token.expires_at
        display[Column.CREATED] = _MISSING if created is None else local_datetime_text(created)
        if accessed is None:
            display[Column.LAST_USED] = _MISSING
        else:
            display[Column.LAST_USED] = self._never if _never_used(token) else local_datetime_text(accessed)
        if expires is None:
            display[Column.EXPIRES] = self._never
            tooltip[Column.EXPIRES] = self._never_tip
        else:
            left = expires - self._nows[row]
            display[Column.EXPIRES] = self.relative_time(left)
            tooltip[Column.EXPIRES] = local_datetime_text(expires)
            if left <= timedelta(0):
                foreground[Column.EXPIRES] = EXPIRY_PAST_COLOR
            elif left <= EXPIRY_WARNING:
                foreground[Column.EXPIRES] = EXPIRY_SOON_COLOR

        cells = self._cells[row] = _Cells(display, tooltip, foreground)
        return cells

    # -- texts --------------------------------------------------------------------------------------

    def _translate_fixed_texts(self) -> None:
        """Translate once per language instead of once per row: ``tr()`` is a C++ round trip."""
        self._headers = (
            self.tr("Name"),
            self.tr("Status"),
            self.tr("Key"),
            self.tr("Remaining"),
            self.tr("Used"),
            self.tr("Created"),
            self.tr("Expires"),
            self.tr("Last used"),
        )
        self._status_labels = {
            TokenStatus.UNKNOWN: self.tr("Unknown"),
            TokenStatus.ENABLED: self.tr("Enabled"),
            TokenStatus.DISABLED: self.tr("Disabled"),
            TokenStatus.EXPIRED: self.tr("Expired"),
            TokenStatus.EXHAUSTED: self.tr("Exhausted"),
        }
        self._unlimited = self.tr("Unlimited")
        self._unlimited_tip = self.tr("No quota limit")
        self._never = self.tr("Never")
        self._never_tip = self.tr("Never expires")
        self._hidden_key_tip = self.tr("Hidden: reveal to show the full key")
        # {units} is the exact count with thousands separators, e.g. "1,250,000 units".
        self._units_format = self.tr("{units} units")

    def _quota_text(self, units: int) -> str:
        money = quota.format_money(units, self._quota_per_unit, symbol=self._symbol, rate=self._rate)
        return f"{money} · {quota.format_units_short(units)}"

    def relative_time(self, delta: timedelta) -> str:
        """``in 3 hours`` / ``5 days ago``: rounded to the nearest unit, the unit growing with distance."""
        seconds = delta.total_seconds()
        future = seconds > 0
        seconds = abs(seconds)
        minutes = round(seconds / 60)
        if minutes < 60:
            return self._relative(future, 0, minutes)
        hours = round(seconds / 3600)
        if hours < 24:
            return self._relative(future, 1, hours)
        days = round(seconds / 86400)
        if days < 45:
            return self._relative(future, 2, days)
        months = round(days / 30.44)
        if months < 12:
            return self._relative(future, 3, months)
        return self._relative(future, 4, max(1, round(days / 365.25)))

    def _relative(self, future: bool, unit: int, n: int) -> str:
        """Cached: 10,000 rows share a few dozen distinct texts."""
        cache_key = (future, unit, n)
        text = self._relative_cache.get(cache_key)
        if text is None:
            text = self._translate_relative(future, unit, n)
            self._relative_cache[cache_key] = text
        return text

    def _translate_relative(self, future: bool, unit: int, n: int) -> str:
        """Every source string is a literal so lupdate finds it.

        Singular forms are separate strings so English reads right without a ``.qm``; plural strings
        carry ``%n`` so translators get every plural form their language needs.
        """
        if n == 0:
            return self.tr("in less than a minute") if future else self.tr("less than a minute ago")
        if future:
            if unit == 0:
                return self.tr("in 1 minute") if n == 1 else self.tr("in %n minutes", "", n)
            if unit == 1:
                return self.tr("in 1 hour") if n == 1 else self.tr("in %n hours", "", n)
            if unit == 2:
                return self.tr("in 1 day") if n == 1 else self.tr("in %n days", "", n)
            if unit == 3:
                return self.tr("in 1 month") if n == 1 else self.tr("in %n months", "", n)
            return self.tr("in 1 year") if n == 1 else self.tr("in %n years", "", n)
        if unit == 0:
            return self.tr("1 minute ago") if n == 1 else self.tr("%n minutes ago", "", n)
        if unit == 1:
            return self.tr("1 hour ago") if n == 1 else self.tr("%n hours ago", "", n)
        if unit == 2:
            return self.tr("1 day ago") if n == 1 else self.tr("%n days ago", "", n)
        if unit == 3:
            return self.tr("1 month ago") if n == 1 else self.tr("%n months ago", "", n)
        return self.tr("1 year ago") if n == 1 else self.tr("%n years ago", "", n)

    def _monospace(self) -> QFont:
        """Created on first use: a font needs the GUI application, which a model may predate."""
        if self._key_font is None:
            self._key_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return self._key_font


class _StaleFlags:
    """Stands in for a proxy's accept flags once the source changed; the first lookup recomputes them.

    This keeps ``filterAcceptsRow`` to one list lookup. Qt calls it for every source row on each
    refilter, sort and load, and checking freshness inside it cost ~1 ms per 10,000 calls.
    """

    __slots__ = ("_proxy",)

    def __init__(self, proxy: TokenFilterProxy) -> None:
        self._proxy = weakref.ref(proxy)

    def __getitem__(self, source_row: int) -> bool:
        proxy = self._proxy()
        return proxy is not None and proxy._fresh_flags()[source_row]


class TokenFilterProxy(QSortFilterProxyModel):
    """Search-as-you-type and the status filter over a :class:`TokenTableModel`.

    Filtering: on each change the model computes one accept flag per row in a single Python pass
    (``rows_matching``); ``filterAcceptsRow`` is then a list lookup. Any change of the source marks
    the flags stale before Qt's own handler can ask for them (see ``setSourceModel``). Sorting:
    forwarded to the model (see the module docstring), so this proxy's own C++ sort column stays -1
    and filter changes never run comparisons.
    """

    #: How many separate runs of rows may change before a refilter is told as a layout change.
    SCATTERED_CHANGE_RANGES = 64

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._status: TokenStatus | None = None
        self._tokens: TokenTableModel | None = None
        self._stale = _StaleFlags(self)
        self._accepted: list[bool] | _StaleFlags = self._stale
        self.setSortRole(Role.SORT)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: TokenTableModel) -> None:  # type: ignore[override]
        """Watch ``model`` for changes *before* Qt's proxy does.

        Qt calls a model's slots in the order they were connected, and ``QSortFilterProxyModel``
        connects its own handlers inside ``setSourceModel``; connecting first guarantees the flags
        are marked stale before any handler refilters the changed rows.
        """
        if self._tokens is not None:
            for signal in _source_signals(self._tokens):
                signal.disconnect(self._source_changed)
        self._tokens = model
        self._accepted = self._stale
        for signal in _source_signals(model):
            signal.connect(self._source_changed)
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = _ASCENDING) -> None:
        if self._tokens is not None:
            self._tokens.sort(column, order)

    def sortColumn(self) -> int:
        return self._tokens.sort_column() if self._tokens is not None else -1

    def sortOrder(self) -> Qt.SortOrder:
        return self._tokens.sort_order() if self._tokens is not None else _ASCENDING

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """The source's flags without mapping the index: they are the same for every cell."""
        if self._tokens is None:
            return super().flags(index)
        return self._tokens.flags(index)

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """All roles of a cell in one call from Qt.

        Qt 6's item delegate asks for seven roles per painted cell at once; Qt's proxy would answer
        with seven ``data()`` calls, each mapping the index into the source again. Here the index
        is mapped once, and the values are exactly what the source's ``data()`` returns.
        """
        tokens = self._tokens
        if tokens is None or not index.isValid():
            super().multiData(index, roleDataSpan)
            return
        source = self.mapToSource(index)
        row, column, value = source.row(), source.column(), tokens.value
        if isinstance(roleDataSpan, QModelRoleData):
            roleDataSpan.setData(value(row, column, roleDataSpan.role()))
            return
        for number in range(len(roleDataSpan)):
            role_data = roleDataSpan[number]
            role_data.setData(value(row, column, role_data.role()))

    def search_text(self) -> str:
        return " ".join(self._words)

    def status_filter(self) -> TokenStatus | None:
        return self._status

    def token_at(self, proxy_row: int) -> Token:
        """The token shown on ``proxy_row`` (what the window's actions act on).

        Read from the source model, not through ``data()``: on Python < 3.12, PySide6 6.12 drops a
        reference to ``None`` each time an invalid QVariant is converted for Python, and enough of
        those abort the interpreter ("deallocating None").
        """
        if self._tokens is None or not 0 <= proxy_row < self.rowCount():
            raise IndexError(proxy_row)
        return self._tokens.token_at(self.mapToSource(self.index(proxy_row, 0)).row())

    def set_search_text(self, text: str) -> None:
        """Every whitespace-separated word must occur somewhere in name, group or models."""
        words = tuple(text.casefold().split())
        if words != self._words:
            self._change_filter(words, self._status)

    def set_status_filter(self, status: TokenStatus | None) -> None:
        """``None`` shows all; otherwise the *effective* status must match (an "enabled" token whose
        expiry passed counts as expired), since that is what a pasted key would meet."""
        if status != self._status:
            self._change_filter(self._words, status)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        return self._accepted[source_row]

    def _source_changed(self, *_: object) -> None:
        self._accepted = self._stale

    def _fresh_flags(self) -> list[bool]:
        tokens = self._tokens
        flags = tokens.rows_matching(self._words, self._status) if tokens is not None else []
        self._accepted = flags
        return flags

    def _change_filter(self, words: tuple[str, ...], status: TokenStatus | None) -> None:
        """Refilter, telling the views in the cheaper of two ways.

        Qt's row-filter update removes and inserts rows range by range, and every range costs a pass
        over the proxy's whole mapping plus a signal to each view: typing the first letter into a
        10,000-row table hides ~5,000 scattered rows in ~2,500 ranges, ~20 ms. Past
        ``SCATTERED_CHANGE_RANGES`` ranges a layout change (``invalidate()``, one O(n) rebuild) is
        cheaper, and it keeps the selection wherever the selected rows are still shown.
        """
        tokens = self._tokens
        known = isinstance(self._accepted, list)  # what Qt's mapping was last built from
        old = self._accepted if isinstance(self._accepted, list) else self._fresh_flags()
        new = tokens.rows_matching(words, status) if tokens is not None else []
        self._words, self._status = words, status
        if known and new == old:  # e.g. "cla" → "clau" when every "cla" is a "clau": nothing to redo
            self._accepted = new
            return
        if _changed_ranges(old, new, limit=self.SCATTERED_CHANGE_RANGES) > self.SCATTERED_CHANGE_RANGES:
            self._accepted = new
            self.invalidate()
        elif _HAS_FILTER_CHANGE:  # Qt 6.10 deprecates invalidateRowsFilter() for begin/endFilterChange()
            self.beginFilterChange()
            self._accepted = new
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            self._accepted = new
            self.invalidateRowsFilter()


def _source_signals(model: QAbstractTableModel) -> tuple[Any, ...]:
    """Every signal after which a row's accept flag or a row number may have changed."""
    return (
        model.modelAboutToBeReset, model.modelReset, model.rowsInserted, model.rowsRemoved,
        model.rowsMoved, model.layoutChanged, model.dataChanged,
    )


def _changed_ranges(old: Sequence[bool], new: Sequence[bool], *, limit: int) -> int:
    """How many runs of consecutive rows change state, counting no further than ``limit + 1``.

    Done on bytes so that the scan runs in C: XOR of the two flag strings is non-zero exactly where
    a row changes, and each run of non-zero bytes is one range Qt would insert or remove.
    """
    size = len(old)
    diff = (int.from_bytes(bytes(old), "big") ^ int.from_bytes(bytes(new), "big")).to_bytes(size, "big")
    return sum(1 for _ in itertools.islice(_CHANGED_RUN.finditer(diff), limit + 1))


_CHANGED_RUN = re.compile(rb"[^\x00]+")
