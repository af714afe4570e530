"""The usage view: what the selected token (or the whole account) cost per day and per model, and its
newest requests.

It holds no figures of its own: ``UsageRoom`` loads and caches them, and this widget shows the one
answer that fits the scope and the period chosen. It is made the first time the user opens it, so
start-up loads none of its code.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api import Token
from openkey_gui.api.quota import format_units
from openkey_gui.api.usage import UsageEntry, UsagePage
from openkey_gui.api.usage_report import DAY, UsageReport
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.i18n import current_language
from openkey_gui.ui.token_cells import MISSING, local_datetime_text
from openkey_gui.ui.usage_chart import Bar, BarChart
from openkey_gui.ui.usage_room import ReportKey, UsageRoom

AnyIndex = QModelIndex | QPersistentModelIndex
PERIODS = (7, 30)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
RIGHT_FLAGS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SHARE_ROLE = int(Qt.ItemDataRole.UserRole)
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)


class ShareDelegate(QStyledItemDelegate):
    """A bar of the model's share of the cost behind its percentage, in the palette's accent."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        share = index.data(SHARE_ROLE)
        if isinstance(share, float) and share > 0:
            box = QRectF(option.rect).adjusted(3, 4, -3, -4)  # type: ignore[attr-defined]
            box.setWidth(max(box.width() * share, 2.0))
            accent = QColor(option.palette.color(QPalette.ColorRole.Highlight))  # type: ignore[attr-defined]
            accent.setAlpha(110)
            painter.fillRect(box, accent)
        super().paint(painter, option, index)


class RecentRequests(QAbstractTableModel):
    """The newest requests, a page at a time: Qt asks ``fetchMore`` as the view scrolls to the end.

    Rows are kept as tuples of ready texts, made by :meth:`render` on the worker thread that read the
    page: painting then only indexes a tuple, and 10,000 rows are 10,000 tuples of strings, which the
    garbage collector stops tracking, rather than 10,000 objects it walks at every full collection.
    Only the words that change with the language (seconds, yes / no) are added when a cell is shown.
    """

    wants_page = Signal(int)

    def __init__(self, money: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._money = money
        self._rows: list[tuple[Any, ...]] = []
        self._next_page = 0
        self._finished = False
        self._asking = False
        self._headers: tuple[str, ...] = ()
        self._seconds, self._yes, self._no = "{0} s", "yes", "no"
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = (self.tr("Time"), self.tr("Token"), self.tr("Model"), self.tr("Prompt"),
                         self.tr("Completion"), self.tr("Cost"), self.tr("Latency"), self.tr("Stream"))
        self._seconds, self._yes, self._no = self.tr("{0} s"), self.tr("yes"), self.tr("no")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 6), self.index(len(self._rows) - 1, 7))

    def render(self, entries: Sequence[UsageEntry]) -> list[tuple[Any, ...]]:
        """Rows for ``entries``; plain Python, so any thread may call it."""
        money = self._money
        return [(local_datetime_text(e.created_at) if e.created_at else MISSING, e.token_name, e.model,
                 f"{e.prompt_tokens:,}", f"{e.completion_tokens:,}", money(e.quota),
                 None if e.elapsed_ms is None else f"{e.elapsed_ms / 1000:.1f}", e.stream) for e in entries]

    def reset(self) -> None:
        self.beginResetModel()
        self._rows, self._next_page, self._finished, self._asking = [], 0, False, False
        self.endResetModel()

    def add_page(self, number: int, page: UsagePage, page_size: int, rows: list[tuple[Any, ...]] | None = None) -> None:
        """A page arrived (with its rows when they were made off the GUI thread); a page that is not
        the next one (an old scope's) is dropped."""
        if number != self._next_page:
            return
        self._asking = False
        self._next_page += 1
        fresh = rows if rows is not None else self.render(page.entries)
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()
        self._finished = (not fresh or (page.total is not None and len(self._rows) >= page.total)
                          or (page.total is None and len(fresh) < page_size))

    def page_failed(self) -> None:
        """The page asked for did not come: it is asked again when the view next wants more."""
        self._asking = False

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = index.column()
        if role == DISPLAY:
            value = self._rows[index.row()][column]
            if column == 6:
                return MISSING if value is None else self._seconds.format(value)
            if column == 7:
                return self._yes if value else self._no
            return value
        if role == ALIGNMENT:
            return RIGHT if 3 <= column <= 6 else None
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._finished and not self._asking

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.canFetchMore(parent):
            self._asking = True
            self.wants_page.emit(self._next_page)


