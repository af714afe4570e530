"""Search-as-you-type and the status filter over a ``TokenTableModel`` (see ``TokenFilterProxy``)."""

from __future__ import annotations

import itertools
import re
import weakref
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelRoleData, QModelRoleDataSpan, QObject, QSortFilterProxyModel, Qt

from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.ui.token_cells import AnyIndex, Role
from openkey_gui.ui.token_model import TokenTableModel

ASCENDING = Qt.SortOrder.AscendingOrder
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


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

    def sort(self, column: int, order: Qt.SortOrder = ASCENDING) -> None:
        if self._tokens is not None:
            self._tokens.sort(column, order)

    def sortColumn(self) -> int:
        return self._tokens.sort_column() if self._tokens is not None else -1

    def sortOrder(self) -> Qt.SortOrder:
        return self._tokens.sort_order() if self._tokens is not None else ASCENDING

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

