"""The token table: one source model and one search / status proxy over it.

Every string a cell shows is computed once, when its row arrives (or when the currency, the clock or
the reveal state changes), and kept in a small per-row cache; ``data()`` is then an index lookup, so a
10,000-token account scrolls, sorts and filters without stutter. A key that the user has not revealed
never leaves the model as text: its cells only ever carry the ``sk-abcd…wxyz`` mask.

Sorting is done by the source model in Python (``TokenTableModel.sort``), and the proxy forwards its
``sort()`` there. Letting ``QSortFilterProxyModel`` sort would call back into Python twice per comparison:
measured on 10,000 rows that is ~0.7 s per header click and again per backspace in the search field
(every re-admitted row is binary-inserted with Python comparisons). Sorting the source list costs a few
milliseconds, and the proxy then only filters, which keeps rows in source order without comparisons.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase

from openkey_gui import quota
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


class _Row:
    """Everything the views ask about one token, precomputed; lists are indexed by ``Column``.

    ``seq`` is the token's place in the order the server gave, so "unsorted" can always be restored.
    """

    __slots__ = ("display", "foreground", "search", "seq", "sort", "status", "token", "tooltip")

    def __init__(self, token: Token, seq: int) -> None:
        self.token = token
        self.seq = seq
        self.status = token.status
        self.display: list[str | None] = [None] * _COLUMN_COUNT
        self.tooltip: list[str | None] = [None] * _COLUMN_COUNT
        self.sort: list[float | str] = [0.0] * _COLUMN_COUNT
        self.foreground: list[QColor | None] = [None] * _COLUMN_COUNT
        self.search = "\n".join((token.name, token.group, *token.models)).casefold()


class TokenTableModel(QAbstractTableModel):
    """All tokens of the signed-in account, in the order the server listed them (newest first).

    The model adds presentation only: labels, masks, money text, colours and sort keys. Whether a key
    is shown is the model's state (``set_revealed``) so that every view of it agrees. ``revision``
    grows on every change that can move rows or change what a filter sees, so a proxy can cache.
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
        self._rows: list[_Row] = []
        self._row_by_id: dict[int, int] | None = {}
        self._revealed: set[int] = set()
        self._front_seq = 0
        self._sort_column = -1
        self._sort_order = _ASCENDING
        self.revision = 0
        self._key_font: QFont | None = None
        self._relative_cache: dict[tuple[bool, int, int], str] = {}
        self._translate_fixed_texts()

    # -- Qt model interface -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else _COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _ALIGNMENT and section in _NUMERIC_COLUMNS:
            return _NUMERIC_ALIGNMENT
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> object:
        """Hot path: one list lookup per call, ordered by how often views ask for each role."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return row.display[column]
        if role == _FOREGROUND:
            return row.foreground[column]
        if role == _ALIGNMENT:
            return _NUMERIC_ALIGNMENT if column in _NUMERIC_COLUMNS else None
        if role == _FONT:
            return self._monospace() if column == Column.KEY else None
        if role == _TOOLTIP:
            return row.tooltip[column]
        if role == _SORT:
            return row.sort[column]
        if role == _SEARCH:
            return row.search
        if role == _STATUS:
            return row.status
        if role == _TOKEN_ID:
            return row.token.id
        if role == _TOKEN:
            return row.token
        return None

    def sort(self, column: int, order: Qt.SortOrder = _ASCENDING) -> None:
        """Order rows by ``Role.SORT`` of ``column``; ``-1`` restores the server's order.

        Ties keep the server's order in both directions, like Qt's own stable sort.
        """
        self._sort_column = column if 0 <= column < _COLUMN_COUNT else -1
        self._sort_order = order
        self._relayout()

    # -- reading ------------------------------------------------------------------------------------

    def tokens(self) -> list[Token]:
        """The tokens in row order (the server's order unless ``sort()`` was called)."""
        return [row.token for row in self._rows]

    def token_at(self, row: int) -> Token:
        return self._rows[row].token

    def row_of(self, token_id: int) -> int | None:
        if self._row_by_id is None:
            self._row_by_id = {row.token.id: number for number, row in enumerate(self._rows)}
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
        rows = self._rows
        flags = [True] * len(rows) if status is None else [row.status == status for row in rows]
        for word in words:
            flags = [flag and word in row.search for flag, row in zip(flags, rows, strict=True)]
        return flags

    # -- changing -----------------------------------------------------------------------------------

    def set_tokens(self, tokens: Iterable[Token]) -> None:
        """A full refresh; a revealed key stays revealed only if its token is still listed."""
        self.beginResetModel()
        now = self._clock()
        rows = [self._build_row(token, seq, now) for seq, token in enumerate(tokens)]
        self._revealed &= {row.token.id for row in rows}
        self._front_seq = 0
        self._rows = self._ordered(rows)
        self._rows_moved()
        self.endResetModel()

    def add_token(self, token: Token) -> None:
        """A new token goes first, as the servers list newest first (or to its place when sorted).

        A token already present is updated in place instead, so a create answered twice (a retry, or a
        refresh racing the create) never shows two rows.
        """
        if self.row_of(token.id) is not None:
            self.update_token(token)
            return
        self._front_seq -= 1
        row = self._build_row(token, self._front_seq, self._clock())
        position = self._insert_position(row, self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self._rows_moved()
        self.endInsertRows()

    def update_token(self, token: Token) -> bool:
        """Replace the row with ``token.id``; False if it is gone (a refresh may have removed it)."""
        number = self.row_of(token.id)
        if number is None:
            return False
        row = self._build_row(token, self._rows[number].seq, self._clock())
        self._rows[number] = row
        self.revision += 1
        self._emit_row_changed(number)
        self._move_into_place(number)
        return True

    def remove_token(self, token_id: int) -> bool:
        number = self.row_of(token_id)
        if number is None:
            return False
        self.beginRemoveRows(QModelIndex(), number, number)
        del self._rows[number]
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
        self._fill_key(self._rows[number])
        cell = self.index(number, Column.KEY)
        self.dataChanged.emit(cell, cell, [_DISPLAY, _TOOLTIP])

    def set_display(self, quota_per_unit: int, symbol: str = "$", rate: Decimal | int = 1) -> None:
        """Change how money reads (the site's units per dollar, currency sign, rate); units stay."""
        self._quota_per_unit = quota_per_unit
        self._symbol = symbol
        self._rate = Decimal(rate)
        for row in self._rows:
            self._fill_quota(row)
        self._emit_columns_changed(Column.REMAINING, Column.USED, [_DISPLAY, _TOOLTIP])

    def refresh_times(self) -> None:
        """Re-read the clock: relative expiry texts age, and a token may have just expired.

        Only the expiry column is repainted, plus the status cells of rows whose status really changed
        (those also move if the table is sorted by status).
        """
        now = self._clock()
        changed: list[int] = []
        for number, row in enumerate(self._rows):
            self._fill_expiry(row, now)
            if row.token.status_at(now) != row.status:
                self._fill_status(row, now)
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
        now = self._clock()
        self._rows = [self._build_row(row.token, row.seq, now) for row in self._rows]
        self._rows_moved()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, _COLUMN_COUNT - 1)

    # -- order --------------------------------------------------------------------------------------

    def _rows_moved(self) -> None:
        self._row_by_id = None
        self.revision += 1

    def _sort_key(self, row: _Row) -> float | str:
        return row.sort[self._sort_column]

    def _ordered(self, rows: list[_Row]) -> list[_Row]:
        """Server order, then a stable sort by the sort column (reverse=True keeps ties in order)."""
        ordered = sorted(rows, key=lambda row: row.seq)
        if self._sort_column >= 0:
            ordered.sort(key=self._sort_key, reverse=self._sort_order != _ASCENDING)
        return ordered

    def _precedes(self, a: _Row, b: _Row) -> bool:
        """Whether ``a`` belongs above ``b`` in the current order."""
        if self._sort_column >= 0:
            key_a, key_b = self._sort_key(a), self._sort_key(b)
            if key_a != key_b:
                return key_a < key_b if self._sort_order == _ASCENDING else key_a > key_b  # type: ignore[operator]
        return a.seq < b.seq

    def _insert_position(self, row: _Row, rows: Sequence[_Row]) -> int:
        low, high = 0, len(rows)
        while low < high:
            middle = (low + high) // 2
            if self._precedes(rows[middle], row):
                low = middle + 1
            else:
                high = middle
        return low

    def _move_into_place(self, number: int) -> None:
        """After an update, move the row if its sort key now puts it elsewhere (rowsMoved, not a reset)."""
        if self._sort_column < 0:
            return
        row = self._rows[number]
        others = self._rows[:number] + self._rows[number + 1 :]
        target = self._insert_position(row, others)
        if target == number:
            return
        destination = target if target < number else target + 1
        self.beginMoveRows(QModelIndex(), number, number, QModelIndex(), destination)
        self._rows = others
        self._rows.insert(target, row)
        self._rows_moved()
        self.endMoveRows()

    def _relayout(self) -> None:
        """Re-sort in place, carrying persistent indexes (selection, current row) to the new rows."""
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        new_rows = self._ordered(old_rows)
        new_number = {id(row): number for number, row in enumerate(new_rows)}
        persistent = self.persistentIndexList()
        if persistent:
            moved = [self.index(new_number[id(old_rows[i.row()])], i.column()) for i in persistent]
            self.changePersistentIndexList(persistent, moved)
        self._rows = new_rows
        self._rows_moved()
        self.layoutChanged.emit()

    # -- signals ------------------------------------------------------------------------------------

    def _emit_row_changed(self, number: int) -> None:
        self.dataChanged.emit(self.index(number, 0), self.index(number, _COLUMN_COUNT - 1), [])

    def _emit_columns_changed(self, first: Column, last: Column, roles: Sequence[int]) -> None:
        if self._rows:
            top_left = self.index(0, first)
            bottom_right = self.index(len(self._rows) - 1, last)
            self.dataChanged.emit(top_left, bottom_right, list(roles))

    # -- building the cache -------------------------------------------------------------------------

    def _build_row(self, token: Token, seq: int, now: datetime) -> _Row:
        row = _Row(token, seq)
        row.display[Column.NAME] = token.name
        row.tooltip[Column.NAME] = token.name
        row.sort[Column.NAME] = token.name.casefold()
        self._fill_status(row, now)
        self._fill_key(row)
        self._fill_quota(row)
        self._fill_dates(row)
        self._fill_expiry(row, now)
        return row

    def _fill_status(self, row: _Row, now: datetime) -> None:
        status = row.token.status_at(now)
        row.status = status
        row.display[Column.STATUS] = self._status_labels[status]
        row.foreground[Column.STATUS] = STATUS_COLORS.get(status)
        row.sort[Column.STATUS] = float(status) if status != TokenStatus.UNKNOWN else _TOP

    def _fill_key(self, row: _Row) -> None:
        """The one place that decides whether a full key may become text."""
        token = row.token
        masked = mask_key(token.key)
        shown = token.id in self._revealed and not token.key_is_masked
        row.display[Column.KEY] = token.key if shown else masked
        row.tooltip[Column.KEY] = None if shown else self._hidden_key_tip
        row.sort[Column.KEY] = masked.casefold()

    def _fill_quota(self, row: _Row) -> None:
        token = row.token
        if token.unlimited:
            row.display[Column.REMAINING] = self._unlimited
            row.tooltip[Column.REMAINING] = self._unlimited_tip
            row.sort[Column.REMAINING] = _TOP
        else:
            row.display[Column.REMAINING] = self._quota_text(token.remain_quota)
            row.tooltip[Column.REMAINING] = self._units_format.format(units=f"{token.remain_quota:,}")
            row.sort[Column.REMAINING] = float(token.remain_quota)
        row.display[Column.USED] = self._quota_text(token.used_quota)
        row.tooltip[Column.USED] = self._units_format.format(units=f"{token.used_quota:,}")
        row.sort[Column.USED] = float(token.used_quota)

    def _fill_dates(self, row: _Row) -> None:
        created, accessed = row.token.created_at, row.token.accessed_at
        row.display[Column.CREATED] = _MISSING if created is None else local_datetime_text(created)
        row.sort[Column.CREATED] = _BOTTOM if created is None else created.timestamp()
        row.display[Column.LAST_USED] = _MISSING if accessed is None else local_datetime_text(accessed)
        row.sort[Column.LAST_USED] = _BOTTOM if accessed is None else accessed.timestamp()

    def _fill_expiry(self, row: _Row, now: datetime) -> None:
        expires = row.token.expires_at
        if expires is None:
            row.display[Column.EXPIRES] = self._never
            row.tooltip[Column.EXPIRES] = self._never_tip
            row.foreground[Column.EXPIRES] = None
            row.sort[Column.EXPIRES] = _TOP
            return
        left = expires - now
        row.display[Column.EXPIRES] = self.relative_time(left)
        if row.tooltip[Column.EXPIRES] is None:  # the exact time never changes; the clock only ages
            row.tooltip[Column.EXPIRES] = local_datetime_text(expires)
        row.sort[Column.EXPIRES] = expires.timestamp()
        if left <= timedelta(0):
            row.foreground[Column.EXPIRES] = EXPIRY_PAST_COLOR
        elif left <= EXPIRY_WARNING:
            row.foreground[Column.EXPIRES] = EXPIRY_SOON_COLOR
        else:
            row.foreground[Column.EXPIRES] = None

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


class TokenFilterProxy(QSortFilterProxyModel):
    """Search-as-you-type and the status filter over a :class:`TokenTableModel`.

    Filtering: on each change the model computes one accept flag per row in a single Python pass
    (``rows_matching``); ``filterAcceptsRow`` is then a list lookup, recomputed lazily whenever the
    model's ``revision`` moves. Sorting: forwarded to the model (see the module docstring), so this
    proxy's own C++ sort column stays -1 and filter changes never run comparisons.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._status: TokenStatus | None = None
        self._tokens: TokenTableModel | None = None
        self._accepted: list[bool] = []
        self._accepted_revision = -1
        self.setSortRole(Role.SORT)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: TokenTableModel) -> None:  # type: ignore[override]
        self._tokens = model
        self._accepted_revision = -1
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = _ASCENDING) -> None:
        if self._tokens is not None:
            self._tokens.sort(column, order)

    def sortColumn(self) -> int:
        return self._tokens.sort_column() if self._tokens is not None else -1

    def sortOrder(self) -> Qt.SortOrder:
        return self._tokens.sort_order() if self._tokens is not None else _ASCENDING

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
            self._begin_filter_change()
            self._words = words
            self._end_filter_change()

    def set_status_filter(self, status: TokenStatus | None) -> None:
        """``None`` shows all; otherwise the *effective* status must match (an "enabled" token whose
        expiry passed counts as expired), since that is what a pasted key would meet."""
        if status != self._status:
            self._begin_filter_change()
            self._status = status
            self._end_filter_change()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        tokens = self._tokens
        if tokens is None:
            return True
        if self._accepted_revision != tokens.revision:
            self._accepted = tokens.rows_matching(self._words, self._status)
            self._accepted_revision = tokens.revision
        return self._accepted[source_row]

    # Qt 6.10 deprecates invalidateRowsFilter() for begin/endFilterChange(); both refilter rows only.
    def _begin_filter_change(self) -> None:
        if _HAS_FILTER_CHANGE:
            self.beginFilterChange()

    def _end_filter_change(self) -> None:
        self._accepted_revision = -1
        if _HAS_FILTER_CHANGE:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            self.invalidateRowsFilter()