class UsageView(QWidget):
    """Scope, period and "as of" line; the chart of days; the split by model; the newest requests."""

    def __init__(self, room: UsageRoom, money: Callable[[int], str], money_value: Callable[[int], float],
                 page_size: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageView")
        self._room = room
        self._money = money
        self._page_size = page_size
        self._token: Token | None = None
        self._report: UsageReport | None = None
        self._shown_key: ReportKey | None = None  # whose figures the chart and total show
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        top = QHBoxLayout()
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("usageScope")
        self.period = QComboBox(self)
        self.period.setObjectName("usagePeriod")
        for days in PERIODS:
            self.period.addItem("", days)
        self.as_of = QLabel(self)
        self.as_of.setObjectName("usageAsOf")
        self.busy = QProgressBar(self)
        self.busy.setObjectName("usageBusy")
        self.busy.setRange(0, 0)  # indeterminate: the number of requests is not known in advance
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.refresh_button = QToolButton(self)
        self.refresh_button.setObjectName("usageRefresh")
        for widget, stretch in ((self.scope_label, 1), (self.busy, 0), (self.as_of, 0), (self.period, 0),
                                (self.refresh_button, 0)):
            top.addWidget(widget, stretch)
        layout.addLayout(top)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("usageError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("usageTotal")
        layout.addWidget(self.total_label)
        self.chart = BarChart(money, money_value, self)
        self.chart.setObjectName("usageChart")
        layout.addWidget(self.chart, 3)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("usageTabs")
        self.models = QTableWidget(0, 6, self)
        self.models.setObjectName("usageModels")
        self.models.setItemDelegateForColumn(5, ShareDelegate(self.models))
        self.model_note = QLabel(self)
        self.model_note.setObjectName("usageModelNote")
        self.model_note.setWordWrap(True)
        models_page = QWidget(self)
        models_layout = QVBoxLayout(models_page)
        models_layout.setContentsMargins(0, 0, 0, 0)
        models_layout.addWidget(self.models, 1)
        models_layout.addWidget(self.model_note)
        self.recent_model = RecentRequests(money, self)
        self.recent = QTableView(self)
        self.recent.setObjectName("usageRecent")
        self.recent.setModel(self.recent_model)
        for table in (self.models, self.recent):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().hide()
            table.setAlternatingRowColors(True)
            table.horizontalHeader().setStretchLastSection(True)
        # A handful of models: fit them. Thousands of requests: fixed widths, or every page that arrives
        # would measure every row again (a stall that grows with the rows).
        self.models.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.recent.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.recent.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for column, characters in enumerate((17, 16, 22, 9, 10, 10, 8, 6)):
            self.recent.setColumnWidth(column, self.fontMetrics().horizontalAdvance("0") * characters + 12)
        self.tabs.addTab(models_page, "")
        self.tabs.addTab(self.recent, "")
        layout.addWidget(self.tabs, 2)
        self.retranslate()

        self.period.currentIndexChanged.connect(lambda _: self.load())
        self.refresh_button.clicked.connect(lambda: self.load(force=True))
        self.recent_model.wants_page.connect(
            lambda number: room.load_page(self._token, number, self.recent_model.render))
        room.report_loaded.connect(self._report_loaded)
        room.page_loaded.connect(self._page_loaded)
        room.failed.connect(self._failed)
        room.loading.connect(self.busy.setVisible)

    def retranslate(self) -> None:
        self.period.setItemText(0, self.tr("Last 7 days"))
        self.period.setItemText(1, self.tr("Last 30 days"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the figures again from the site"))
        self.tabs.setTabText(0, self.tr("By model"))
        self.tabs.setTabText(1, self.tr("Recent requests"))
        self.models.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Requests"), self.tr("Prompt"),
                                               self.tr("Completion"), self.tr("Cost"), self.tr("Share")])
        self.recent_model.retranslate()
        self._show_scope()
        if self._report is not None:
            self._show(self._report)

    # -- what is shown ----------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return int(self.period.currentData() or 7)

    def set_token(self, token: Token | None) -> None:
        """The selected token, or None for the whole account; loads when it changed."""
        same = (token.id if token else None) == (self._token.id if self._token else None)
        if same and self._report is not None and self._report is self._room.cached_report(self._key()):
            self._token = token
            return
        self._token = token
        self.load()

    def load(self, *, force: bool = False) -> None:
        self._show_scope()
        self.error_label.hide()
        self.recent_model.reset()
        if self._shown_key != self._key():
            # Another scope or period: on a slow site the old figures would stand under the new name.
            self._clear_figures(self.tr("Loading…"))
        self._room.load_report(self._token, self.days, force=force)

    def clear(self) -> None:
        self._token = None
        self.recent_model.reset()
        self._clear_figures("")
        self._show_scope()

    def _clear_figures(self, total_text: str) -> None:
        self._report, self._shown_key = None, None
        self.chart.set_bars([], total_text)
        self.models.setRowCount(0)
        self.total_label.setText(total_text)
        self.as_of.clear()

    def key(self) -> ReportKey:
        """The scope and period shown: (token id or None for the account, days)."""
        return self._key()

    def _key(self) -> ReportKey:
        return (self._token.id if self._token else None, self.days)

    def _show_scope(self) -> None:
        if self._token is None:
            self.scope_label.setText(self.tr("<b>Whole account</b>"))
        else:
            self.scope_label.setText(self.tr("<b>Token “{0}”</b>").format(html.escape(self._token.name)))

    def _report_loaded(self, key: ReportKey, report: UsageReport) -> None:
        if key != self._key():
            return  # an answer for another scope or period
        if report is not self._report and self.recent_model.rowCount():
            self.recent_model.reset()  # fresher figures: the newest requests are read again with them
        self._report, self._shown_key = report, key
        self.error_label.hide()  # whatever failed before, this scope's figures are here now
        self._show(report)
        if report.first_page is not None:
            self.recent_model.add_page(0, report.first_page, self._page_size())
        elif self.recent_model.canFetchMore(QModelIndex()):
            self.recent_model.fetchMore(QModelIndex())

    def _page_loaded(self, token_id: int | None, number: int, page: UsagePage, rows: list[tuple[Any, ...]]) -> None:
        if token_id == (self._token.id if self._token else None):
            self.recent_model.add_page(number, page, self._page_size(), rows)

    def _failed(self, what: str, exc: BaseException) -> None:
        if what == "week":
            return  # the table's column says so itself
        if what == "page":
            self.recent_model.page_failed()
        elif self._shown_key is None:
            self._clear_figures("")  # no longer loading: the error below says why
        self.error_label.setText(self.tr("Could not read the usage: {0}").format(describe(exc)))
        self.error_label.show()

    def _show(self, report: UsageReport) -> None:
        locale = QLocale(current_language())
        self.as_of.setText(self.tr("as of {0}").format(report.as_of.astimezone().strftime("%H:%M")))
        requests = sum(r or 0 for r in report.daily_requests)
        known = all(r is not None for r in report.daily_requests)
        total = self._money(report.total)
        self.total_label.setText(
            self.tr("Spent {0} in {1} days · {2} requests").format(total, report.days, f"{requests:,}") if known
            else self.tr("Spent {0} in {1} days").format(total, report.days))
        self.chart.set_bars([self._bar(report, index, locale) for index in range(report.days)],
                            self.tr("Nothing spent in this period."))
        self._show_models(report)

    def _bar(self, report: UsageReport, index: int, locale: QLocale) -> Bar:
        day: datetime = report.since + index * DAY
        date = QDate(day.year, day.month, day.day)
        value, requests = report.daily[index], report.daily_requests[index]
        lines = [self.tr("{0} (UTC)").format(locale.toString(date, "ddd d MMM")),
                 self.tr("Spent {0} ({1} units)").format(self._money(value), format_units(value))]
        if requests is not None:
            lines.append(self.tr("1 request") if requests == 1 else self.tr("{0} requests").format(f"{requests:,}"))
        return Bar(value, locale.toString(date, "M/d"), "\n".join(lines))

    def _show_models(self, report: UsageReport) -> None:
        rows = report.models
        self.models.setRowCount(len(rows))
        whole = sum(row.quota for row in rows) or 1
        for number, row in enumerate(rows):
            share = row.quota / whole
            cells = (row.model, f"{row.requests:,}",
                     "—" if row.prompt_tokens is None else f"{row.prompt_tokens:,}",
                     "—" if row.completion_tokens is None else f"{row.completion_tokens:,}",
                     self._money(row.quota), f"{share:.0%}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 1 <= column <= 5:
                    item.setTextAlignment(RIGHT_FLAGS)
                if column == 5:
                    item.setData(SHARE_ROLE, share)
                self.models.setItem(number, column, item)
        notes = []
        if report.models_days < report.days:
            notes.append(self.tr("The split by model covers the last {0} days: the site keeps no more.").format(
                report.models_days))
        if report.models_partial:
            notes.append(self.tr("The split by model is of the newest requests only; the days are exact."))
        if rows and rows[0].prompt_tokens is None:
            notes.append(self.tr("The site sums prompt and completion tokens together."))
        self.model_note.setText(" ".join(notes))
        self.model_note.setVisible(bool(notes))

