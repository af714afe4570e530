"""The token table as the main window builds it, without the rest of the window.

The model, search and sort benchmarks need the real ``TokenTableModel`` + ``TokenFilterProxy`` behind a
real, shown ``QTableView`` configured like ``MainWindow._build_central`` (sorting on, newest first,
fixed row height, no ``ResizeToContents``), but not the tray, menus or keyring, so that they measure
the table and nothing else. Keep the settings below in step with the window.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView

from openkey_gui.ui.token_cells import Column
from openkey_gui.ui.token_filter import TokenFilterProxy
from openkey_gui.ui.token_model import TokenTableModel

COLUMN_WIDTHS = (180, 85, 135, 135, 125, 130, 105, 130)  # DEFAULT_COLUMN_WIDTHS in main_window.py


def application() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication(sys.argv[:1])


def make_view(model: Any, *, sort: bool = True) -> QTableView:
    """A shown 1100x680 table over ``model`` with the window's settings; newest first when ``sort``."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(COLUMN_WIDTHS):
        header.resizeSection(column, width)
    if sort:
        header.setSortIndicator(Column.CREATED, Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
    view.resize(1100, 600)
    view.show()
    settle()
    return view


def token_table() -> tuple[TokenTableModel, TokenFilterProxy, QTableView]:
    model = TokenTableModel()
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy, make_view(proxy)


def settle() -> None:
    """Run everything queued, paint included: the user sees the table only after this."""
    app = application()
    app.processEvents()
    app.processEvents()


def timed(action: Callable[[], object]) -> float:
    """Milliseconds for ``action`` plus the event processing (layout, paint) it causes."""
    started = time.perf_counter()
    action()
    settle()
    return (time.perf_counter() - started) * 1000


class PlainModel(QAbstractTableModel):
    """The floor: precomputed strings and nothing else, the least a Python model can do."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMN_WIDTHS)

    def data(self, index: Any, role: int = 0) -> object:
        if role == 0 and index.isValid():
            return self._rows[index.row()][index.column()]
        return None


def plain_table() -> tuple[PlainModel, QTableView]:
    """``PlainModel`` behind Qt's own (C++) ``QSortFilterProxyModel`` in the same view: Qt's share."""
    model = PlainModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = make_view(proxy, sort=False)
    view._keep = (model, proxy)  # type: ignore[attr-defined]
    return model, view
